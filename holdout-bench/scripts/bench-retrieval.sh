#!/usr/bin/env bash
# End-to-end benchmark of a retrieval suite (issue 8), timed as a whole process (docs/benchmarks.md):
# 100,000 queries, 100 ranked documents each (10,000,000 rows of query, doc, rank), every retrieval
# metric at k = 1, 5, 10, 1,000 bootstrap replicates overall and for 8 topic slices, two criteria.
# Data goes to ${BENCH_DIR:-holdout-bench/target/bench}, made by `Synthetic retrieval` from a fixed seed.
# Run it under the shared lock: flock /tmp/holdout-bench.lock holdout-bench/scripts/bench-retrieval.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${BENCH_DIR:-$root/holdout-bench/target/bench}/retrieval-100k"
cd "$root"
./mvnw -q -B -Dmaven.test.skip=true install >&2
mkdir -p "$out"
if [ ! -f "$out/run.csv" ]; then
  java -cp holdout-bench/target/classes dev.holdout.bench.Synthetic retrieval "$out" 100000 100
fi
cat > "$out/suite.yaml" <<YAML
suite: holdout.suite/v1
name: bench-retrieval
problem: Benchmark of every retrieval metric, 100,000 queries by 100 ranked documents.
task: retrieval
data: {path: qrels.csv, id: query, doc: doc, relevance: relevance, queries: queries.csv, slices: [topic]}
predictions: {doc: doc, rank: rank}
k: [1, 5, 10]
criteria:
  - {metric: ndcg@10, min: 0.3}
  - {metric: recall@10, slice: topic, worst_min: 0.2}
bootstrap: {replicates: 1000, seed: 1}
YAML
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1); load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
/usr/bin/time -f "holdout evaluate (100,000 queries x 100 ranked documents, 1,000 replicates): %e s wall, %U s user, %M KB peak resident" \
  ./holdout evaluate "$out/suite.yaml" -p "$out/run.csv" > /dev/null || true
