package dev.holdout.render;

import dev.holdout.base.Format;
import dev.holdout.render.Svg.Plot;
import dev.holdout.result.Report;

/**
 * The call list's charts of a binary classification with {@code budgets}: the cumulative gains
 * curve (the share of all positives among the top share of rows by score, against a random list's
 * diagonal and the baseline's curve) and the lift curve (their positive rate over the set's), each
 * with the suite's budgets marked at the precision, recall and lift the report states. Drawn from
 * {@code charts.gains}, {@code charts.lift} and {@code charts.budgets} as the engine made them.
 */
final class GainsCharts {
  private GainsCharts() {}

  /** The two figures, or nothing when the report has no gains curve or the suite names no budgets. */
  static String figures(Report r) {
    Report.Charts ch = r.charts();
    if (ch == null || ch.gains() == null || ch.budgets() == null || ch.budgets().isEmpty()) return "";
    String sub = r.submission() == null ? "submission" : r.submission().name();
    StringBuilder s = new StringBuilder(gains(r, ch, sub));
    if (ch.lift() != null) s.append(lift(ch, sub));
    return s.toString();
  }

  private static String gains(Report r, Report.Charts ch, String sub) {
    Plot p = new Plot(480, 440, 62, 20, 14, 50).x(0, 1, 5, true).y(0, 1, 5, true);
    p.axes("Share of rows called (highest scores first)", "Share of all positives found");
    p.line(p.x.at(0), p.y.at(0), p.x.at(1), p.y.at(1), "diag");
    Report.Curve base = ch.baselineGains();
    if (base != null) p.path(base.x(), base.y(), "s-base");
    p.path(ch.gains().x(), ch.gains().y(), "s-main");
    StringBuilder desc = new StringBuilder("Cumulative gains of ").append(sub)
        .append(": the share of all positives among the top rows by score, for each share of rows called");
    for (Report.BudgetPoint b : ch.budgets()) {
      if (b.recall() == null) continue;
      mark(p, b.share(), b.recall(), budget(b) + ": " + Format.percent(b.recall()) + " of positives");
      desc.append("; calling the top ").append(Format.percent(b.share())).append(" (").append(Format.count(b.rows())).append(" rows) finds ")
          .append(Format.percent(b.recall())).append(" of the positives");
    }
    desc.append(". The dashed diagonal is a list in random order").append(base == null ? "" : ", the second line the baseline").append('.');
    String legend = Figures.key(null, "s-main", sub) + (base == null ? "" : Figures.key(null, "s-base", "baseline " + baselineName(r)))
        + Figures.key(null, "diag", "random order") + Figures.key("op", null, "budget");
    return Figures.figure("chart-gains", "gains", "Cumulative gains",
        "How many of the positives a call list of each length reaches, calling the highest scores first.", legend,
        p.svg("chart-gains-svg", "Cumulative gains", desc.toString()), null, false);
  }

  private static String lift(Report.Charts ch, String sub) {
    Report.Curve c = ch.lift();
    double max = 1;
    for (Double v : c.y()) if (v != null) max = Math.max(max, v);
    for (Report.BudgetPoint b : ch.budgets()) if (b.lift() != null) max = Math.max(max, b.lift());
    Plot p = new Plot(480, 440, 62, 20, 14, 50).x(0, 1, 5, true).y(0, max, 5, true);
    p.axes("Share of rows called (highest scores first)", "Lift (positive rate over the whole set's)");
    p.line(p.left, p.y.at(1), p.right, p.y.at(1), "diag");
    p.path(c.x(), c.y(), "s-main");
    StringBuilder desc = new StringBuilder("Lift of ").append(sub).append(": how many times the set's positive rate the top rows by score hold");
    for (Report.BudgetPoint b : ch.budgets()) {
      if (b.lift() == null) continue;
      mark(p, b.share(), b.lift(), budget(b) + ": lift " + Format.number(b.lift())
          + (b.precision() == null ? "" : ", precision " + Format.percent(b.precision())));
      desc.append("; the top ").append(Format.percent(b.share())).append(" have lift ").append(Format.number(b.lift()));
      if (b.precision() != null) desc.append(" (precision ").append(Format.percent(b.precision())).append(')');
    }
    desc.append(". The dashed line at 1 is a list in random order.");
    String legend = Figures.key(null, "s-main", sub) + Figures.key(null, "diag", "random order (lift 1)") + Figures.key("op", null, "budget");
    return Figures.figure("chart-lift", "lift", "Lift", "How much richer in positives the top of the call list is than the whole set.", legend,
        p.svg("chart-lift-svg", "Lift", desc.toString()), null, false);
  }

  /** A budget's point with a line down to the axis, its tooltip and a label. */
  private static void mark(Plot p, double share, double value, String tip) {
    double px = p.x.at(share);
    double py = p.y.at(value);
    p.line(px, py, px, p.bottom, "op-line");
    p.circle(px, py, 6.5, "op", tip);
    boolean leftSide = px > (p.left + p.right) / 2;
    p.text(px + (leftSide ? -10 : 10), py + (py > p.bottom - 24 ? -10 : 18), tip.substring(0, tip.indexOf(':')), "label strong",
        leftSide ? "end" : "start");
  }

  private static String budget(Report.BudgetPoint b) {
    return "top " + Format.percent(b.share());
  }

  private static String baselineName(Report r) {
    return r.baseline() == null ? "" : r.baseline().name();
  }
}
