package dev.holdout.render;

import dev.holdout.base.Format;
import dev.holdout.render.Svg.Plot;
import dev.holdout.result.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The charts of a regression: predicted against actual, the residual histogram, and the error of each slice group. */
final class RegressionCharts {
  private RegressionCharts() {}

  static void append(StringBuilder b, Report r) {
    Report.Charts ch = r.charts();
    b.append("<section class=\"card\" id=\"charts\">\n<h2>Predictions</h2>\n<p class=\"lede\">How far the predictions fall from what happened.</p>\n")
        .append("<div class=\"charts\">\n");
    if (ch != null && ch.predictedVsActual() != null) b.append(scatter(ch.predictedVsActual()));
    if (ch != null && ch.residuals() != null) b.append(residuals(ch.residuals()));
    if (r.slices() != null && !r.slices().isEmpty()) b.append(errorBySlice(r));
    b.append("</div>\n</section>\n");
  }

  private static String scatter(Report.Scatter s) {
    List<Double> all = new ArrayList<>();
    for (Double v : Html.nz(s.actual())) if (v != null) all.add(v);
    for (Double v : Html.nz(s.predicted())) if (v != null) all.add(v);
    double lo = all.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    double hi = all.stream().mapToDouble(Double::doubleValue).max().orElse(1);
    Plot p = new Plot(480, 440, 70, 20, 14, 50).x(lo, hi, 5, true).y(lo, hi, 5, true);
    p.axes("Actual", "Predicted");
    int n = Math.min(Html.nz(s.actual()).size(), Html.nz(s.predicted()).size());
    for (int i = 0; i < n; i++) {
      Double a = s.actual().get(i);
      Double q = s.predicted().get(i);
      if (a == null || q == null) continue;
      p.raw("<circle class=\"pt\" cx=\"" + Svg.n(p.x.at(a)) + "\" cy=\"" + Svg.n(p.y.at(q)) + "\" r=\"2.2\"/>");
    }
    p.line(p.x.at(p.x.d0), p.y.at(p.x.d0), p.x.at(p.x.d1), p.y.at(p.x.d1), "diag");
    String shown = Format.count(n) + " of " + Format.count(s.rows()) + " rows" + (n < s.rows() ? ", every " + ordinal((s.rows() + n - 1) / Math.max(1, n)) + " row in file order" : "");
    String desc = "Predicted against actual value for " + shown + ", actual from " + Format.score(lo) + " to " + Format.score(hi)
        + ". The dashed diagonal is a perfect prediction; points above it are over-forecasts.";
    return Figures.figure("chart-scatter", "scatter", "Predicted against actual", "Points above the diagonal are over-forecasts, below it under-forecasts.",
        Figures.key("pt", null, shown) + Figures.key(null, "diag", "prediction = actual"), p.svg("chart-scatter-svg", "Predicted against actual", desc), null, false);
  }

  private static String ordinal(long k) {
    if (k == 2) return "2nd";
    if (k == 3) return "3rd";
    return k + "th";
  }

  private static String residuals(Report.Histogram h) {
    List<Double> e = Html.nz(h.edges());
    List<Double> c = Html.nz(h.counts());
    double max = 1;
    for (Double v : c) if (v != null) max = Math.max(max, v);
    double lo = e.isEmpty() ? -1 : e.get(0);
    double hi = e.isEmpty() ? 1 : e.get(e.size() - 1);
    Plot p = new Plot(480, 380, 74, 20, 14, 50).x(lo, hi, 6, true).y(0, max, 4, true);
    p.axes("Residual: actual minus predicted", "Rows");
    StringBuilder desc = new StringBuilder("Histogram of residuals (actual minus predicted) from ").append(Format.score(lo)).append(" to ")
        .append(Format.score(hi)).append(" in ").append(Math.max(0, e.size() - 1)).append(" bins:");
    for (int i = 0; i + 1 < e.size() && i < c.size(); i++) {
      double v = c.get(i) == null ? 0 : c.get(i);
      double x0 = p.x.at(e.get(i));
      double x1 = p.x.at(e.get(i + 1));
      p.rect(x0 + 0.5, p.y.at(v), x1 - x0 - 1, p.y.at(0) - p.y.at(v), "bar-main", null,
          Format.score(e.get(i)) + " to " + Format.score(e.get(i + 1)) + ": " + Format.count(v) + " rows");
      if (v > 0) desc.append(' ').append(Format.score(e.get(i))).append(" to ").append(Format.score(e.get(i + 1))).append(": ").append(Format.count(v)).append(';');
    }
    if (p.x.d0 < 0 && p.x.d1 > 0) {
      p.line(p.x.at(0), p.top, p.x.at(0), p.bottom, "zero");
      p.text(p.x.at(0) + 4, p.top + 12, "0", "small", "start");
    }
    return Figures.figure("chart-residuals", "residuals", "Residuals", "Right of zero the prediction was too low, left of zero too high.",
        Figures.key("bar-main", null, "rows per bin"), p.svg("chart-residuals-svg", "Residuals", desc.toString()), null, false);
  }

  private static String errorBySlice(Report r) {
    List<String> measures = new ArrayList<>();
    for (String m : List.of("mae", "rmse")) if (r.metrics() != null && r.metrics().containsKey(m)) measures.add(m);
    if (measures.isEmpty()) return "";
    List<Forest.Row> rows = new ArrayList<>();
    List<Report.Estimate> overall = new ArrayList<>();
    for (String m : measures) overall.add(r.metrics().get(m));
    rows.add(new Forest.Row("all rows", r.rows() == null ? "" : Format.count(r.rows().evaluated()) + " rows", overall, false, true));
    for (Map.Entry<String, Map<String, Report.SliceGroup>> s : r.slices().entrySet()) {
      int shown = 0;
      for (Map.Entry<String, Report.SliceGroup> g : s.getValue().entrySet()) {
        if (shown++ >= SliceSection.MAX_GROUPS) break;
        List<Report.Estimate> es = new ArrayList<>();
        for (String m : measures) es.add(g.getValue().metrics() == null ? null : g.getValue().metrics().get(m));
        rows.add(new Forest.Row(g.getKey(), s.getKey() + " · " + Format.count(g.getValue().rows()) + " rows", es, false, false));
      }
    }
    String title = "Error by slice";
    StringBuilder desc = new StringBuilder(String.join(" and ", measures)).append(" per slice group with intervals:");
    for (Forest.Row fr : rows) {
      desc.append(' ').append(fr.label()).append(" (").append(fr.sub()).append(')');
      for (int k = 0; k < measures.size(); k++) desc.append(' ').append(measures.get(k)).append(' ').append(Html.estimate(fr.values().get(k)));
      desc.append(';');
    }
    String svg = Forest.draw("chart-error-by-slice-svg", title, desc.toString(), "Error (in the label's units)", rows, List.of(), measures.size() > 1);
    String legend = Figures.key("dot-main", "ci-main", measures.get(0)) + (measures.size() > 1 ? Figures.key("dot-base", "ci-base", measures.get(1)) : "");
    return Figures.figure("chart-error-by-slice", "error-by-slice", title, "Mean absolute and root-mean-square error of each group, with intervals.", legend,
        svg, null, false);
  }
}
