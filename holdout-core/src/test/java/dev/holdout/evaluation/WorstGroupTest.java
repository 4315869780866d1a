package dev.holdout.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdout.Holdout;
import dev.holdout.result.Report;
import dev.holdout.verdict.CriterionResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worst group of a slice column, as the report's {@code worst_for} and the worst_* criteria name it. */
class WorstGroupTest {
  private static final String SUITE = """
      suite: holdout.suite/v1
      name: tiny
      problem: Tiny binary problem.
      task: binary_classification
      data:
        path: eval.csv
        id: id
        label: y
        slices: [region]
      predictions:
        score: p
        threshold: 0.5
      criteria:
        - metric: recall
          slice: region
          worst_min: 0.4
          at: point
      bootstrap: {replicates: 50, seed: 1}
      """;

  /**
   * Group n: a TP, b TN, f FP, so recall 1, precision 0.5, accuracy 2/3. Group s: c FN, d TN, e TP,
   * so recall 0.5, precision 1, accuracy 2/3. Group x: one negative, predicted negative, so recall
   * and precision have no value and accuracy is 1.
   */
  private static final String EVAL = "id,region,y\na,n,1\nb,n,0\nc,s,1\nd,s,0\ne,s,1\nf,n,0\ng,x,0\n";
  private static final String PREDICTIONS = "id,p\na,0.9\nb,0.1\nc,0.2\nd,0.2\ne,0.8\nf,0.6\ng,0.1\n";

  @TempDir Path dir;

  @Test
  void each_metric_names_its_worst_group_once_leaving_out_groups_without_a_value() throws IOException {
    Files.writeString(dir.resolve("suite.yaml"), SUITE);
    Files.writeString(dir.resolve("eval.csv"), EVAL);
    Report r = Holdout.evaluate(dir.resolve("suite.yaml"), Files.writeString(dir.resolve("p.csv"), PREDICTIONS));
    Map<String, Report.SliceGroup> region = r.slices().get("region");
    assertThat(region.get("x").metrics().get("recall").value()).as("x has no positive").isNull();
    assertThat(worstFor(region, "recall")).containsExactly("s");
    assertThat(worstFor(region, "precision")).containsExactly("n");
    assertThat(worstFor(region, "accuracy")).as("n and s tie at 2/3: the first in order").containsExactly("n");
    for (String metric : r.metrics().keySet()) {
      boolean anyValue = region.values().stream().anyMatch(g -> g.metrics().get(metric).value() != null);
      assertThat(worstFor(region, metric)).as(metric).hasSize(anyValue ? 1 : 0);
    }
    CriterionResult worst = r.criteria().get(0);
    assertThat(worst.group()).as("the criterion observes the same group").isEqualTo("s");
    assertThat(worst.observed()).isEqualTo(0.5);
  }

  private static List<String> worstFor(Map<String, Report.SliceGroup> groups, String metric) {
    List<String> named = new ArrayList<>();
    groups.forEach((name, g) -> {
      if (g.worstFor() != null && g.worstFor().contains(metric)) named.add(name);
    });
    return named;
  }
}
