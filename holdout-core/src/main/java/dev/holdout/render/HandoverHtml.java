package dev.holdout.render;

import static dev.holdout.render.Html.esc;

import dev.holdout.base.AtomicFiles;
import dev.holdout.base.Format;
import dev.holdout.handover.Check;
import dev.holdout.handover.HandoverReport;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTML page of a handover verification ({@code holdout.handover/v1}): the verdict, then every
 * check by area with what was found and what to ask the vendor for. The {@link Page} shell of every
 * report: no script, nothing fetched.
 */
public final class HandoverHtml {
  private HandoverHtml() {}

  /** Writes the page, atomically. */
  public static void write(HandoverReport r, Path file) {
    write(r, Headline.NONE, file);
  }

  /** As {@link #write(HandoverReport, Path)}, the page headed by the suite's name and problem. */
  public static void write(HandoverReport r, Headline headline, Path file) {
    String html = render(r, headline);
    AtomicFiles.write(file, w -> w.write(html));
  }

  public static String render(HandoverReport r) {
    return render(r, Headline.NONE);
  }

  public static String render(HandoverReport r, Headline headline) {
    StringBuilder b = new StringBuilder(16 * 1024);
    StringBuilder facts = new StringBuilder();
    if (r.vendor() != null) facts.append("<li>Vendor <b>").append(esc(r.vendor())).append("</b></li>");
    if (r.model() != null) facts.append("<li>Model <b>").append(esc(r.model())).append("</b></li>");
    facts.append("<li><b>").append(r.checks().size()).append("</b> checks</li>");
    Page.header(b, "Holdout handover verification" + (headline.suite() == null ? "" : " · " + headline.suite()), r.bundle(), headline.problem(), facts);
    boolean complete = r.verdict() == HandoverReport.Verdict.COMPLETE;
    String word = String.valueOf(r.verdict());
    b.append("<section class=\"verdict ").append(complete ? "ACCEPTED" : "REJECTED").append("\" id=\"verdict\" data-verdict=\"").append(word)
        .append("\" aria-label=\"Verdict: ").append(word).append("\">\n<div><div class=\"word\">").append(word).append("</div><p class=\"why\">")
        .append(r.counts().pass()).append(" passed, ").append(Format.count(r.counts().warn(), "warning")).append(", ")
        .append(r.counts().fail()).append(" failed.</p></div>\n</section>\n");
    Map<String, String> links = new LinkedHashMap<>();
    links.put("checks", "Checks");
    links.put("provenance", "Provenance");
    Page.nav(b, links);
    b.append("<section class=\"card\" id=\"checks\">\n<h2>Checks</h2>\n<div class=\"table-wrap\"><table>\n<thead><tr><th>Area</th><th>Item</th>")
        .append("<th>Status</th><th>Found</th><th>Ask the vendor for</th></tr></thead>\n<tbody>\n");
    for (Check c : r.checks()) {
      b.append("<tr data-status=\"").append(c.status()).append("\"><td>").append(esc(c.area())).append("</td><td>").append(esc(c.item())).append("</td><td>")
          .append(Html.badge(badge(c.status()), c.status().name())).append("</td><td>").append(esc(c.detail())).append("</td><td>").append(esc(c.ask()))
          .append("</td></tr>\n");
    }
    b.append("</tbody></table></div>\n</section>\n");
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("Bundle", esc(r.bundle()));
    entries.put("Manifest", "<span class=\"mono\">sha256 " + esc(r.manifestSha256()) + "</span>");
    Page.footer(b, entries, r.provenance());
    return Page.document("Handover " + r.bundle() + " · " + word, b);
  }

  /** The badge colour of a check's status: a warning reads like an open criterion. */
  private static String badge(Check.Status s) {
    return switch (s) {
      case PASS -> "PASS";
      case WARN -> "INCONCLUSIVE";
      case FAIL -> "FAIL";
    };
  }
}
