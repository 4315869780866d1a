package dev.holdout.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdout.metric.Direction;
import dev.holdout.metric.MetricValue;
import dev.holdout.verdict.Criterion;
import dev.holdout.verdict.CriterionResult;
import dev.holdout.verdict.Decider;
import dev.holdout.verdict.Status;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Worst-group and gap criteria are judged on intervals simultaneous over the groups. */
class SliceResultTest {
  private static final int REPLICATES = 1_000;

  /**
   * {@code groups} groups whose true recall is {@code truth} for all, each estimated with standard
   * error 0.02 and bootstrap replicates around the estimate: one evaluation of a slice column.
   */
  private static SliceResult slice(int groups, double truth, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    SliceResult s = new SliceResult("region", m -> Direction.HIGHER_IS_BETTER);
    for (int g = 0; g < groups; g++) {
      double estimate = truth + 0.02 * r.nextGaussian();
      double[][] reps = new double[REPLICATES][1];
      for (int k = 0; k < REPLICATES; k++) reps[k][0] = estimate + 0.02 * r.nextGaussian();
      s.add("g" + g, 500, Map.of("recall", MetricValue.of(estimate)), reps);
    }
    return s;
  }

  private static CriterionResult judge(SliceResult s, Criterion.Kind kind, double bar) {
    Criterion c = new Criterion("c", "recall", kind, bar, "region", false, 1);
    return Decider.judge(c, s.observe(c, 0, 10_000, Decider.Unit.ROWS), 0.95);
  }

  /**
   * Ten regions all with a true recall of 0.60 and a bar of worst_min 0.60: the worst estimate is
   * biased low, so an interval around it alone FAILs the vendor far more often than 2.5% of the
   * time; the simultaneous interval keeps wrong FAILs near or under 2.5%.
   */
  @Test
  void ten_equal_groups_at_the_bar_are_rarely_failed() {
    int evaluations = 400;
    int failed = 0;
    int failedByWorstAlone = 0;
    for (int e = 0; e < evaluations; e++) {
      SliceResult s = slice(10, 0.60, 1_000 + e);
      if (judge(s, Criterion.Kind.WORST_MIN, 0.60).status() == Status.FAIL) failed++;
      Criterion c = new Criterion("c", "recall", Criterion.Kind.WORST_MIN, 0.60, "region", false, 1);
      Decider.Observation o = s.observe(c, 0, 10_000, Decider.Unit.ROWS);
      Decider.Observation alone = new Decider.Observation(o.point(), o.replicates(), o.totalReplicates(), o.group(), o.rows(), null, null);
      if (Decider.judge(c, alone, 0.95).status() == Status.FAIL) failedByWorstAlone++;
    }
    assertThat((double) failed / evaluations).isLessThanOrEqualTo(0.03);
    assertThat((double) failedByWorstAlone / evaluations).isGreaterThan(0.10);
  }

  @Test
  void the_worst_interval_spans_the_lowest_lower_end_to_the_lowest_upper_end() {
    SliceResult s = slice(4, 0.7, 5);
    Criterion c = new Criterion("c", "recall", Criterion.Kind.WORST_MIN, 0.5, "region", false, 1);
    Decider.Observation o = s.observe(c, 0, 10_000, Decider.Unit.ROWS);
    double[] at95 = o.interval().at(0.95);
    double[] at99 = o.interval().at(0.99);
    assertThat(at95[0]).isLessThan(o.point()).isGreaterThan(at99[0]);
    assertThat(at95[1]).isGreaterThan(o.point()).isLessThan(at99[1]);
    assertThat(judge(s, Criterion.Kind.WORST_MIN, 0.5).reason()).contains("simultaneous over the 4 groups");
  }

  @Test
  void a_gap_interval_never_goes_below_zero_and_holds_the_observed_gap() {
    SliceResult s = slice(6, 0.7, 6);
    Criterion c = new Criterion("c", "recall", Criterion.Kind.MAX_GAP, 0.1, "region", false, 1);
    Decider.Observation o = s.observe(c, 0, 10_000, Decider.Unit.ROWS);
    double[] ci = o.interval().at(0.95);
    assertThat(ci[0]).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(o.point());
    assertThat(ci[1]).isGreaterThanOrEqualTo(o.point());
  }
}
