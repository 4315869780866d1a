package dev.holdout.metric;

import static dev.holdout.metric.BinaryMetricsTest.assertMetric;
import static dev.holdout.metric.BinaryMetricsTest.assertUndefined;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.holdout.stats.Lcg;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Multiclass metrics against scikit-learn 1.2.1 (Debian's /usr/bin/python3), with
 * {@code yp = first argmax of each probability row} and {@code L = list(range(len(classes)))}.
 * Per-row log loss and top-k hits are prepared as the evaluation package does (clip each
 * probability to [eps, 1 - eps], divide by the row's clipped sum; {@link MulticlassMetrics#topKHit}).
 */
class MulticlassMetricsTest {
  private static final double TOL = 1e-12;

  // 15 rows, classes a..e. Class c is a label but never predicted, d is predicted but never a
  // label, e is neither. Rows with tied probabilities, zeros on the true class, and one row
  // (index 11) summing to 1.4.
  static final List<String> H_CLASSES = List.of("a", "b", "c", "d", "e");
  static final int[] H_Y = {0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 0, 1, 2, 0, 1};
  static final double[][] H_P = {
      {0.7, 0.2, 0.1, 0.0, 0}, {0.4, 0.4, 0.2, 0.0, 0}, {0.1, 0.6, 0.3, 0.0, 0}, {0.2, 0.5, 0.2, 0.1, 0},
      {0.3, 0.3, 0.3, 0.1, 0}, {0.0, 0.0, 0.0, 1.0, 0}, {0.25, 0.25, 0.25, 0.25, 0}, {0.1, 0.2, 0.3, 0.4, 0},
      {0.5, 0.1, 0.4, 0.0, 0}, {0.2, 0.2, 0.2, 0.6, 0}, {0.9, 0.05, 0.05, 0.0, 0}, {0.6, 0.5, 0.2, 0.1, 0},
      {0.3, 0.3, 0.2, 0.2, 0}, {1.0, 0.0, 0.0, 0.0, 0}, {0.1, 0.7, 0.1, 0.1, 0}};

  @Test
  void hand_made_set_with_ties_and_absent_classes_matches_scikit_learn() {
    MulticlassCells c = cells(H_CLASSES, H_Y, H_P, 2);
    // scikit-learn's predictions: [0, 0, 1, 1, 0, 3, 0, 3, 0, 3, 0, 0, 0, 0, 1]
    assertThat(c.predicted[0]).containsExactly(0, 0, 1, 1, 0, 3, 0, 3, 0, 3, 0, 0, 0, 0, 1);
    Map<String, MetricValue> m = MulticlassMetrics.compute(c, 0, c.counts(), null);
    assertMetric(m, "accuracy", 0.4); // accuracy_score(y, yp)
    assertMetric(m, "balanced_accuracy", 0.37777777777777777); // balanced_accuracy_score(y, yp)
    assertMetric(m, "f1_macro", 0.25396825396825395); // f1_score(y, yp, average='macro', zero_division=0)
    assertMetric(m, "f1_micro", 0.4000000000000001); // f1_score(y, yp, average='micro')
    assertMetric(m, "f1_weighted", 0.3682539682539682); // f1_score(y, yp, average='weighted', zero_division=0)
    assertMetric(m, "precision_macro", 0.2777777777777778); // precision_score(y, yp, average='macro', zero_division=0)
    assertMetric(m, "recall_macro", 0.2833333333333333); // recall_score(y, yp, average='macro', zero_division=0)
    assertMetric(m, "cohen_kappa", 0.16666666666666674); // cohen_kappa_score(y, yp)
    assertMetric(m, "top_k_accuracy", 0.7333333333333333); // top_k_accuracy_score(y, P, k=2, labels=L)
    assertMetric(m, "log_loss", 3.327715619904656); // log_loss(y, P, labels=L)
  }

  @Test
  void per_class_figures_match_scikit_learn_and_are_undefined_where_scikit_learn_divides_by_zero() {
    MulticlassCells c = cells(H_CLASSES, H_Y, H_P, 2);
    List<MulticlassMetrics.PerClass> pc = MulticlassMetrics.perClass(c, 0, c.counts());
    // precision_recall_fscore_support(y, yp, labels=L, zero_division=0):
    //   p [0.4444444444444444, 0.6666666666666666, 0.0, 0.0, 0.0]
    //   r [0.8, 0.3333333333333333, 0.0, 0.0, 0.0]
    //   f [0.5714285714285714, 0.4444444444444444, 0.0, 0.0, 0.0]
    //   s [5, 6, 4, 0, 0]
    assertThat(pc).extracting(MulticlassMetrics.PerClass::label).containsExactly("a", "b", "c", "d", "e");
    assertThat(pc.get(0).precision().value()).isCloseTo(0.4444444444444444, within(TOL));
    assertThat(pc.get(0).recall().value()).isCloseTo(0.8, within(TOL));
    assertThat(pc.get(0).f1().value()).isCloseTo(0.5714285714285714, within(TOL));
    assertThat(pc.get(1).precision().value()).isCloseTo(0.6666666666666666, within(TOL));
    assertThat(pc.get(1).recall().value()).isCloseTo(0.3333333333333333, within(TOL));
    assertThat(pc.get(1).f1().value()).isCloseTo(0.4444444444444444, within(TOL));
    // c: a label, never predicted: precision undefined, recall and f1 0.
    assertThat(pc.get(2).precision().defined()).isFalse();
    assertThat(pc.get(2).precision().undefined()).isNotBlank();
    assertThat(pc.get(2).recall().value()).isEqualTo(0.0);
    assertThat(pc.get(2).f1().value()).isEqualTo(0.0);
    // d: predicted, never a label: recall undefined, precision and f1 0.
    assertThat(pc.get(3).recall().defined()).isFalse();
    assertThat(pc.get(3).precision().value()).isEqualTo(0.0);
    assertThat(pc.get(3).f1().value()).isEqualTo(0.0);
    // e: neither: nothing is defined.
    assertThat(pc.get(4).precision().defined()).isFalse();
    assertThat(pc.get(4).recall().defined()).isFalse();
    assertThat(pc.get(4).f1().defined()).isFalse();
    assertThat(pc).extracting(MulticlassMetrics.PerClass::support).containsExactly(5.0, 6.0, 4.0, 0.0, 0.0);
  }

  /**
   * 500 rows from {@link Lcg} seed 77, generated identically in Python:
   * <pre>
   * u = r.next(); a = 0 if u < 0.4 else 1 if u < 0.7 else 2 if u < 0.9 else 3
   * for k in range(4): v = r.next(); v += 0.5*r.next() if k == a else 0; row.append(math.floor(v*10)/10)
   * </pre>
   * Probabilities on a 0.1 grid, unnormalised (rows sum to about 2), many ties and some zeros.
   */
  @Test
  void seeded_five_hundred_rows_match_scikit_learn() {
    Lcg r = new Lcg(77);
    int n = 500;
    int[] y = new int[n];
    double[][] p = new double[n][4];
    for (int i = 0; i < n; i++) {
      double u = r.next();
      int a = u < 0.4 ? 0 : u < 0.7 ? 1 : u < 0.9 ? 2 : 3;
      for (int k = 0; k < 4; k++) {
        double v = r.next();
        if (k == a) v += 0.5 * r.next();
        p[i][k] = Math.floor(v * 10) / 10;
      }
      y[i] = a;
    }
    assertThat(p[0]).containsExactly(0.4, 1.4, 0.0, 0.9);
    MulticlassCells c = cells(List.of("w", "x", "y", "z"), y, p, 2);
    Map<String, MetricValue> m = MulticlassMetrics.compute(c, 0, c.counts(), null);
    assertMetric(m, "accuracy", 0.514); // accuracy_score(y, yp)
    assertMetric(m, "balanced_accuracy", 0.509631093544137); // balanced_accuracy_score(y, yp)
    assertMetric(m, "f1_macro", 0.4845974057957401); // f1_score(y, yp, average='macro', zero_division=0)
    assertMetric(m, "f1_micro", 0.514); // f1_score(y, yp, average='micro')
    assertMetric(m, "f1_weighted", 0.522834630305538); // f1_score(y, yp, average='weighted', zero_division=0)
    assertMetric(m, "precision_macro", 0.48077935017318085); // precision_score(y, yp, average='macro', zero_division=0)
    assertMetric(m, "recall_macro", 0.509631093544137); // recall_score(y, yp, average='macro', zero_division=0)
    assertMetric(m, "cohen_kappa", 0.32269339472760006); // cohen_kappa_score(y, yp)
    assertMetric(m, "top_k_accuracy", 0.728); // top_k_accuracy_score(y, P, k=2, labels=L)
    assertMetric(m, "log_loss", 1.4479426621266747); // log_loss(y, P, labels=L)

    List<MulticlassMetrics.PerClass> pc = MulticlassMetrics.perClass(c, 0, c.counts());
    // precision_recall_fscore_support(y, yp, labels=L, zero_division=0)
    double[] precision = {0.6484848484848484, 0.5163398692810458, 0.49, 0.2682926829268293};
    double[] recall = {0.5169082125603864, 0.5266666666666666, 0.494949494949495, 0.5};
    double[] f1 = {0.575268817204301, 0.5214521452145214, 0.4924623115577889, 0.34920634920634924};
    double[] support = {207, 150, 99, 44};
    for (int k = 0; k < 4; k++) {
      assertThat(pc.get(k).precision().value()).as("precision %d", k).isCloseTo(precision[k], within(TOL));
      assertThat(pc.get(k).recall().value()).as("recall %d", k).isCloseTo(recall[k], within(TOL));
      assertThat(pc.get(k).f1().value()).as("f1 %d", k).isCloseTo(f1[k], within(TOL));
      assertThat(pc.get(k).support()).as("support %d", k).isEqualTo(support[k]);
    }
  }

  @Test
  void top_k_hit_breaks_ties_like_scikit_learn() {
    // scikit-learn ranks by np.argsort(y_score, kind="mergesort")[:, ::-1]: among equal
    // probabilities the later class ranks higher.
    // top_k_accuracy_score([1], [[0.4, 0.3, 0.3, 0.0]], k=2, labels=[0, 1, 2, 3]) == 0.0
    assertThat(MulticlassMetrics.topKHit(new double[] {0.4, 0.3, 0.3, 0.0}, 1, 2)).isFalse();
    // top_k_accuracy_score([2], [[0.4, 0.3, 0.3, 0.0]], k=2, labels=[0, 1, 2, 3]) == 1.0
    assertThat(MulticlassMetrics.topKHit(new double[] {0.4, 0.3, 0.3, 0.0}, 2, 2)).isTrue();
    // All equal: the top 2 are classes 3 and 2.
    assertThat(MulticlassMetrics.topKHit(new double[] {0.25, 0.25, 0.25, 0.25}, 0, 2)).isFalse();
    assertThat(MulticlassMetrics.topKHit(new double[] {0.25, 0.25, 0.25, 0.25}, 2, 2)).isTrue();
    assertThat(MulticlassMetrics.topKHit(new double[] {0.25, 0.25, 0.25, 0.25}, 0, 4)).isTrue();
    assertThat(MulticlassMetrics.topKHit(new double[] {0.1, 0.9}, 0, 1)).isFalse();
    assertThat(MulticlassMetrics.topKHit(new double[] {0.1, 0.9}, 1, 1)).isTrue();
  }

  @Test
  void all_zero_weights_make_every_metric_undefined() {
    MulticlassCells c = cells(H_CLASSES, H_Y, H_P, 2);
    Map<String, MetricValue> m = MulticlassMetrics.compute(c, 0, new double[c.size()], null);
    assertThat(m.keySet()).containsAll(List.of("accuracy", "f1_macro", "cohen_kappa", "log_loss", "top_k_accuracy"));
    assertThat(m.values()).noneMatch(MetricValue::defined);
    assertThat(m.values()).allMatch(v -> !v.undefined().isBlank());
  }

  @Test
  void a_single_row_has_accuracy_but_no_kappa() {
    MulticlassCells c = cells(List.of("a", "b", "c"), new int[] {1}, new double[][] {{0.2, 0.5, 0.3}}, 2);
    Map<String, MetricValue> m = MulticlassMetrics.compute(c, 0, c.counts(), null);
    assertMetric(m, "accuracy", 1.0);
    assertMetric(m, "balanced_accuracy", 1.0);
    assertMetric(m, "f1_macro", 1.0);
    assertMetric(m, "log_loss", -Math.log(0.5));
    // cohen_kappa_score([1], [1]) is nan (0/0): chance agreement is 1.
    assertUndefined(m, "cohen_kappa");
  }

  @Test
  void metrics_without_probabilities_leave_log_loss_and_top_k_undefined() {
    MulticlassCells c = MulticlassCells.ofRows(List.of("a", "b"), new int[] {0, 1, 1},
        List.of(new MulticlassCells.SetRows(new int[] {0, 1, 0}, null, null)));
    assertThat(c.hasProbabilities(0)).isFalse();
    Map<String, MetricValue> m = MulticlassMetrics.compute(c, 0, c.counts(), null);
    assertMetric(m, "accuracy", 2.0 / 3);
    assertUndefined(m, "log_loss");
    assertUndefined(m, "top_k_accuracy");
  }

  @Test
  void expected_cost_weights_the_confusion_matrix_by_the_cost_matrix() {
    MulticlassCells c = cells(H_CLASSES, H_Y, H_P, 2);
    double[][] costs = new double[5][5];
    for (int a = 0; a < 5; a++) for (int p = 0; p < 5; p++) costs[a][p] = a == p ? -1 : a + 2 * p;
    double[][] m = MulticlassMetrics.confusion(c, 0, c.counts());
    double expected = 0;
    for (int i = 0; i < H_Y.length; i++) {
      int p = c.predicted[0][i];
      expected += costs[H_Y[i]][p];
    }
    assertThat(m[0][0] + m[1][1] + m[2][2]).isEqualTo(6.0);
    assertMetric(MulticlassMetrics.compute(c, 0, c.counts(), costs), "expected_cost", expected / H_Y.length);
  }

  @Test
  void compress_returns_the_same_cells_within_budget() {
    MulticlassCells c = cells(H_CLASSES, H_Y, H_P, 2);
    assertThat(c.compress(15)).isSameAs(c);
  }

  @Test
  void compress_keeps_accuracy_and_every_confusion_metric_exact_and_log_loss_to_1e_9() {
    int n = 100_000;
    SplittableRandom r = new SplittableRandom(11);
    List<String> classes = List.of("a", "b", "c", "d", "e");
    int[] y = new int[n];
    double[][] p = new double[n][5];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextInt(5);
      for (int k = 0; k < 5; k++) p[i][k] = r.nextDouble() + (k == y[i] ? 0.6 * r.nextDouble() : 0);
    }
    // A second set (a baseline that always says "a") travels in the same cells.
    int[] majority = new int[n];
    boolean[] majorityHit = new boolean[n];
    double[] majorityLoss = new double[n];
    for (int i = 0; i < n; i++) {
      majorityHit[i] = y[i] <= 1;
      majorityLoss[i] = y[i] == 0 ? 0.0 : -Math.log(BinaryCells.EPS);
    }
    MulticlassCells rows = cells(classes, y, p, 2);
    MulticlassCells c = MulticlassCells.ofRows(classes, y, List.of(
        new MulticlassCells.SetRows(rows.predicted[0], rows.hit[0], rows.logLoss[0]),
        new MulticlassCells.SetRows(majority, majorityHit, majorityLoss)));
    MulticlassCells z = c.compress(2_000);
    assertThat(z.size()).isLessThan(n / 10);
    for (int set = 0; set < 2; set++) {
      Map<String, MetricValue> exact = MulticlassMetrics.compute(c, set, c.counts(), null);
      Map<String, MetricValue> binned = MulticlassMetrics.compute(z, set, z.counts(), null);
      for (String name : exact.keySet()) {
        if (name.equals("log_loss")) {
          assertThat(binned.get(name).value()).as("set %d %s", set, name).isCloseTo(exact.get(name).value(), within(1e-9));
        } else {
          assertThat(binned.get(name).value()).as("set %d %s", set, name).isEqualTo(exact.get(name).value());
        }
      }
    }
  }

  // ---- helpers ----

  /** Cells for one set of probability rows, the way the evaluation package prepares them. */
  static MulticlassCells cells(List<String> classes, int[] y, double[][] p, int k) {
    int n = y.length;
    int[] predicted = new int[n];
    boolean[] hit = new boolean[n];
    double[] loss = new double[n];
    for (int i = 0; i < n; i++) {
      int best = 0;
      double sum = 0;
      for (int j = 0; j < p[i].length; j++) {
        if (p[i][j] > p[i][best]) best = j;
        sum += clip(p[i][j]);
      }
      predicted[i] = best;
      hit[i] = MulticlassMetrics.topKHit(p[i], y[i], k);
      loss[i] = -Math.log(clip(p[i][y[i]]) / sum);
    }
    return MulticlassCells.ofRows(classes, y, List.of(new MulticlassCells.SetRows(predicted, hit, loss)));
  }

  private static double clip(double p) {
    return Math.min(Math.max(p, BinaryCells.EPS), 1 - BinaryCells.EPS);
  }
}
