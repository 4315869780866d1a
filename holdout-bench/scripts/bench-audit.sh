#!/usr/bin/env bash
# End-to-end benchmarks of `holdout audit`, timed as whole processes (docs/benchmarks.md, issue 4).
#   bench-audit.sh large           10,000,000 rows by 20 columns (numeric, categorical, dates, a short text)
#   bench-audit.sh contamination   100,000 evaluation rows against 1,000,000 training rows, exact and near-duplicate
#   bench-audit.sh all             both
# Data goes to ${BENCH_DIR:-holdout-bench/target/bench}, made by `Synthetic audit` from fixed seeds.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${BENCH_DIR:-$root/holdout-bench/target/bench}"
cd "$root"
./mvnw -q -B -DskipTests install >&2
generate() { # dir rows train-rows
  mkdir -p "$1"
  if [ ! -f "$1/eval.csv" ]; then
    java -cp holdout-bench/target/classes dev.holdout.bench.Synthetic audit "$1" "$2" "$3"
  fi
}
timed() { # label command...
  local label="$1"; shift
  /usr/bin/time -f "$label: %e s wall, %U s user, %M KB peak resident" "$@" > /dev/null
}
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)" >&2
large() {
  generate "$out/audit-10m" 10000000 0
  timed "holdout audit (10,000,000 rows, 20 columns)" \
    ./holdout audit "$out/audit-10m/eval.csv" --id customer_id --label churned --time snapshot_date || true
}
contamination() {
  generate "$out/audit-100k" 100000 1000000
  timed "holdout audit --train (100,000 evaluation rows, 1,000,000 training rows)" \
    ./holdout audit "$out/audit-100k/eval.csv" --train "$out/audit-100k/train.csv" --id customer_id --label churned || true
}
case "${1:-}" in
  large) large ;;
  contamination) contamination ;;
  all) large; contamination ;;
  *)
    echo "usage: bench-audit.sh large|contamination|all" >&2
    exit 2
    ;;
esac
