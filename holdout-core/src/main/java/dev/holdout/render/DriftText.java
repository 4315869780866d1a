package dev.holdout.render;

import dev.holdout.drift.DriftReport;
import dev.holdout.drift.Drift;
import dev.holdout.drift.DomainCheck;
import dev.holdout.drift.ColumnDrift;
import java.util.Locale;

/** The terminal rendering of a {@link DriftReport}: a table per column, the domain classifier, the verdict. */
public final class DriftText {
  private DriftText() {}

  public static String render(DriftReport r) {
    StringBuilder sb = new StringBuilder();
    sb.append("Drift: reference ").append(r.reference().path()).append(" (").append(count(r.reference().rows())).append(" rows), current ")
        .append(r.current().path()).append(" (").append(count(r.current().rows())).append(" rows)\n\n");
    int w = "column".length();
    for (ColumnDrift c : r.columns()) w = Math.max(w, c.column().length());
    w = Math.min(w, 40);
    String head = "%-" + w + "s  %-10s  %-11s  %-14s  %9s  %-21s  %9s  %s%n";
    sb.append(String.format(Locale.ROOT, head, "column", "role", "kind", "method", "score", "interval", "threshold", "drifted"));
    for (ColumnDrift c : r.columns()) {
      String name = c.column().length() > w ? c.column().substring(0, w - 1) + "…" : c.column();
      String kind = c.kind().equals(c.judgedAs()) ? c.kind() : "numeric*";
      String interval = c.low() == null ? "" : "[" + num(c.low()) + ", " + num(c.high()) + "]";
      String method = c.method() == null ? "-" : c.method() + (c.pValue() != null ? " (p)" : "");
      String drifted = c.drifted() == null ? "empty" : c.drifted() ? "yes" : "no";
      sb.append(String.format(Locale.ROOT, head, name, c.role(), kind, method, c.score() == null ? "-" : num(c.score()), interval,
          c.drifted() == null ? "-" : num(c.threshold()), drifted));
    }
    if (r.columns().stream().anyMatch(c -> !c.kind().equals(c.judgedAs()))) {
      sb.append("\n* numeric with at most ").append(Drift.FEW_VALUES).append(" distinct values: judged by the shares of its values\n");
    }
    sb.append("(p): the score is a p-value and drift means below the threshold; otherwise a distance, drift at or above it\n");
    for (ColumnDrift c : r.columns()) {
      if (c.note() != null) sb.append("note: ").append(c.column()).append(": ").append(c.note()).append('\n');
    }
    for (String n : r.notes()) sb.append("note: ").append(n).append('\n');
    sb.append('\n');
    DomainCheck.Result d = r.domainClassifier();
    if (d != null) {
      sb.append(String.format(Locale.ROOT, "Domain classifier: roc_auc %s [%s, %s] (0.5 = no drift; DRIFT from a lower bound of %s), "
          + "%d-fold on %s + %s rows%n", num(d.rocAuc()), num(d.low()), num(d.high()), num(d.threshold()), d.folds(),
          count(d.referenceRows()), count(d.currentRows())));
      if (!d.topColumns().isEmpty()) {
        sb.append("  tells the windows apart most by:");
        for (var t : d.topColumns()) sb.append(String.format(Locale.ROOT, " %s %.0f%%", t.column(), 100 * t.share()));
        sb.append('\n');
      }
    } else {
      sb.append("Domain classifier: ").append(r.domainClassifierNote()).append('\n');
    }
    sb.append(String.format(Locale.ROOT, "Drifted feature columns: %d of %d%s (DRIFT from %.0f%%)%n", r.driftedFeatures(), r.featureColumns(),
        r.driftedShare() == null ? "" : String.format(Locale.ROOT, " (%.0f%%)", 100 * r.driftedShare()), 100 * r.shareThreshold()));
    if (r.slices() != null) {
      for (var slice : r.slices().entrySet()) {
        sb.append("\nSlice ").append(slice.getKey()).append(" (each group's rows in both windows)\n");
        for (var g : slice.getValue().entrySet()) {
          DriftReport.SliceGroup sg = g.getValue();
          sb.append(String.format(Locale.ROOT, "  %-16s %9s + %-9s  ", g.getKey(), count(sg.referenceRows()), count(sg.currentRows())));
          if (sg.verdict() == null) {
            sb.append(sg.note()).append('\n');
          } else {
            sb.append(sg.verdict().equals("DRIFT") ? "DRIFT" : "no drift").append(String.format(Locale.ROOT, " (%d of %d feature columns)",
                sg.driftedFeatures(), sg.featureColumns()));
            if (!sg.driftedColumns().isEmpty()) sb.append(": ").append(String.join(", ", sg.driftedColumns()));
            sb.append('\n');
          }
        }
      }
    }
    sb.append("\nVerdict: ").append(r.drift() ? "DRIFT" : "NO DRIFT");
    if (!r.reasons().isEmpty()) sb.append(" (").append(String.join("; ", r.reasons())).append(")");
    sb.append('\n');
    return sb.toString();
  }

  static String num(double v) {
    if (v == 0) return "0";
    if (Math.abs(v) < 1e-4 || Math.abs(v) >= 1e6) return String.format(Locale.ROOT, "%.1e", v);  // a far outlier's distance stays readable
    return String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
