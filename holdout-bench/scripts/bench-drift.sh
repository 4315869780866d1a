#!/usr/bin/env bash
# The drift benchmark (docs/benchmarks.md, issue 5): 1,000,000 reference and 1,000,000 current rows by
# 50 numeric and 10 categorical columns, every per-column test, `holdout drift` against the same tests
# run column by column with SciPy in one process (scipy_drift.py), both timed as whole processes.
#   bench-drift.sh [ROWS]     default 1000000; data goes to ${BENCH_DIR:-holdout-bench/target/bench}/drift-ROWS
# Before each timing it waits (up to ${QUIET_WAIT:-300} s) for a 1-minute load under ${QUIET_LOAD:-0.7}, and
# times each side twice, alternating, each from a warm page cache. Needs /usr/bin/python3 with Debian's python3-scipy and python3-pandas.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
rows="${1:-1000000}"
out="${BENCH_DIR:-$root/holdout-bench/target/bench}/drift-$rows"
cd "$root"
./mvnw -q -B -o -Dmaven.test.skip=true install >&2
if [ ! -f "$out/current.csv" ]; then
  mkdir -p "$out"
  java -cp holdout-bench/target/classes dev.holdout.bench.Synthetic drift-wide "$out" "$rows"
fi
load() { cut -d' ' -f1 /proc/loadavg; }
quiet() {
  local waited=0
  while awk -v l="$(load)" -v max="${QUIET_LOAD:-0.7}" 'BEGIN { exit !(l >= max) }'; do
    if [ "$waited" -ge "${QUIET_WAIT:-300}" ]; then
      echo "warning: 1-minute load still $(load) after ${waited} s; timing anyway" >&2
      return
    fi
    sleep 10
    waited=$((waited + 10))
  done
}
timed() { # label command...
  local label="$1"; shift
  quiet
  # Both sides start from the page cache: this machine's kernel hands idle cache back to the host
  # (DAMON), so without this the first side to run after a pause also times the disk.
  cat "$out/reference.csv" "$out/current.csv" > /dev/null
  echo "($label: 1-minute load before the run $(load))" >&2
  /usr/bin/time -f "$label: %e s wall, %U s user, %S s system, %M KB peak resident" "$@" > /dev/null || true
}
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1), $(/usr/bin/python3 -c 'import scipy, pandas, numpy; print("SciPy", scipy.__version__, "pandas", pandas.__version__, "NumPy", numpy.__version__)')" >&2
for run in 1 2; do
  timed "holdout drift, run $run" ./holdout drift --reference "$out/reference.csv" --current "$out/current.csv" --no-classifier \
    --json "$out/holdout-drift.json"
  timed "SciPy column by column, run $run" /usr/bin/python3 "$here/scipy_drift.py" "$out/reference.csv" "$out/current.csv"
done
