package dev.holdout.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdout.Holdout;
import dev.holdout.base.HoldoutException;
import dev.holdout.result.Report;
import dev.holdout.verdict.CriterionResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code data.group}: an evaluation set with several rows per customer is resampled by customer, so
 * its intervals are as wide as the customers allow, its report counts them, and "more rows would
 * decide it" counts customers.
 */
class GroupedEvaluationTest {
  private static final String SUITE = """
      suite: holdout.suite/v1
      name: grouped
      problem: Churn per customer account, several rows per customer.
      task: binary_classification
      data:
        path: eval.csv
        id: id
        label: y
        slices: [region]
        %s
      predictions:
        score: p
        threshold: 0.5
      criteria:
        - id: acc
          metric: accuracy
          min: %s
      bootstrap: {replicates: 400, seed: 3}
      """;

  @TempDir Path dir;

  /** 60 customers of 10 rows; a customer's rows are all right or mostly wrong together. */
  private void writeData() throws IOException {
    StringBuilder eval = new StringBuilder("id,customer,region,y\n");
    StringBuilder pred = new StringBuilder("id,p\n");
    SplittableRandom r = new SplittableRandom(11);
    int row = 0;
    for (int c = 0; c < 60; c++) {
      boolean good = r.nextDouble() < 0.7;
      for (int k = 0; k < 10; k++) {
        boolean y = r.nextBoolean();
        boolean right = good ? r.nextDouble() < 0.95 : r.nextDouble() < 0.3;
        double p = right == y ? 0.8 : 0.2;
        eval.append("r").append(row).append(",C").append(c).append(',').append(c % 3 == 0 ? "north" : "south").append(',').append(y ? 1 : 0).append('\n');
        pred.append("r").append(row).append(',').append(p).append('\n');
        row++;
      }
    }
    Files.writeString(dir.resolve("eval.csv"), eval);
    Files.writeString(dir.resolve("pred.csv"), pred);
  }

  private Report evaluate(String group, String bar) throws IOException {
    Files.writeString(dir.resolve("suite.yaml"), SUITE.formatted(group, bar));
    return Holdout.evaluate(dir.resolve("suite.yaml"), dir.resolve("pred.csv"));
  }

  private static double width(Report r, String metric) {
    return r.metrics().get(metric).ci().get(1) - r.metrics().get(metric).ci().get(0);
  }

  @Test
  void resampling_customers_widens_the_interval_and_the_report_counts_them() throws IOException {
    writeData();
    Report rows = evaluate("", "0.5");
    Report groups = evaluate("group: customer", "0.5");
    assertThat(groups.metrics().get("accuracy").value()).isEqualTo(rows.metrics().get("accuracy").value());
    // Ten strongly alike rows per customer: the design effect is several times, the interval about twice as wide.
    assertThat(width(groups, "accuracy")).isGreaterThan(1.6 * width(rows, "accuracy"));
    assertThat(groups.rows().groups()).isEqualTo(60L);
    assertThat(rows.rows().groups()).isNull();
    assertThat(groups.bootstrap().group()).isEqualTo("customer");
    assertThat(groups.bootstrap().note()).startsWith("every replicate resamples the groups of column 'customer' (data.group)");
    assertThat(groups.slices().get("region").get("north").metrics().get("accuracy").ci()).isNotNull();
  }

  @Test
  void an_undecided_criterion_counts_the_customers_that_would_decide_it() throws IOException {
    writeData();
    Report r = evaluate("group: customer", String.valueOf(0.0));
    double observed = r.metrics().get("accuracy").value();
    CriterionResult c = evaluate("group: customer", String.valueOf(observed - 0.01)).criteria().get(0);
    assertThat(c.status()).hasToString("INCONCLUSIVE");
    assertThat(c.reason()).contains("more groups of 'customer' (at the current mix)");
  }

  @Test
  void a_row_without_its_group_is_refused_with_its_line() throws IOException {
    Files.writeString(dir.resolve("eval.csv"), "id,customer,region,y\na,C1,n,1\nb,,n,0\n");
    Files.writeString(dir.resolve("pred.csv"), "id,p\na,0.9\nb,0.1\n");
    Files.writeString(dir.resolve("suite.yaml"), SUITE.formatted("group: customer", "0.5"));
    assertThatThrownBy(() -> Holdout.evaluate(dir.resolve("suite.yaml"), dir.resolve("pred.csv")))
        .isInstanceOf(HoldoutException.BadData.class)
        .hasMessageContaining("eval.csv line 3, column 'customer': empty; data.group says which rows belong together");
  }

  @Test
  void a_group_column_the_set_lacks_is_named() throws IOException {
    writeData();
    assertThatThrownBy(() -> evaluate("group: custmer", "0.5")).isInstanceOf(HoldoutException.BadData.class)
        .hasMessageContaining("no column 'custmer' (data.group in the suite); did you mean 'customer'?");
  }
}
