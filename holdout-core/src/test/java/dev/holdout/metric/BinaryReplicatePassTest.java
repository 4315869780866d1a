package dev.holdout.metric;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdout.stats.Bootstrap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The bootstrap's branch-free passes over cells resampled as they are give exactly (bit for bit)
 * the figures of the straightforward passes, which skip zero weights and branch on the label: the
 * walk down the scores against {@link BinaryMetrics#rankStatistics(int[], double[], boolean[],
 * double[], double, double)}, the fused pass against sums written out here, and
 * {@link BinaryMetrics#values} against {@link BinaryMetrics#compute}.
 */
class BinaryReplicatePassTest {
  @Test
  void replicates_with_ties_and_zero_weights_give_the_figures_of_the_plain_passes_exactly() {
    SplittableRandom r = new SplittableRandom(11);
    int n = 3_000;
    boolean[] positive = new boolean[n];
    double[] score = new double[n];
    double[] rule = new double[n];
    for (int i = 0; i < n; i++) {
      positive[i] = r.nextDouble() < 0.3;
      // two decimals: many ties; the rule has only five values
      score[i] = Math.round(100 * Math.min(1, Math.max(0, (positive[i] ? 0.6 : 0.4) + 0.25 * r.nextGaussian()))) / 100.0;
      rule[i] = Math.floor(5 * r.nextDouble()) / 4;
    }
    BinaryCells c = BinaryCells.ofRows(positive, score, rule);
    assertThat(c.walkLabel).isNotNull();
    BinaryMetrics.Costs costs = new BinaryMetrics.Costs(-40, 10, 60, 0);
    double[] budgets = {0.1};
    double[][] weights = Bootstrap.run(c.counts(), 50, 7, "test", w -> w.clone());
    int zeros = 0;
    for (double[] w : weights) {
      for (double x : w) if (x == 0) zeros++;
      for (int set = 0; set < 2; set++) {
        double tp = 0, fp = 0, tn = 0, fn = 0, ll = 0;
        for (int i = 0; i < n; i++) {
          if (w[i] == 0) continue;
          boolean predicted = c.score[set][i] >= 0.5;
          if (c.positive[i]) {
            if (predicted) tp += w[i]; else fn += w[i];
          } else {
            if (predicted) fp += w[i]; else tn += w[i];
          }
          ll += w[i] * c.logLoss(set, i);
        }
        double[] v = BinaryMetrics.values(c, set, w, 0.5, costs, budgets);
        assertThat(new double[] {v[0], v[1], v[2], v[3]}).containsExactly(tp, fp, tn, fn);
        double[] plain = BinaryMetrics.rankStatistics(c.order[set], c.score[set], c.positive, w, tp + fn, tn + fp);
        double[] walked = BinaryMetrics.rankWalk(c.order[set], c.walkLabel[set], c.groupEnd[set], w, tp + fn, tn + fp);
        assertThat(walked).containsExactly(plain);
        Map<String, MetricValue> named = BinaryMetrics.compute(c, set, w, 0.5, costs, budgets);
        assertThat(named.get("log_loss").value()).isEqualTo(ll / (tp + fp + tn + fn));
        assertThat(named.get("roc_auc").value()).isEqualTo(plain[0]);
        assertThat(named.get("average_precision").value()).isEqualTo(plain[1]);
        assertThat(named.keySet()).containsExactlyElementsOf(BinaryMetrics.names(costs, budgets));
        int k = BinaryMetrics.VALUES;
        for (MetricValue m : named.values()) assertThat(v[k++]).isEqualTo(m.orNaN());
      }
    }
    assertThat(zeros).as("Poisson(1) weights leave about a third of the rows out").isGreaterThan(weights.length * n / 4);
  }

  @Test
  void a_replicate_with_no_positive_row_names_why_as_before() {
    // scores ascending, so cell i is row i
    boolean[] positive = {false, false, false, true};
    BinaryCells c = BinaryCells.ofRows(positive, new double[] {0.1, 0.2, 0.6, 0.9});
    double[] w = {1, 2, 1, 0};
    Map<String, MetricValue> m = BinaryMetrics.compute(c, 0, w, 0.5, null);
    assertThat(m.get("recall").undefined()).isEqualTo("the evaluated rows have no positive label");
    assertThat(m.get("roc_auc").undefined()).isEqualTo("the evaluated rows have no positive label");
    assertThat(m.get("average_precision").undefined()).isEqualTo("the evaluated rows have no positive label");
    assertThat(m.get("specificity").value()).isEqualTo(0.75);
    assertThat(m).doesNotContainKey("expected_cost");
    double[] everyPositive = {0, 0, 0, 1};
    Map<String, MetricValue> p = BinaryMetrics.compute(c, 0, everyPositive, 0.95, null);
    assertThat(p.get("roc_auc").undefined()).isEqualTo("the evaluated rows have no negative label");
    assertThat(p.get("average_precision").value()).isEqualTo(1.0);
    assertThat(p.get("precision").undefined()).isEqualTo("no row is predicted positive at threshold 0.95");
    assertThat(p.get("f1").value()).isEqualTo(0.0);
  }
}
