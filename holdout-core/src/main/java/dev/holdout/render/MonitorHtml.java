package dev.holdout.render;

import dev.holdout.result.Report;
import dev.holdout.base.AtomicFiles;
import dev.holdout.base.Format;
import static dev.holdout.render.Html.esc;

import dev.holdout.drift.ColumnDrift;
import dev.holdout.drift.DriftReport;
import dev.holdout.monitor.MonitorReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The HTML page of a {@link MonitorReport}: the status, the alerts, one chart per metric over the
 * windows (realized value with its interval, the CBPE estimate, the suite's bar, alerting windows in
 * vermillion), the drifted share of feature columns and each judged prediction or label column's
 * drift score over the windows, and the window table. The {@link Page} shell of every report:
 * inline SVG with text alternatives, no script, nothing fetched.
 */
public final class MonitorHtml {
  private MonitorHtml() {}

  public static void write(MonitorReport report, Path file) {
    String html = render(report);
    AtomicFiles.write(file, w -> w.write(html));
  }

  public static String render(MonitorReport m) {
    StringBuilder b = new StringBuilder(128 * 1024);
    String facts = "<li>log <b>" + esc(m.log().path()) + "</b></li><li><b>" + Format.count(m.rows()) + "</b> rows, <b>" + Format.count(m.labeledRows())
        + "</b> with outcomes</li><li><b>" + m.windows().size() + "</b> windows ("
        + esc(m.window().size() == null ? m.window().kind() : Format.count(m.window().size()) + " rows") + ")</li><li>reference <b>"
        + esc(m.reference().path()) + "</b></li>";
    Page.header(b, "Holdout monitor · " + Html.words(m.suite().task()), m.suite().name(), m.suite().problem(), facts);
    boolean alert = m.alert();
    b.append("<section class=\"verdict ").append(alert ? "REJECTED" : "ACCEPTED").append("\" id=\"status\"><div><div class=\"word\">")
        .append(alert ? "ALERT" : "OK").append("</div><p class=\"why\">")
        .append(alert ? m.alerts().size() + " alert(s) in " + m.alerts().stream().map(MonitorReport.Alert::window).distinct().count() + " window(s)"
            : "No window crossed a threshold.").append("</p></div></section>\n");
    Map<String, String> links = new LinkedHashMap<>();
    links.put("alerts", "Alerts");
    links.put("performance", "Performance");
    links.put("drift", "Drift");
    links.put("windows", "Windows");
    links.put("provenance", "Provenance");
    Page.nav(b, links);

    b.append("<section class=\"card\" id=\"alerts\">\n<h2>Alerts</h2>\n");
    if (m.alerts().isEmpty()) {
      b.append("<p class=\"lede\">None.</p>\n");
    } else {
      b.append("<div class=\"table-wrap\"><table><thead><tr><th>Window</th><th>Kind</th><th>What</th></tr></thead><tbody>\n");
      for (MonitorReport.Alert a : m.alerts()) {
        b.append("<tr data-alert=\"").append(esc(a.kind())).append("\"><td class=\"metric-name\">").append(esc(a.window())).append("</td><td>")
            .append(esc(Html.words(a.kind()))).append("</td><td>").append(esc(a.message())).append("</td></tr>\n");
      }
      b.append("</tbody></table></div>\n");
    }
    b.append("</section>\n");

    b.append("<section class=\"card\" id=\"performance\">\n<h2>Performance over time</h2>\n<p class=\"lede\">Realized values on each window's rows with outcomes, with ")
        .append(Format.level(m.confidence())).append(" bootstrap intervals, as <code>holdout evaluate</code> computes them");
    if (m.cbpeAssumption() != null) b.append("; the dashed line is the CBPE estimate from the scores of every row (").append(esc(m.cbpeAssumption())).append(')');
    b.append(". The black dashed line is the suite's bar; vermillion marks a window with an alert on that metric.</p>\n<div class=\"charts\">\n");
    Set<String> metrics = new LinkedHashSet<>();
    metrics.add(m.suite().primaryMetric());
    for (MonitorReport.Threshold t : m.thresholds()) metrics.add(t.metric());
    for (String metric : metrics) b.append(metricChart(m, metric));
    b.append("</div>\n</section>\n");

    b.append("<section class=\"card\" id=\"drift\">\n<h2>Drift over time</h2>\n<p class=\"lede\">Each window against the reference, by the drift rule of ")
        .append("docs/drift.md, from sketches of the window.</p>\n<div class=\"charts\">\n").append(driftShareChart(m));
    Set<String> watched = new LinkedHashSet<>();
    for (MonitorReport.WindowResult w : m.windows()) {
      if (w.drift() == null) continue;
      for (ColumnDrift c : w.drift().columns()) if (!c.role().equals("feature")) watched.add(c.column());
    }
    for (String col : watched) b.append(columnChart(m, col));
    b.append("</div>\n");
    StringBuilder groups = new StringBuilder();
    for (MonitorReport.WindowResult w : m.windows()) {
      if (w.slices() == null) continue;
      for (var slice : w.slices().entrySet()) {
        for (var g : slice.getValue().entrySet()) {
          if (!"DRIFT".equals(g.getValue().verdict())) continue;
          groups.append("<tr><td class=\"metric-name\">").append(esc(w.label())).append("</td><td>").append(esc(slice.getKey())).append(" = ")
              .append(esc(g.getKey())).append("</td><td>").append(esc(String.join(", ", g.getValue().driftedColumns()))).append("</td></tr>\n");
        }
      }
    }
    if (groups.length() > 0) {
      b.append("<h3 class=\"slice-col\">Slice groups that drifted</h3>\n<div class=\"table-wrap\"><table id=\"slice-drift\"><thead><tr><th>Window</th>")
          .append("<th>Group</th><th>Drifted columns</th></tr></thead><tbody>\n").append(groups).append("</tbody></table></div>\n");
    }
    b.append("</section>\n");

    b.append("<section class=\"card\" id=\"windows\">\n<h2>Windows</h2>\n<div class=\"table-wrap\"><table><thead><tr><th>Window</th><th class=\"num\">Rows</th>")
        .append("<th class=\"num\">With outcomes</th><th>Drift</th><th class=\"num\">").append(esc(m.suite().primaryMetric())).append("</th><th class=\"num\">Interval</th>")
        .append(m.cbpeAssumption() != null ? "<th class=\"num\">CBPE</th>" : "").append("<th>Verdict</th></tr></thead><tbody>\n");
    for (MonitorReport.WindowResult w : m.windows()) {
      Report.Estimate e = w.metrics() == null ? null : w.metrics().get(m.suite().primaryMetric());
      Report.Estimate est = w.estimated() == null ? null : w.estimated().get(m.suite().primaryMetric());
      b.append("<tr data-window=\"").append(esc(w.label())).append("\"").append(w.alerts().isEmpty() ? "" : " class=\"primary\"").append("><td class=\"metric-name\">")
          .append(esc(w.label())).append("</td><td class=\"num\">").append(Format.count(w.rows())).append("</td><td class=\"num\">").append(Format.count(w.labeledRows()))
          .append("</td><td>").append(w.empty() ? "empty" : esc(("DRIFT".equals(w.driftVerdict()) ? "DRIFT" : "no drift") + " (" + w.driftedFeatures() + " of "
              + w.featureColumns() + ")")).append("</td><td class=\"num\">").append(e == null ? "–" : Html.num(e.value())).append("</td><td class=\"num\">")
          .append(e == null ? "" : Html.interval(e.ci())).append("</td>");
      if (m.cbpeAssumption() != null) b.append("<td class=\"num\">").append(est == null ? "–" : Html.num(est.value())).append("</td>");
      b.append("<td>").append(w.verdict() == null ? "" : "<span class=\"badge " + w.verdict() + "\">" + w.verdict() + "</span>").append("</td></tr>\n");
    }
    b.append("</tbody></table></div>\n");
    for (String n : m.notes()) b.append("<p class=\"reason\">Note: ").append(esc(n)).append("</p>\n");
    b.append("</section>\n");
    Page.footer(b, Map.of("Bootstrap", Format.count(m.replicates()) + " replicates, " + Format.level(m.confidence()) + ", seed " + m.seed()),
        m.provenance());
    return Page.document(m.suite().name() + " · monitor · " + m.status(), b);
  }

