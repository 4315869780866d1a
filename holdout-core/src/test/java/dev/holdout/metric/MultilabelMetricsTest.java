package dev.holdout.metric;

import static dev.holdout.metric.BinaryMetricsTest.assertMetric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.holdout.stats.Lcg;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Multilabel metrics against scikit-learn 1.2.1 (Debian's /usr/bin/python3), on 0/1 indicator
 * matrices Y (rows x labels) with scores S and P = (S >= thresholds):
 *
 * <pre>
 * accuracy_score(Y, P, sample_weight=w); hamming_loss(Y, P, sample_weight=w)
 * {precision,recall,f1}_score(Y, P, average=a, sample_weight=w) for a in micro, macro, weighted, samples
 * jaccard_score(Y, P, average='samples', sample_weight=w)
 * label_ranking_average_precision_score(Y, S, sample_weight=w); coverage_error(Y, S, sample_weight=w)
 * roc_auc_score(Y[:, keep], S[:, keep], average='macro', sample_weight=w), keep = labels with both classes
 * precision_recall_fscore_support(Y, P, average=None, zero_division=0, sample_weight=w)
 * roc_auc_score and average_precision_score of each label column
 * </pre>
 *
 * with w = None for the unweighted figures. {@code holdout-core/src/test/python/sklearn_multilabel.py}
 * printed every value below ({@code hand} and {@code seeded}); it builds the same two data sets.
 */
class MultilabelMetricsTest {
  private static final double TOL = 1e-12;
  private static final List<String> H_LABELS = List.of("a", "b", "c", "d", "e");

  // 12 rows, 5 labels. Rows 2 and 3 have no label (row 3 is predicted some); row 5 ties every
  // score at 0.5; c's threshold 0.9 is above every c score, so c is never predicted; no row has
  // e, yet e is predicted three times; scores tie within labels too.
  static final int[][] H_Y = {{1, 0, 0, 0, 0}, {1, 1, 0, 0, 0}, {0, 0, 0, 0, 0}, {0, 0, 0, 0, 0}, {0, 1, 1, 0, 0}, {1, 1, 1, 1, 0},
      {0, 0, 1, 0, 0}, {1, 0, 0, 1, 0}, {0, 1, 0, 0, 0}, {1, 1, 0, 0, 0}, {0, 0, 1, 1, 0}, {0, 0, 0, 1, 0}};
  static final double[][] H_S = {{0.9, 0.2, 0.3, 0.1, 0.0}, {0.6, 0.6, 0.1, 0.2, 0.3}, {0.1, 0.1, 0.1, 0.1, 0.1}, {0.7, 0.2, 0.2, 0.4, 0.5},
      {0.4, 0.8, 0.5, 0.5, 0.1}, {0.5, 0.5, 0.5, 0.5, 0.5}, {0.2, 0.3, 0.8, 0.1, 0.0}, {0.8, 0.1, 0.2, 0.3, 0.2}, {0.3, 0.3, 0.3, 0.3, 0.0},
      {0.6, 0.4, 0.6, 0.2, 0.6}, {0.2, 0.2, 0.7, 0.9, 0.1}, {0.3, 0.1, 0.1, 0.6, 0.2}};
  static final double[] H_T = {0.5, 0.5, 0.9, 0.5, 0.45};

  @Test
  void hand_made_set_with_empty_rows_ties_and_a_label_no_row_has_matches_scikit_learn() {
    MultilabelCells c = cells(H_LABELS, H_Y, H_S, H_T);
    MultilabelMetrics.Result r = MultilabelMetrics.compute(c, 0, c.counts());
    Map<String, MetricValue> m = r.overall();
    assertMetric(m, "subset_accuracy", 0.3333333333333333);
    assertMetric(m, "hamming_loss", 0.2);
    assertMetric(m, "precision_micro", 0.6875);
    assertMetric(m, "recall_micro", 0.6111111111111112);
    assertMetric(m, "f1_micro", 0.6470588235294118);
    assertMetric(m, "precision_macro", 0.5166666666666667);
    assertMetric(m, "recall_macro", 0.47000000000000003);
    assertMetric(m, "f1_macro", 0.4818181818181818);
    assertMetric(m, "precision_weighted", 0.675925925925926);
    assertMetric(m, "recall_weighted", 0.6111111111111112);
    assertMetric(m, "f1_weighted", 0.6275252525252525);
    assertMetric(m, "precision_samples", 0.5625);
    assertMetric(m, "recall_samples", 0.4791666666666667);
    assertMetric(m, "f1_samples", 0.5069444444444444);
    assertMetric(m, "jaccard_samples", 0.43888888888888894);
    assertMetric(m, "label_ranking_average_precision", 0.8583333333333333);
    assertMetric(m, "coverage_error", 2.0833333333333335);
    // labels a..d; scikit-learn raises an error for e, which no row has
    assertMetric(m, "roc_auc_macro", 0.9359375000000001);
    assertThat(new ArrayList<>(m.keySet())).isEqualTo(MetricCatalog.names(Task.MULTILABEL_CLASSIFICATION));

    Map<String, Map<String, MetricValue>> perLabel = r.perLabel();
    assertThat(perLabel.keySet()).containsExactlyElementsOf(H_LABELS);
    // p [0.8333, 1.0, 0.0, 0.75, 0.0]: c never predicted and e on no row are scikit-learn's zero-division zeros
    assertFigures(perLabel.get("a"), 0.8333333333333334, 1.0, 0.9090909090909091, 0.9142857142857144, 0.8866666666666667);
    assertFigures(perLabel.get("b"), 1.0, 0.6, 0.7499999999999999, 0.9857142857142858, 0.9666666666666666);
    assertFigures(perLabel.get("d"), 0.75, 0.75, 0.75, 0.90625, 0.8303571428571428);
    assertThat(perLabel.get("c").get("precision").undefined()).isEqualTo("never predicted");
    assertThat(perLabel.get("c").get("recall").value()).isEqualTo(0.0);
    assertThat(perLabel.get("c").get("f1").value()).isEqualTo(0.0);
    assertThat(perLabel.get("c").get("roc_auc").value()).isCloseTo(0.9375, within(TOL));
    assertThat(perLabel.get("c").get("average_precision").value()).isCloseTo(0.9, within(TOL));
    assertThat(perLabel.get("e").get("precision").value()).isEqualTo(0.0);
    assertThat(perLabel.get("e").get("recall").undefined()).isEqualTo("no row has this label");
    assertThat(perLabel.get("e").get("roc_auc").undefined()).isEqualTo("no row has this label");
    assertThat(perLabel.get("e").get("average_precision").defined()).isFalse();
    assertThat(MultilabelMetrics.labelsWithoutAuc(c)).containsExactly(Map.entry("e", "no row has this label"));
    assertThat(MultilabelMetrics.labelCounts(c, 0)).extracting(MultilabelMetrics.LabelCounts::support).containsExactly(5.0, 5.0, 4.0, 4.0, 0.0);
    assertThat(MultilabelMetrics.labelCounts(c, 0)).extracting(MultilabelMetrics.LabelCounts::predicted).containsExactly(6.0, 3.0, 0.0, 4.0, 3.0);
  }

  @Test
  void hand_made_set_under_whole_number_weights_matches_scikit_learn_with_sample_weight() {
    MultilabelCells c = cells(H_LABELS, H_Y, H_S, H_T);
    double[] w = {2, 0, 1, 3, 1, 1, 2, 0, 1, 1, 2, 1};
    Map<String, MetricValue> m = MultilabelMetrics.compute(c, 0, w).overall();
    assertMetric(m, "subset_accuracy", 0.26666666666666666);
    assertMetric(m, "hamming_loss", 0.22666666666666666);
    assertMetric(m, "precision_micro", 0.5263157894736842);
    assertMetric(m, "recall_micro", 0.5555555555555556);
    assertMetric(m, "f1_micro", 0.5405405405405405);
    assertMetric(m, "precision_macro", 0.4742857142857143);
    assertMetric(m, "recall_macro", 0.5);
    assertMetric(m, "f1_macro", 0.45656565656565656);
    assertMetric(m, "precision_weighted", 0.526984126984127);
    assertMetric(m, "recall_weighted", 0.5555555555555556);
    assertMetric(m, "f1_weighted", 0.5072951739618407);
    assertMetric(m, "precision_samples", 0.45);
    assertMetric(m, "recall_samples", 0.38333333333333336);
    assertMetric(m, "f1_samples", 0.40555555555555556);
    assertMetric(m, "jaccard_samples", 0.35111111111111115);
    assertMetric(m, "label_ranking_average_precision", 0.8866666666666666);
    assertMetric(m, "coverage_error", 1.6666666666666667);
    assertMetric(m, "roc_auc_macro", 0.9481271043771042);
  }

  /**
   * 600 rows, 6 labels from {@link Lcg} seed 1717, generated identically in Python:
   * <pre>
   * RATE = [0.45, 0.30, 0.18, 0.10, 0.04, 0.015]
   * y = [1 if r.next() < RATE[l] else 0 for l in range(6)]
   * if y[0] and r.next() < 0.3: y[2] = 1
   * for l in range(6): v = r.next() * 0.55 + (0.45 if y[l] else 0.0); S[i, l] = math.floor(v * 20) / 20
   * </pre>
   * thresholds [0.5, 0.5, 0.45, 0.6, 0.5, 0.95]: the shape of a tagging set, with 163 rows
   * without a label, a label on 10 rows predicted once, scores on a 0.05 grid (many ties).
   */
  @Test
  void seeded_six_hundred_rows_match_scikit_learn() {
    Seeded d = seeded();
    assertThat(d.y[0]).containsExactly(1, 1, 0, 0, 0, 0);
    assertThat(d.s[0]).containsExactly(0.7, 0.6, 0.2, 0.4, 0.1, 0.05);
    MultilabelCells c = cells(d.labels, d.y, d.s, d.t);
    MultilabelMetrics.Result r = MultilabelMetrics.compute(c, 0, c.counts());
    Map<String, MetricValue> m = r.overall();
    assertMetric(m, "subset_accuracy", 0.6433333333333333);
    assertMetric(m, "hamming_loss", 0.07194444444444445);
    assertMetric(m, "precision_micro", 0.7799511002444988);
    assertMetric(m, "recall_micro", 0.8898186889818689);
    assertMetric(m, "f1_micro", 0.8312703583061889);
    assertMetric(m, "precision_macro", 0.7945867359199933);
    assertMetric(m, "recall_macro", 0.7512580133910237);
    assertMetric(m, "f1_macro", 0.6835008782255051);
    assertMetric(m, "precision_weighted", 0.8162144504590846);
    assertMetric(m, "recall_weighted", 0.8898186889818689);
    assertMetric(m, "f1_weighted", 0.8353824927859329);
    assertMetric(m, "precision_samples", 0.6144444444444443);
    assertMetric(m, "recall_samples", 0.6478055555555554);
    assertMetric(m, "f1_samples", 0.6158928571428571);
    assertMetric(m, "jaccard_samples", 0.5828055555555556);
    assertMetric(m, "label_ranking_average_precision", 0.969027777777778);
    assertMetric(m, "coverage_error", 1.3133333333333332);
    assertMetric(m, "roc_auc_macro", 0.9843492609393669);
    double[] auc = {0.9822180122743928, 0.9761456371625864, 0.9805377180606284, 0.9818403293102965, 0.9892521739130434, 0.9961016949152542};
    double[] ap = {0.9692881405657248, 0.93422314882129, 0.9458182778298712, 0.8986106003542187, 0.9113241525423729, 0.9178571428571429};
    double[] f1 = {0.8952380952380954, 0.8300835654596102, 0.832183908045977, 0.8448275862068965, 0.5168539325842697, 0.18181818181818182};
    for (int l = 0; l < 6; l++) {
      Map<String, MetricValue> f = r.perLabel().get(d.labels.get(l));
      assertThat(f.get("roc_auc").value()).as("auc %d", l).isCloseTo(auc[l], within(TOL));
      assertThat(f.get("average_precision").value()).as("ap %d", l).isCloseTo(ap[l], within(TOL));
      assertThat(f.get("f1").value()).as("f1 %d", l).isCloseTo(f1[l], within(TOL));
    }
    assertThat(MultilabelMetrics.labelCounts(c, 0)).extracting(MultilabelMetrics.LabelCounts::support).containsExactly(257.0, 177.0, 181.0, 67.0, 25.0, 10.0);
    assertThat(MultilabelMetrics.labelCounts(c, 0)).extracting(MultilabelMetrics.LabelCounts::predicted).containsExactly(268.0, 182.0, 254.0, 49.0, 64.0, 1.0);
  }

  /** The same 600 rows with weights floor(3u) from Lcg seed 99 as scikit-learn's sample_weight (they sum to 576). */
  @Test
  void seeded_rows_under_bootstrap_like_weights_match_scikit_learn_with_sample_weight() {
    Seeded d = seeded();
    MultilabelCells c = cells(d.labels, d.y, d.s, d.t);
    Lcg wr = new Lcg(99);
    double[] w = new double[600];
    for (int i = 0; i < w.length; i++) w[i] = Math.floor(wr.next() * 3);
    assertThat(Arrays.stream(w).sum()).isEqualTo(576.0);
    MultilabelMetrics.Result r = MultilabelMetrics.compute(c, 0, w);
    Map<String, MetricValue> m = r.overall();
    assertMetric(m, "subset_accuracy", 0.6614583333333334);
    assertMetric(m, "hamming_loss", 0.06770833333333333);
    assertMetric(m, "precision_micro", 0.7897503285151117);
    assertMetric(m, "recall_micro", 0.8903703703703704);
    assertMetric(m, "f1_micro", 0.8370473537604458);
    assertMetric(m, "precision_macro", 0.8110190733893399);
    assertMetric(m, "recall_macro", 0.7756851736417733);
    assertMetric(m, "f1_macro", 0.73643131775806);
    assertMetric(m, "precision_weighted", 0.8175946388197596);
    assertMetric(m, "recall_weighted", 0.8903703703703704);
    assertMetric(m, "f1_weighted", 0.8416993599770806);
    assertMetric(m, "precision_samples", 0.6182002314814815);
    assertMetric(m, "recall_samples", 0.6461805555555555);
    assertMetric(m, "f1_samples", 0.6176587301587301);
    assertMetric(m, "jaccard_samples", 0.5855613425925925);
    assertMetric(m, "label_ranking_average_precision", 0.9703124999999999);
    assertMetric(m, "coverage_error", 1.2864583333333333);
    assertMetric(m, "roc_auc_macro", 0.9865851354696192);
    assertThat(r.perLabel().get("l5").get("roc_auc").value()).isEqualTo(1.0);
    assertThat(r.perLabel().get("l4").get("average_precision").value()).isCloseTo(0.8930560777901171, within(TOL));
  }

  @Test
  void no_rows_leave_every_figure_undefined() {
    MultilabelCells c = cells(H_LABELS, H_Y, H_S, H_T);
    MultilabelMetrics.Result r = MultilabelMetrics.compute(c, 0, new double[12]);
    assertThat(r.overall().values()).allSatisfy(v -> assertThat(v.undefined()).isEqualTo("no rows"));
    assertThat(r.perLabel().get("a").values()).allSatisfy(v -> assertThat(v.defined()).isFalse());
  }

  @Test
  void a_whole_denominator_of_zero_is_undefined_where_scikit_learn_prints_zero() {
    // two rows without labels, neither predicted anything
    MultilabelCells c = cells(List.of("x", "y"), new int[][] {{0, 0}, {0, 0}}, new double[][] {{0.1, 0.2}, {0.3, 0.0}}, new double[] {0.5, 0.5});
    Map<String, MetricValue> m = MultilabelMetrics.compute(c, 0, c.counts()).overall();
    assertThat(m.get("precision_micro").undefined()).isEqualTo("no label is predicted for any row");
    assertThat(m.get("recall_micro").undefined()).isEqualTo("no row has any label");
    assertThat(m.get("f1_micro").undefined()).isEqualTo("no row has any label and none is predicted");
    assertThat(m.get("f1_weighted").undefined()).isEqualTo("no row has any label");
    assertThat(m.get("roc_auc_macro").undefined()).isEqualTo("no label has both a row with it and a row without it");
    // right answers all: subset accuracy and hamming count them so; samples figures follow scikit-learn's zero_division 0
    assertMetric(m, "subset_accuracy", 1.0);
    assertMetric(m, "hamming_loss", 0.0);
    assertMetric(m, "precision_samples", 0.0);
    assertMetric(m, "f1_samples", 0.0);
    assertMetric(m, "jaccard_samples", 0.0);
    assertMetric(m, "label_ranking_average_precision", 1.0);
    assertMetric(m, "coverage_error", 0.0);
    // macro averages count each label's 0/0 as 0, as scikit-learn does
    assertMetric(m, "precision_macro", 0.0);
  }

  @Test
  void roc_auc_macro_has_no_value_in_a_resample_where_a_label_it_averages_loses_a_side() {
    MultilabelCells c = cells(H_LABELS, H_Y, H_S, H_T);
    double[] w = c.counts().clone();
    // c is on rows 4, 5, 6 and 10: weight 0 on all of them leaves c without a positive row
    for (int i : new int[] {4, 5, 6, 10}) w[i] = 0;
    MetricValue auc = MultilabelMetrics.compute(c, 0, w).overall().get("roc_auc_macro");
    assertThat(auc.undefined()).isEqualTo("label 'c' has no row with it in this resample");
  }

  /**
   * A row of whole weight k counts as the row repeated k times: every figure under random
   * Poisson-like weights equals the figure on the rows written out that many times with weight 1.
   */
  @Test
  void weights_equal_repeated_rows_on_random_sets() {
    SplittableRandom random = new SplittableRandom(31);
    for (int trial = 0; trial < 60; trial++) {
      int n = 1 + random.nextInt(30);
      int k = 2 + random.nextInt(4);
      int[][] y = new int[n][k];
      double[][] s = new double[n][k];
      double[] t = new double[k];
      for (int l = 0; l < k; l++) t[l] = 0.2 + 0.6 * random.nextDouble();
      for (int i = 0; i < n; i++) {
        for (int l = 0; l < k; l++) {
          y[i][l] = random.nextDouble() < 0.35 ? 1 : 0;
          s[i][l] = Math.floor(random.nextDouble() * 8) / 8;
        }
      }
      double[] w = new double[n];
      List<Integer> repeated = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        w[i] = random.nextInt(4);
        for (int j = 0; j < w[i]; j++) repeated.add(i);
      }
      List<String> labels = new ArrayList<>();
      for (int l = 0; l < k; l++) labels.add("l" + l);
      MultilabelMetrics.Result weighted = MultilabelMetrics.compute(cells(labels, y, s, t), 0, w);
      int[][] ry = new int[repeated.size()][];
      double[][] rs = new double[repeated.size()][];
      for (int j = 0; j < repeated.size(); j++) {
        ry[j] = y[repeated.get(j)];
        rs[j] = s[repeated.get(j)];
      }
      MultilabelCells expanded = cells(labels, ry, rs, t);
      MultilabelMetrics.Result plain = MultilabelMetrics.compute(expanded, 0, expanded.counts());
      for (String name : weighted.overall().keySet()) {
        MetricValue a = weighted.overall().get(name);
        MetricValue b = plain.overall().get(name);
        if (name.equals("roc_auc_macro") && !a.defined()) continue; // the repeated rows' own view may average fewer labels
        assertThat(a.defined()).as("trial %d %s: %s vs %s", trial, name, a, b).isEqualTo(b.defined());
        if (a.defined()) assertThat(a.value()).as("trial %d %s", trial, name).isCloseTo(b.value(), within(1e-12));
      }
      for (String label : labels) {
        for (String name : MetricCatalog.PER_LABEL) {
          MetricValue a = weighted.perLabel().get(label).get(name);
          MetricValue b = plain.perLabel().get(label).get(name);
          assertThat(a.defined()).as("trial %d %s %s", trial, label, name).isEqualTo(b.defined());
          if (a.defined()) assertThat(a.value()).as("trial %d %s %s", trial, label, name).isCloseTo(b.value(), within(1e-12));
        }
      }
    }
  }

  private static void assertFigures(Map<String, MetricValue> f, double precision, double recall, double f1, double auc, double ap) {
    assertThat(f.get("precision").value()).isCloseTo(precision, within(TOL));
    assertThat(f.get("recall").value()).isCloseTo(recall, within(TOL));
    assertThat(f.get("f1").value()).isCloseTo(f1, within(TOL));
    assertThat(f.get("roc_auc").value()).isCloseTo(auc, within(TOL));
    assertThat(f.get("average_precision").value()).isCloseTo(ap, within(TOL));
  }

  record Seeded(List<String> labels, int[][] y, double[][] s, double[] t) {}

  static Seeded seeded() {
    Lcg r = new Lcg(1717);
    double[] rate = {0.45, 0.30, 0.18, 0.10, 0.04, 0.015};
    int n = 600;
    int[][] y = new int[n][6];
    double[][] s = new double[n][6];
    for (int i = 0; i < n; i++) {
      for (int l = 0; l < 6; l++) y[i][l] = r.next() < rate[l] ? 1 : 0;
      if (y[i][0] == 1 && r.next() < 0.3) y[i][2] = 1;
      for (int l = 0; l < 6; l++) {
        double v = r.next() * 0.55 + (y[i][l] == 1 ? 0.45 : 0.0);
        s[i][l] = Math.floor(v * 20) / 20;
      }
    }
    return new Seeded(List.of("l0", "l1", "l2", "l3", "l4", "l5"), y, s, new double[] {0.5, 0.5, 0.45, 0.6, 0.5, 0.95});
  }

  /** Cells of one prediction set from row-major labels and scores. */
  static MultilabelCells cells(List<String> labels, int[][] y, double[][] s, double[] thresholds) {
    int n = y.length;
    int k = labels.size();
    boolean[][] truth = new boolean[k][n];
    double[][][] scores = new double[1][k][n];
    for (int i = 0; i < n; i++) {
      for (int l = 0; l < k; l++) {
        truth[l][i] = y[i][l] == 1;
        scores[0][l][i] = s[i][l];
      }
    }
    return MultilabelCells.ofRows(labels, truth, scores, thresholds);
  }
}
