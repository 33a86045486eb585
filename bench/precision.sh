#!/usr/bin/env bash
# The instrument's precision benchmark (issue 10): runs E1 sync and async, E2 sync and async, E7 and
# 100 000 requests/s async, N times each (default 3), on the real clock, and prints the medians of
# Avg rate, overhead percentiles, the pacer's and the calls' own lateness, CPU per 1000 requests and
# peak RSS as a Markdown table; then, from `timer-floor` run once a round, the machine's floor (how
# late the kernel wakes a thread alone from a 1 ms sleep) beside the tool's timers on the same waits.
#
#   bench/precision.sh [--runs N] [--timer precise|dotnet] [--quick]
#
# --quick runs each scenario for about 2 s instead of the article's length (a smoke test, not figures
# to quote). Timing figures mean something only on an otherwise idle machine: the script prints the
# load average before and after, and warns when it is above 0.5.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=3
timer=precise
quick=0
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --timer) timer="$2"; shift 2 ;;
    --quick) quick=1; shift ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "precision.sh: unknown argument \"$1\" — expected --runs N, --timer precise|dotnet or --quick" >&2; exit 2 ;;
  esac
done
case "$runs" in ''|*[!0-9]*|0) echo "precision.sh: --runs \"$runs\" — expected a whole number ≥ 1" >&2; exit 2 ;; esac
case "$timer" in precise|dotnet) ;; *) echo "precision.sh: --timer \"$timer\" — expected precise or dotnet" >&2; exit 2 ;; esac

dotnet build src/ConcurrencyDemo.Cli -c Release -v quiet -nologo >/dev/null
cli=src/ConcurrencyDemo.Cli/bin/Release/net10.0/concurrency-demo-benchmarks
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# id | rate | requests | mode
scenarios=(
  "E1 sync 50|1000|10000|sync --threads 50"
  "E1 async|1000|10000|async"
  "E2 sync 50|2000|10000|sync --threads 50"
  "E2 async|2000|10000|async"
  "E7 async|10000|100000|async"
  "100k async|100000|1000000|async"
)

load() { cut -d' ' -f1 /proc/loadavg; }
echo "load average before: $(load) (timer $timer, $runs run(s) each, $(nproc) cores)" >&2
if awk -v l="$(load)" 'BEGIN { exit !(l > 0.5) }'; then
  echo "warning: load average above 0.5 — something else is running; figures will be noisy" >&2
fi

for round in $(seq 1 "$runs"); do
  # The machine's floor this round: how late the kernel wakes a thread alone, beside the tool's timers.
  echo "round $round/$runs: timer-floor" >&2
  "$cli" timer-floor --waits "$([ "$quick" -eq 1 ] && echo 200 || echo 2000)" >"$out/floor_r${round}.txt" 2>/dev/null
  for i in "${!scenarios[@]}"; do
    IFS='|' read -r id rate count mode <<<"${scenarios[$i]}"
    if [ "$quick" -eq 1 ]; then count=$((rate * 2)); fi
    echo "round $round/$runs: $id ($count requests at $rate/s)" >&2
    # shellcheck disable=SC2086 # the mode's words are separate arguments
    "$cli" --quiet --output "$out" --name "s${i}_r${round}" --timer "$timer" \
      --rate "$rate" --num_req "$count" --latency "20ms*10" $mode >/dev/null
  done
done

echo "load average after: $(load)" >&2
python3 - "$out" "$runs" "$timer" "${scenarios[@]}" <<'PY'
import json, statistics, sys, pathlib
out, runs, timer, scenarios = pathlib.Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4:]
def med(values): return statistics.median(values)
print(f"| scenario (timer {timer}, median of {runs}) | Avg rate | p50 | p90 | p99 | p99.9 | p100 | pacer p99 | calls p99 | CPU ms / 1000 req | of it the probe | peak RSS MiB | machine p99.9 / max | runs with a stall | p99 of runs without | p99 / p99.9 without the stalls |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for i, line in enumerate(scenarios):
    scenario_id = line.split("|")[0]
    docs = [json.loads((out / f"s{i}_r{r}.json").read_text()) for r in range(1, runs + 1)]
    def pct(doc, p): return next(x["overhead_ms"] for x in doc["percentiles"] if abs(x["percentile"] - p) < 1e-9)
    stalled = [d['machine']['timer']['machine_stalls']['count'] > 0 for d in docs]
    calm = [pct(d, 99) for d, s in zip(docs, stalled) if not s]
    row = [
        f"{med([d['summary']['avg_rate'] for d in docs]):.3f}",
        *[f"{med([pct(d, p) for d in docs]):.3f}" for p in (50, 90, 99, 99.9, 100)],
        f"{med([d['machine']['timer']['pacer_lateness_ms']['p99'] for d in docs]):.3f}",
        f"{med([d['machine']['timer']['call_lateness_ms']['p99'] for d in docs]):.3f}",
        f"{med([d['machine']['cpu_seconds'] / d['summary']['sent'] * 1e6 for d in docs]):.1f}",
        f"{med([(d['machine']['timer'].get('machine_probe_cpu_seconds') or 0) / d['summary']['sent'] * 1e6 for d in docs]):.1f}",
        f"{med([d['machine']['peak_rss_bytes'] / 2**20 for d in docs]):.1f}",
        # The machine's own floor beside each run (a 1 ms sleeper pinned to each CPU): a stall is a wake-up >= 5 ms late.
        f"{med([d['machine']['timer']['machine_lateness_ms']['p999'] for d in docs]):.3f} / {max(d['machine']['timer']['machine_lateness_ms']['max'] for d in docs):.1f}",
        f"{sum(1 for d in stalled if d)}/{runs}",
        f"{med(calm):.3f}" if calm else "—",
        # Each run's overhead with the requests a stall overlapped left out (the run's own where it had none).
        " / ".join(f"{med(clean):.3f}" for clean in zip(*[(c['p99'], c['p999']) for c in cleaned]))
        if (cleaned := [d['machine']['timer'].get('overhead_without_stalls_ms') for d in docs]) and all(cleaned) else "—",
    ]
    print(f"| {scenario_id} | " + " | ".join(row) + " |")
print("\nOverhead percentiles and lateness in ms. CPU: the whole process from the run's zero to its end; \"of it the probe\": what")
print("the machine probe's own sleepers used. Machine: a thread of the same process pinned to each CPU, sleeping 1 ms beside")
print("the run (its \"machine:\" line); a run with a stall had at least one wake-up 5 ms or more late, a freeze of the machine")
print("(or of one of its CPUs) no timer on it can beat; \"p99 of runs without\" is the median p99 of the runs without one (—")
print("when every run had a stall). \"Without the stalls\": the median over the runs of each run's p99 and p99.9 with every request")
print("left out that a stall overlapped (its \"without the stalls\" line; — when a run could not compute it).")

# The floor: `timer-floor` rows (waits of 1 ms, one at a time, nothing else running in the process).
floors = {}
for r in range(1, runs + 1):
    for line in (out / f"floor_r{r}.txt").read_text().splitlines():
        cells = [c for c in line.split("  ") if c.strip()]
        if len(cells) >= 6 and cells[1].strip().replace(".", "", 1).isdigit():
            floors.setdefault(cells[0].strip(), []).append([float(c) for c in cells[1:5]])
print(f"\n| 1 ms wait, alone in the process (timer-floor, median of {runs}) | p50 | p99 | p99.9 | max |")
print("|---|---|---|---|---|")
for name, rows in floors.items():
    print(f"| {name} | " + " | ".join(f"{med([row[k] for row in rows]):.3f}" for k in range(4)) + " |")
PY
