package dev.holdout.render;

import dev.holdout.audit.Severity;
import dev.holdout.audit.Finding;
import dev.holdout.audit.ColumnType;
import dev.holdout.audit.TimeCoverage;
import dev.holdout.audit.ColumnProfile;
import dev.holdout.audit.AuditReport;
import dev.holdout.base.Format;
import java.nio.file.Path;
import java.util.Locale;

/** Renders an {@link AuditReport}: findings by severity for the terminal, and the holdout.audit/v1 JSON file. */
public final class AuditText {
  private AuditText() {}

  /** Terminal text: a header, the findings grouped blocker, warning, info, each with evidence and what to do, then the verdict. */
  public static String terminal(AuditReport a) {
    return terminal(a, Headline.NONE);
  }

  /** As {@link #terminal(AuditReport)}, headed by the suite's name and problem. */
  public static String terminal(AuditReport a, Headline headline) {
    StringBuilder sb = new StringBuilder(headline.text());
    sb.append("Audit of ").append(a.data().path()).append(": ").append(Format.count(a.data().rows())).append(" rows, ").append(a.data().columns().size()).append(" columns");
    if (a.train() != null) sb.append("; training file ").append(a.train().path()).append(": ").append(Format.count(a.train().rows())).append(" rows");
    sb.append('\n');
    if (a.roles().task() != null) sb.append("Task: ").append(a.roles().task()).append(", label '").append(a.roles().label()).append("'\n");
    TimeCoverage.Result t = a.time();
    if (t != null && t.first() != null) {
      sb.append("Time '").append(a.roles().time()).append("': ").append(t.first()).append(" to ").append(t.last()).append(", ")
          .append(Format.count(t.periods().size(), t.unit())).append(t.gaps().isEmpty() ? "" : " (" + t.gaps().size() + " without rows)")
          .append(t.unreadable() > 0 ? "; " + Format.count(t.unreadable(), "value") + " not dates" : "").append('\n');
    }
    for (Severity sev : Severity.values()) {
      var list = a.findings().stream().filter(f -> f.severity() == sev).toList();
      if (list.isEmpty()) continue;
      sb.append('\n').append(sev.name()).append(" (").append(list.size()).append(")\n");
      for (Finding f : list) {
        sb.append("  - ").append(f.message()).append(" [").append(f.check()).append("]\n");
        if (!f.examples().isEmpty()) sb.append("      e.g. ").append(String.join("; ", f.examples())).append('\n');
        if (sev != Severity.INFO) sb.append("      to do: ").append(f.action()).append('\n');
      }
    }
    sb.append("\nColumns:\n");
    for (ColumnProfile p : a.columns()) {
      sb.append(String.format(Locale.ROOT, "  %-24s %-11s missing %7s  distinct %s%s", p.name(), p.type().name().toLowerCase(Locale.ROOT),
          Format.percent(p.missingShare()), p.distinctExact() ? "" : "~", Format.count(p.distinct())));
      if (p.numeric() != null && p.type() == ColumnType.NUMERIC) {
        var n = p.numeric();
        sb.append("  min ").append(Format.score(n.min())).append(" q1 ").append(Format.score(n.q1())).append(" median ").append(Format.score(n.median()))
            .append(" q3 ").append(Format.score(n.q3())).append(" max ").append(Format.score(n.max())).append(" mean ").append(Format.score(n.mean()));
      } else if (!p.topCategories().isEmpty()) {
        sb.append("  top ").append(String.join(", ", p.topCategories().stream().limit(3).map(c -> c.value() + " " + Format.count(c.count())).toList()));
      }
      sb.append('\n');
    }
    sb.append("\nVerdict: ").append(a.verdict().replace('_', ' ')).append(" (").append(Format.count(a.findingCounts().get("blocker"), "blocker")).append(", ")
        .append(Format.count(a.findingCounts().get("warning"), "warning")).append(", ").append(a.findingCounts().get("info")).append(" info)\n");
    return sb.toString();
  }

  /** Writes the holdout.audit/v1 JSON, atomically. */
  public static void writeJson(AuditReport a, Path file) {
    JsonReport.write(a, file);
  }

  public static String json(AuditReport a) {
    return JsonReport.toJson(a);
  }
}
