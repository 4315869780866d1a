package dev.holdout.render;

import dev.holdout.base.Format;
import dev.holdout.result.Report;
import dev.holdout.verdict.CriterionResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a comparison shows of each submission beside its rank: the expected cost per 1,000
 * decisions (when the suite prices errors) and, per slice column, the group worst on the primary
 * metric with its value, so a buyer sees money and the weakest customers side by side.
 */
record SubmissionFacts(Double costPer1000, List<String> worstGroups) {

  static SubmissionFacts of(Report r, String metric) {
    if (r == null) return new SubmissionFacts(null, List.of());
    Double cost = r.costs() == null ? null : r.costs().per1000();
    List<String> worst = new ArrayList<>();
    if (r.slices() != null) {
      List<CriterionResult> none = List.of();
      for (Map.Entry<String, Map<String, Report.SliceGroup>> column : r.slices().entrySet()) {
        String group = SliceSection.worstGroup(column.getValue(), metric, none);
        if (group == null) continue;
        Report.Estimate e = column.getValue().get(group).metrics().get(metric);
        worst.add(column.getKey() + "=" + group + (e == null || e.value() == null ? "" : " " + Format.number(e.value())));
      }
    }
    return new SubmissionFacts(cost, worst);
  }

  boolean any() {
    return costPer1000 != null || !worstGroups.isEmpty();
  }

  String cost() {
    return costPer1000 == null ? "-" : Format.money(costPer1000);
  }

  String worst() {
    return worstGroups.isEmpty() ? "-" : String.join(", ", worstGroups);
  }
}
