package dev.holdout.render;

import static dev.holdout.render.Html.esc;

import dev.holdout.base.Format;
import dev.holdout.metric.Direction;
import dev.holdout.metric.Task;
import dev.holdout.result.Report;
import dev.holdout.verdict.CriterionResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The slices of the evaluation page: per slice column, a forest plot of the primary metric and of
 * every metric a criterion judges on that column, with the criterion's threshold, the value over
 * all rows, and the worst group (as the report names it) highlighted.
 */
final class SliceSection {
  /** Slice charts show at most this many groups: the worst ones, when a slice has more. */
  static final int MAX_GROUPS = 40;

  private SliceSection() {}

  static void append(StringBuilder b, Report r, Task task) {
    if (r.slices() == null || r.slices().isEmpty()) return;
    String level = HtmlReport.level(r.bootstrap());
    List<CriterionResult> criteria = r.criteria() == null ? List.of() : r.criteria();
    b.append("<section class=\"card\" id=\"slices\">\n<h2>Slices</h2>\n<p class=\"lede\">Each group's value with its ").append(level)
        .append(" interval. ").append(Figures.key(null, "threshold", "criterion threshold")).append(Figures.key(null, "overall", "all rows"))
        .append(Figures.key("dot-worst", "ci-worst", "worst group")).append("</p>\n");
    for (Map.Entry<String, Map<String, Report.SliceGroup>> s : r.slices().entrySet()) {
      String column = s.getKey();
      Set<String> shown = new LinkedHashSet<>();
      if (r.suite().primaryMetric() != null) shown.add(r.suite().primaryMetric());
      for (CriterionResult c : criteria) if (column.equals(c.slice()) && c.metric() != null) shown.add(c.metric());
      b.append("<h3 class=\"slice-col\">By ").append(esc(column)).append(" <span class=\"group\">· ").append(Format.count(s.getValue().size(), "group"))
          .append("</span></h3>\n<div class=\"charts top\">\n");
      for (String metric : shown) b.append(sliceForest(r, task, column, s.getValue(), metric, criteria));
      b.append("</div>\n");
    }
    b.append("</section>\n");
  }

