package dev.holdout.render;

import static dev.holdout.render.Html.esc;

import dev.holdout.base.Format;
import dev.holdout.metric.Direction;
import dev.holdout.metric.Task;
import dev.holdout.render.Svg.Plot;
import dev.holdout.result.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The metrics table of the evaluation page: each metric with its interval, a small error-bar chart
 * of the submission against the baseline, the baseline's value and the paired difference.
 */
final class MetricsSection {
  private MetricsSection() {}

  static void append(StringBuilder b, Report r, Task task) {
    if (r.metrics() == null || r.metrics().isEmpty()) return;
    String level = HtmlReport.level(r.bootstrap());
    Report.BaselineResult base = r.baseline();
    b.append("<section class=\"card\" id=\"metrics\">\n<h2>Metrics</h2>\n<p class=\"lede\">");
    b.append("Each value with its ").append(level).append(" bootstrap interval");
    if (base != null) {
      b.append(", next to the baseline (").append(esc(base.description() == null ? base.name() : base.description()))
          .append("). The difference is submission minus baseline, paired on the same rows.");
    } else {
      b.append('.');
    }
    b.append("<br>").append(Figures.key("dot-main", "ci-main", "submission")).append(base == null ? "" : Figures.key("dot-base", "ci-base", "baseline"))
        .append("</p>\n");
    b.append("<div class=\"table-wrap\"><table class=\"metrics\"><thead><tr><th>Metric</th><th class=\"num\">Value</th><th class=\"num\">")
        .append(level).append(" interval</th><th>Submission and baseline</th>");
    if (base != null) b.append("<th class=\"num\">Baseline</th><th>Difference (lift)</th>");
    b.append("</tr></thead><tbody>\n");
    int i = 0;
    for (Map.Entry<String, Report.Estimate> e : r.metrics().entrySet()) {
      String name = e.getKey();
      boolean primary = name.equals(r.suite().primaryMetric());
      Report.Estimate v = e.getValue();
      Report.Estimate bv = base == null || base.metrics() == null ? null : base.metrics().get(name);
      Report.Estimate d = base == null || base.difference() == null ? null : base.difference().get(name);
      b.append("<tr data-metric=\"").append(esc(name)).append('"').append(primary ? " class=\"primary\"" : "").append("><td class=\"metric-name\">")
          .append(esc(name)).append(primary ? "<span class=\"primary-tag\">primary</span>" : "").append("</td>");
      estimateCells(b, v);
      b.append("<td class=\"bar\">").append(errorBars(v, bv, "metric-bar-" + (i++), name)).append("</td>");
      if (base != null) {
        b.append("<td class=\"num base\" data-label=\"Baseline\">")
            .append(bv == null ? "–" : bv.value() == null ? "<span class=\"undefined\">undefined</span>" : Html.num(bv.value()))
            .append("</td><td class=\"diff\" data-label=\"Difference\">").append(difference(d, HtmlReport.direction(task, name))).append("</td>");
      }
      b.append("</tr>\n");
    }
    b.append("</tbody></table></div>\n</section>\n");
  }

  static void estimateCells(StringBuilder b, Report.Estimate v) {
    if (v == null) {
      b.append("<td class=\"num\">–</td><td class=\"num\"></td>");
    } else if (v.value() == null) {
      b.append("<td class=\"num\"><span class=\"undefined\">undefined</span></td><td class=\"reason\">").append(esc(v.undefined())).append("</td>");
    } else {
      b.append("<td class=\"num value\">").append(Html.num(v.value())).append("</td><td class=\"num ci\">").append(Html.interval(v.ci())).append("</td>");
    }
  }

  private static String difference(Report.Estimate d, Direction dir) {
    if (d == null) return "–";
    if (d.value() == null) return "<span class=\"undefined\">" + esc(d.undefined()) + "</span>";
    StringBuilder s = new StringBuilder();
    s.append("<span class=\"num\"");
    if (d.pValue() != null) s.append(" title=\"one-sided p-value that the submission is not better: ").append(Format.score(d.pValue())).append('"');
    s.append('>').append(Format.signed(d.value())).append(' ').append(Html.signedInterval(d.ci())).append("</span>");
    String kind = liftKind(d, dir);
    if (kind != null) {
      s.append("<span class=\"lift ").append(kind).append("\">")
          .append(kind.equals("better") ? "better" : kind.equals("worse") ? "worse" : "no clear difference").append("</span>");
    }
    return s.toString();
  }

  /** better, worse or same when the interval decides; by the metric's direction. */
  static String liftKind(Report.Estimate d, Direction dir) {
    if (d == null || d.value() == null || d.ci() == null || d.ci().size() < 2 || d.ci().get(0) == null || d.ci().get(1) == null || dir == null) return null;
    boolean up = d.ci().get(0) > 0;
    boolean down = d.ci().get(1) < 0;
    if (!up && !down) return "same";
    return up == (dir == Direction.HIGHER_IS_BETTER) ? "better" : "worse";
  }

  /** The submission's and the baseline's intervals on one small shared scale. */
  private static String errorBars(Report.Estimate v, Report.Estimate base, String id, String metric) {
    List<Double> all = new ArrayList<>();
    Forest.collect(all, v);
    Forest.collect(all, base);
    if (all.isEmpty()) return "";
    Plot p = new Plot(240, 40, 10, 10, 4, 12);
    double lo = all.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    double hi = all.stream().mapToDouble(Double::doubleValue).max().orElse(1);
    p.x(lo, hi, 4, true);
    p.rect(p.left, 3, p.right - p.left, 26, "track");
    for (double t : p.x.ticks()) p.line(p.x.at(t), 3, p.x.at(t), 29, "grid");
    boolean hasBase = base != null && base.value() != null;
    double ySub = hasBase ? 11 : 16;
    draw(p, v, ySub, "main");
    if (hasBase) draw(p, base, 21, "base");
    p.text(p.left, 39, p.x.tick(p.x.d0), "small", "start");
    p.text(p.right, 39, p.x.tick(p.x.d1), "small", "end");
    String desc = metric + ": submission " + Html.estimate(v) + (hasBase ? "; baseline " + Html.estimate(base) : "");
    return p.svg(id, metric + " with its interval", desc);
  }

  private static void draw(Plot p, Report.Estimate e, double y, String cls) {
    if (e == null || e.value() == null) return;
    if (e.ci() != null && e.ci().size() == 2 && e.ci().get(0) != null && e.ci().get(1) != null) {
      double a = p.x.at(e.ci().get(0));
      double c = p.x.at(e.ci().get(1));
      p.line(a, y, c, y, "ci-" + cls);
      p.line(a, y - 4, a, y + 4, "ci-" + cls);
      p.line(c, y - 4, c, y + 4, "ci-" + cls);
    }
    if (cls.equals("base")) p.diamond(p.x.at(e.value()), y, 4.5, "dot-base");
    else p.circle(p.x.at(e.value()), y, 4, "dot-" + cls, null);
  }
}
