package dev.holdout.render;

import dev.holdout.drift.DriftReport;
import dev.holdout.drift.Drift;
import dev.holdout.drift.DomainCheck;
import dev.holdout.drift.ColumnDrift;
import dev.holdout.base.Format;
import java.util.Locale;

/** The terminal rendering of a {@link DriftReport}: a table per column, the domain classifier, the verdict. */
public final class DriftText {
  private DriftText() {}

  public static String render(DriftReport r) {
    return render(r, Headline.NONE);
  }

  /** As {@link #render(DriftReport)}, headed by the suite's name and problem. */
  public static String render(DriftReport r, Headline headline) {
    StringBuilder sb = new StringBuilder(headline.text());
    sb.append("Drift: reference ").append(r.reference().path()).append(" (").append(Format.count(r.reference().rows())).append(" rows), current ")
        .append(r.current().path()).append(" (").append(Format.count(r.current().rows())).append(" rows)\n\n");
    int w = "column".length();
    for (ColumnDrift c : r.columns()) w = Math.max(w, c.column().length());
    w = Math.min(w, 40);
    String head = "%-" + w + "s  %-10s  %-11s  %-14s  %9s  %-21s  %9s  %s%n";
    sb.append(String.format(Locale.ROOT, head, "column", "role", "kind", "method", "score", "interval", "threshold", "drifted"));
    for (ColumnDrift c : r.columns()) {
      String name = c.column().length() > w ? c.column().substring(0, w - 1) + "…" : c.column();
      String kind = c.kind().equals(c.judgedAs()) ? c.kind() : "numeric*";
      String interval = c.low() == null ? "" : Format.interval(c.low(), c.high());
      String method = c.method() == null ? "-" : c.method() + (c.pValue() != null ? " (p)" : "");
      String drifted = c.drifted() == null ? "empty" : c.drifted() ? "yes" : "no";
      sb.append(String.format(Locale.ROOT, head, name, c.role(), kind, method, c.score() == null ? "-" : Format.number(c.score()), interval,
          c.drifted() == null ? "-" : Format.plain(c.threshold()), drifted));
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
      sb.append(String.format(Locale.ROOT, "Domain classifier: roc_auc %s %s (0.5 = no drift; DRIFT from a lower bound of %s), "
          + "%d-fold on %s%n", Format.number(d.rocAuc()), Format.interval(d.low(), d.high()), Format.plain(d.threshold()), d.folds(),
          d.rowsSeen(r.reference().rows(), r.current().rows())));
      if (!d.topColumns().isEmpty()) {
        sb.append("  tells the windows apart most by (roc_auc drop with the column shuffled):");
        for (int i = 0; i < d.topColumns().size(); i++) {
          var t = d.topColumns().get(i);
          sb.append(i == 0 ? " " : ", ").append(t.column()).append(' ').append(Format.score(t.aucDrop()));
        }
        sb.append('\n');
      }
    } else {
      sb.append("Domain classifier: ").append(r.domainClassifierNote()).append('\n');
    }
    sb.append("Drifted feature columns: ").append(r.driftedFeatures()).append(" of ").append(r.featureColumns())
        .append(r.driftedShare() == null ? "" : " (" + Format.percent(r.driftedShare()) + ")").append(" (DRIFT from ").append(Format.level(r.shareThreshold())).append(")\n");
    if (r.slices() != null) {
      for (var slice : r.slices().entrySet()) {
        sb.append("\nSlice ").append(slice.getKey()).append(" (each group's rows in both windows)\n");
        for (var g : slice.getValue().entrySet()) {
          DriftReport.SliceGroup sg = g.getValue();
          sb.append(String.format(Locale.ROOT, "  %-16s %9s + %-9s  ", g.getKey(), Format.count(sg.referenceRows()), Format.count(sg.currentRows())));
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
}
