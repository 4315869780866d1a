package dev.holdout.render;

import dev.holdout.base.AtomicFiles;
import dev.holdout.base.Format;
import static dev.holdout.render.Html.esc;

import dev.holdout.audit.AuditReport;
import dev.holdout.audit.ColumnProfile;
import dev.holdout.audit.Finding;
import dev.holdout.audit.Severity;
import dev.holdout.audit.Shift;
import dev.holdout.audit.TimeCoverage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The data readiness audit as one self-contained page in the {@link Page} shell of every report:
 * the verdict, the findings by severity with evidence and what to do, then the profiles behind
 * them, and the files read with their digests.
 */
public final class AuditHtml {
  private AuditHtml() {}

  public static void write(AuditReport report, Path file) {
    write(report, Headline.NONE, file);
  }

  /** As {@link #write(AuditReport, Path)}, the page headed by the suite's name and problem. */
  public static void write(AuditReport report, Headline headline, Path file) {
    String html = render(report, headline);
    AtomicFiles.write(file, w -> w.write(html));
  }

  public static String render(AuditReport r) {
    return render(r, Headline.NONE);
  }

  public static String render(AuditReport r, Headline headline) {
    StringBuilder b = new StringBuilder(64 * 1024);
    header(b, r, headline);
    boolean ready = "READY".equals(r.verdict());
    String word = ready ? "READY" : "NOT READY";
    long blockers = r.findings().stream().filter(f -> f.severity() == Severity.BLOCKER).count();
    b.append("<section class=\"verdict ").append(ready ? "ACCEPTED" : "REJECTED").append("\" id=\"verdict\" data-verdict=\"").append(r.verdict())
        .append("\" aria-label=\"Verdict: ").append(word).append("\">\n<div><div class=\"word\">").append(word).append("</div><p class=\"why\">")
        .append(esc(ready ? "No blocker: the data can be used for acceptance, with the warnings below in mind."
            : Format.count(blockers, "blocker") + " to fix before this data can decide a contract."))
        .append("</p></div>\n</section>\n");
    Map<String, String> links = new LinkedHashMap<>();
    links.put("findings", "Findings");
    links.put("columns", "Columns");
    if (r.labels() != null) links.put("labels", "Labels");
    if (r.contamination() != null) links.put("contamination", "Contamination");
    if (r.shift() != null && !r.shift().isEmpty()) links.put("shift", "Shift");
    if (r.slices() != null && !r.slices().isEmpty()) links.put("slices", "Slices");
    if (r.time() != null) links.put("time", "Time");
    links.put("provenance", "Provenance");
    Page.nav(b, links);
    findings(b, r.findings());
    columns(b, r.columns());
    labels(b, r.labels());
    contamination(b, r.contamination());
    shift(b, r.shift());
    slices(b, r.slices());
    time(b, r.time());
    Map<String, String> files = new LinkedHashMap<>();
    files.put("Data", source(r.data()));
    if (r.train() != null) files.put("Vendor training data", source(r.train()));
    Page.footer(b, files, null);
    return Page.document((r.data() == null ? "audit" : fileName(r.data().path())) + " · data readiness · " + word, b);
  }

  private static void header(StringBuilder b, AuditReport r, Headline headline) {
    StringBuilder facts = new StringBuilder();
    facts.append("<li><b>").append(Format.count(r.data().rows())).append("</b> rows</li><li><b>").append(r.data().columns().size()).append("</b> columns</li>");
    if (r.roles() != null) {
      if (r.roles().id() != null) facts.append("<li>Id <b>").append(esc(r.roles().id())).append("</b></li>");
      if (r.roles().label() != null) facts.append("<li>Label <b>").append(esc(r.roles().label())).append("</b></li>");
      if (r.roles().task() != null) facts.append("<li>Task <b>").append(esc(Html.words(r.roles().task()))).append("</b></li>");
      if (r.roles().time() != null) facts.append("<li>Time <b>").append(esc(r.roles().time())).append("</b></li>");
    }
    if (r.train() != null) {
      facts.append("<li>Vendor training data <b>").append(esc(fileName(r.train().path()))).append("</b> (").append(Format.count(r.train().rows())).append(" rows)</li>");
    }
    String sha = r.data().sha256() == null ? "" : r.data().sha256().substring(0, Math.min(12, r.data().sha256().length()));
    facts.append("<li class=\"mono\">sha256 ").append(esc(sha)).append("…</li>");
    Page.header(b, "Holdout data readiness audit" + (headline.suite() == null ? "" : " · " + headline.suite()), fileName(r.data().path()),
        headline.problem(), facts);
  }

