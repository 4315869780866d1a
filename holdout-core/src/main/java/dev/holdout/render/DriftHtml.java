package dev.holdout.render;

import dev.holdout.base.AtomicFiles;
import dev.holdout.base.Format;
import static dev.holdout.render.Html.esc;

import dev.holdout.drift.ColumnDrift;
import dev.holdout.drift.DomainCheck;
import dev.holdout.drift.DriftReport;
import java.nio.file.Path;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTML page of a {@code holdout.drift/v1} report: the verdict and its reasons, each distance
 * column's score with its interval against its own threshold, the domain classifier's roc_auc, the
 * column table (p-value columns too) and the slice groups. The {@link Page} shell of every report:
 * inline SVG with text alternatives, no script, nothing fetched.
 */
public final class DriftHtml {
  private DriftHtml() {}

  public static void write(DriftReport report, Path file) {
    write(report, Headline.NONE, file);
  }

  /** As {@link #write(DriftReport, Path)}, the page headed by the suite's name and problem. */
  public static void write(DriftReport report, Headline headline, Path file) {
    String html = render(report, headline);
    AtomicFiles.write(file, w -> w.write(html));
  }

  public static String render(DriftReport r) {
    return render(r, Headline.NONE);
  }

  public static String render(DriftReport r, Headline headline) {
    StringBuilder b = new StringBuilder(64 * 1024);
    String facts = "<li>reference <b>" + esc(r.reference().path()) + "</b>, <b>" + Format.count(r.reference().rows()) + "</b> rows</li><li>current <b>"
        + esc(r.current().path()) + "</b>, <b>" + Format.count(r.current().rows()) + "</b> rows</li><li><b>" + r.driftedFeatures() + "</b> of <b>"
        + r.featureColumns() + "</b> feature columns drifted</li>";
    String windows = fileName(r.current().path()) + " against " + fileName(r.reference().path());
    Page.header(b, "Holdout drift report" + (headline.suite() == null ? "" : " · " + windows), headline.suite() == null ? windows : headline.suite(),
        headline.problem(), facts);
    b.append("<section class=\"verdict ").append(r.drift() ? "REJECTED" : "ACCEPTED").append("\" id=\"verdict\"><div><div class=\"word\">")
        .append(r.drift() ? "DRIFT" : "NO DRIFT").append("</div><p class=\"why\">")
        .append(esc(r.reasons().isEmpty() ? "No rule fired. " + r.rule() + "." : String.join("; ", r.reasons()) + ".")).append("</p></div></section>\n");
    Map<String, String> links = new LinkedHashMap<>();
    links.put("columns", "Columns");
    links.put("classifier", "Domain classifier");
    if (r.slices() != null) links.put("slices", "Slices");
    links.put("provenance", "Provenance");
    Page.nav(b, links);

    b.append("<section class=\"card\" id=\"columns\">\n<h2>Columns</h2>\n<p class=\"lede\">Each column judged by the method its type and the window ")
        .append("sizes call for (docs/drift.md). In the chart, a distance with its ").append(Format.level(r.confidence()))
        .append(" bootstrap interval; the black tick is the column's threshold; vermillion: drifted. P-value columns are in the table.</p>\n");
    b.append("<div class=\"charts\">\n").append(distanceChart(r.columns(), "chart-drift-columns", "Distance by column")).append("</div>\n");
    b.append(table(r.columns()));
    for (String n : r.notes()) b.append("<p class=\"reason\">Note: ").append(esc(n)).append("</p>\n");
    b.append("</section>\n");

    b.append("<section class=\"card\" id=\"classifier\">\n<h2>Domain classifier</h2>\n");
    DomainCheck.Result d = r.domainClassifier();
    if (d == null) {
      b.append("<p class=\"lede\">").append(esc(r.domainClassifierNote())).append("</p>\n");
    } else {
      b.append("<p class=\"lede\">A classifier learns to tell reference rows from current rows; its cross-validated roc_auc is 0.5 when it cannot. DRIFT from a lower bound of ")
          .append(Format.plain(d.threshold())).append(".</p>\n<p><b>roc_auc ").append(Format.number(d.rocAuc())).append("</b> ")
          .append(Format.interval(d.low(), d.high())).append(", ").append(d.folds()).append("-fold on ")
          .append(esc(d.rowsSeen(r.reference().rows(), r.current().rows())));
      if (!d.topColumns().isEmpty()) {
        b.append("; tells them apart most by (roc_auc drop with the column shuffled) ");
        for (int i = 0; i < d.topColumns().size(); i++) {
          var t = d.topColumns().get(i);
          b.append(i == 0 ? "" : ", ").append("<b>").append(esc(t.column())).append("</b> ").append(Format.score(t.aucDrop()));
        }
      }
      b.append(".</p>\n");
    }
    b.append("</section>\n");

    if (r.slices() != null) {
      b.append("<section class=\"card\" id=\"slices\">\n<h2>Slices</h2>\n<p class=\"lede\">The same judgement within each group of the suite's slice columns ")
          .append("(the group's rows in both windows, no domain classifier). Informative: the verdict above is the overall one.</p>\n");
      for (Map.Entry<String, Map<String, DriftReport.SliceGroup>> slice : r.slices().entrySet()) {
        b.append("<h3 class=\"slice-col\">").append(esc(slice.getKey())).append("</h3>\n<div class=\"table-wrap\"><table><thead><tr><th>Group</th>")
            .append("<th class=\"num\">Reference rows</th><th class=\"num\">Current rows</th><th>Verdict</th><th>Drifted columns</th></tr></thead><tbody>\n");
        for (Map.Entry<String, DriftReport.SliceGroup> g : slice.getValue().entrySet()) {
          DriftReport.SliceGroup sg = g.getValue();
          b.append("<tr data-group=\"").append(esc(g.getKey())).append("\"><td class=\"metric-name\">").append(esc(g.getKey())).append("</td><td class=\"num\">")
              .append(Format.count(sg.referenceRows())).append("</td><td class=\"num\">").append(Format.count(sg.currentRows())).append("</td><td>");
          if (sg.verdict() == null) {
            b.append("<span class=\"undefined\">").append(esc(sg.note())).append("</span></td><td></td>");
          } else {
            boolean drift = sg.verdict().equals("DRIFT");
            b.append("<span class=\"badge ").append(drift ? "FAIL" : "PASS").append("\">").append(drift ? "DRIFT" : "NO DRIFT").append("</span></td><td>")
                .append(esc(String.join(", ", sg.driftedColumns()))).append("</td>");
          }
          b.append("</tr>\n");
        }
        b.append("</tbody></table></div>\n");
      }
      b.append("</section>\n");
    }
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("Bootstrap", Format.count(r.replicates()) + " replicates, " + Format.level(r.confidence()) + ", seed " + r.seed());
    entries.put("Rule", esc(r.rule()));
    Page.footer(b, entries, null);
    return Page.document("drift · " + fileName(r.current().path()) + " · " + (r.drift() ? "DRIFT" : "NO DRIFT"), b);
  }