  /** An x axis of windows 1..n with their labels, thinned to about 12. */
  private static Svg.Plot windowPlot(int n, double lo, double hi) {
    Svg.Plot p = new Svg.Plot(640, 300, 56, 16, 14, 56);
    p.x(0.5, n + 0.5, Math.max(1, n), false).y(lo, hi, 5, true);
    p.yAxis(p.y, null);
    return p;
  }

  private static void windowLabels(Svg.Plot p, List<MonitorReport.WindowResult> windows) {
    int n = windows.size();
    int every = Math.max(1, (int) Math.ceil(n / 12.0));
    for (int i = 0; i < n; i++) {
      if (i % every != 0 && i != n - 1) continue;
      double px = p.x.at(i + 1);
      p.raw("<text class=\"tick\" text-anchor=\"end\" transform=\"translate(" + Svg.n(px) + " " + Svg.n(p.bottom + 12) + ") rotate(-35)\">"
          + esc(windows.get(i).label()) + "</text>");
    }
    p.line(p.left, p.bottom, p.right, p.bottom, "axis");
    p.line(p.left, p.top, p.left, p.bottom, "axis");
  }

  private static String metricChart(MonitorReport m, String metric) {
    List<MonitorReport.WindowResult> ws = m.windows();
    List<Double> values = new ArrayList<>();
    List<MonitorReport.Threshold> bars = m.thresholds().stream().filter(t -> t.metric().equals(metric)).toList();
    for (MonitorReport.WindowResult w : ws) {
      Report.Estimate e = w.metrics() == null ? null : w.metrics().get(metric);
      if (e != null && e.value() != null) {
        values.add(e.value());
        if (e.ci() != null) values.addAll(e.ci());
      }
      Report.Estimate est = w.estimated() == null ? null : w.estimated().get(metric);
      if (est != null && est.value() != null) values.add(est.value());
    }
    for (MonitorReport.Threshold t : bars) values.add(t.value());
    if (values.isEmpty()) return "";
    double lo = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    double hi = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
    double pad = Math.max(1e-3, (hi - lo) * 0.1);
    Svg.Plot p = windowPlot(ws.size(), lo - pad, hi + pad);
    windowLabels(p, ws);
    for (MonitorReport.Threshold t : bars) p.line(p.left, p.y.at(t.value()), p.right, p.y.at(t.value()), "threshold");
    List<Double> xs = new ArrayList<>();
    List<Double> est = new ArrayList<>();
    StringBuilder desc = new StringBuilder(metric + " by window: ");
    for (int i = 0; i < ws.size(); i++) {
      MonitorReport.WindowResult w = ws.get(i);
      xs.add((double) (i + 1));
      Report.Estimate e = w.estimated() == null ? null : w.estimated().get(metric);
      est.add(e == null ? null : e.value());
    }
    p.path(xs, est, "s-base");
    for (int i = 0; i < ws.size(); i++) {
      MonitorReport.WindowResult w = ws.get(i);
      Report.Estimate e = w.metrics() == null ? null : w.metrics().get(metric);
      double px = p.x.at(i + 1);
      boolean alerted = m.alerts().stream().anyMatch(a -> a.window().equals(w.label()) && bars.stream().anyMatch(t -> t.criterion().equals(a.subject())));
      if (e != null && e.value() != null) {
        if (e.ci() != null) p.line(px, p.y.clamped(e.ci().get(0)), px, p.y.clamped(e.ci().get(1)), alerted ? "ci-worst" : "ci-main");
        p.circle(px, p.y.clamped(e.value()), 4.5, alerted ? "dot-worst" : "dot-main", w.label() + ": " + metric + " " + Html.num(e.value()) + " "
            + Html.interval(e.ci()));
        desc.append(w.label()).append(' ').append(Html.num(e.value())).append(' ').append(Html.interval(e.ci())).append("; ");
      } else if (est.get(i) != null) {
        if (alerted) p.circle(px, p.y.clamped(est.get(i)), 4.5, "dot-worst", w.label() + ": estimated " + Html.num(est.get(i)));
        desc.append(w.label()).append(" estimated ").append(Html.num(est.get(i))).append("; ");
      }
    }
    for (MonitorReport.Threshold t : bars) desc.append("bar ").append(t.kind()).append(' ').append(Format.plain(t.value())).append(" (").append(t.criterion()).append("). ");
    String id = "chart-monitor-" + Html.slug(metric);
    String legend = Figures.key("dot-main", "ci-main", "realized, with its interval")
        + (m.cbpeAssumption() == null ? "" : Figures.key(null, "s-base", "CBPE estimate"))
        + (bars.isEmpty() ? "" : Figures.key(null, "threshold", "the suite's bar")) + Figures.key("dot-worst", null, "window with an alert");
    return Figures.figure(id, "monitor-metric", metric + " by window", bars.isEmpty() ? "no criterion on this metric" : "bar: "
        + bars.get(0).kind() + " " + Format.plain(bars.get(0).value()), legend, p.svg(id, metric + " by window", desc.toString()), null, true);
  }

