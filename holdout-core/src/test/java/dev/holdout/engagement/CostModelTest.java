package dev.holdout.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.holdout.result.Report;
import dev.holdout.verdict.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CostModelTest {
  private static final Terms TERMS = new Terms(100_000, 0.30, 0.20, 3, 10_000, null, null);

  private static Report report(Report.Estimate cost, Report.Estimate difference) {
    Map<String, Report.Estimate> metrics = cost == null ? Map.of() : Map.of("expected_cost", cost);
    Report.BaselineResult baseline = difference == null ? null
        : new Report.BaselineResult("majority", "the majority class", Map.of("expected_cost", est(2.0, 2.0, 2.0)), Map.of("expected_cost", difference));
    return new Report(Report.SCHEMA, null, new Report.SubmissionInfo("v", "v.csv", "0"), new Report.Rows(100, 0, 0, 0), metrics, null, null, null,
        null, baseline, List.of(), Verdict.ACCEPTED, null, null, null);
  }

  private static Report.Estimate est(double v, double lo, double hi) {
    return new Report.Estimate(v, List.of(lo, hi), null, null, null);
  }

  @Test
  void savings_tco_net_value_and_break_even_follow_the_formulas_worked_by_hand() {
    // difference -8 [-10, -6] a decision: savings 80,000 [60,000, 100,000] a year on 10,000 decisions.
    // one-off 100,000 + 30,000 = 130,000; run 20,000 a year; TCO 130,000 + 3 x 20,000 = 190,000.
    // net 3 x 80,000 - 190,000 = 50,000 [-10,000, 110,000]; break-even 130,000 / (60,000 / 12) = 26 months,
    // [130,000 / (80,000 / 12), 130,000 / (40,000 / 12)] = [19.5, 39].
    Economics e = CostModel.of("v", TERMS, report(est(-6, -7, -5), est(-8, -10, -6)));
    assertThat(e.savingsPerYear().value()).isCloseTo(80_000, within(1e-9));
    assertThat(e.savingsPerYear().ci()).containsExactly(60_000.0, 100_000.0);
    assertThat(e.totalCost()).isEqualTo(190_000);
    assertThat(e.netValue().value()).isCloseTo(50_000, within(1e-9));
    assertThat(e.netValue().ci()).containsExactly(-10_000.0, 110_000.0);
    assertThat(e.breakEvenMonths().value()).isCloseTo(26, within(1e-12));
    assertThat(e.breakEvenMonths().ci().get(0)).isCloseTo(19.5, within(1e-12));
    assertThat(e.breakEvenMonths().ci().get(1)).isCloseTo(39, within(1e-12));
    assertThat(e.costPer1000().value()).isEqualTo(-6000);
    assertThat(e.baselinePer1000()).isEqualTo(2000);
    assertThat(e.notes()).isEmpty(); // 26 months is within the 3 years
  }

  @Test
  void savings_below_the_run_cost_never_break_even_and_the_interval_says_where() {
    // savings 15,000 [5,000, 25,000] against a run cost of 20,000: never at the point and the low end,
    // 130,000 / (5,000 / 12) = 312 months at the high end.
    Economics e = CostModel.of("v", TERMS, report(est(1, 0, 2), est(-1.5, -2.5, -0.5)));
    assertThat(e.breakEvenMonths().value()).isNull();
    assertThat(e.breakEvenMonths().ci().get(0)).isCloseTo(312, within(1e-9));
    assertThat(e.breakEvenMonths().ci().get(1)).isNull();
    assertThat(e.notes()).contains("the savings a year do not cover the yearly run cost: the engagement never breaks even");
  }

  @Test
  void without_a_baseline_the_savings_are_the_models_own_gain() {
    Economics e = CostModel.of("v", TERMS, report(est(-3, -4, -2), null));
    assertThat(e.savingsPerYear().value()).isCloseTo(30_000, within(1e-9));
    assertThat(e.savingsPerYear().ci()).containsExactly(20_000.0, 40_000.0);
    assertThat(e.basis()).startsWith("against doing nothing");
  }

  @Test
  void without_costs_only_the_cost_of_ownership_is_given() {
    Economics e = CostModel.of("v", TERMS, report(null, null));
    assertThat(e.savingsPerYear()).isNull();
    assertThat(e.totalCost()).isEqualTo(190_000);
    assertThat(e.notes()).singleElement().asString().startsWith("the suite has no costs section");
  }

  @Test
  void the_business_case_is_placed_against_the_measured_interval() {
    assertThat(CostModel.businessCase(120_000.0, 60_000.0, 100_000.0)).contains("is above the measured interval");
    assertThat(CostModel.businessCase(80_000.0, 60_000.0, 100_000.0)).contains("is inside the measured interval");
    assertThat(CostModel.businessCase(50_000.0, 60_000.0, 100_000.0)).contains("is below the measured interval");
    assertThat(CostModel.businessCase(null, 60_000.0, 100_000.0)).isNull();
  }
}
