# Sourced by the benchmark scripts (run from the repository root): the binary data set and suite
# they share, so each times the same work.
#   binary_suite DIR ROWS REPLICATES   generates DIR/eval.csv and DIR/predictions.csv with
#                                      `Synthetic binary` from a fixed seed (once), and writes
#                                      DIR/suite.yaml: every binary metric, two slice columns,
#                                      costs, REPLICATES bootstrap replicates
binary_suite() {
  local dir="$1" rows="$2" replicates="$3"
  mkdir -p "$dir"
  if [ ! -f "$dir/eval.csv" ]; then
    java -cp holdout-bench/target/classes:holdout-core/target/classes dev.holdout.bench.Synthetic binary "$dir" "$rows"
  fi
  cat > "$dir/suite.yaml" <<YAML
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
bootstrap: {replicates: $replicates, seed: 1}
YAML
}
