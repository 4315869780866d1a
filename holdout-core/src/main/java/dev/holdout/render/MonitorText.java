package dev.holdout.render;

import dev.holdout.monitor.MonitorReport;
import dev.holdout.result.Report;
import dev.holdout.base.Format;
import java.util.Locale;

/** The terminal rendering of a {@link MonitorReport}: one line per window, then the alerts and notes. */
public final class MonitorText {
  private MonitorText() {}

  public static String render(MonitorReport m) {
    StringBuilder sb = new StringBuilder();
    String metric = m.suite().primaryMetric();
    sb.append("Holdout monitor · ").append(m.suite().name()).append(" (").append(m.suite().task()).append(")\n");
    if (m.suite().problem() != null) sb.append(m.suite().problem()).append('\n');
    sb.append(String.format(Locale.ROOT, "Log %s: %s rows (%s with outcomes) in %d %s windows; reference %s: %s rows%n%n", m.log().path(),
        Format.count(m.rows()), Format.count(m.labeledRows()), m.windows().size(), m.window().size() == null ? m.window().kind()
        : Format.count(m.window().size()) + "-row", m.reference().path(), Format.count(m.reference().rows())));
    boolean cbpe = m.cbpeAssumption() != null;
    String head = "%-12s %10s %10s  %-14s  %-28s" + (cbpe ? "  %-14s" : "%s") + "  %s%n";
    sb.append(String.format(Locale.ROOT, head, "window", "rows", "labeled", "drift", metric + " [" + Format.level(m.confidence()) + " CI]",
        cbpe ? "est. " + metric : "", "alerts"));
    for (MonitorReport.WindowResult w : m.windows()) {
      if (w.empty()) {
        sb.append(String.format(Locale.ROOT, head, w.label(), "0", "0", "empty", "-", cbpe ? "-" : "", ""));
        continue;
      }
      String drift = ("DRIFT".equals(w.driftVerdict()) ? "DRIFT" : "no") + " (" + w.driftedFeatures() + "/" + w.featureColumns() + ")";
      String perf = "-";
      if (w.metrics() != null && w.metrics().get(metric) != null) perf = estimate(w.metrics().get(metric));
      String est = "";
      if (cbpe) {
        Report.Estimate e = w.estimated() == null ? null : w.estimated().get(metric);
        est = e == null ? "n/a" : e.value() == null ? "-" : Format.number(e.value());
      }
      sb.append(String.format(Locale.ROOT, head, w.label(), Format.count(w.rows()), Format.count(w.labeledRows()),
          drift, perf, est, w.alerts().isEmpty() ? "" : Format.count(w.alerts().size(), "alert")));
    }
    sb.append("\ndrift (k/n): DRIFT by the drift rule, k of n feature columns drifted (docs/drift.md)\n");
    for (MonitorReport.WindowResult w : m.windows()) {
      if (w.slices() == null) continue;
      for (var slice : w.slices().entrySet()) {
        for (var g : slice.getValue().entrySet()) {
          if (!"DRIFT".equals(g.getValue().verdict())) continue;
          sb.append("slice drift: ").append(w.label()).append(' ').append(slice.getKey()).append('=').append(g.getKey()).append(": ")
              .append(String.join(", ", g.getValue().driftedColumns())).append('\n');
        }
      }
    }
    if (cbpe) {
      sb.append("est.: CBPE, from the scores of every row; ").append(m.cbpeAssumption()).append('\n');
    }
    for (String n : m.notes()) sb.append("note: ").append(n).append('\n');
    sb.append('\n');
    if (m.alerts().isEmpty()) {
      sb.append("No alerts.\n");
    } else {
      sb.append("Alerts (").append(m.alerts().size()).append(")\n");
      for (MonitorReport.Alert a : m.alerts()) sb.append("  ").append(a.kind().toUpperCase(Locale.ROOT)).append("  ").append(a.message()).append('\n');
    }
    return sb.toString();
  }

  private static String estimate(Report.Estimate e) {
    if (e.value() == null) return "- (" + e.undefined() + ")";
    if (e.ci() == null) return Format.number(e.value());
    return Format.number(e.value()) + " " + Format.interval(e.ci().get(0), e.ci().get(1));
  }
}
