package dev.holdout.evaluation;

import dev.holdout.base.Progress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.holdout.Holdout;
import dev.holdout.base.HoldoutException;
import dev.holdout.metric.MetricValue;
import dev.holdout.metric.MultilabelCells;
import dev.holdout.metric.MultilabelMetrics;
import dev.holdout.result.CompareReport;
import dev.holdout.result.Report;
import dev.holdout.verdict.CriterionResult;
import dev.holdout.verdict.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A multilabel suite from files to report: labels joined in one column or in 0/1 columns, a score
 * and a threshold per label, missing predictions, the labels section, criteria on labels, the
 * prior baseline and the errors a person gets. The 12 rows are MultilabelMetricsTest's hand-made
 * set, whose figures scikit-learn 1.2.1 gave.
 */
class MultilabelEvaluationTest {
  private static final List<String> LABELS = List.of("a", "b", "c", "d", "e");
  private static final int[][] Y = {{1, 0, 0, 0, 0}, {1, 1, 0, 0, 0}, {0, 0, 0, 0, 0}, {0, 0, 0, 0, 0}, {0, 1, 1, 0, 0}, {1, 1, 1, 1, 0},
      {0, 0, 1, 0, 0}, {1, 0, 0, 1, 0}, {0, 1, 0, 0, 0}, {1, 1, 0, 0, 0}, {0, 0, 1, 1, 0}, {0, 0, 0, 1, 0}};
  private static final double[][] S = {{0.9, 0.2, 0.3, 0.1, 0.0}, {0.6, 0.6, 0.1, 0.2, 0.3}, {0.1, 0.1, 0.1, 0.1, 0.1}, {0.7, 0.2, 0.2, 0.4, 0.5},
      {0.4, 0.8, 0.5, 0.5, 0.1}, {0.5, 0.5, 0.5, 0.5, 0.5}, {0.2, 0.3, 0.8, 0.1, 0.0}, {0.8, 0.1, 0.2, 0.3, 0.2}, {0.3, 0.3, 0.3, 0.3, 0.0},
      {0.6, 0.4, 0.6, 0.2, 0.6}, {0.2, 0.2, 0.7, 0.9, 0.1}, {0.3, 0.1, 0.1, 0.6, 0.2}};
  private static final double[] T = {0.5, 0.5, 0.9, 0.5, 0.45};

  private static final String SUITE = """
      suite: holdout.suite/v1
      name: tags
      problem: Tag each ticket with every topic it raises.
      task: multilabel_classification
      data:
        path: eval.csv
        id: id
        TRUTH
        slices: [channel]
      predictions:
        scores: {a: p_a, b: p_b, c: p_c, d: p_d, e: p_e}
        threshold: {a: 0.5, b: 0.5, c: 0.9, d: 0.5, e: 0.45}
        missing: MISSING
      criteria:
        - {id: a-recall, metric: recall, label: a, min: 0.5}
        - {id: every-label, metric: f1, labels: all, worst_min: 0.5}
        - {id: overall, metric: f1_micro, min: 0.3}
      bootstrap: {replicates: 300, seed: 5}
      """;

  @TempDir Path dir;

  /** The evaluation set with labels joined by {@code separator} in column 'tags', and the same as 0/1 columns is_a .. is_e. */
  private void write(String separator, int skipPrediction) throws IOException {
    StringBuilder eval = new StringBuilder("id,channel,tags,is_a,is_b,is_c,is_d,is_e\n");
    StringBuilder pred = new StringBuilder("id,p_a,p_b,p_c,p_d,p_e\n");
    for (int i = 0; i < Y.length; i++) {
      StringBuilder tags = new StringBuilder();
      for (int l = 0; l < LABELS.size(); l++) {
        if (Y[i][l] == 0) continue;
        if (tags.length() > 0) tags.append(separator);
        tags.append(LABELS.get(l));
      }
      eval.append("t").append(i).append(',').append(i % 3 == 0 ? "phone" : "email").append(",\"").append(tags).append('"');
      for (int l = 0; l < LABELS.size(); l++) eval.append(',').append(Y[i][l]);
      eval.append('\n');
      if (i == skipPrediction) continue;
      pred.append("t").append(i);
      for (double v : S[i]) pred.append(',').append(v);
      pred.append('\n');
    }
    Files.writeString(dir.resolve("eval.csv"), eval);
    Files.writeString(dir.resolve("pred.csv"), pred);
  }

  private Report evaluate(String truth, String missing) throws IOException {
    Files.writeString(dir.resolve("suite.yaml"), SUITE.replace("TRUTH", truth).replace("MISSING", missing));
    return Holdout.evaluate(dir.resolve("suite.yaml"), dir.resolve("pred.csv"));
  }

