#!/usr/bin/env bash
# The commands as a user types them, at their defaults, beside their references, in one run (issue 22;
# docs/benchmarks.md). Each case runs ROUNDS times (default 3), Holdout and its references interleaved,
# each as a whole process under /usr/bin/time with the 1-minute load recorded before it; the summary
# gives the median wall and user+system CPU seconds of each side and their ratio.
#   bench-defaults.sh [drift|drift-large|monitor|evaluate|startup|all] [ROUNDS]
# Data goes to ${BENCH_DIR:-/tmp/holdout-bench} (synthetic, fixed seeds); results to $BENCH_DIR/defaults-results.tsv.
# Needs /usr/bin/python3 with Debian's python3-scipy, python3-sklearn and python3-pandas.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${BENCH_DIR:-/tmp/holdout-bench}"
what="${1:-all}"
rounds="${2:-3}"
py=/usr/bin/python3
cd "$root"
mkdir -p "$out"
results="$out/defaults-results.tsv"
touch "$results"
first=$(($(wc -l < "$results") + 1))
[ -f holdout-bench/target/classes/dev/holdout/bench/Synthetic.class ] || ./mvnw -q -B -o -pl holdout-bench -am compile >&2
. "$here/binary-suite.sh"
synthetic() { java -cp holdout-bench/target/classes:holdout-core/target/classes dev.holdout.bench.Synthetic "$@"; }
./holdout --version > /dev/null  # builds the command if it is not built yet
# BEFORE=DIR (a checkout with holdout-cli built) adds a "holdout-before" side to drift, monitor and evaluate.
before() { # case label holdout-args...
  local case="$1" label="$2"; shift 2
  [ -n "${BEFORE:-}" ] || return 0
  timed "$case" holdout-before "$label, before (BEFORE build)" java -XX:+UseParallelGC -XX:SharedArchiveFile="$BEFORE/holdout-cli/target/holdout.jsa" \
    -Xlog:cds=off,cds+dynamic=off -jar "$BEFORE/holdout-cli/target/holdout-cli.jar" "$@"
}
timed() { # case side label command...
  local case="$1" side="$2" label="$3"; shift 3
  local load; load="$(cut -d' ' -f1 /proc/loadavg)"
  local t; t="$(mktemp)"
  /usr/bin/time -o "$t" -f "%e %U %S %M" "$@" > "$out/last-$side.txt" 2>&1 || true
  read -r wall user sys peak < <(tail -1 "$t")
  rm -f "$t"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%H:%M:%S)" "$case" "$side" "$load" "$wall" "$user" "$sys" "$peak" "$label" | tee -a "$results" >&2
}
drift_case() { # name rows numeric categorical
  local d="$out/drift-$2-$3-$4"
  if [ ! -f "$d/current.csv" ]; then
    mkdir -p "$d/wide"
    synthetic drift-wide "$d/wide" "$2"
    for f in reference current; do cut -d, -f"1-$3,51-$((50 + $4))" "$d/wide/$f.csv" > "$d/$f.csv"; done
    rm -rf "$d/wide"
  fi
  cat "$d/reference.csv" "$d/current.csv" > /dev/null
  for r in $(seq "$rounds"); do
    timed "$1" holdout "holdout drift (defaults: domain classifier, intervals)" ./holdout drift --reference "$d/reference.csv" --current "$d/current.csv"
    timed "$1" scipy "SciPy per-column tests, one process" $py "$here/scipy_drift.py" "$d/reference.csv" "$d/current.csv"
    timed "$1" evidently "Evidently's default algorithm, one process" $py "$here/evidently_drift.py" "$d/reference.csv" "$d/current.csv"
    before "$1" "holdout drift (defaults)" drift --reference "$d/reference.csv" --current "$d/current.csv"
    timed "$1" holdout-noclassifier "holdout drift --no-classifier (feature off)" ./holdout drift --reference "$d/reference.csv" --current "$d/current.csv" --no-classifier
  done
}
monitor_case() {
  local d="$out/monitor-1000000"
  [ -f "$d/log.csv" ] || { mkdir -p "$d"; synthetic monitor "$d" 1000000 42; }
  for r in $(seq "$rounds"); do
    timed monitor holdout "holdout monitor (defaults: drift, CBPE, 1,000 replicates)" ./holdout monitor "$d/log.csv" --reference "$d/reference.csv" \
      --suite examples/monitor/suite.yaml --window 100000-rows --outcomes "$d/outcomes.csv"
    before monitor "holdout monitor" monitor "$d/log.csv" --reference "$d/reference.csv" --suite examples/monitor/suite.yaml --window 100000-rows --outcomes "$d/outcomes.csv"
    timed monitor nannyml "NannyML's CBPE algorithm, one process" $py "$here/nannyml_cbpe.py" "$d/reference.csv" "$d/log.csv" "$d/outcomes.csv" 10
  done
}
evaluate_case() {
  local d="$out/200k"
  binary_suite "$d" 200000 100
  for r in $(seq "$rounds"); do
    timed evaluate holdout "holdout evaluate (200,000 rows, 100 replicates)" ./holdout evaluate "$d/suite.yaml" -p "$d/predictions.csv"
    before evaluate "holdout evaluate" evaluate "$d/suite.yaml" -p "$d/predictions.csv"
    timed evaluate sklearn "scikit-learn, same metrics, 100 replicates" $py "$here/sklearn_binary.py" "$d/eval.csv" "$d/predictions.csv" 100
  done
}
startup_case() {
  for r in $(seq "$((rounds * 3))"); do
    timed startup help "holdout --help" ./holdout --help
    timed startup churn "holdout evaluate examples/churn/suite.yaml --predictions examples/churn/vendor-a.csv" \
      ./holdout evaluate examples/churn/suite.yaml --predictions examples/churn/vendor-a.csv
  done
}
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1), commit $(git rev-parse --short HEAD)" | tee -a "$results" >&2
case "$what" in
  drift) drift_case drift-200k 200000 20 5 ;;
  drift-large) drift_case drift-1m 1000000 50 10 ;;
  monitor) monitor_case ;;
  evaluate) evaluate_case ;;
  startup) startup_case ;;
  all) drift_case drift-200k 200000 20 5; monitor_case; evaluate_case; startup_case ;;
  *) echo "usage: bench-defaults.sh [drift|drift-large|monitor|evaluate|startup|all] [ROUNDS]" >&2; exit 2 ;;
esac
# medians of this run's rows
$py - "$results" "$first" <<'PY'
import sys, statistics, collections
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])][int(sys.argv[2]) - 1:]
by = collections.defaultdict(list)
for r in rows:
    if len(r) == 9:
        by[(r[1], r[2])].append((float(r[4]), float(r[5]) + float(r[6]), float(r[3])))
for (case, side), v in by.items():
    print(f"{case}\t{side}\tmedian wall {statistics.median(x[0] for x in v):.2f} s\tmedian user+sys {statistics.median(x[1] for x in v):.2f} s"
          f"\tloads {min(x[2] for x in v):.1f}-{max(x[2] for x in v):.1f}\truns {len(v)}")
PY
