#!/usr/bin/env bash
# Bounded-memory soak: a real-clock async run of 10 M requests at 100 000 rps (about 100 s) in
# Release, sampling the process's resident memory (VmRSS from /proc/PID/status) every second.
# Prints the series (MiB) and min/median/max, overall and after a 10 s warm-up, then the run's summary.
# Usage: bash bench/rss-soak.sh [NUM_REQ] [RATE] [LATENCY]   (not part of `dotnet test`)
set -euo pipefail
cd "$(dirname "$0")/.."

num_req=${1:-10000000}
rate=${2:-100000}
latency=${3:-20ms*10}

dotnet build -c Release src/ConcurrencyDemo.Cli -v quiet -nologo >/dev/null
dll=src/ConcurrencyDemo.Cli/bin/Release/net10.0/concurrency-demo-benchmarks.dll
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# `dotnet app.dll` runs the app in the same process, so $! is the process whose memory we read.
dotnet "$dll" --name rss_soak --rate "$rate" --num_req "$num_req" --latency "$latency" --quiet --output "$out" async \
  >"$out/summary.txt" 2>"$out/stderr.txt" &
pid=$!

series=()
second=0
while kill -0 "$pid" 2>/dev/null; do
  kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
  if [ -n "$kb" ]; then
    series+=("$second $kb")
  fi
  sleep 1
  second=$((second + 1))
done
wait "$pid" || { echo "run failed:"; cat "$out/stderr.txt"; exit 1; }

echo "second rss_mib"
for s in "${series[@]}"; do
  awk '{printf "%d %.1f\n", $1, $2 / 1024}' <<<"$s"
done

stats() { # reads KB values on stdin, prints min/median/max in MiB
  sort -n | awk '{v[NR] = $1} END {
    if (NR == 0) { print "no samples"; exit }
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "samples %d  min %.1f MiB  median %.1f MiB  max %.1f MiB\n", NR, v[1] / 1024, m / 1024, v[NR] / 1024 }'
}
echo -n "all:               "; printf '%s\n' "${series[@]}" | awk '{print $2}' | stats
echo -n "after 10 s warm-up: "; printf '%s\n' "${series[@]}" | awk '$1 >= 10 {print $2}' | stats
echo "--- run summary ---"
cat "$out/summary.txt" | grep -v '^Wrote '
