#!/usr/bin/env bash
# Benchmarks of `holdout serve` (docs/benchmarks.md):
#   1. time from the end of a 100,000-row upload to its verdict (status done), five submissions;
#   2. leaderboard reads with wrk on loopback: requests/s and latency percentiles.
# Data goes to ${BENCH_DIR:-target/bench}, made by the synthetic generator from fixed seeds.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${BENCH_DIR:-$root/holdout-bench/target/bench}"
port="${PORT:-18181}"
cd "$root"
./mvnw -q -B -DskipTests install >&2
mkdir -p "$out/100k"
[ -f "$out/100k/eval.csv" ] || java -cp holdout-bench/target/classes dev.holdout.bench.Synthetic binary "$out/100k" 100000
cat > "$out/100k/suite.yaml" <<YAML
suite: holdout.suite/v1
name: bench-server
problem: Benchmark of the server's evaluation latency.
task: binary_classification
data: {path: eval.csv, id: id, label: label, slices: [region, plan]}
predictions: {score: score, threshold: 0.5}
criteria:
  - {metric: roc_auc, min: 0.8}
  - {metric: recall, slice: region, worst_min: 0.5}
bootstrap: {replicates: 1000, seed: 1}
YAML
data="$(mktemp -d)"
./holdout serve --data-dir "$data" --port "$port" > "$data/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 100); do grep -q "Owner token" "$data/serve.log" 2>/dev/null && break; sleep 0.2; done
export HOLDOUT_SERVER="http://127.0.0.1:$port" HOLDOUT_TOKEN="$(sed -n 's/^Owner token.*: //p' "$data/serve.log")"
project="$(./holdout project create "$out/100k/suite.yaml" 2>/dev/null)"
vendor="$(./holdout project invite -p "$project" acme)"
api="$HOLDOUT_SERVER/api/v1/projects/$project"
curl -s -X PATCH -H "Authorization: Bearer $HOLDOUT_TOKEN" -d '{"daily_quota": 100}' "$api" > /dev/null
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1); 100,000 rows, 1,000 replicates, 2 slice columns: the private part (70%) evaluated in full, the public part for its score" >&2
for run in 1 2 3 4 5 6; do
  id="$(curl -s -H "Authorization: Bearer $vendor" --data-binary @"$out/100k/predictions.csv" "$api/submissions" | sed 's/.*"id":"\([^"]*\)".*/\1/')"
  start=$(date +%s%N)
  while :; do
    status="$(curl -s -H "Authorization: Bearer $vendor" "$api/submissions/$id" | sed 's/.*"status":"\([^"]*\)".*/\1/')"
    [ "$status" = done ] || [ "$status" = failed ] && break
    sleep 0.01
  done
  echo "run $run: upload answered -> $status in $(( ($(date +%s%N) - start) / 1000000 )) ms$([ $run = 1 ] && echo ' (first: JIT warm-up)')"
done
wrk -t2 -c32 -d20s --latency -H "Authorization: Bearer $vendor" "$api/leaderboard" | sed -n '1,20p'