  /** One row per distance column: its score and interval on a shared axis, its threshold as a tick. */
  static String distanceChart(List<ColumnDrift> columns, String id, String title) {
    List<ColumnDrift> rows = columns.stream().filter(c -> c.drifted() != null && c.pValue() == null && c.score() != null).toList();
    if (rows.isEmpty()) return "";
    double hi = 0;
    for (ColumnDrift c : rows) hi = Math.max(hi, Math.max(c.threshold(), c.high() == null ? c.score() : c.high()));
    double rowH = 22;
    Svg.Plot p = new Svg.Plot(640, 40 + rowH * rows.size() + 36, 150, 20, 14, 36);
    p.x(0, hi * 1.05, 6, true);
    p.y(0, rows.size(), 1, false);
    p.xAxis("score (distance; drift at or above the threshold)");
    StringBuilder desc = new StringBuilder();
    for (int i = 0; i < rows.size(); i++) {
      ColumnDrift c = rows.get(i);
      double cy = p.top + rowH * (i + 0.5);
      p.clippedText(p.left - 8, cy + 4, c.column(), 20, "label", "end");
      p.line(p.x.at(c.threshold()), cy - 8, p.x.at(c.threshold()), cy + 8, "threshold");
      if (c.low() != null) p.line(p.x.clamped(c.low()), cy, p.x.clamped(c.high()), cy, c.drifted() ? "ci-worst" : "ci-main");
      p.circle(p.x.clamped(c.score()), cy, 4.5, c.drifted() ? "dot-worst" : "dot-main", c.column() + ": " + c.method() + " " + Format.number(c.score())
          + " (threshold " + Format.plain(c.threshold()) + ")");
      desc.append(c.column()).append(' ').append(c.method()).append(' ').append(Format.number(c.score())).append(c.low() == null ? ""
          : " " + Format.interval(c.low(), c.high())).append(" threshold ").append(Format.plain(c.threshold()))
          .append(c.drifted() ? " drifted" : "").append("; ");
    }
    return Figures.figure(id, "drift-columns", title, rows.size() + " columns judged by a distance", null, p.svg(id, title, desc.toString()), null, true);
  }

  private static String table(List<ColumnDrift> columns) {
    StringBuilder b = new StringBuilder("<div class=\"table-wrap\"><table class=\"drift-columns\"><thead><tr><th>Column</th><th>Role</th><th>Kind</th><th>Method</th>")
        .append("<th class=\"num\">Score</th><th class=\"num\">Interval</th><th class=\"num\">Threshold</th><th>Drifted</th><th>Computed</th></tr></thead><tbody>\n");
    for (ColumnDrift c : columns) {
      b.append("<tr data-column=\"").append(esc(c.column())).append("\"><td class=\"metric-name\">").append(esc(c.column())).append("</td><td>").append(esc(c.role()))
          .append("</td><td>").append(esc(c.kind().equals(c.judgedAs()) ? c.kind() : c.kind() + " (judged as categorical)")).append("</td><td>")
          .append(esc(c.method() == null ? "–" : c.method() + (c.pValue() != null ? " (p-value)" : ""))).append("</td><td class=\"num\">")
          .append(Html.num(c.score())).append("</td><td class=\"num\">")
          .append(c.low() == null ? "" : Format.interval(c.low(), c.high())).append("</td><td class=\"num\">")
          .append(c.drifted() == null ? "–" : Format.plain(c.threshold())).append("</td><td>");
      if (c.drifted() == null) b.append("<span class=\"undefined\">").append(esc(c.note())).append("</span>");
      else b.append("<span class=\"badge ").append(c.drifted() ? "FAIL" : "PASS").append("\">").append(c.drifted() ? "DRIFT" : "no").append("</span>");
      b.append("</td><td>").append(esc(c.computed() == null ? "" : c.computed())).append("</td></tr>\n");
    }
    return b.append("</tbody></table></div>\n").toString();
  }

  private static String fileName(String path) {
    if (path == null) return "";
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return slash < 0 ? path : path.substring(slash + 1);
  }
}
