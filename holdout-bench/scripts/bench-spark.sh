#!/usr/bin/env bash
# `holdout evaluate --engine spark` beside the default engine on the same files (docs/benchmarks.md, issue 20).
#   bench-spark.sh ROWS [MASTER]   binary, two slice columns, every binary metric, 1,000 replicates;
#                                  MASTER defaults to local[2]
# Data goes to ${BENCH_DIR:-holdout-bench/target/bench}/binary-ROWS, made by `Synthetic binary` from a fixed seed.
# Spark's heap: HOLDOUT_JAVA_OPTS (default here -Xmx4g, the bar of issue 20).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${BENCH_DIR:-$root/holdout-bench/target/bench}"
rows="${1:?usage: bench-spark.sh ROWS [MASTER]}"
master="${2:-local[2]}"
cd "$root"
[ -f holdout-bench/target/classes/dev/holdout/bench/Synthetic.class ] || ./mvnw -q -B -o -Dmaven.test.skip=true -pl holdout-bench -am package >&2
dir="$out/binary-$rows"
. "$here/binary-suite.sh"
binary_suite "$dir" "$rows" 1000
export HOLDOUT_JAVA_OPTS="${HOLDOUT_JAVA_OPTS:--XX:+UseParallelGC -Xmx4g}"
timed() { # label command...
  local label="$1"; shift
  /usr/bin/time -f "$label: %e s wall, %U s user, %M KB peak resident" "$@" > /dev/null
}
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)" >&2
timed "default engine ($rows rows)" ./holdout evaluate "$dir/suite.yaml" -p "$dir/predictions.csv" --json "$dir/local.json" || true
timed "spark $master ($rows rows)" ./holdout evaluate "$dir/suite.yaml" -p "$dir/predictions.csv" --engine spark --master "$master" \
  --json "$dir/spark.json" || true
# the two reports, provenance aside
/usr/bin/python3 - "$dir/local.json" "$dir/spark.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for r in (a, b): r.pop("provenance", None)
print("reports equal" if a == b else "REPORTS DIFFER", file=sys.stderr)
PY
