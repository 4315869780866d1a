#!/usr/bin/env bash
# End-to-end benchmarks of `holdout evaluate`, timed as whole processes (docs/benchmarks.md).
#   bench.sh sklearn   200,000 rows, all binary metrics, 100 replicates: Holdout against scikit-learn
#   bench.sh large     10,000,000 rows, two slice columns, all binary metrics, 1,000 replicates
# Data goes to ${BENCH_DIR:-target/bench}, made by the synthetic generator from fixed seeds.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${BENCH_DIR:-$root/holdout-bench/target/bench}"
cd "$root"
./mvnw -q -B -DskipTests install >&2
generate() { # rows replicates dir
  mkdir -p "$3"
  if [ ! -f "$3/eval.csv" ]; then
    java -cp holdout-bench/target/classes dev.holdout.bench.Synthetic binary "$3" "$1"
  fi
  cat > "$3/suite.yaml" <<YAML
suite: holdout.suite/v1
name: bench-binary
problem: Benchmark of every binary metric with two slice columns.
task: binary_classification
data: {path: eval.csv, id: id, label: label, slices: [region, plan]}
predictions: {score: score, threshold: 0.5}
criteria:
  - {metric: roc_auc, min: 0.8}
  - {metric: recall, slice: region, worst_min: 0.5}
costs: {tp: -10, fp: 2, fn: 20, tn: 0}
bootstrap: {replicates: $2, seed: 1}
YAML
}
timed() { # label command...
  local label="$1"; shift
  /usr/bin/time -f "$label: %e s wall, %M KB peak resident" "$@" > /dev/null
}
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)" >&2
case "${1:-}" in
  sklearn)
    generate 200000 100 "$out/200k"
    timed "holdout (200,000 rows, 100 replicates)" ./holdout evaluate "$out/200k/suite.yaml" -p "$out/200k/predictions.csv" || true
    timed "scikit-learn (200,000 rows, 100 replicates)" /usr/bin/python3 "$here/sklearn_binary.py" "$out/200k/eval.csv" "$out/200k/predictions.csv" 100
    ;;
  large)
    generate 10000000 1000 "$out/10m"
    timed "holdout (10,000,000 rows, 1,000 replicates, 2 slice columns)" ./holdout evaluate "$out/10m/suite.yaml" -p "$out/10m/predictions.csv" || true
    ;;
  *)
    echo "usage: bench.sh sklearn|large" >&2
    exit 2
    ;;
esac
