package dev.holdout.render;

import dev.holdout.base.Format;
import dev.holdout.engagement.Economics;
import dev.holdout.engagement.ScorecardReview;
import java.util.List;

/**
 * The engagement's terminal text: a delivery's money over the engagement (under {@code evaluate}),
 * the same per vendor with the scorecards (under {@code compare}), and the line that binds a verdict
 * to its annex. Computes nothing: every figure comes from {@link Economics}.
 */
public final class EngagementText {
  private EngagementText() {}

  /** The engagement block of one delivery. */
  public static String economics(Economics e) {
    StringBuilder b = new StringBuilder("\n");
    b.append("Engagement (").append(e.years()).append(" years, ").append(Format.count(e.decisionsPerYear())).append(" decisions a year")
        .append(e.currency() == null ? "" : "; amounts in " + e.currency()).append(")\n");
    if (e.costPer1000() != null) {
      line(b, "cost per 1,000 decisions", money(e.costPer1000()) + (e.baselinePer1000() == null ? "" : "   baseline " + Format.money(e.baselinePer1000())));
      line(b, "savings a year", money(e.savingsPerYear()) + "   " + e.basis());
    }
    line(b, "one-off", Format.money(e.buildPrice() + e.dataPreparation()) + "   build " + Format.money(e.buildPrice()) + " + data preparation "
        + Format.money(e.dataPreparation()));
    line(b, "run a year", Format.money(e.runPerYear()) + "   infrastructure, monitoring and retraining");
    line(b, "total cost of ownership", Format.money(e.totalCost()) + "   over " + e.years() + " years");
    if (e.netValue() != null) line(b, "net value", money(e.netValue()) + "   savings over " + e.years() + " years minus the total cost");
    if (e.breakEvenMonths() != null) line(b, "break-even", months(e.breakEvenMonths()));
    if (e.businessCase() != null) b.append("  ").append(e.businessCase()).append('\n');
    for (String n : e.notes()) b.append("  note: ").append(n).append('\n');
    return b.toString();
  }

  /** The engagement of every vendor side by side, ranked as the comparison ranks them. */
  public static String comparison(List<Economics> all) {
    if (all.isEmpty()) return "";
    Economics first = all.get(0);
    StringBuilder b = new StringBuilder("\nEngagement per vendor (").append(first.years()).append(" years, ")
        .append(Format.count(first.decisionsPerYear())).append(" decisions a year").append(first.currency() == null ? "" : "; amounts in " + first.currency())
        .append(")\n");
    b.append(pad("  submission", 24)).append(pad("build", 14)).append(pad("TCO", 14)).append(pad("savings a year [CI]", 40))
        .append(pad("net value [CI]", 40)).append("break-even\n");
    for (Economics e : all) {
      b.append(pad("  " + e.vendor(), 24)).append(pad(Format.money(e.buildPrice()), 14)).append(pad(Format.money(e.totalCost()), 14))
          .append(pad(e.savingsPerYear() == null ? "-" : money(e.savingsPerYear()), 40)).append(pad(e.netValue() == null ? "-" : money(e.netValue()), 40))
          .append(e.breakEvenMonths() == null ? "-" : months(e.breakEvenMonths())).append('\n');
    }
    return b.toString();
  }

  /** The scorecards beside the results; {@code missing} names submissions without one and where it would be. */
  public static String scorecards(List<ScorecardReview> reviews, List<String> missing) {
    if (reviews.isEmpty() && missing.isEmpty()) return "";
    StringBuilder b = new StringBuilder("\nVendor scorecards (vendors/NAME.yaml beside the suite)\n");
    for (ScorecardReview r : reviews) {
      int answered = r.card().answers().size();
      b.append("  ").append(pad(r.card().vendor(), 22)).append("answered ").append(answered).append(" of ").append(answered + r.card().unanswered().size())
          .append(" vetting questions; red flags checked: ").append(r.checked().isEmpty() ? "none" : String.join("; ", r.checked())).append('\n');
      for (String f : r.raised()) b.append("  ").append(pad("", 22)).append("RED FLAG ").append(f).append('\n');
    }
    for (String m : missing) b.append("  ").append(pad(m, 22)).append("no scorecard (vendors/").append(m).append(".yaml)\n");
    return b.toString();
  }

  /** The line that binds a verdict to the signed annex; null {@code declared} means the suite names none. */
  public static String annexLine(String declared, String computed) {
    if (declared == null) return "";
    if (declared.equals(computed)) return "\nJudged under annex " + declared + "\n";
    return "\nWARNING: the suite names annex " + declared + ", but its criteria and evaluation set now give annex " + computed
        + ": the contract changed since the annex was signed (holdout contract shows the new annex)\n";
  }

  private static void line(StringBuilder b, String label, String value) {
    b.append("  ").append(pad(label, 27)).append(value).append('\n');
  }

  /** An amount with its interval: "131,544.00 [120,000.00, 140,000.00]"; "never" for an open end. */
  public static String money(Economics.Range r) {
    if (r.value() == null) return "-";
    String s = Format.money(r.value());
    if (r.ci() == null) return s;
    return s + " [" + (r.ci().get(0) == null ? "never" : Format.money(r.ci().get(0))) + ", " + (r.ci().get(1) == null ? "never" : Format.money(r.ci().get(1))) + "]";
  }

  /** Months to one decimal, and the interval; "never" where the savings do not cover the run cost. */
  public static String months(Economics.Range r) {
    if (r.value() == null) return "never";
    String s = "after " + month(r.value()) + " months";
    if (r.ci() == null) return s;
    return s + " [" + month(r.ci().get(0)) + ", " + month(r.ci().get(1)) + "]";
  }

  private static String month(Double m) {
    return m == null ? "never" : Format.plain(Math.round(m * 10) / 10.0);
  }

  private static String pad(String s, int width) {
    if (s.length() >= width) return s + " ";
    return s + " ".repeat(width - s.length());
  }
}
