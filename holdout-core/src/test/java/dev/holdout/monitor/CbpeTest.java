package dev.holdout.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.holdout.metric.BinaryCells;
import dev.holdout.metric.BinaryMetrics;
import dev.holdout.metric.MetricCatalog;
import dev.holdout.metric.MetricValue;
import dev.holdout.result.Report;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CbpeTest {
  @Test
  void empty_has_no_estimates_and_says_why() {
    Map<String, Report.Estimate> e = new Cbpe(0.5).estimates(0.95);
    assertThat(e.get("accuracy").value()).isNull();
    assertThat(e.get("accuracy").undefined()).isEqualTo("no rows");
  }

  @Test
  void the_estimates_are_the_catalogs_cbpe_metrics_in_its_order() {
    Cbpe c = new Cbpe(0.5);
    c.add(0.8);
    c.add(0.3);
    assertThat(c.estimates(0.95).keySet()).containsExactlyElementsOf(MetricCatalog.CBPE);
    assertThat(new Cbpe(0.5).estimates(0.95).keySet()).containsExactlyElementsOf(MetricCatalog.CBPE);
  }

  @Test
  void two_rows_by_hand() {
    Cbpe c = new Cbpe(0.5);
    c.add(0.8);  // predicted positive: expected tp 0.8, fp 0.2
    c.add(0.3);  // predicted negative: expected fn 0.3, tn 0.7
    Map<String, Report.Estimate> e = c.estimates(0.95);
    assertThat(e.get("accuracy").value()).isCloseTo((0.8 + 0.7) / 2, within(1e-12));
    assertThat(e.get("precision").value()).isCloseTo(0.8, within(1e-12));
    assertThat(e.get("recall").value()).isCloseTo(0.8 / 1.1, within(1e-12));
    // the pair: row 1 positive and row 2 negative (0.8 x 0.7, ordered right), or the other way round (0.3 x 0.2, ordered wrong)
    assertThat(c.rocAuc()).isCloseTo(0.56 / (0.56 + 0.06), within(1e-12));
  }

  @Test
  void merge_of_two_halves_equals_one_pass() {
    SplittableRandom r = new SplittableRandom(3);
    Cbpe all = new Cbpe(0.4);
    Cbpe a = new Cbpe(0.4);
    Cbpe b = new Cbpe(0.4);
    for (int i = 0; i < 10_000; i++) {
      double p = r.nextDouble();
      all.add(p);
      (i % 2 == 0 ? a : b).add(p);
    }
    a.merge(b);
    assertThat(a.rows()).isEqualTo(all.rows());
    assertThat(a.rocAuc()).isCloseTo(all.rocAuc(), within(1e-12));
    assertThat(a.estimates(0.95).get("f1").value()).isCloseTo(all.estimates(0.95).get("f1").value(), within(1e-12));
  }

  @Test
  void on_calibrated_scores_the_estimates_are_within_a_tight_tolerance_of_the_realized_values() {
    // 200,000 rows with scores from a skewed distribution and outcomes drawn with the score as probability:
    // the realized accuracy's standard deviation is about 0.001 and the realized roc_auc's about 0.0015
    SplittableRandom r = new SplittableRandom(11);
    int n = 200_000;
    double[] score = new double[n];
    boolean[] positive = new boolean[n];
    Cbpe cbpe = new Cbpe(0.3);
    for (int i = 0; i < n; i++) {
      double x = -1.5 + 1.6 * gaussian(r);
      score[i] = 1 / (1 + Math.exp(-x));
      positive[i] = r.nextDouble() < score[i];
      cbpe.add(score[i]);
    }
    double[] ones = new double[n];
    java.util.Arrays.fill(ones, 1);
    Map<String, MetricValue> realized = BinaryMetrics.compute(BinaryCells.ofRows(positive, score), 0, ones, 0.3, null);
    Map<String, Report.Estimate> est = cbpe.estimates(0.95);
    assertThat(est.get("accuracy").value()).isCloseTo(realized.get("accuracy").value(), within(0.005));
    assertThat(est.get("roc_auc").value()).isCloseTo(realized.get("roc_auc").value(), within(0.005));
    assertThat(est.get("precision").value()).isCloseTo(realized.get("precision").value(), within(0.01));
    assertThat(est.get("recall").value()).isCloseTo(realized.get("recall").value(), within(0.01));
    assertThat(est.get("f1").value()).isCloseTo(realized.get("f1").value(), within(0.01));
    assertThat(est.get("accuracy").ci().get(0)).isLessThan(realized.get("accuracy").value());
    assertThat(est.get("accuracy").ci().get(1)).isGreaterThan(realized.get("accuracy").value());
  }

  @Test
  void the_accuracy_interval_covers_the_realized_accuracy_about_95_percent_of_the_time() {
    SplittableRandom r = new SplittableRandom(5);
    int covered = 0;
    int trials = 400;
    for (int t = 0; t < trials; t++) {
      Cbpe cbpe = new Cbpe(0.5);
      int right = 0;
      int n = 2_000;
      for (int i = 0; i < n; i++) {
        double p = r.nextDouble();
        cbpe.add(p);
        boolean pos = r.nextDouble() < p;
        if (pos == (p >= 0.5)) right++;
      }
      Report.Estimate a = cbpe.estimates(0.95).get("accuracy");
      double acc = (double) right / n;
      if (acc >= a.ci().get(0) && acc <= a.ci().get(1)) covered++;
    }
    assertThat(covered / (double) trials).isBetween(0.92, 0.98);
  }

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}
