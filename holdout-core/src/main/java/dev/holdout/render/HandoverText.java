package dev.holdout.render;

import dev.holdout.handover.HandoverReport;
import dev.holdout.handover.Check;
import dev.holdout.base.AtomicFiles;
import java.nio.file.Path;
import java.util.Locale;

/** The renderings of a handover verification: terminal text, {@code holdout.handover/v1} JSON and a self-contained HTML page. */
public final class HandoverText {
  private HandoverText() {}

  public static String terminal(HandoverReport r) {
    StringBuilder b = new StringBuilder();
    b.append("Holdout · handover ").append(r.bundle());
    if (r.vendor() != null) b.append(" from ").append(r.vendor());
    if (r.model() != null) b.append(" (").append(r.model()).append(")");
    b.append("\n\n");
    String area = null;
    for (Check c : r.checks()) {
      if (!c.area().equals(area)) {
        area = c.area();
        b.append(area.substring(0, 1).toUpperCase(Locale.ROOT)).append(area.substring(1)).append('\n');
      }
      b.append(String.format(Locale.ROOT, "  %-5s %s: %s%n", c.status(), c.item(), c.detail()));
      if (c.ask() != null) b.append("        ask the vendor for: ").append(c.ask()).append('\n');
    }
    b.append(String.format(Locale.ROOT, "%nVerdict: %s (%d passed, %d warnings, %d failed)%n", r.verdict(), r.counts().pass(), r.counts().warn(),
        r.counts().fail()));
    return b.toString();
  }

  /** Writes the holdout.handover/v1 JSON, atomically. */
  public static void writeJson(HandoverReport r, Path file) {
    JsonReport.write(r, file);
  }

  /** Writes one HTML page with no scripts and no outside resources, atomically. */
  public static void writeHtml(HandoverReport r, Path file) {
    String html = html(r);
    AtomicFiles.write(file, w -> w.write(html));
  }

  static String html(HandoverReport r) {
    StringBuilder b = new StringBuilder();
    b.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Handover ").append(esc(r.bundle())).append("</title>\n")
        .append("<style>body{font:15px/1.45 system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}")
        .append("table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}")
        .append(".PASS{color:#0a6b2d;font-weight:600}.WARN{color:#8a5a00;font-weight:600}.FAIL{color:#b00020;font-weight:600}")
        .append(".verdict{font-size:1.4rem;font-weight:700}</style></head><body>\n");
    b.append("<h1>Handover ").append(esc(r.bundle())).append("</h1>\n<p>");
    if (r.vendor() != null) b.append("Vendor ").append(esc(r.vendor())).append(". ");
    if (r.model() != null) b.append("Model ").append(esc(r.model())).append(". ");
    b.append("Manifest sha256 <code>").append(esc(r.manifestSha256())).append("</code>.</p>\n");
    b.append("<p class=\"verdict ").append(r.verdict() == HandoverReport.Verdict.COMPLETE ? "PASS" : "FAIL").append("\">")
        .append(r.verdict()).append("</p><p>").append(r.counts().pass()).append(" passed, ").append(r.counts().warn()).append(" warnings, ")
        .append(r.counts().fail()).append(" failed.</p>\n");
    b.append("<table><thead><tr><th>Area</th><th>Item</th><th>Status</th><th>Found</th><th>Ask the vendor for</th></tr></thead><tbody>\n");
    for (Check c : r.checks()) {
      b.append("<tr><td>").append(esc(c.area())).append("</td><td>").append(esc(c.item())).append("</td><td class=\"").append(c.status())
          .append("\">").append(c.status()).append("</td><td>").append(esc(c.detail())).append("</td><td>").append(c.ask() == null ? "" : esc(c.ask()))
          .append("</td></tr>\n");
    }
    b.append("</tbody></table>\n<p><small>Holdout ").append(esc(r.provenance().holdoutVersion())).append(", Java ").append(esc(r.provenance().java()))
        .append(", ").append(esc(r.provenance().createdAt())).append("</small></p>\n</body></html>\n");
    return b.toString();
  }

  private static String esc(String s) {
    if (s == null) return "";
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
