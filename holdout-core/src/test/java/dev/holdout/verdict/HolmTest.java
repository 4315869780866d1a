package dev.holdout.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@code verdict.adjust: holm}: the step-down levels, and the family-wise error by seeded simulation. */
class HolmTest {
  private static final double CONFIDENCE = 0.95;

  private static Criterion min(String id, double t) {
    return new Criterion(id, "accuracy", Criterion.Kind.MIN, t, null, false, 1);
  }

  /** Replicates of a metric observed at {@code point} with standard error {@code se}: 1,000 normal draws. */
  private static Decider.Observation observed(double point, double se, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] reps = new double[1_000];
    for (int i = 0; i < reps.length; i++) reps[i] = point + se * r.nextGaussian();
    return new Decider.Observation(point, reps, reps.length, null, 1_000, null, null);
  }

  @Test
  void criteria_are_judged_at_falling_levels_in_order_of_their_evidence() {
    // Three bars cleared by 4, 3 and 2.3 standard errors: Holm over 3 judges the clearest at
    // 1 - 0.05 / 3 = 98.33%, the next at 97.5%, the last at 95%.
    List<Criterion> c = List.of(min("a", 0.50), min("b", 0.50), min("c", 0.50));
    List<Decider.Observation> o = List.of(observed(0.523, 0.01, 1), observed(0.540, 0.01, 2), observed(0.530, 0.01, 3));
    List<CriterionResult> r = Decider.judgeAll(c, o, CONFIDENCE, true);
    assertThat(r).extracting(CriterionResult::status).containsOnly(Status.PASS);
    assertThat(r.get(1).description()).contains("98.33% CI lower end");
    assertThat(r.get(2).description()).contains("97.5% CI lower end");
    assertThat(r.get(0).description()).contains("95% CI lower end");
    assertThat(r.get(1).reason()).contains("Holm over 3 criteria: judged at the 98.33% level, rank 1 of 3");
  }

  @Test
  void a_criterion_after_an_undecided_one_is_not_decided_either() {
    // b would pass at its own rank's level (95%), but a comes first in Holm's order and is not
    // decided at 97.5%, so the procedure stops there.
    List<Criterion> c = List.of(min("a", 0.50), min("b", 0.50));
    List<CriterionResult> alone = Decider.judgeAll(c, List.of(observed(0.5215, 0.01, 4), observed(0.5200, 0.01, 5)), CONFIDENCE, false);
    assertThat(alone).extracting(CriterionResult::status).containsExactly(Status.PASS, Status.PASS);
    List<CriterionResult> holm = Decider.judgeAll(c, List.of(observed(0.5215, 0.01, 4), observed(0.5200, 0.01, 5)), CONFIDENCE, true);
    assertThat(holm).extracting(CriterionResult::status).containsExactly(Status.INCONCLUSIVE, Status.INCONCLUSIVE);
  }

  @Test
  void point_criteria_stay_outside_the_family() {
    Criterion point = new Criterion("p", "accuracy", Criterion.Kind.MIN, 0.5, null, true, 1);
    List<CriterionResult> r = Decider.judgeAll(List.of(point, min("a", 0.5)), List.of(observed(0.51, 0.01, 6), observed(0.54, 0.01, 7)),
        CONFIDENCE, true);
    assertThat(r.get(0).reason()).doesNotContain("Holm");
    assertThat(r.get(1).description()).contains("95% CI lower end");
  }

  /**
   * Ten criteria whose true value sits exactly on the bar, so any PASS or FAIL is an error. Each
   * estimate is off by a standard normal error. Judged alone, about 1 - 0.95^10 = 40% of
   * evaluations make an error; with Holm about 1 - 0.995^10 = 4.9% (each side 2.5% / 10 at the first
   * step). 1,000 evaluations give a standard error of 0.7 points, so [3%, 7%] is about +-3.
   */
  @Test
  void holm_keeps_the_chance_of_any_wrong_decision_among_ten_criteria_near_five_percent() {
    int evaluations = 1_000;
    int wrongAlone = 0;
    int wrongHolm = 0;
    SplittableRandom truth = new SplittableRandom(99);
    for (int e = 0; e < evaluations; e++) {
      List<Criterion> c = new ArrayList<>();
      List<Decider.Observation> o = new ArrayList<>();
      for (int k = 0; k < 10; k++) {
        c.add(min("c" + k, 0.5));
        o.add(observed(0.5 + 0.01 * truth.nextGaussian(), 0.01, e * 100L + k));
      }
      if (Decider.judgeAll(c, o, CONFIDENCE, false).stream().anyMatch(r -> r.status() != Status.INCONCLUSIVE)) wrongAlone++;
      if (Decider.judgeAll(c, o, CONFIDENCE, true).stream().anyMatch(r -> r.status() != Status.INCONCLUSIVE)) wrongHolm++;
    }
    assertThat((double) wrongAlone / evaluations).isBetween(0.30, 0.50);
    assertThat((double) wrongHolm / evaluations).isBetween(0.03, 0.07);
  }
}