  private static String driftShareChart(MonitorReport m) {
    List<MonitorReport.WindowResult> ws = m.windows();
    Svg.Plot p = windowPlot(ws.size(), 0, 1);
    windowLabels(p, ws);
    Double share = null;
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    StringBuilder desc = new StringBuilder("Share of drifted feature columns by window: ");
    for (int i = 0; i < ws.size(); i++) {
      DriftReport d = ws.get(i).drift();
      xs.add((double) (i + 1));
      ys.add(d == null ? null : d.driftedShare());
      if (d != null) share = d.shareThreshold();
    }
    if (share != null) p.line(p.left, p.y.at(share), p.right, p.y.at(share), "threshold");
    p.path(xs, ys, "s-main");
    for (int i = 0; i < ws.size(); i++) {
      MonitorReport.WindowResult w = ws.get(i);
      if (ys.get(i) == null) continue;
      boolean drift = "DRIFT".equals(w.driftVerdict());
      p.circle(p.x.at(i + 1), p.y.at(ys.get(i)), 4.5, drift ? "dot-worst" : "dot-main", w.label() + ": " + w.driftedFeatures() + " of " + w.featureColumns()
          + " feature columns drifted" + (drift ? " (DRIFT)" : ""));
      desc.append(w.label()).append(' ').append(w.driftedFeatures()).append('/').append(w.featureColumns()).append(drift ? " DRIFT" : "").append("; ");
    }
    return Figures.figure("chart-monitor-drift-share", "monitor-drift", "Share of feature columns drifted", share == null ? null
        : "DRIFT from " + Format.plain(share) + " (or when the prediction or label drifts); vermillion: a DRIFT window", null,
        p.svg("chart-monitor-drift-share", "Share of feature columns drifted by window", desc.toString()), null, true);
  }