  @Test
  void a_joined_label_column_gives_scikit_learns_figures_the_labels_section_and_a_verdict() throws IOException {
    write("|", -1);
    Report r = evaluate("label: tags", "wrong");
    assertThat(r.suite().task()).isEqualTo("multilabel_classification");
    assertThat(r.rows().evaluated()).isEqualTo(12);
    // MultilabelMetricsTest's scikit-learn values
    assertThat(r.metrics().get("f1_micro").value()).isCloseTo(0.6470588235294118, within(1e-12));
    assertThat(r.metrics().get("jaccard_samples").value()).isCloseTo(0.43888888888888894, within(1e-12));
    assertThat(r.metrics().get("coverage_error").value()).isCloseTo(2.0833333333333335, within(1e-12));
    assertThat(r.metrics().get("roc_auc_macro").value()).isCloseTo(0.9359375000000001, within(1e-12));
    assertThat(r.metrics().get("f1_micro").ci()).hasSize(2);
    assertThat(r.bootstrap().note()).isEqualTo("each row is its own cell: the bootstrap is exact");

    Report.LabelSummary labels = r.labels();
    assertThat(labels.cardinality()).isEqualTo(18 / 12.0);
    assertThat(labels.predictedCardinality()).isEqualTo(16 / 12.0);
    assertThat(labels.perLabel().keySet()).containsExactlyElementsOf(LABELS);
    Report.LabelFigures a = labels.perLabel().get("a");
    assertThat(a.support()).isEqualTo(5.0);
    assertThat(a.prior()).isEqualTo(5 / 12.0);
    assertThat(a.predicted()).isEqualTo(6.0);
    assertThat(a.threshold()).isEqualTo(0.5);
    assertThat(a.metrics().get("precision").value()).isCloseTo(0.8333333333333334, within(1e-12));
    assertThat(a.metrics().get("recall").ci()).isNotNull();
    assertThat(labels.perLabel().get("c").threshold()).isEqualTo(0.9);
    assertThat(labels.perLabel().get("e").metrics().get("recall").undefined()).isEqualTo("no row has this label");
    assertThat(labels.note()).isEqualTo("roc_auc_macro averages 4 of 5 labels; left out: e (no row has this label)");

    CriterionResult recall = r.criteria().get(0);
    assertThat(recall.description()).isEqualTo("recall of label a >= 0.5 (95% CI lower end)");
    assertThat(recall.observed()).isEqualTo(1.0);
    assertThat(recall.group()).isEqualTo("a");
    CriterionResult worst = r.criteria().get(1);
    assertThat(worst.description()).isEqualTo("worst label f1 >= 0.5 (95% CI lower end)");
    assertThat(worst.observed()).isEqualTo(0.0);
    assertThat(worst.status()).isEqualTo(Status.FAIL);
    assertThat(worst.reason()).contains("interval simultaneous over the 5 labels");
    assertThat(r.slices().get("channel")).containsKeys("email", "phone");
    assertThat(r.baseline().name()).isEqualTo("prior");
    assertThat(r.baseline().metrics().get("roc_auc_macro").value()).isEqualTo(0.5);
    assertThat(r.baseline().difference().get("label_ranking_average_precision").ci()).hasSize(2);
  }

  @Test
  void zero_one_columns_and_another_separator_read_the_same_labels() throws IOException {
    write("|", -1);
    Report joined = evaluate("label: tags", "wrong");
    Report columns = evaluate("labels: {a: is_a, b: is_b, c: is_c, d: is_d, e: is_e}", "wrong");
    write(";", -1);
    Report semicolons = evaluate("label: tags\n  separator: ';'", "wrong");
    for (String m : joined.metrics().keySet()) {
      assertThat(columns.metrics().get(m)).as(m).isEqualTo(joined.metrics().get(m));
      assertThat(semicolons.metrics().get(m)).as(m).isEqualTo(joined.metrics().get(m));
    }
  }

  @Test
  void a_missing_prediction_scores_every_label_wrong_or_is_left_out() throws IOException {
    write("|", 4);
    Report wrong = evaluate("label: tags", "wrong");
    assertThat(wrong.rows().missingPredictions()).isEqualTo(1);
    double[][] s = S.clone();
    s[4] = new double[] {1, 0, 0, 1, 1};
    Map<String, MetricValue> expected = figures(s, null);
    for (String m : List.of("subset_accuracy", "hamming_loss", "f1_micro", "label_ranking_average_precision", "coverage_error")) {
      assertThat(wrong.metrics().get(m).value()).as(m).isCloseTo(expected.get(m).value(), within(1e-12));
    }
    Report ignored = evaluate("label: tags", "ignore");
    assertThat(ignored.rows().evaluated()).isEqualTo(11);
    Map<String, MetricValue> without = figures(S, 4);
    assertThat(ignored.metrics().get("f1_micro").value()).isCloseTo(without.get("f1_micro").value(), within(1e-12));
  }

