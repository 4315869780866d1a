package dev.holdout.render;

import dev.holdout.handover.HandoverReport;
import dev.holdout.handover.Check;
import java.nio.file.Path;
import java.util.Locale;

/** The renderings of a handover verification: terminal text and {@code holdout.handover/v1} JSON; the page is {@link HandoverHtml}. */
public final class HandoverText {
  private HandoverText() {}

  public static String terminal(HandoverReport r) {
    return terminal(r, Headline.NONE);
  }

  /** As {@link #terminal(HandoverReport)}, headed by the suite's name and problem. */
  public static String terminal(HandoverReport r, Headline headline) {
    StringBuilder b = new StringBuilder(headline.text());
    b.append("Holdout handover check · bundle ").append(r.bundle());
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
}