  private static void findings(StringBuilder b, List<Finding> findings) {
    b.append("<section class=\"card\" id=\"findings\">\n<h2>Findings</h2>\n");
    if (findings.isEmpty()) {
      b.append("<p class=\"lede\">Nothing to report.</p>\n</section>\n");
      return;
    }
    b.append("<div class=\"table-wrap\"><table>\n<thead><tr><th>Severity</th><th>Check</th><th>Column</th><th>What was found</th><th>What to do</th></tr></thead>\n<tbody>\n");
    for (Severity s : Severity.values()) {
      for (Finding f : findings) {
        if (f.severity() != s) continue;
        b.append("<tr data-severity=\"").append(s.name().toLowerCase(Locale.ROOT)).append("\"><td><span class=\"badge ").append(badge(s)).append("\">")
            .append(s.name().toLowerCase(Locale.ROOT)).append("</span></td><td>").append(esc(Html.words(f.check()))).append("</td><td class=\"mono\">")
            .append(esc(f.column() == null ? "" : f.column())).append("</td><td>").append(esc(f.message()));
        if (!f.examples().isEmpty()) b.append("<div class=\"reason mono\">e.g. ").append(esc(String.join(", ", f.examples()))).append("</div>");
        b.append("</td><td>").append(esc(f.action() == null ? "" : f.action())).append("</td></tr>\n");
      }
    }
    b.append("</tbody></table></div>\n</section>\n");
  }

  private static String badge(Severity s) {
    return switch (s) {
      case BLOCKER -> "FAIL";
      case WARNING -> "INCONCLUSIVE";
      case INFO -> "PASS";
    };
  }

  private static void columns(StringBuilder b, List<ColumnProfile> columns) {
    b.append("<section class=\"card\" id=\"columns\">\n<h2>Columns</h2>\n<div class=\"table-wrap\"><table>\n<thead><tr><th>Column</th><th>Type</th>"
        + "<th class=\"num\">Missing</th><th class=\"num\">Distinct</th><th>Summary</th><th>Notes</th></tr></thead>\n<tbody>\n");
    for (ColumnProfile c : columns) {
      b.append("<tr><td class=\"mono\">").append(esc(c.name())).append("</td><td>").append(esc(c.type().name().toLowerCase(Locale.ROOT)))
          .append("</td><td class=\"num\">").append(Format.percent(c.missingShare())).append(share(c.missingShare())).append("</td><td class=\"num\">")
          .append(c.distinctExact() ? "" : "≈").append(Format.count(c.distinct())).append("</td><td>");
      if (c.numeric() != null) {
        ColumnProfile.NumericSummary n = c.numeric();
        b.append("min ").append(Format.score(n.min())).append(" · q1 ").append(Format.score(n.q1())).append(" · median ").append(Format.score(n.median()))
            .append(" · q3 ").append(Format.score(n.q3())).append(" · max ").append(Format.score(n.max())).append(" · mean ").append(Format.score(n.mean()));
      } else if (c.topCategories() != null && !c.topCategories().isEmpty()) {
        List<ColumnProfile.Category> top = c.topCategories().subList(0, Math.min(5, c.topCategories().size()));
        for (int i = 0; i < top.size(); i++) {
          if (i > 0) b.append(" · ");
          b.append("<span class=\"mono\">").append(esc(top.get(i).value())).append("</span> ").append(Format.percent(top.get(i).share()));
        }
      }
      b.append("</td><td>");
      if (c.constant()) b.append("constant ");
      else if (c.nearConstant()) b.append("near-constant ");
      if (c.mixedTypes()) b.append("mixed types (").append(Format.count(c.nonNumeric())).append(" not numbers)");
      b.append("</td></tr>\n");
    }
    b.append("</tbody></table></div>\n</section>\n");
  }

  private static void labels(StringBuilder b, AuditReport.Labels labels) {
    if (labels == null) return;
    b.append("<section class=\"card\" id=\"labels\">\n<h2>Labels</h2>\n<p class=\"lede\">").append(Format.count(labels.missing()))
        .append(" rows without a label");
    if (labels.imbalanceRatio() != null) b.append("; the largest class is ").append(Format.score(labels.imbalanceRatio())).append(" times the smallest");
    b.append(".</p>\n");
    if (labels.classes() != null && !labels.classes().isEmpty()) {
      b.append("<div class=\"table-wrap\"><table>\n<thead><tr><th>Class</th><th class=\"num\">Rows</th><th class=\"num\">Share</th></tr></thead>\n<tbody>\n");
      for (ColumnProfile.Category c : labels.classes()) {
        boolean rare = labels.tooRare() != null && labels.tooRare().contains(c.value());
        b.append("<tr><td class=\"mono\">").append(esc(c.value())).append(rare ? " <span class=\"badge FAIL\">too rare</span>" : "")
            .append("</td><td class=\"num\">").append(Format.count(c.count())).append("</td><td class=\"num\">").append(Format.percent(c.share()))
            .append(share(c.share())).append("</td></tr>\n");
      }
      b.append("</tbody></table></div>\n");
    }
    b.append("</section>\n");
  }