  private static String columnChart(MonitorReport m, String column) {
    List<MonitorReport.WindowResult> ws = m.windows();
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    List<ColumnDrift> cells = new ArrayList<>();
    double hi = 0;
    Double threshold = null;
    String method = null;
    for (int i = 0; i < ws.size(); i++) {
      ColumnDrift c = null;
      if (ws.get(i).drift() != null) {
        for (ColumnDrift x : ws.get(i).drift().columns()) if (x.column().equals(column)) c = x;
      }
      cells.add(c);
      xs.add((double) (i + 1));
      Double v = c == null || c.drifted() == null ? null : c.score();
      ys.add(v);
      if (v != null) {
        hi = Math.max(hi, c.high() == null ? v : c.high());
        threshold = c.threshold();
        method = c.method();
        hi = Math.max(hi, threshold);
      }
    }
    if (method == null) return "";
    Svg.Plot p = windowPlot(ws.size(), 0, hi * 1.1);
    windowLabels(p, ws);
    p.line(p.left, p.y.at(threshold), p.right, p.y.at(threshold), "threshold");
    StringBuilder desc = new StringBuilder(column + " drift score by window: ");
    for (int i = 0; i < ws.size(); i++) {
      ColumnDrift c = cells.get(i);
      if (c == null || c.drifted() == null) continue;
      double px = p.x.at(i + 1);
      if (c.low() != null) p.line(px, p.y.clamped(c.low()), px, p.y.clamped(c.high()), c.drifted() ? "ci-worst" : "ci-main");
      p.circle(px, p.y.clamped(c.score()), 4.5, c.drifted() ? "dot-worst" : "dot-main", ws.get(i).label() + ": " + c.method() + " " + Html.num(c.score()));
      desc.append(ws.get(i).label()).append(' ').append(c.method()).append(' ').append(Html.num(c.score())).append(c.drifted() ? " drifted" : "").append("; ");
    }
    String id = "chart-monitor-column-" + Html.slug(column);
    return Figures.figure(id, "monitor-column", column + " drift by window", method + "; drift " + (method.equals("ks") || method.equals("chi_square")
        ? "below " : "from ") + Format.plain(threshold), null, p.svg(id, column + " drift by window", desc.toString()), null, true);
  }
}
