package dev.holdout.render;

import static dev.holdout.render.Html.esc;

import dev.holdout.base.Format;
import dev.holdout.render.Svg.Plot;
import dev.holdout.result.Report;
import dev.holdout.verdict.CriterionResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The acceptance criteria table of the evaluation page: status, criterion, observed value and
 * interval, and a small bar of the interval against the threshold with the passing side shaded.
 */
final class CriteriaSection {
  private CriteriaSection() {}

  static void append(StringBuilder b, Report r) {
    String level = HtmlReport.level(r.bootstrap());
    b.append("<section class=\"card\" id=\"criteria\">\n<h2>Acceptance criteria</h2>\n");
    List<CriterionResult> list = r.criteria() == null ? List.of() : r.criteria();
    if (list.isEmpty()) {
      b.append("<p class=\"lede\">The suite sets no acceptance criteria, so every submission is accepted; the figures below still hold.</p>\n</section>\n");
      return;
    }
    b.append("<p class=\"lede\">A criterion is judged on its ").append(level)
        .append(" bootstrap interval unless it says point estimate. In each bar the dashed line is the threshold, the shaded side passes, ")
        .append("the thick line is the interval (coloured by status) and the circle the observed value.</p>\n");
    b.append("<div class=\"table-wrap\"><table class=\"criteria\"><thead><tr><th>Status</th><th>Criterion</th><th class=\"num\">Observed</th>")
        .append("<th class=\"num\">").append(level).append(" interval</th><th>Against the threshold</th></tr></thead><tbody>\n");
    int i = 0;
    for (CriterionResult c : list) {
      String status = c.status() == null ? "INCONCLUSIVE" : c.status().name();
      b.append("<tr id=\"criterion-").append(Html.slug(c.id())).append("\" data-criterion=\"").append(esc(c.id())).append("\" data-status=\"")
          .append(status).append("\"><td>").append(Html.badge(status)).append("</td><td><div class=\"crit-id\">").append(esc(c.id()))
          .append("</div><div class=\"crit-desc\">").append(esc(pretty(c.description()))).append("</div>");
      if (c.reason() != null) b.append("<div class=\"reason\">").append(esc(c.reason())).append("</div>");
      b.append("</td><td class=\"num\" data-label=\"Observed\">");
      if (c.observed() == null) {
        b.append("<span class=\"undefined\">no value</span>");
      } else {
        b.append(Html.num(c.observed()));
        if (c.group() != null) b.append("<div class=\"group\">").append(esc(c.group())).append("</div>");
      }
      b.append("</td><td class=\"num\" data-label=\"Interval\">").append(c.ci() == null ? "–" : Html.interval(c.ci())).append("</td><td class=\"bar\">")
          .append(criterionBar(c, "crit-bar-" + (i++))).append("</td></tr>\n");
    }
    b.append("</tbody></table></div>\n</section>\n");
  }

  /** The interval and observed value against the threshold, the passing side shaded. */
  static String criterionBar(CriterionResult c, String id) {
    Plot p = new Plot(240, 42, 8, 8, 4, 4);
    List<Double> values = new ArrayList<>();
    values.add(c.threshold());
    if (c.observed() != null) values.add(c.observed());
    if (c.ci() != null) for (Double v : c.ci()) if (v != null) values.add(v);
    double lo = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    double hi = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
    double span = hi - lo > 0 ? hi - lo : Math.max(Math.abs(hi) * 0.1, 0.01);
    p.x(lo - span * 0.3, hi + span * 0.3, 4, false);
    Boolean atLeast = atLeast(c);
    double tx = p.x.at(c.threshold());
    p.rect(p.left, 17, p.right - p.left, 14, "track");
    if (atLeast != null) {
      if (atLeast) p.rect(tx, 17, p.right - tx, 14, "ok-zone");
      else p.rect(p.left, 17, tx - p.left, 14, "ok-zone");
    }
    String status = c.status() == null ? "INCONCLUSIVE" : c.status().name();
    if (c.ci() != null && c.ci().size() == 2 && c.ci().get(0) != null && c.ci().get(1) != null) {
      p.line(p.x.at(c.ci().get(0)), 24, p.x.at(c.ci().get(1)), 24, "ci-status st-" + status);
    }
    p.line(tx, 13, tx, 36, "threshold");
    p.text(tx, 11, Format.plain(c.threshold()), "small", tx > p.right - 20 ? "end" : tx < p.left + 20 ? "start" : "middle");
    if (c.observed() != null) p.circle(p.x.at(c.observed()), 24, 4.5, "obs", null);
    String desc = (c.observed() == null ? "no observed value" : "observed " + Html.num(c.observed()))
        + (c.ci() == null ? "" : ", interval " + Html.interval(c.ci()))
        + (atLeast == null ? ", threshold " : atLeast ? ", must be at least " : ", must be at most ") + Format.plain(c.threshold()) + ": " + status;
    return p.svg(id, "Criterion " + c.id() + ": " + status, desc);
  }

  /** True for "at least" bars, false for "at most", from the criterion's kind (or, in older reports, its description); null if neither. */
  static Boolean atLeast(CriterionResult c) {
    if (c.kind() != null) return c.kind().equals("min") || c.kind().equals("worst_min") || c.kind().equals("min_lift");
    String d = c.description() == null ? "" : c.description();
    if (d.contains(" >= ")) return true;
    if (d.contains(" <= ")) return false;
    return null;
  }

  static boolean isWorstCriterion(CriterionResult c) {
    if (c.kind() != null) return c.kind().startsWith("worst_");
    return c.slice() != null && c.description() != null && c.description().startsWith("worst ");
  }

  static boolean isGapCriterion(CriterionResult c) {
    if (c.kind() != null) return c.kind().equals("max_gap");
    return c.slice() != null && c.description() != null && c.description().contains(" gap in ");
  }

  static String pretty(String description) {
    return description == null ? "" : description.replace(" >= ", " ≥ ").replace(" <= ", " ≤ ");
  }
}
