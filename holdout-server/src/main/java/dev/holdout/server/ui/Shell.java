package dev.holdout.server.ui;

import dev.holdout.base.Format;
import dev.holdout.server.auth.Principal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The frame every page shares and the small pieces inside it. Styles come from the HTML report's
 * {@code report.css} plus {@code ui.css}, both served from the jar; the one script ({@code ui.js},
 * upload progress) is optional, as every form works without it. All user text goes through
 * {@link #esc}; every figure through {@link Format}, as in the terminal and HTML reports.
 */
final class Shell {
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private Shell() {}

  /** A whole page: the top bar (who is signed in, the sign-out form), then {@code body} inside {@code <main>}. */
  static String page(String title, Sessions.Session s, CharSequence body) {
    StringBuilder b = new StringBuilder(8192 + body.length());
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(esc(title)).append(" · Holdout</title>\n")
        .append("<link rel=\"icon\" href=\"/ui/favicon.svg\" type=\"image/svg+xml\">\n")
        .append("<link rel=\"stylesheet\" href=\"/ui/report.css\">\n<link rel=\"stylesheet\" href=\"/ui/ui.css\">\n")
        .append("<script src=\"/ui/ui.js\" defer></script>\n</head>\n<body>\n")
        .append("<a class=\"skip\" href=\"#content\">Skip to content</a>\n<div class=\"topbar\"><nav aria-label=\"Main\">")
        .append("<a class=\"brand\" href=\"/\">Holdout</a>");
    if (s != null) {
      b.append("<a href=\"/\">Projects</a>");
      if (s.who().owner()) b.append("<a href=\"/projects/new\">New project</a><a href=\"/audit-log\">Audit log</a>");
      b.append("</nav><form class=\"signout\" method=\"post\" action=\"/logout\">").append(csrf(s))
          .append("<span class=\"who\">").append(esc(s.who().name())).append(" · ").append(s.who().owner() ? "owner" : "vendor").append("</span>")
          .append("<button type=\"submit\">Sign out</button></form>");
    } else {
      b.append("</nav>");
    }
    b.append("</div>\n<main id=\"content\">\n").append(body).append("</main>\n</body>\n</html>\n");
    return b.toString();
  }

  /** The hidden field that carries the session's CSRF token. */
  static String csrf(Sessions.Session s) {
    return "<input type=\"hidden\" name=\"_csrf\" value=\"" + esc(s.csrf()) + "\">";
  }

  /** The page's heading block, as the HTML report's header. */
  static void header(StringBuilder b, String eyebrow, String title, String lede) {
    b.append("<header>\n<div class=\"eyebrow\">").append(esc(eyebrow)).append("</div>\n<h1>").append(esc(title)).append("</h1>\n");
    if (lede != null) b.append("<p class=\"problem\">").append(esc(lede)).append("</p>\n");
    b.append("</header>\n");
  }

  /** A notice: {@code kind} is ok, error or info. */
  static String notice(String kind, String text) {
    return "<div class=\"notice " + kind + "\" role=\"" + (kind.equals("error") ? "alert" : "status") + "\">" + esc(text) + "</div>\n";
  }

  /** A table: header cells, then rows of cells already escaped (HTML). */
  static void table(StringBuilder b, String caption, List<String> head, List<List<String>> rows, String id) {
    b.append("<div class=\"table-wrap\"><table").append(id == null ? "" : " id=\"" + id + "\"").append(">");
    if (caption != null) b.append("<caption>").append(esc(caption)).append("</caption>");
    b.append("<thead><tr>");
    for (String h : head) {
      boolean num = h.startsWith("#");
      b.append(num ? "<th class=\"num\" scope=\"col\">" : "<th scope=\"col\">").append(esc(num ? h.substring(1) : h)).append("</th>");
    }
    b.append("</tr></thead><tbody>\n");
    for (List<String> row : rows) {
      b.append("<tr>");
      for (int i = 0; i < row.size(); i++) b.append(head.get(i).startsWith("#") ? "<td class=\"num\">" : "<td>").append(row.get(i)).append("</td>");
      b.append("</tr>\n");
    }
    if (rows.isEmpty()) b.append("<tr><td colspan=\"").append(head.size()).append("\" class=\"empty\">none yet</td></tr>");
    b.append("</tbody></table></div>\n");
  }

  /** Terms and their descriptions (already escaped). */
  static void facts(StringBuilder b, Map<String, String> terms) {
    b.append("<dl class=\"kv\">");
    terms.forEach((k, v) -> b.append("<dt>").append(esc(k)).append("</dt><dd>").append(v).append("</dd>"));
    b.append("</dl>\n");
  }

  /** A status word as the report's badge (PASS, FAIL, ACCEPTED ...), or plain for others. */
  static String badge(Object status) {
    if (status == null) return "–";
    String s = status.toString();
    return "<span class=\"badge " + esc(s.toUpperCase(Locale.ROOT)) + "\">" + esc(s) + "</span>";
  }

  static String num(Object v) {
    return v instanceof Number n ? Format.number(n.doubleValue()) : "–";
  }

  /**
   * A moment (epoch milliseconds, an {@link Instant} or its ISO text) as {@code 2026-12-05 06:57:46}
   * in UTC, which the column headings name, inside a {@code <time>} element carrying the exact ISO
   * instant; anything else is shown as it is, escaped.
   */
  static String time(Object moment) {
    Instant at;
    try {
      at = moment instanceof Number n ? Instant.ofEpochMilli(n.longValue()) : moment instanceof Instant i ? i : moment == null ? null : Instant.parse(moment.toString());
    } catch (DateTimeParseException e) {
      return esc(moment);
    }
    if (at == null) return "–";
    return "<time datetime=\"" + at + "\">" + SECONDS.format(at) + "</time>";
  }

  static String link(String href, Object text) {
    return "<a href=\"" + esc(href) + "\">" + esc(text) + "</a>";
  }

  /** Text safe inside elements and quoted attributes; control characters other than tab and newline are dropped. */
  static String esc(Object o) {
    if (o == null) return "";
    String s = o.toString();
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> {
          if (c >= 0x20 || c == '\t' || c == '\n') b.append(c);
        }
      }
    }
    return b.toString();
  }

  /** The principal's role word. */
  static String role(Principal p) {
    return p.owner() ? "owner" : "vendor";
  }
}
