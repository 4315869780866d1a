package dev.holdout.render;

import static dev.holdout.render.Html.esc;

import dev.holdout.result.Report;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The shell every HTML page of Holdout shares: the head (a Content-Security-Policy that forbids
 * every request, and the one stylesheet {@code report.css}), the header with the eyebrow, the title,
 * the problem and a row of facts, the section links, and the footer with the provenance. Pages put
 * their sections between header and footer; all user text is escaped here or by the caller with
 * {@link Html#esc}.
 */
final class Page {
  private static final String CSS = css();

  private Page() {}

  /** The whole document: head, then {@code body} inside {@code <main>}. */
  static String document(String title, CharSequence body) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        // Nothing on this page may load anything: the report is read offline, and a request would leak that it was opened.
        + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        + "<meta name=\"generator\" content=\"Holdout\">\n"
        + "<title>" + esc(title) + "</title>\n<style>\n" + CSS + "</style>\n</head>\n<body>\n<main>\n"
        + body + "</main>\n</body>\n</html>\n";
  }

  /**
   * The page's header: the eyebrow (what kind of page), the title, the problem when there is one,
   * and {@code facts}: list items ({@code <li>...</li>}) already escaped.
   */
  static void header(StringBuilder b, String eyebrow, String title, String problem, CharSequence facts) {
    b.append("<header>\n<div class=\"eyebrow\">").append(esc(eyebrow)).append("</div>\n");
    b.append("<h1>").append(esc(title)).append("</h1>\n");
    if (problem != null) b.append("<p class=\"problem\">").append(esc(problem)).append("</p>\n");
    b.append("<ul class=\"facts\">").append(facts).append("</ul>\n</header>\n");
  }

  /** Links to the page's sections: {@code links} maps a section id to its label. */
  static void nav(StringBuilder b, Map<String, String> links) {
    b.append("<nav class=\"toc\" aria-label=\"Sections\">");
    for (Map.Entry<String, String> l : links.entrySet()) {
      b.append("<a href=\"#").append(l.getKey()).append("\">").append(esc(l.getValue())).append("</a>");
    }
    b.append("</nav>\n");
  }

  /**
   * The footer ({@code id="provenance"}): {@code entries} maps a term to its description (HTML,
   * already escaped), then who made the page, when {@code made} is known.
   */
  static void footer(StringBuilder b, Map<String, String> entries, Report.Provenance made) {
    b.append("<footer id=\"provenance\">\n<h2>Provenance</h2>\n<dl>");
    for (Map.Entry<String, String> e : entries.entrySet()) b.append("<dt>").append(e.getKey()).append("</dt><dd>").append(e.getValue()).append("</dd>");
    if (made != null) {
      b.append("<dt>Made by</dt><dd>Holdout ").append(esc(made.holdoutVersion())).append(" on Java ").append(esc(made.java()))
          .append(", ").append(esc(made.createdAt())).append("</dd>");
    }
    b.append("</dl>\n</footer>\n");
  }

  private static String css() {
    try (InputStream in = Page.class.getResourceAsStream("report.css")) {
      if (in == null) throw new IllegalStateException("report.css is missing from the holdout-core jar");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
