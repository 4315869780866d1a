package dev.holdout.evaluation;

import dev.holdout.base.Progress;
import static org.assertj.core.api.Assertions.assertThat;

import dev.holdout.Holdout;
import dev.holdout.result.CompareReport;
import dev.holdout.result.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonTest {
  @TempDir Path dir;

  @Test
  void a_submission_joins_the_tier_of_a_best_it_cannot_be_told_apart_from() {
    // A, B, C, D ranked in that order: B is not told apart from A, C is, D is not told apart from C.
    boolean[][] differs = new boolean[4][4];
    differs[0][2] = true;
    differs[0][3] = true;
    Integer[] tiers = Comparison.tiers(4, (x, y) -> differs[x][y], x -> true);
    assertThat(tiers).containsExactly(1, 1, 2, 2);
    // B differs from A but C does not differ from A: C still starts no new tier after B began tier 2, as tier 2's best is B.
    boolean[][] chain = new boolean[3][3];
    chain[0][1] = true;
    assertThat(Comparison.tiers(3, (x, y) -> chain[x][y], x -> true)).containsExactly(1, 2, 2);
    assertThat(Comparison.tiers(3, (x, y) -> true, x -> x != 2)).containsExactly(1, 2, null);
  }

  @Test
  void holm_adjusts_over_every_pair_with_a_test() {
    List<CompareReport.Pair> pairs = List.of(pair(0.01), pair(0.04), pair(null));
    List<CompareReport.Pair> adjusted = Comparison.holm(pairs, 0.05);
    assertThat(adjusted.get(0).test().pHolm()).isEqualTo(0.02);
    assertThat(adjusted.get(0).test().different()).isTrue();
    assertThat(adjusted.get(1).test().pHolm()).isEqualTo(0.04);
    assertThat(adjusted.get(1).test().different()).isTrue();
    assertThat(adjusted.get(2).test().pHolm()).isNull();
    assertThat(Comparison.holm(List.of(pair(0.03), pair(0.04)), 0.05).get(0).test().different()).isFalse();
  }

  private static CompareReport.Pair pair(Double p) {
    return new CompareReport.Pair("a", "b", 10, new Report.Estimate(0.1, null, null, null, null),
        new CompareReport.Test("delong", null, null, p, null, null, null, p == null ? "no test" : null));
  }

  @Test
  void with_data_group_each_primary_metric_gets_its_clustered_test() throws IOException {
    Path a = Files.writeString(dir.resolve("a.csv"), predictions(1.0, 11));
    Path b = Files.writeString(dir.resolve("b.csv"), predictions(0.4, 12));
    writeEval();
    String[][] expected = {{"roc_auc", "delong_clustered"}, {"accuracy", "mcnemar_clustered"}, {"f1", "paired_cluster_bootstrap"}};
    for (String[] e : expected) {
      CompareReport c = Holdout.compare(Holdout.suite(suite(e[0], "group: customer")), List.of(a, b), Progress.NONE);
      CompareReport.Test t = c.pairs().get(0).test();
      assertThat(t.name()).as(e[0]).isEqualTo(e[1]);
      assertThat(t.description()).as(e[0]).contains("by the groups of 'customer' (data.group)");
      assertThat(t.pValue()).as(e[0]).isBetween(0.0, 1.0);
      assertThat(c.tiering().test()).isEqualTo(e[1]);
    }
    CompareReport rows = Holdout.compare(Holdout.suite(suite("roc_auc", "")), List.of(a, b), Progress.NONE);
    CompareReport grouped = Holdout.compare(Holdout.suite(suite("roc_auc", "group: customer")), List.of(a, b), Progress.NONE);
    assertThat(rows.pairs().get(0).test().name()).isEqualTo("delong");
    // rows of one customer share their scores' noise: the clustered test sees less evidence
    assertThat(grouped.pairs().get(0).test().pValue()).isGreaterThan(rows.pairs().get(0).test().pValue());
    assertThat(rows.ranking().get(0).name()).isEqualTo("a");
    assertThat(rows.ranking().get(0).tier()).isEqualTo(1);
  }

  @Test
  void a_stratified_bootstrap_says_so_in_the_report() throws IOException {
    writeEval();
    Path a = Files.writeString(dir.resolve("a.csv"), predictions(1.0, 11));
    Report r = Holdout.evaluate(Holdout.suite(suite("roc_auc", "", ", stratify: label")), a, Progress.NONE);
    assertThat(r.bootstrap().stratify()).isEqualTo("label");
    assertThat(r.bootstrap().note()).startsWith("every replicate keeps the number of positive and of negative rows fixed");
    assertThat(r.metrics().get("roc_auc").ci()).hasSize(2);
    Report plain = Holdout.evaluate(Holdout.suite(suite("roc_auc", "")), a, Progress.NONE);
    assertThat(plain.bootstrap().stratify()).isNull();
    assertThat(plain.metrics().get("roc_auc").value()).isEqualTo(r.metrics().get("roc_auc").value());
    assertThat(plain.metrics().get("roc_auc").ci()).isNotEqualTo(r.metrics().get("roc_auc").ci());
  }

  /** 60 customers of 5 rows each; a customer's rows share one label draw in two of three cases. */
  private void writeEval() throws IOException {
    StringBuilder s = new StringBuilder("id,customer,y\n");
    SplittableRandom r = new SplittableRandom(5);
    for (int g = 0; g < 60; g++) {
      boolean shared = r.nextDouble() < 0.4;
      for (int j = 0; j < 5; j++) s.append(g * 5 + j).append(",c").append(g).append(',').append(shared || r.nextDouble() < 0.3 ? 1 : 0).append('\n');
    }
    Files.writeString(dir.resolve("eval.csv"), s);
  }

  /** Scores: the label times {@code signal} plus noise shared by the customer's rows and a little of each row's own. */
  private String predictions(double signal, long seed) throws IOException {
    writeEval();
    List<String> lines = Files.readAllLines(dir.resolve("eval.csv"));
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder s = new StringBuilder("id,p\n");
    double shared = 0;
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).split(",");
      if ((i - 1) % 5 == 0) shared = r.nextGaussian();
      double z = Integer.parseInt(f[2]) * signal + shared + 0.3 * r.nextGaussian();
      s.append(f[0]).append(',').append(String.format(Locale.ROOT, "%.6f", 1 / (1 + Math.exp(-z)))).append('\n');
    }
    return s.toString();
  }

  private Path suite(String primary, String group) throws IOException {
    return suite(primary, group, "");
  }

  private Path suite(String primary, String group, String bootstrap) throws IOException {
    return Files.writeString(dir.resolve("suite-" + primary + (group.isEmpty() ? "" : "-g") + bootstrap.length() + ".yaml"), """
        suite: holdout.suite/v1
        name: paired
        problem: Two vendors on the same customers.
        task: binary_classification
        data:
          path: eval.csv
          id: id
          label: y
          %s
        predictions: {score: p}
        primary_metric: %s
        criteria:
          - metric: %s
            min: 0.5
        bootstrap: {replicates: 200, seed: 3%s}
        """.formatted(group, primary, primary, bootstrap));
  }
}
