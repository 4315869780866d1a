#!/usr/bin/env bash
# Writes the JSON, HTML and JUnit outputs of every bundled example into OUT_DIR (default
# target/example-reports), with run-dependent fields (creation time, version, absolute paths)
# blanked, so two builds can be compared byte for byte:
#   scripts/example-reports.sh /tmp/before   # on the old commit
#   scripts/example-reports.sh /tmp/after    # on the new one
#   diff -r /tmp/before /tmp/after
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/target/example-reports}"
rm -rf "$out"; mkdir -p "$out"
cd "$root"
h() { "$root/holdout" "$@" >/dev/null 2>&1; echo "$? holdout ${*//$out/OUT}" >> "$out/exit-codes.txt"; }
ex=examples
for v in vendor-a vendor-b; do
  h evaluate $ex/churn/suite.yaml -p $ex/churn/$v.csv --json "$out/churn-$v.json" --html "$out/churn-$v.html" --junit "$out/churn-$v.xml"
done
h compare $ex/churn/suite.yaml -p $ex/churn/vendor-a.csv -p $ex/churn/vendor-b.csv --json "$out/churn-compare.json" --html "$out/churn-compare.html"
h evaluate $ex/daily-units/suite.yaml -p $ex/daily-units/vendor.csv --json "$out/daily-units.json" --html "$out/daily-units.html"
h evaluate $ex/tickets/suite.yaml -p $ex/tickets/vendor.csv --json "$out/tickets.json" --html "$out/tickets.html"
h evaluate $ex/tagging/suite.yaml -p $ex/tagging/vendor.csv --json "$out/tagging.json" --html "$out/tagging.html" --junit "$out/tagging.xml"
h evaluate $ex/churn/call-list.yaml -p $ex/churn/vendor-a.csv --json "$out/churn-call-list.json"
h evaluate $ex/qa/suite.yaml -p $ex/qa/vendor.csv --json "$out/qa.json" --html "$out/qa.html" --per-row "$out/qa-rows.csv" --judge-cache "$out/cache"
for v in vendor-a.csv vendor-b.jsonl bm25.csv; do
  h evaluate $ex/rag-retrieval/suite.yaml -p $ex/rag-retrieval/$v --json "$out/rag-$v.json" --html "$out/rag-$v.html" --per-row "$out/rag-$v-rows.csv"
done
h audit $ex/audit/eval.csv --train $ex/audit/train.csv --id customer_id --label churned --time snapshot_date --json "$out/audit.json" --html "$out/audit.html"
h audit $ex/churn/eval.csv --suite $ex/churn/suite.yaml --json "$out/audit-churn.json"
h drift --reference $ex/drift/reference.csv --current $ex/drift/current.csv --suite $ex/drift/suite.yaml --json "$out/drift.json" --html "$out/drift.html"
h monitor $ex/monitor/log.csv --reference $ex/monitor/reference.csv --suite $ex/monitor/suite.yaml --window week --outcomes $ex/monitor/outcomes.csv --json "$out/monitor.json" --html "$out/monitor.html"
h handover verify $ex/handover --json "$out/handover.json"
rm -rf "$out/cache"
# Blank what changes from run to run or machine to machine.
for f in "$out"/*; do
  case "$f" in *.json|*.html|*.xml|*.csv)
    sed -i -E -e 's/"(created_at|createdAt|holdout_version|java|seconds|generated_at)" *: *"?[^",}]*"?/"\1":"-"/g' \
      -e "s#$root#ROOT#g" -e 's/time="[0-9.]+"/time="-"/g' -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z/TIME/g' -e 's/(Java|java) 1[0-9.]+/\1 -/g' -e 's/timestamp="[^"]*"/timestamp="-"/g' "$f";;
  esac
done
echo "wrote $(ls "$out" | wc -l) files to $out"
