// A reference for the sync mode, std only (no crates): the original tool's sync design on this machine.
// A pacer thread releases request i at t0 + i/rate (thread::sleep until then), worker threads take
// requests from one shared channel and thread::sleep the latency; overhead = completion - intended
// start - latency (ms). Prints p50/p90/p99/p99.9/max and the pacer's own lateness.
// Build and run (E1): rustc -O -o sync_std sync_std.rs && ./sync_std 1000 10000 20 50
// usage: sync_std [rate] [requests] [latency_ms] [threads]
use std::sync::{mpsc, Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

fn pct(v: &mut Vec<f64>, p: f64) -> f64 {
    let i = ((p / 100.0) * (v.len() as f64 - 1.0)).round() as usize;
    v[i]
}

fn main() {
    let a: Vec<String> = std::env::args().collect();
    let rate: f64 = a.get(1).map(|s| s.parse().unwrap()).unwrap_or(1000.0);
    let n: usize = a.get(2).map(|s| s.parse().unwrap()).unwrap_or(10000);
    let lat = Duration::from_micros((a.get(3).map(|s| s.parse::<f64>().unwrap()).unwrap_or(20.0) * 1000.0) as u64);
    let threads: usize = a.get(4).map(|s| s.parse().unwrap()).unwrap_or(50);
    let (tx, rx) = mpsc::channel::<(usize, Instant)>();
    let rx = Arc::new(Mutex::new(rx));
    let results = Arc::new(Mutex::new(Vec::with_capacity(n)));
    let mut workers = Vec::new();
    for _ in 0..threads {
        let rx = rx.clone();
        let results = results.clone();
        workers.push(thread::spawn(move || loop {
            let job = { rx.lock().unwrap().recv() };
            match job {
                Ok((_i, intended)) => {
                    thread::sleep(lat);
                    let done = Instant::now();
                    let over = done.duration_since(intended).as_secs_f64() * 1000.0 - lat.as_secs_f64() * 1000.0;
                    results.lock().unwrap().push(over);
                }
                Err(_) => break,
            }
        }));
    }
    thread::sleep(Duration::from_millis(200)); // workers started before the clock's zero
    let t0 = Instant::now();
    let mut pacer = Vec::with_capacity(n);
    for i in 0..n {
        let intended = t0 + Duration::from_secs_f64(i as f64 / rate);
        let now = Instant::now();
        if intended > now { thread::sleep(intended - now); }
        pacer.push(Instant::now().duration_since(intended).as_secs_f64() * 1000.0);
        tx.send((i, intended)).unwrap();
    }
    drop(tx);
    for w in workers { w.join().unwrap(); }
    let mut v = results.lock().unwrap().clone();
    v.sort_by(|x, y| x.partial_cmp(y).unwrap());
    pacer.sort_by(|x, y| x.partial_cmp(y).unwrap());
    println!("rust std sync {} threads: overhead p50 {:.3} p90 {:.3} p99 {:.3} p99.9 {:.3} max {:.3} ms; pacer late p50 {:.3} p99 {:.3} ms",
        threads, pct(&mut v, 50.0), pct(&mut v, 90.0), pct(&mut v, 99.0), pct(&mut v, 99.9), v[v.len() - 1], pct(&mut pacer, 50.0), pct(&mut pacer, 99.0));
}