  @Test
  void compare_ranks_multilabel_submissions_by_the_primary_metric() throws IOException {
    write("|", -1);
    Files.writeString(dir.resolve("suite.yaml"), SUITE.replace("TRUTH", "label: tags").replace("MISSING", "wrong"));
    StringBuilder perfect = new StringBuilder("id,p_a,p_b,p_c,p_d,p_e\n");
    for (int i = 0; i < Y.length; i++) {
      perfect.append("t").append(i);
      for (int v : Y[i]) perfect.append(',').append(v == 1 ? 0.95 : 0.05);
      perfect.append('\n');
    }
    Files.writeString(dir.resolve("perfect.csv"), perfect);
    CompareReport c = Holdout.compare(Holdout.suite(dir.resolve("suite.yaml")), List.of(dir.resolve("pred.csv"), dir.resolve("perfect.csv")), Progress.NONE);
    assertThat(c.primaryMetric()).isEqualTo("f1_micro");
    assertThat(c.ranking().get(0).name()).isEqualTo("perfect");
    assertThat(c.ranking().get(0).primary().value()).isEqualTo(1.0);
    assertThat(c.pairs().get(0).difference().value()).isCloseTo(1 - 0.6470588235294118, within(1e-12));
  }

  @Test
  void a_label_outside_the_suite_is_refused_with_its_line_and_the_labels() throws IOException {
    write("|", -1);
    Files.writeString(dir.resolve("eval.csv"), Files.readString(dir.resolve("eval.csv")).replace("\"a|b\"", "\"a|bb\""));
    assertThatThrownBy(() -> evaluate("label: tags", "wrong")).isInstanceOf(HoldoutException.BadData.class)
        .hasMessage(dir.resolve("eval.csv") + " line 3, column 'tags': label 'bb' is not among the suite's labels [a, b, c, d, e]; did you mean 'b'?"
            + "; fix the label or add it to predictions.scores");
  }

  @Test
  void labels_joined_by_another_separator_get_the_separator_to_write() throws IOException {
    write(",", -1);
    assertThatThrownBy(() -> evaluate("label: tags", "wrong")).isInstanceOf(HoldoutException.BadData.class)
        .hasMessageContaining("line 3, column 'tags': label 'a,b' is not among the suite's labels")
        .hasMessageContaining("(the cell holds labels joined by ',', but data.separator is '|': set data.separator: ',')");
  }

  @Test
  void a_zero_one_column_and_a_score_must_hold_what_they_say() throws IOException {
    write("|", -1);
    Files.writeString(dir.resolve("eval.csv"), Files.readString(dir.resolve("eval.csv")).replaceFirst("\"a\",1,0", "\"a\",yes,0"));
    assertThatThrownBy(() -> evaluate("labels: {a: is_a, b: is_b, c: is_c, d: is_d, e: is_e}", "wrong")).isInstanceOf(HoldoutException.BadData.class)
        .hasMessage(dir.resolve("eval.csv") + " line 2, column 'is_a': expected 0 or 1 (whether the row has label 'a'), found 'yes'");
    write("|", -1);
    Files.writeString(dir.resolve("pred.csv"), Files.readString(dir.resolve("pred.csv")).replaceFirst("t0,0.9", "t0,1.9"));
    assertThatThrownBy(() -> evaluate("label: tags", "wrong")).isInstanceOf(HoldoutException.BadData.class)
        .hasMessage(dir.resolve("pred.csv") + " line 2, column 'p_a': expected a probability in [0, 1], found '1.9'");
  }

  /** The overall figures of {@code scores} against {@link #Y}, leaving row {@code leaveOut} out when not null. */
  private static Map<String, MetricValue> figures(double[][] scores, Integer leaveOut) {
    int n = Y.length - (leaveOut == null ? 0 : 1);
    boolean[][] truth = new boolean[LABELS.size()][n];
    double[][][] sc = new double[1][LABELS.size()][n];
    for (int i = 0, k = 0; i < Y.length; i++) {
      if (leaveOut != null && i == leaveOut) continue;
      for (int l = 0; l < LABELS.size(); l++) {
        truth[l][k] = Y[i][l] == 1;
        sc[0][l][k] = scores[i][l];
      }
      k++;
    }
    MultilabelCells c = MultilabelCells.ofRows(LABELS, truth, sc, T);
    return MultilabelMetrics.compute(c, 0, c.counts()).overall();
  }
}
