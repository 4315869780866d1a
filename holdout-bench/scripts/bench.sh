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
. "$here/binary-suite.sh"
timed() { # label command...
  local label="$1"; shift
  /usr/bin/time -f "$label: %e s wall, %M KB peak resident" "$@" > /dev/null
}
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)" >&2
case "${1:-}" in
  sklearn)
    binary_suite "$out/200k" 200000 100
    timed "holdout (200,000 rows, 100 replicates)" ./holdout evaluate "$out/200k/suite.yaml" -p "$out/200k/predictions.csv" || true
    timed "scikit-learn (200,000 rows, 100 replicates)" /usr/bin/python3 "$here/sklearn_binary.py" "$out/200k/eval.csv" "$out/200k/predictions.csv" 100
    ;;
  large)
    binary_suite "$out/10m" 10000000 1000
    timed "holdout (10,000,000 rows, 1,000 replicates, 2 slice columns)" ./holdout evaluate "$out/10m/suite.yaml" -p "$out/10m/predictions.csv" || true
    ;;
  *)
    echo "usage: bench.sh sklearn|large" >&2
    exit 2
    ;;
esac
