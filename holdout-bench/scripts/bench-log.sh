#!/usr/bin/env bash
# The prediction-log ingestion benchmark (issue 21; docs/benchmarks.md, docs/monitor.md): `holdout serve` on
# the embedded store, a project whose suite has a monitor section, and ROWS log rows (default 1,000,000, from
# `Synthetic monitor`) POSTed to /api/v1/projects/{p}/log with a service token, in batches of BATCH rows
# (default 50,000) by PARALLEL clients (default 2), each batch named by an Idempotency-Key. Prints rows per
# second from the first request to the last acknowledgement (each 2xx is sent only once the batch is on disk),
# and per second of the server's CPU (user + system, from /proc), the figure to trust on a shared machine.
# The suite's monitor window is ${WINDOW:-10000000-rows}: by default no window closes during the run, so the
# figure is ingestion alone; WINDOW=100000-rows has the scheduler judge windows while the log streams in.
#   bench-log.sh [ROWS] [BATCH] [PARALLEL]     data goes to ${BENCH_DIR:-/tmp/holdout-bench}/log-ROWS
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
rows="${1:-1000000}"
batch="${2:-50000}"
parallel="${3:-2}"
out="${BENCH_DIR:-/tmp/holdout-bench}/log-$rows"
port="${PORT:-18183}"
cd "$root"
[ -f holdout-bench/target/classes/dev/holdout/bench/Synthetic.class ] || ./mvnw -q -B -o -pl holdout-bench -am compile >&2
if [ ! -f "$out/log.csv" ]; then
  mkdir -p "$out"
  java -cp holdout-bench/target/classes:holdout-core/target/classes dev.holdout.bench.Synthetic monitor "$out" "$rows" 42
fi
rm -rf "$out/batches" && mkdir -p "$out/batches"
tail -n +2 "$out/log.csv" | split -l "$batch" -d -a 4 - "$out/batches/b"
head -1 "$out/log.csv" > "$out/header.csv"
for f in "$out"/batches/b*; do cat "$out/header.csv" "$f" > "$f.csv" && rm "$f"; done
# the example's suite (data.path reference.csv sits beside it) with a monitor section
{ cat examples/monitor/suite.yaml; printf 'monitor: {window: %s}\n' "${WINDOW:-10000000-rows}"; } > "$out/suite.yaml"
data="$(mktemp -d)"
./holdout serve --data-dir "$data" --port "$port" > "$data/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 300); do grep -q "Owner token" "$data/serve.log" 2>/dev/null && break; sleep 0.2; done
export HOLDOUT_SERVER="http://127.0.0.1:$port" HOLDOUT_TOKEN="$(sed -n 's/^Owner token.*: //p' "$data/serve.log")"
project="$(./holdout project create "$out/suite.yaml" 2>/dev/null)"
api="$HOLDOUT_SERVER/api/v1/projects/$project"
service="$(curl -s -H "Authorization: Bearer $HOLDOUT_TOKEN" -H 'Content-Type: application/json' -d '{"name": "bench"}' "$api/services" \
  | sed 's/.*"token" *: *"\([^"]*\)".*/\1/')"
post() { # batch file
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $service" -H 'Content-Type: text/csv' \
    -H "Idempotency-Key: $(basename "$1" .csv)" --data-binary @"$1" "$api/log")"
  [ "$code" = 200 ] || [ "$code" = 201 ] || echo "batch $1: HTTP $code" >&2
}
export -f post
export service api
# one small batch first, so class loading and the JIT's first compilations are not timed
head -101 "$out/log.csv" > "$out/warm.csv"
post "$out/warm.csv"
load="$(cut -d' ' -f1 /proc/loadavg)"
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
ticks="$(getconf CLK_TCK)"
cpu0="$(cpu)"
start=$(date +%s%N)
ls "$out"/batches/b*.csv | xargs -P "$parallel" -n 1 bash -c 'post "$0"'
ms=$(( ($(date +%s%N) - start) / 1000000 ))
cpu_ms=$(( ($(cpu) - cpu0) * 1000 / ticks ))
stored="$(curl -s -H "Authorization: Bearer $HOLDOUT_TOKEN" "$api/windows" | grep -o '"rows" *: *[0-9]*' | head -1 || true)"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), 1-minute load $load at the start" >&2
echo "log ingestion: $rows rows in $(ls "$out"/batches/b*.csv | wc -l) batches of $batch, $parallel clients, embedded store: $ms ms," \
  "$(( rows * 1000 / (ms > 0 ? ms : 1) )) rows/s; server CPU $cpu_ms ms (user + system), $(( rows * 1000 / (cpu_ms > 0 ? cpu_ms : 1) )) rows per CPU second" \
  "$([ -n "$stored" ] && echo "; first judged window: $stored")"
