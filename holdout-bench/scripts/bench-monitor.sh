#!/usr/bin/env bash
# The monitor benchmark (docs/benchmarks.md, issue 5): `holdout monitor` streams a prediction log of ROWS rows
# (default 50,000,000, from `Synthetic monitor`, 365 days) with daily windows, under a heap capped at
# ${MONITOR_HEAP:-2g}, and reports wall time, peak resident memory and the largest heap left after a
# garbage collection (from the GC log).
#   bench-monitor.sh [ROWS] [DAYS]    data goes to ${BENCH_DIR:-holdout-bench/target/bench}/monitor-ROWS
# Run it under `flock /tmp/holdout-bench.lock` on a shared machine.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
rows="${1:-50000000}"
days="${2:-365}"
out="${BENCH_DIR:-$root/holdout-bench/target/bench}/monitor-$rows"
cd "$root"
./mvnw -q -B -o -Dmaven.test.skip=true install >&2
if [ ! -f "$out/log.csv" ]; then
  mkdir -p "$out"
  java -cp holdout-bench/target/classes dev.holdout.bench.Synthetic monitor "$out" "$rows" "$days"
fi
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1); log $(du -h "$out/log.csv" | cut -f1); 1-minute load $(cut -d' ' -f1 /proc/loadavg)" >&2
/usr/bin/time -f "holdout monitor, $rows rows, daily windows: %e s wall, %U s user, %S s system, %M KB peak resident" \
  java -XX:+UseParallelGC -Xmx"${MONITOR_HEAP:-2g}" -Xlog:gc:file="$out/gc.log" -jar holdout-cli/target/holdout-cli.jar \
  monitor "$out/log.csv" --reference "$out/reference.csv" --suite examples/monitor/suite.yaml --window day \
  --outcomes "$out/outcomes.csv" --json "$out/monitor.json" > "$out/monitor.txt" || true
awk -F'->' '/Pause/ { split($2, a, "M"); if (a[1] + 0 > m) m = a[1] + 0 } END { print "largest heap after a collection: " m " MB" }' "$out/gc.log" >&2
head -4 "$out/monitor.txt" >&2