  private static void contamination(StringBuilder b, AuditReport.Contamination c) {
    if (c == null) return;
    b.append("<section class=\"card\" id=\"contamination\">\n<h2>Overlap with the vendor's training data</h2>\n<p class=\"lede\">")
        .append(Format.count(c.anyOverlap())).append(" evaluation rows (").append(Format.percent(c.share())).append(") also appear in the training data.</p>\n")
        .append("<div class=\"table-wrap\"><table>\n<tbody>\n<tr><td>Same id</td><td class=\"num\">").append(Format.count(c.sameId()))
        .append("</td></tr>\n<tr><td>Same feature values</td><td class=\"num\">").append(Format.count(c.sameFeatures()))
        .append("</td></tr>\n<tr><td>Near-duplicate text (Jaccard ≥ 0.9)</td><td class=\"num\">").append(Format.count(c.nearDuplicateText()))
        .append("</td></tr>\n</tbody></table></div>\n</section>\n");
  }

  private static void shift(StringBuilder b, List<Shift.ColumnShift> shift) {
    if (shift == null || shift.isEmpty()) return;
    b.append("<section class=\"card\" id=\"shift\">\n<h2>Training against evaluation shift</h2>\n<div class=\"table-wrap\"><table>\n"
        + "<thead><tr><th>Column</th><th>Kind</th><th class=\"num\">PSI</th><th class=\"num\">KS</th><th class=\"num\">Total variation</th></tr></thead>\n<tbody>\n");
    for (Shift.ColumnShift s : shift) {
      b.append("<tr><td class=\"mono\">").append(esc(s.column())).append("</td><td>").append(esc(s.kind())).append("</td><td class=\"num\">")
          .append(Html.num(s.psi())).append("</td><td class=\"num\">").append(Html.num(s.ks())).append("</td><td class=\"num\">")
          .append(Html.num(s.totalVariation())).append("</td></tr>\n");
    }
    b.append("</tbody></table></div>\n</section>\n");
  }

  private static void slices(StringBuilder b, List<AuditReport.SliceGroup> slices) {
    if (slices == null || slices.isEmpty()) return;
    b.append("<section class=\"card\" id=\"slices\">\n<h2>Slice coverage</h2>\n<div class=\"table-wrap\"><table>\n"
        + "<thead><tr><th>Slice</th><th>Group</th><th class=\"num\">Rows</th><th class=\"num\">Rows needed</th><th></th></tr></thead>\n<tbody>\n");
    for (AuditReport.SliceGroup g : slices) {
      b.append("<tr><td class=\"mono\">").append(esc(g.slice())).append("</td><td class=\"mono\">").append(esc(g.group())).append("</td><td class=\"num\">")
          .append(Format.count(g.rows())).append("</td><td class=\"num\">").append(Format.count(g.needed())).append("</td><td>")
          .append(g.tooSmall() ? "<span class=\"badge FAIL\">too small to judge</span>" : "").append("</td></tr>\n");
    }
    b.append("</tbody></table></div>\n</section>\n");
  }

  private static void time(StringBuilder b, TimeCoverage.Result t) {
    if (t == null) return;
    b.append("<section class=\"card\" id=\"time\">\n<h2>Time coverage</h2>\n<p class=\"lede\">From ").append(esc(String.valueOf(t.first()))).append(" to ")
        .append(esc(String.valueOf(t.last()))).append(", by ").append(esc(t.unit())).append("; ").append(t.gaps().size()).append(" gaps, ")
        .append(t.bursts().size()).append(" bursts").append(t.unreadable() > 0 ? ", " + Format.count(t.unreadable()) + " unreadable dates" : "").append(".</p>\n");
    long max = t.periods().stream().mapToLong(TimeCoverage.Period::rows).max().orElse(1);
    b.append("<div class=\"table-wrap\"><table>\n<thead><tr><th>Period</th><th class=\"num\">Rows</th></tr></thead>\n<tbody>\n");
    for (TimeCoverage.Period p : t.periods()) {
      b.append("<tr><td class=\"mono\">").append(esc(p.start())).append("</td><td class=\"num\">").append(Format.count(p.rows()))
          .append(share(p.rows() / (double) Math.max(1, max))).append("</td></tr>\n");
    }
    b.append("</tbody></table></div>\n</section>\n");
  }

  /** A small inline bar for a share, so columns of numbers read at a glance. */
  private static String share(double share) {
    int w = (int) Math.round(60 * Math.max(0, Math.min(1, share)));
    return "<svg width=\"64\" height=\"8\" role=\"img\" aria-hidden=\"true\" style=\"margin-left:6px\"><rect x=\"0\" y=\"0\" width=\"" + w
        + "\" height=\"8\" rx=\"1\" fill=\"#4477aa\"/></svg>";
  }

  private static String source(AuditReport.Source s) {
    return esc(s.path()) + (s.sha256() == null ? "" : " <span class=\"mono\">sha256 " + esc(s.sha256()) + "</span>");
  }

  private static String fileName(String path) {
    return path == null ? "" : Path.of(path).getFileName().toString();
  }
}
