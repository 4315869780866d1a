#!/usr/bin/env bash
# The serving benchmark (docs/benchmarks.md, issue 7), inside one JVM after warm-up:
#   bench-serving.sh onnx [ROWS] [BATCH...]        30-input logistic ONNX model over ROWS rows (default 1,000,000)
#   bench-serving.sh endpoint [REQUESTS] [CONC]    JSON endpoint client against a local server, one row per request
#   bench-serving.sh files DIR [ROWS]              writes DIR/eval.csv, model.onnx, suite.yaml for timing the whole
#                                                  `holdout score DIR/suite.yaml --model DIR/model.onnx` process
#   bench-serving.sh run [ROWS] [CONC] [DELAY_MS]  the whole `holdout run` process (issue 24) against a local fake chat
#                                                  endpoint (FakeChatServer, its own JVM): ROWS questions (default 10,000),
#                                                  CONC requests at once (default 32), each answer after DELAY_MS (default 0);
#                                                  prints wall, CPU, peak resident memory, the load and the endpoint's count
# HOLDOUT_BENCH_OPTS sets the JVM options (default -Xmx2g for onnx, -Xmx256m for endpoint, to show memory stays bounded).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
./mvnw -q -B -o -Dmaven.test.skip=true package -pl holdout-bench -am >&2
mode="${1:-onnx}"
if [ "$mode" = run ]; then
  rows="${2:-10000}"; conc="${3:-32}"; delay="${4:-0}"
  ./mvnw -q -B -o -Dmaven.test.skip=true package -pl holdout-cli -am >&2
  dir="$(mktemp -d /tmp/holdout-run-bench.XXXXXX)"
  java -Xmx256m -cp "holdout-bench/target/classes:holdout-bench/target/lib/*" dev.holdout.bench.FakeChatServer "$dir" "$rows" "$delay" &
  server=$!
  trap 'kill "$server" 2>/dev/null; rm -rf "$dir"' EXIT
  for _ in $(seq 100); do [ -s "$dir/url" ] && break; sleep 0.1; done
  url="$(cat "$dir/url")"
  echo "load before: $(uptime)"
  # exit 1 (a criterion fails) is expected: every tenth answer is "I do not know"
  /usr/bin/time -f "holdout run: %e s wall, %U s user, %S s system, %M KB peak resident" \
    java ${HOLDOUT_JAVA_OPTS:--XX:+UseParallelGC} -jar holdout-cli/target/holdout-cli.jar run "$dir/suite.yaml" \
      --endpoint "$url/v1/chat/completions" --concurrency "$conc" --out-dir "$dir/out" > "$dir/run.txt" || true
  echo "load after: $(uptime)"
  echo "endpoint received $(curl -s "$url/count" | tr -d '\n') requests for $rows rows"
  grep -E "exact_match|serving|requests" "$dir/run.txt" | head -8
  exit 0
fi
default_opts="-Xmx2g"
[ "$mode" = endpoint ] && default_opts="-Xmx256m"
exec java ${HOLDOUT_BENCH_OPTS:-$default_opts} -cp "holdout-bench/target/classes:holdout-bench/target/lib/*" dev.holdout.bench.ServingBenchmark "$@"
