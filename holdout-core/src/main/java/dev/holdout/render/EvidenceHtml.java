package dev.holdout.render;

import static dev.holdout.render.Html.esc;

import dev.holdout.base.Format;
import dev.holdout.engagement.Evidence;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The index page of an evidence pack ({@code index.html}): the delivery and its fingerprints, each
 * file with its sha256 and the clauses it serves, and each clause with the files that serve it.
 * Links are relative to the folder, so the pack reads offline wherever it is copied.
 */
public final class EvidenceHtml {
  private EvidenceHtml() {}

  public static String render(Evidence e) {
    StringBuilder b = new StringBuilder(16 * 1024);
    StringBuilder facts = new StringBuilder();
    facts.append("<li>Verdict <b id=\"verdict\">").append(esc(e.verdict())).append("</b></li>");
    if (e.annexBinding() != null) {
      facts.append("<li>Annex <code>").append(esc(e.annexBinding().sha256())).append("</code>")
          .append(e.annexBinding().declared() == null ? " (the suite names none)" : e.annexBinding().matches() ? " (named by the suite)" : " (the suite names another)")
          .append("</li>");
    }
    Page.header(b, "Holdout evidence pack", e.suite(), e.problem(), facts);
    Map<String, String> links = new LinkedHashMap<>();
    links.put("fingerprints", "Fingerprints");
    links.put("files", "Files");
    links.put("clauses", "Clauses");
    Page.nav(b, links);
    Evidence.Fingerprints f = e.fingerprints();
    b.append("<section class=\"card\" id=\"fingerprints\">\n<h2>Fingerprints</h2>\n<dl>");
    dd(b, "Suite (sha256)", f.suite());
    dd(b, "Evaluation set (sha256)", f.data() + (f.dataRows() == null ? "" : ", " + Format.count(f.dataRows()) + " rows"));
    dd(b, "Submission " + f.submission() + " (sha256)", f.submissionSha256());
    b.append("</dl>\n</section>\n");
    b.append("<section class=\"card\" id=\"files\">\n<h2>Files</h2>\n<div class=\"table-wrap\"><table>\n<thead><tr><th>File</th><th>What</th>")
        .append("<th>sha256</th><th>Serves</th></tr></thead>\n<tbody>\n");
    for (Evidence.Item i : e.items()) {
      b.append("<tr><td><a href=\"").append(esc(i.file())).append("\">").append(esc(i.file())).append("</a></td><td>").append(esc(i.title()))
          .append("</td><td><code>").append(esc(i.sha256())).append("</code></td><td>").append(esc(String.join("; ", i.serves()))).append("</td></tr>\n");
    }
    b.append("</tbody></table></div>\n<p>manifest.sha256 lists every file's sha256 (check with <code>holdout evidence --verify DIR</code> or "
        + "<code>sha256sum -c manifest.sha256</code>).</p>\n</section>\n");
    b.append("<section class=\"card\" id=\"clauses\">\n<h2>Clauses</h2>\n<p>What each clause asks for, paraphrased; read the texts before relying on "
        + "this map.</p>\n<div class=\"table-wrap\"><table>\n<thead><tr><th>Clause</th><th>Asks for</th><th>Served by</th></tr></thead>\n<tbody>\n");
    for (Evidence.ClauseEntry c : e.clauses()) {
      b.append("<tr><td>").append(esc(c.clause())).append("</td><td>").append(esc(c.asks())).append("</td><td>")
          .append(c.files().isEmpty() ? "not in this pack" : esc(String.join(", ", c.files()))).append("</td></tr>\n");
    }
    b.append("</tbody></table></div>\n</section>\n");
    if (e.notes() != null && !e.notes().isEmpty()) {
      b.append("<section class=\"card\" id=\"notes\">\n<h2>Notes</h2>\n<ul>");
      for (String n : e.notes()) b.append("<li>").append(esc(n)).append("</li>");
      b.append("</ul>\n</section>\n");
    }
    return Page.document("Evidence · " + e.suite(), b);
  }

  private static void dd(StringBuilder b, String term, String value) {
    b.append("<dt>").append(esc(term)).append("</dt><dd><code>").append(esc(value)).append("</code></dd>");
  }
}