  private static String sliceForest(Report r, Task task, String column, Map<String, Report.SliceGroup> groups, String metric,
      List<CriterionResult> criteria) {
    Direction dir = HtmlReport.direction(task, metric);
    List<CriterionResult> worstCriteria = new ArrayList<>();
    List<CriterionResult> gapCriteria = new ArrayList<>();
    for (CriterionResult c : criteria) {
      if (!column.equals(c.slice()) || !metric.equals(c.metric())) continue;
      if (CriteriaSection.isWorstCriterion(c)) worstCriteria.add(c);
      else if (CriteriaSection.isGapCriterion(c)) gapCriteria.add(c);
    }
    String worst = worstGroup(groups, metric, worstCriteria);
    List<Map.Entry<String, Report.SliceGroup>> entries = new ArrayList<>(groups.entrySet());
    String note = null;
    if (entries.size() > MAX_GROUPS) {
      // Which groups fit on the chart is layout: the worst by value first, so the ones that matter are drawn.
      if (dir != null) {
        Comparator<Map.Entry<String, Report.SliceGroup>> byValue = Comparator.comparingDouble(g -> {
          Report.Estimate e = g.getValue().metrics() == null ? null : g.getValue().metrics().get(metric);
          if (e == null || e.value() == null) return Double.POSITIVE_INFINITY;
          return dir == Direction.HIGHER_IS_BETTER ? e.value() : -e.value();
        });
        entries.sort(byValue);
      }
      note = "Showing " + MAX_GROUPS + (dir != null ? " worst" : "") + " of " + entries.size() + " groups; the JSON report holds them all.";
      entries = entries.subList(0, MAX_GROUPS);
    }
    List<Forest.Row> rows = new ArrayList<>();
    for (Map.Entry<String, Report.SliceGroup> g : entries) {
      Report.Estimate e = g.getValue().metrics() == null ? null : g.getValue().metrics().get(metric);
      boolean isWorst = g.getKey().equals(worst);
      List<Report.Estimate> one = new ArrayList<>();
      one.add(e);
      rows.add(new Forest.Row(g.getKey(), Format.count(g.getValue().rows(), unit(r)) + (isWorst ? " · worst" : ""), one, isWorst, false));
    }
    List<Forest.Ref> refs = new ArrayList<>();
    Report.Estimate all = r.metrics() == null ? null : r.metrics().get(metric);
    if (all != null && all.value() != null) refs.add(new Forest.Ref(all.value(), "all rows " + Format.score(all.value()), "overall"));
    for (CriterionResult c : worstCriteria) {
      Boolean atLeast = CriteriaSection.atLeast(c);
      refs.add(new Forest.Ref(c.threshold(), c.id() + (atLeast == null ? " " : atLeast ? " ≥ " : " ≤ ") + Format.plain(c.threshold()), "threshold"));
    }
    StringBuilder desc = new StringBuilder(metric).append(" by ").append(column).append(':');
    for (Forest.Row fr : rows) desc.append(' ').append(fr.label()).append(' ').append(Html.estimate(fr.values().get(0))).append(';');
    if (worst != null) desc.append(" worst group ").append(worst).append('.');
    for (CriterionResult c : worstCriteria) desc.append(" Criterion ").append(c.id()).append(": ").append(c.description()).append(", ").append(c.status()).append('.');
    StringBuilder caption = new StringBuilder();
    for (CriterionResult c : worstCriteria) {
      caption.append("<div>").append(Html.badge(c.status().name())).append(" <b>").append(esc(c.id())).append("</b> ").append(esc(CriteriaSection.pretty(c.description())))
          .append("</div>");
    }
    for (CriterionResult c : gapCriteria) {
      caption.append("<div>").append(Html.badge(c.status().name())).append(" <b>").append(esc(c.id())).append("</b> ").append(esc(CriteriaSection.pretty(c.description())))
          .append(": ").append(c.observed() == null ? "no value" : Html.num(c.observed()) + " " + Html.interval(c.ci()))
          .append(c.group() == null ? "" : " (" + esc(c.group()) + ")").append("</div>");
      desc.append(" Criterion ").append(c.id()).append(": ").append(c.description()).append(", observed ")
          .append(c.observed() == null ? "no value" : Html.num(c.observed())).append(", ").append(c.status()).append('.');
    }
    if (note != null) caption.append("<div>").append(esc(note)).append("</div>");
    String title = metric + " by " + column;
    String id = "chart-slice-" + Html.slug(column) + "-" + Html.slug(metric);
    String sub = (dir == Direction.HIGHER_IS_BETTER ? "Higher is better" : dir == Direction.LOWER_IS_BETTER ? "Lower is better" : "")
        + (worst != null ? (dir == null ? "" : "; ") + "the worst group is " + worst + "." : dir == null ? "" : ".");
    String svg = Forest.draw(id + "-svg", title, desc.toString(), metric, rows, refs, false);
    return "<figure class=\"chart\" id=\"" + id + "\" data-chart=\"slice\" data-slice=\"" + esc(column) + "\" data-metric=\"" + esc(metric) + "\">"
        + "<figcaption><h3>" + esc(title) + "</h3><p>" + esc(sub) + "</p></figcaption>\n" + svg + "\n"
        + (caption.length() > 0 ? "<div class=\"note\">" + caption + "</div>" : "") + "</figure>\n";
  }

  /**
   * The worst group as the report names it: the group whose {@code worst_for} holds the metric, or
   * (in reports written before that field) the group a worst_min or worst_max criterion observed;
   * null when the report names none.
   */
  static String worstGroup(Map<String, Report.SliceGroup> groups, String metric, List<CriterionResult> worstCriteria) {
    for (Map.Entry<String, Report.SliceGroup> g : groups.entrySet()) {
      if (g.getValue().worstFor() != null && g.getValue().worstFor().contains(metric)) return g.getKey();
    }
    for (CriterionResult c : worstCriteria) if (c.group() != null && groups.containsKey(c.group())) return c.group();
    return null;
  }

  /** What a slice group counts: queries for retrieval (the rows of a retrieval report are queries), rows otherwise. */
  static String unit(Report r) {
    return r.suite() != null && "retrieval".equals(r.suite().task()) ? "query" : "row";
  }
}
