package dev.holdout.engagement;

import dev.holdout.base.Format;
import dev.holdout.result.Report;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the cost matrix's measured expected cost (the {@code expected_cost} metric: cost per
 * decision, with its percentile bootstrap interval) into money over an engagement's {@link Terms}:
 *
 * <pre>
 * savings a year = (baseline cost − model cost) per decision × decisions_per_year
 * one-off        = build_price × (1 + data_preparation_share)
 * run a year     = build_price × yearly_run_share
 * TCO            = one-off + years × run a year
 * net value      = years × savings a year − TCO
 * break-even     = one-off ÷ ((savings a year − run a year) ÷ 12) months; never when savings ≤ run
 * </pre>
 *
 * Savings use the paired difference with the baseline on the same rows when the report has one
 * (else the model's own cost against doing nothing). Each figure is a monotone function of that
 * one bootstrapped quantity, and a percentile interval maps through a monotone function exactly
 * (Efron and Tibshirani 1993, section 13.3), so the intervals are the bootstrap's own, not an
 * approximation.
 */
public final class CostModel {
  private static final String METRIC = "expected_cost";

  private CostModel() {}

  /** The economics of {@code report} under {@code terms}, for the vendor named {@code vendor}. */
  public static Economics of(String vendor, Terms terms, Report report) {
    List<String> notes = new ArrayList<>();
    Report.Estimate cost = report.metrics() == null ? null : report.metrics().get(METRIC);
    double oneOff = terms.buildPrice() + terms.dataPreparation();
    double run = terms.runPerYear();
    if (cost == null || cost.value() == null) {
      notes.add(cost == null ? "the suite has no costs section, so the money a year cannot be measured; add costs: {tp, fp, fn, tn}"
          : "the expected cost is undefined (" + cost.undefined() + ")");
      return new Economics(vendor, terms.currency(), null, null, null, terms.buildPrice(), terms.dataPreparation(), run, terms.years(),
          terms.decisionsPerYear(), terms.totalCost(), null, null, null, null, notes);
    }
    double n = terms.decisionsPerYear();
    Economics.Range per1000 = scaled(cost, 1000);
    Report.Estimate diff = report.baseline() == null || report.baseline().difference() == null ? null : report.baseline().difference().get(METRIC);
    Double baselinePer1000 = null;
    String basis;
    double saving;
    Double savingLow = null;
    Double savingHigh = null;
    if (diff != null && diff.value() != null) {
      // savings = −(model − baseline): the interval's ends swap
      saving = -diff.value() * n;
      if (diff.ci() != null) {
        savingLow = -diff.ci().get(1) * n;
        savingHigh = -diff.ci().get(0) * n;
      }
      Report.Estimate base = report.baseline().metrics() == null ? null : report.baseline().metrics().get(METRIC);
      if (base != null && base.value() != null) baselinePer1000 = base.value() * 1000;
      basis = "against the baseline (" + report.baseline().name() + "), paired on the same rows";
    } else {
      saving = -cost.value() * n;
      if (cost.ci() != null) {
        savingLow = -cost.ci().get(1) * n;
        savingHigh = -cost.ci().get(0) * n;
      }
      basis = "against doing nothing (the suite has no baseline): the model's own net gain by the cost matrix";
    }
    double total = terms.totalCost();
    int years = terms.years();
    Economics.Range savings = Economics.Range.of(saving, savingLow, savingHigh);
    Economics.Range net = Economics.Range.of(years * saving - total, savingLow == null ? null : years * savingLow - total,
        savingHigh == null ? null : years * savingHigh - total);
    // break-even falls as savings rise: the high end of savings gives the low end of months
    Economics.Range breakEven = savingLow == null ? new Economics.Range(months(oneOff, saving, run), null)
        : new Economics.Range(months(oneOff, saving, run), Arrays.asList(months(oneOff, savingHigh, run), months(oneOff, savingLow, run)));
    if (breakEven.value() == null) notes.add("the savings a year do not cover the yearly run cost: the engagement never breaks even");
    else if (breakEven.value() > 12.0 * years) notes.add("break-even comes after the " + years + " years planned");
    return new Economics(vendor, terms.currency(), per1000, baselinePer1000, savings, terms.buildPrice(), terms.dataPreparation(), run, years, n,
        total, net, breakEven, basis, businessCase(terms.expectedSavings(), savingLow, savingHigh), notes);
  }

  /** Months until the one-off cost is paid back by the savings net of the run cost; null for never. */
  static Double months(double oneOff, double savingPerYear, double runPerYear) {
    double perMonth = (savingPerYear - runPerYear) / 12;
    if (perMonth <= 0) return null;
    return oneOff / perMonth;
  }

  private static Economics.Range scaled(Report.Estimate e, double k) {
    return Economics.Range.of(e.value() * k, e.ci() == null ? null : e.ci().get(0) * k, e.ci() == null ? null : e.ci().get(1) * k);
  }

  /** The business case's claim against the measured interval of savings a year, in words; null without a claim. */
  static String businessCase(Double claim, Double low, Double high) {
    if (claim == null) return null;
    String c = "the business case's " + Format.money(claim) + " a year";
    if (low == null || high == null) return c + " cannot be checked: the savings have no interval";
    String range = " [" + Format.money(low) + ", " + Format.money(high) + "]";
    if (claim > high) return c + " is above the measured interval" + range + ": the delivery as measured does not save that much";
    if (claim < low) return c + " is below the measured interval" + range + ": the case is conservative";
    return c + " is inside the measured interval" + range;
  }
}
