package dev.holdout.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.holdout.stats.Lcg;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Binary metrics against scikit-learn 1.2.1 (Debian's /usr/bin/python3). Each reference value was
 * printed with repr() by the call shown next to it, with {@code yp = (p >= threshold).astype(int)};
 * the tolerance of 1e-12 covers summation order only.
 */
class BinaryMetricsTest {
  private static final double TOL = 1e-12;

  // Dataset A: 20 rows, threshold 0.5; ties at 0.35 (one of each label), 0.5 and 0.7, and the
  // certain probabilities 1.0 and 0.0 on both a right and a wrong row (log loss clipping).
  static final boolean[] A_Y = labels(1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0);
  static final double[] A_P = {0.9, 0.1, 0.8, 0.35, 0.35, 0.6, 0.7, 0.2, 1.0, 0.0,
      0.5, 0.5, 0.4, 0.3, 0.7, 0.05, 0.95, 0.0, 1.0, 0.45};

  @Test
  void hand_made_set_with_ties_and_certain_probabilities_matches_scikit_learn() {
    Map<String, MetricValue> m = metrics(A_Y, A_P, 0.5);
    assertMetric(m, "accuracy", 0.65); // accuracy_score(y, yp)
    assertMetric(m, "balanced_accuracy", 0.6515151515151515); // balanced_accuracy_score(y, yp)
    assertMetric(m, "precision", 0.6); // precision_score(y, yp)
    assertMetric(m, "recall", 0.6666666666666666); // recall_score(y, yp)
    assertMetric(m, "specificity", 0.6363636363636364); // recall_score(y, yp, pos_label=0)
    assertMetric(m, "f1", 0.631578947368421); // f1_score(y, yp)
    assertMetric(m, "mcc", 0.30151134457776363); // matthews_corrcoef(y, yp)
    assertMetric(m, "roc_auc", 0.6717171717171717); // roc_auc_score(y, p)
    assertMetric(m, "average_precision", 0.6126984126984127); // average_precision_score(y, p)
    assertMetric(m, "log_loss", 4.025168740582544); // log_loss(y, p)
    assertMetric(m, "brier", 0.24712499999999998); // brier_score_loss(y, p)
  }

  @Test
  void scores_on_three_levels_with_heavy_ties_match_scikit_learn() {
    boolean[] y = labels(0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 1);
    double[] p = {0.2, 0.5, 0.5, 0.8, 0.8, 0.2, 0.2, 0.8, 0.5, 0.2, 0.5, 0.8};
    Map<String, MetricValue> m = metrics(y, p, 0.5);
    assertMetric(m, "accuracy", 0.6666666666666666); // accuracy_score(y, yp)
    assertMetric(m, "balanced_accuracy", 0.6666666666666667); // balanced_accuracy_score(y, yp)
    assertMetric(m, "precision", 0.625); // precision_score(y, yp)
    assertMetric(m, "recall", 0.8333333333333334); // recall_score(y, yp)
    assertMetric(m, "specificity", 0.5); // recall_score(y, yp, pos_label=0)
    assertMetric(m, "f1", 0.7142857142857143); // f1_score(y, yp)
    assertMetric(m, "mcc", 0.3535533905932738); // matthews_corrcoef(y, yp)
    assertMetric(m, "roc_auc", 0.7222222222222223); // roc_auc_score(y, p)
    assertMetric(m, "average_precision", 0.6666666666666667); // average_precision_score(y, p)
    assertMetric(m, "log_loss", 0.6108604879161034); // log_loss(y, p)
    assertMetric(m, "brier", 0.21000000000000005); // brier_score_loss(y, p)
  }

  @Test
  void scores_equal_to_a_threshold_of_0_3_count_as_positive_as_in_scikit_learn() {
    boolean[] y = labels(1, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0);
    double[] p = {0.31, 0.3, 0.3, 0.12, 0.6, 0.29, 0.05, 0.3, 0.02, 0.88, 0.45, 0.3, 0.3, 0.01, 0.2};
    Map<String, MetricValue> m = metrics(y, p, 0.3);
    assertMetric(m, "accuracy", 0.6); // accuracy_score(y, yp), yp = p >= 0.3
    assertMetric(m, "balanced_accuracy", 0.65); // balanced_accuracy_score(y, yp)
    assertMetric(m, "precision", 0.4444444444444444); // precision_score(y, yp)
    assertMetric(m, "recall", 0.8); // recall_score(y, yp)
    assertMetric(m, "specificity", 0.5); // recall_score(y, yp, pos_label=0)
    assertMetric(m, "f1", 0.5714285714285714); // f1_score(y, yp)
    assertMetric(m, "mcc", 0.28867513459481287); // matthews_corrcoef(y, yp)
    assertMetric(m, "roc_auc", 0.72); // roc_auc_score(y, p)
    assertMetric(m, "average_precision", 0.5777777777777777); // average_precision_score(y, p)
    assertMetric(m, "log_loss", 0.5307674761663306); // log_loss(y, p)
    assertMetric(m, "brier", 0.19096666666666667); // brier_score_loss(y, p)
  }

  /**
   * 1,000 rows from {@link Lcg} seed 20240601, generated identically in Python:
   * <pre>
   * pos = r.next() < 0.3; u = r.next()
   * s = math.floor(((0.3 if pos else 0.0) + 0.7*u)*100)/100
   * if r.next() < 0.02: s = 0.0 if pos else 1.0
   * </pre>
   * Scores on a 0.01 grid (many ties), about 2% confidently wrong at exactly 0 or 1.
   */
  static Object[] lcgDataset() {
    Lcg r = new Lcg(20240601L);
    boolean[] y = new boolean[1000];
    double[] p = new double[1000];
    for (int i = 0; i < 1000; i++) {
      boolean pos = r.next() < 0.3;
      double u = r.next();
      double s = Math.floor(((pos ? 0.3 : 0.0) + 0.7 * u) * 100) / 100;
      if (r.next() < 0.02) s = pos ? 0.0 : 1.0;
      y[i] = pos;
      p[i] = s;
    }
    return new Object[] {y, p};
  }

  @Test
  void seeded_thousand_rows_match_scikit_learn() {
    Object[] d = lcgDataset();
    boolean[] y = (boolean[]) d[0];
    double[] p = (double[]) d[1];
    // The same stream as Python: first scores [0.6, 0.14, 0.15, 0.63, 0.62], 289 positives.
    assertThat(Arrays.copyOf(p, 5)).containsExactly(0.6, 0.14, 0.15, 0.63, 0.62);
    int positives = 0;
    for (boolean b : y) if (b) positives++;
    assertThat(positives).isEqualTo(289);

    Map<String, MetricValue> m = metrics(y, p, 0.5);
    assertMetric(m, "accuracy", 0.684); // accuracy_score(y, yp)
    assertMetric(m, "balanced_accuracy", 0.6843327055319521); // balanced_accuracy_score(y, yp)
    assertMetric(m, "precision", 0.46808510638297873); // precision_score(y, yp)
    assertMetric(m, "recall", 0.6851211072664359); // recall_score(y, yp)
    assertMetric(m, "specificity", 0.6835443037974683); // recall_score(y, yp, pos_label=0)
    assertMetric(m, "f1", 0.5561797752808989); // f1_score(y, yp)
    assertMetric(m, "mcc", 0.33826574818525057); // matthews_corrcoef(y, yp)
    assertMetric(m, "roc_auc", 0.7902486385470048); // roc_auc_score(y, p)
    assertMetric(m, "average_precision", 0.5734305717315733); // average_precision_score(y, p)
    assertMetric(m, "log_loss", 1.3036851401838239); // log_loss(y, p)
    assertMetric(m, "brier", 0.18358589999999997); // brier_score_loss(y, p)
  }

  @Test
  void log_loss_clips_probabilities_0_and_1_to_float64_machine_epsilon() {
    // log_loss([1, 0], [0.0, 1.0]) == -log(np.finfo(float).eps) == 36.04365338911715
    assertMetric(metrics(labels(1, 0), new double[] {0.0, 1.0}, 0.5), "log_loss", 36.04365338911715);
    // log_loss([1, 0, 1, 0], [1.0, 0.0, 0.5, 0.5]) == 0.34657359027997275: certain and right costs ~eps
    assertMetric(metrics(labels(1, 0, 1, 0), new double[] {1.0, 0.0, 0.5, 0.5}, 0.5), "log_loss", 0.34657359027997275);
    assertThat(BinaryCells.EPS).isEqualTo(0x1.0p-52);
  }

  @Test
  void single_class_auc_is_undefined() {
    Map<String, MetricValue> negatives = metrics(labels(0, 0, 0), new double[] {0.2, 0.7, 0.4}, 0.5);
    assertUndefined(negatives, "roc_auc");
    assertUndefined(negatives, "average_precision");
    assertUndefined(negatives, "recall");
    assertMetric(negatives, "specificity", 2.0 / 3);
    assertMetric(negatives, "accuracy", 2.0 / 3);

    Map<String, MetricValue> positives = metrics(labels(1, 1, 1), new double[] {0.2, 0.5, 0.9}, 0.5);
    assertUndefined(positives, "roc_auc");
    assertUndefined(positives, "specificity");
    // average_precision_score([1, 1, 1], [0.2, 0.5, 0.9]) == 1.0
    assertMetric(positives, "average_precision", 1.0);
    // balanced_accuracy_score([1, 1, 1], [0, 1, 1]) == 0.6666666666666666 (the absent class is dropped)
    assertMetric(positives, "balanced_accuracy", 0.6666666666666666);
  }

  @Test
  void precision_is_undefined_when_nothing_is_predicted_positive() {
    Map<String, MetricValue> m = metrics(labels(1, 0, 1, 0), new double[] {0.1, 0.2, 0.3, 0.4}, 0.5);
    assertUndefined(m, "precision");
    assertThat(m.get("precision").undefined()).contains("0.5");
    assertMetric(m, "recall", 0.0);
    // f1_score([1, 0, 1, 0], [0, 0, 0, 0]) == 0.0: the denominator 2tp + fp + fn is not zero
    assertMetric(m, "f1", 0.0);
    assertUndefined(m, "mcc");
    assertMetric(m, "roc_auc", 0.25); // roc_auc_score([1, 0, 1, 0], [0.1, 0.2, 0.3, 0.4])
  }

  @Test
  void mcc_is_undefined_when_a_row_or_column_of_the_confusion_matrix_is_empty() {
    // Every row predicted positive: the predicted-negative column is empty. scikit-learn prints 0.0 here.
    Map<String, MetricValue> allPositive = metrics(labels(1, 0, 1, 0), new double[] {0.6, 0.7, 0.8, 0.9}, 0.5);
    assertUndefined(allPositive, "mcc");
    assertMetric(allPositive, "precision", 0.5);
    // One label only: the negative row of the matrix is empty.
    assertUndefined(metrics(labels(1, 1), new double[] {0.3, 0.9}, 0.5), "mcc");
  }

  @Test
  void f1_is_undefined_without_positive_labels_or_predictions() {
    Map<String, MetricValue> m = metrics(labels(0, 0), new double[] {0.1, 0.2}, 0.5);
    assertUndefined(m, "f1");
    assertUndefined(m, "precision");
    assertMetric(m, "accuracy", 1.0);
  }

  @Test
  void all_zero_weights_make_every_metric_undefined() {
    BinaryCells c = BinaryCells.ofRows(A_Y, A_P);
    Map<String, MetricValue> m = BinaryMetrics.compute(c, 0, new double[c.size()], 0.5, new BinaryMetrics.Costs(1, 2, 3, 4));
    assertThat(m.keySet()).containsExactlyElementsOf(MetricCatalog.names(Task.BINARY_CLASSIFICATION));
    for (MetricValue v : m.values()) {
      assertThat(v.defined()).isFalse();
      assertThat(v.undefined()).isNotBlank();
    }
    assertThat(BinaryMetrics.compute(c, 0, new double[c.size()], 0.5, null)).doesNotContainKey("expected_cost");
  }

  @Test
  void no_rows_at_all_make_every_metric_undefined() {
    BinaryCells c = BinaryCells.ofRows(new boolean[0], new double[0]);
    Map<String, MetricValue> m = BinaryMetrics.compute(c, 0, c.counts(), 0.5, null);
    assertThat(m).isNotEmpty();
    assertThat(m.values()).noneMatch(MetricValue::defined);
  }

  @Test
  void a_single_row_has_accuracy_and_losses_but_no_auc() {
    Map<String, MetricValue> m = metrics(labels(1), new double[] {0.8}, 0.5);
    assertMetric(m, "accuracy", 1.0);
    assertMetric(m, "precision", 1.0);
    assertMetric(m, "recall", 1.0);
    assertUndefined(m, "specificity");
    assertUndefined(m, "roc_auc");
    assertUndefined(m, "mcc");
    assertMetric(m, "log_loss", -Math.log(0.8));
    assertMetric(m, "brier", 0.04000000000000001); // (0.8 - 1)^2
    assertMetric(m, "ece", 0.19999999999999996); // |1 - 0.8| in bin [0.8, 0.9)
  }

  @Test
  void whole_number_weights_equal_repeated_rows() {
    // The bootstrap's premise: weight k on a row is the row k times.
    double[] w = new double[A_Y.length];
    int total = 0;
    for (int i = 0; i < w.length; i++) {
      w[i] = i % 4;
      total += (int) w[i];
    }
    boolean[] y = new boolean[total];
    double[] p = new double[total];
    int k = 0;
    for (int i = 0; i < w.length; i++) {
      for (int j = 0; j < w[i]; j++) {
        y[k] = A_Y[i];
        p[k++] = A_P[i];
      }
    }
    BinaryCells cells = BinaryCells.ofWeightedRows(A_Y, w, A_P);
    Map<String, MetricValue> weighted = BinaryMetrics.compute(cells, 0, cells.counts(), 0.5, null);
    Map<String, MetricValue> repeated = metrics(y, p, 0.5);
    assertThat(weighted.keySet()).isEqualTo(repeated.keySet());
    for (String name : repeated.keySet()) {
      assertThat(weighted.get(name).defined()).as(name).isEqualTo(repeated.get(name).defined());
      if (repeated.get(name).defined()) {
        assertThat(weighted.get(name).value()).as(name).isCloseTo(repeated.get(name).value(), within(TOL));
      }
    }
  }

  @Test
  void each_prediction_set_is_scored_on_its_own() {
    double[] reversed = new double[A_P.length];
    for (int i = 0; i < A_P.length; i++) reversed[i] = 1 - A_P[i];
    BinaryCells c = BinaryCells.ofRows(A_Y, A_P, reversed);
    assertThat(c.sets()).isEqualTo(2);
    double auc0 = BinaryMetrics.compute(c, 0, c.counts(), 0.5, null).get("roc_auc").value();
    double auc1 = BinaryMetrics.compute(c, 1, c.counts(), 0.5, null).get("roc_auc").value();
    assertThat(auc0).isCloseTo(0.6717171717171717, within(TOL));
    assertThat(auc1).isCloseTo(1 - auc0, within(TOL));
  }

  @Test
  void ece_by_hand_with_scores_on_bin_edges() {
    // bin [0, 0.1):   0.05 (neg), 0.05 (pos)       rate 0.5, mean 0.05  -> 0.45 * 2/10 = 0.09
    // bin [0.1, 0.2): 0.1 (neg), 0.15 (neg)        rate 0,   mean 0.125 -> 0.125 * 2/10 = 0.025
    // bin [0.3, 0.4): 0.3 (pos)                    rate 1,   mean 0.3   -> 0.7 * 1/10 = 0.07
    // bin [0.5, 0.6): 0.5 (pos), 0.55 (neg)        rate 0.5, mean 0.525 -> 0.025 * 2/10 = 0.005
    // bin [0.9, 1.0]: 0.9, 0.95, 1.0 (all pos)     rate 1,   mean 0.95  -> 0.05 * 3/10 = 0.015
    // ece = 0.09 + 0.025 + 0.07 + 0.005 + 0.015 = 0.205
    boolean[] y = labels(0, 1, 0, 0, 1, 1, 0, 1, 1, 1);
    double[] p = {0.05, 0.05, 0.1, 0.15, 0.3, 0.5, 0.55, 0.9, 0.95, 1.0};
    assertMetric(metrics(y, p, 0.5), "ece", 0.205);
  }

  @Test
  void ece_bins_put_a_score_on_an_edge_into_the_upper_bin() {
    assertThat(BinaryMetrics.eceBin(0.0)).isEqualTo(0);
    assertThat(BinaryMetrics.eceBin(0.09999999999999999)).isEqualTo(0);
    assertThat(BinaryMetrics.eceBin(0.1)).isEqualTo(1);
    assertThat(BinaryMetrics.eceBin(0.3)).isEqualTo(3);
    assertThat(BinaryMetrics.eceBin(0.7)).isEqualTo(7);
    assertThat(BinaryMetrics.eceBin(0.9)).isEqualTo(9);
    assertThat(BinaryMetrics.eceBin(1.0)).isEqualTo(9);
  }

  @Test
  void ece_of_a_perfectly_calibrated_bin_is_zero() {
    // Four rows at 0.25, one positive: observed rate equals the score.
    assertMetric(metrics(labels(1, 0, 0, 0), new double[] {0.25, 0.25, 0.25, 0.25}, 0.5), "ece", 0.0);
  }

  @Test
  void expected_cost_is_the_mean_cost_per_decision() {
    BinaryMetrics.Costs costs = new BinaryMetrics.Costs(-80, 5, 120, 0);
    BinaryCells c = BinaryCells.ofRows(A_Y, A_P);
    // Dataset A at 0.5: tp 6, fp 4, tn 7, fn 3 (precision 0.6, recall 6/9, specificity 7/11).
    BinaryMetrics.Confusion m = BinaryMetrics.confusion(c, 0, c.counts(), 0.5);
    assertThat(m).isEqualTo(new BinaryMetrics.Confusion(6, 4, 7, 3));
    assertMetric(BinaryMetrics.compute(c, 0, c.counts(), 0.5, costs), "expected_cost", (6 * -80 + 4 * 5 + 3 * 120) / 20.0);
  }

  @Test
  void cost_optimum_matches_a_brute_force_search_over_thresholds() {
    BinaryCells c = BinaryCells.ofRows(A_Y, A_P);
    for (BinaryMetrics.Costs costs : new BinaryMetrics.Costs[] {
        new BinaryMetrics.Costs(-80, 5, 120, 0), new BinaryMetrics.Costs(0, 1, 1, 0), new BinaryMetrics.Costs(0, 10, 1, 0)}) {
      TreeSet<Double> candidates = new TreeSet<>();
      for (double s : A_P) candidates.add(s);
      // Descending, strict improvement: ties go to the highest threshold, "never positive" first.
      double best = costs.of(BinaryMetrics.confusion(c, 0, c.counts(), Double.POSITIVE_INFINITY)) / 20;
      double bestThreshold = Double.NaN;
      for (double t : candidates.descendingSet()) {
        double cost = costs.of(BinaryMetrics.confusion(c, 0, c.counts(), t)) / 20;
        if (cost < best - 1e-12) {
          best = cost;
          bestThreshold = t;
        }
      }
      BinaryMetrics.CostOptimum o = BinaryMetrics.costOptimum(c, 0, costs);
      assertThat(o.expectedCost()).as("%s", costs).isCloseTo(best, within(TOL));
      assertThat(o.predictsNoPositive()).as("%s", costs).isEqualTo(Double.isNaN(bestThreshold));
      if (!Double.isNaN(bestThreshold)) assertThat(o.threshold()).as("%s", costs).isEqualTo(bestThreshold);
    }
  }

  @Test
  void cost_optimum_predicts_no_positive_when_every_positive_call_costs_more() {
    BinaryCells c = BinaryCells.ofRows(A_Y, A_P);
    BinaryMetrics.CostOptimum o = BinaryMetrics.costOptimum(c, 0, new BinaryMetrics.Costs(100, 100, 0, 0));
    assertThat(o.predictsNoPositive()).isTrue();
    assertThat(o.expectedCost()).isEqualTo(0.0);
  }

  @Test
  void the_cost_of_decisions_weighs_each_count_by_its_cost() {
    BinaryMetrics.Costs costs = new BinaryMetrics.Costs(-80, 5, 120, 1);
    // 3 tp, 4 fp, 10 tn, 2 fn: -240 + 20 + 10 + 240
    assertThat(costs.of(3, 4, 10, 2)).isEqualTo(30.0);
    assertThat(costs.of(new BinaryMetrics.Confusion(3, 4, 10, 2))).isEqualTo(30.0);
  }

  @Test
  void a_threshold_that_only_ties_with_predicting_no_positive_does_not_win() {
    // one positive at 0.9, one negative at 0.1; a true positive gains exactly what a false negative costs
    BinaryCells c = BinaryCells.ofRows(new boolean[] {true, false}, new double[] {0.9, 0.1});
    BinaryMetrics.CostOptimum o = BinaryMetrics.costOptimum(c, 0, new BinaryMetrics.Costs(0, 10, 0, 0));
    assertThat(o.predictsNoPositive()).isTrue();
    assertThat(o.expectedCost()).isZero();
    assertThat(BinaryMetrics.cheapestRank(c, 0, new BinaryMetrics.Costs(0, 10, 0, 0))).isZero();
    // once the true positive gains, the threshold 0.9 (rank 1) is cheaper: -1 per 2 decisions
    BinaryMetrics.CostOptimum gain = BinaryMetrics.costOptimum(c, 0, new BinaryMetrics.Costs(-1, 10, 0, 0));
    assertThat(gain.threshold()).isEqualTo(0.9);
    assertThat(gain.expectedCost()).isEqualTo(-0.5);
    assertThat(BinaryMetrics.cheapestRank(c, 0, new BinaryMetrics.Costs(-1, 10, 0, 0))).isEqualTo(1);
  }

  // ---- helpers ----

  static boolean[] labels(int... v) {
    boolean[] b = new boolean[v.length];
    for (int i = 0; i < v.length; i++) b[i] = v[i] == 1;
    return b;
  }

  static Map<String, MetricValue> metrics(boolean[] y, double[] p, double threshold) {
    BinaryCells c = BinaryCells.ofRows(y, p);
    return BinaryMetrics.compute(c, 0, c.counts(), threshold, null);
  }

  static void assertMetric(Map<String, MetricValue> m, String name, double expected) {
    assertThat(m).containsKey(name);
    MetricValue v = m.get(name);
    assertThat(v.defined()).as("%s is defined (%s)", name, v.undefined()).isTrue();
    assertThat(v.value()).as(name).isCloseTo(expected, within(TOL));
  }

  static void assertUndefined(Map<String, MetricValue> m, String name) {
    assertThat(m).containsKey(name);
    MetricValue v = m.get(name);
    assertThat(v.defined()).as("%s is undefined, was %s", name, v.value()).isFalse();
    assertThat(v.undefined()).as(name).isNotBlank();
  }
}
