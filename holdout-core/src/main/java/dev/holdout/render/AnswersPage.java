package dev.holdout.render;

import static dev.holdout.render.Html.esc;

import dev.holdout.base.AtomicFiles;
import dev.holdout.base.Format;
import dev.holdout.result.SideBySide;
import java.nio.file.Path;

/**
 * Several systems' answers side by side, one table row per evaluation row, with a checkbox that
 * keeps only the rows where the answers differ or one fails a check (CSS only, no script).
 */
public final class AnswersPage {
  private AnswersPage() {}

  public static String html(SideBySide s) {
    long differ = s.rows().stream().filter(r -> r.differ() || r.anyFailed()).count();
    StringBuilder b = new StringBuilder();
    Page.header(b, "Holdout · answers side by side", s.suite(), null, "<li>" + Format.count(s.rows().size()) + " rows asked of " + s.systems().size()
        + " systems</li><li>" + Format.count(differ) + " rows where the answers differ or one fails a check</li>");
    b.append("<style>#only:checked ~ table tr.same{display:none} td.fail{background:#fde8e8} td{vertical-align:top}</style>\n")
        .append("<section class=\"card\" id=\"answers\">\n<input type=\"checkbox\" id=\"only\"><label for=\"only\"> only the rows where the answers "
            + "differ or one fails a check</label>\n<table>\n<tr><th>id</th><th>reference</th>");
    for (String name : s.systems()) b.append("<th>").append(esc(name)).append("</th>");
    b.append("</tr>\n");
    for (SideBySide.Row r : s.rows()) {
      b.append("<tr class=\"").append(r.differ() || r.anyFailed() ? "differ" : "same").append("\"><td>").append(esc(r.id())).append("</td><td>")
          .append(esc(r.reference())).append("</td>");
      for (int k = 0; k < r.answers().size(); k++) {
        boolean failed = !r.failed().get(k).isEmpty();
        b.append("<td").append(failed ? " class=\"fail\" title=\"failed " + esc(String.join(", ", r.failed().get(k))) + "\"" : "").append('>')
            .append(esc(r.answers().get(k))).append("</td>");
      }
      b.append("</tr>\n");
    }
    b.append("</table>\n</section>\n");
    return Page.document(s.suite() + " · answers side by side", b);
  }

  public static void write(SideBySide s, Path file) {
    String html = html(s);
    AtomicFiles.write(file, w -> w.write(html));
  }
}
