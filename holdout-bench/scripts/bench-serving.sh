#!/usr/bin/env bash
# The serving benchmark (docs/benchmarks.md, issue 7), inside one JVM after warm-up:
#   bench-serving.sh onnx [ROWS] [BATCH...]        30-input logistic ONNX model over ROWS rows (default 1,000,000)
#   bench-serving.sh endpoint [REQUESTS] [CONC]    JSON endpoint client against a local server, one row per request
#   bench-serving.sh files DIR [ROWS]              writes DIR/eval.csv, model.onnx, suite.yaml for timing the whole
#                                                  `holdout score DIR/suite.yaml --model DIR/model.onnx` process
# HOLDOUT_BENCH_OPTS sets the JVM options (default -Xmx2g for onnx, -Xmx256m for endpoint, to show memory stays bounded).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
./mvnw -q -B -o -Dmaven.test.skip=true package -pl holdout-bench -am >&2
mode="${1:-onnx}"
default_opts="-Xmx2g"
[ "$mode" = endpoint ] && default_opts="-Xmx256m"
exec java ${HOLDOUT_BENCH_OPTS:-$default_opts} -cp "holdout-bench/target/classes:holdout-bench/target/lib/*" dev.holdout.bench.ServingBenchmark "$@"
