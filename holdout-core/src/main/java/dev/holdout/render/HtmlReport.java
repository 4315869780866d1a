package dev.holdout.render;

import dev.holdout.result.Report;
import dev.holdout.result.CompareReport;
import dev.holdout.base.AtomicFiles;
import dev.holdout.base.Format;
import static dev.holdout.render.Html.esc;

import dev.holdout.metric.Direction;
import dev.holdout.metric.MetricCatalog;
import dev.holdout.metric.Task;
import dev.holdout.render.Svg.Plot;
import dev.holdout.render.Svg.Scale;
import dev.holdout.verdict.CriterionResult;
import dev.holdout.verdict.Status;
import dev.holdout.verdict.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The report as one self-contained HTML page that opens offline in any browser: inline CSS, charts
 * as inline SVG drawn here, no script, no font or image fetched (a Content-Security-Policy forbids
 * every request). It draws what the report holds and computes nothing but layout: scales, the row
 * shares of a confusion matrix, and which group to highlight. Curves arrive downsampled to at most
 * {@link Report.Charts#MAX_POINTS} points and scatter plots to {@link Report.Charts#MAX_SCATTER}
 * rows, and slice charts show at most {@value #MAX_GROUPS} groups, so a page stays near 100-300 KB
 * however many rows were evaluated. Every chart is a {@code <figure>} with a stable {@code id}
 * ({@code chart-roc}, {@code chart-slice-region-recall} ...), a title, axis titles and a text
 * alternative. User text (names, groups, labels) is escaped.
 */
public final class HtmlReport {
  /** Slice charts show at most this many groups: the worst ones, when a slice has more. */
  static final int MAX_GROUPS = 40;

  private static final String CSS = css();

  private HtmlReport() {}

  /** The page for one submission. */
  public static String render(Report r) {
    StringBuilder b = new StringBuilder(256 * 1024);
    Task task = task(r.suite());
    header(b, r);
    verdict(b, r);
    nav(b, r);
    criteria(b, r);
    metrics(b, r, task);
    if (task == Task.BINARY_CLASSIFICATION) binary(b, r);
    else if (task == Task.MULTICLASS_CLASSIFICATION) multiclass(b, r);
    else if (task == Task.REGRESSION) regression(b, r, task);
    slices(b, r, task);
    if (r.serving() != null) serving(b, r.serving());
    if (r.judge() != null) judge(b, r.judge());
    footer(b, r);
    String title = name(r.suite()) + " · " + (r.submission() == null ? "" : r.submission().name()) + " · " + r.verdict();
    return page(title, b);
  }

  /** The page comparing several submissions on the same suite. */
  public static String render(CompareReport c) {
    StringBuilder b = new StringBuilder(256 * 1024);
    Task task = task(c.suite());
    List<CompareReport.Ranked> ranking = c.ranking() == null ? List.of() : c.ranking();
    b.append("<header>\n<div class=\"eyebrow\">Holdout comparison · ").append(esc(Html.words(c.suite().task()))).append("</div>\n");
    b.append("<h1>").append(esc(name(c.suite()))).append("</h1>\n");
    if (c.suite().problem() != null) b.append("<p class=\"problem\">").append(esc(c.suite().problem())).append("</p>\n");
    b.append("<ul class=\"facts\"><li><b>").append(ranking.size()).append("</b> submissions</li><li>ranked by <b>")
        .append(esc(c.primaryMetric())).append("</b></li>");
    if (c.pairs() != null && !c.pairs().isEmpty()) {
      b.append("<li>paired on the same <b>").append(Html.count(c.pairs().get(0).rows())).append("</b> rows</li>");
    }
    if (c.suite().data() != null) b.append("<li>evaluation set <b>").append(esc(c.suite().data())).append("</b></li>");
    b.append("</ul>\n</header>\n");
    b.append("<nav class=\"toc\" aria-label=\"Sections\"><a href=\"#ranking\">Ranking</a><a href=\"#differences\">Differences</a>")
        .append("<a href=\"#criteria\">Criteria</a><a href=\"#provenance\">Provenance</a></nav>\n");

    Map<String, Report> byName = new LinkedHashMap<>();
    if (c.reports() != null) for (Report r : c.reports()) if (r.submission() != null) byName.put(r.submission().name(), r);
    Report first = c.reports() == null || c.reports().isEmpty() ? null : c.reports().get(0);
    String level = first == null || first.bootstrap() == null ? "95%" : Html.pct(first.bootstrap().confidence());

    b.append("<section class=\"card\" id=\"ranking\">\n<h2>Ranking by ").append(esc(c.primaryMetric())).append("</h2>\n");
    b.append("<p class=\"lede\">Each submission's ").append(esc(c.primaryMetric())).append(" with its ").append(level)
        .append(" bootstrap interval, best first, and its own verdict against the suite.</p>\n");
    boolean tiered = c.tiering() != null;
    if (tiered) {
      b.append("<p class=\"lede\">").append(esc(tierSentence(c))).append("</p>\n");
    }
    b.append("<div class=\"table-wrap\"><table class=\"ranking\"><thead><tr><th class=\"num\">Rank</th>")
        .append(tiered ? "<th class=\"num\">Tier</th>" : "").append("<th>Submission</th>")
        .append("<th class=\"num\">").append(esc(c.primaryMetric())).append("</th><th class=\"num\">").append(level)
        .append(" interval</th><th>Verdict</th><th>Criteria</th></tr></thead><tbody>\n");
    for (CompareReport.Ranked rk : ranking) {
      Report r = byName.get(rk.name());
      b.append("<tr data-submission=\"").append(esc(rk.name())).append("\" data-verdict=\"").append(rk.verdict()).append("\"><td class=\"num\">")
          .append(rk.rank()).append("</td>").append(tiered ? "<td class=\"num\">" + (rk.tier() == null ? "–" : rk.tier()) + "</td>" : "")
          .append("<td class=\"metric-name\">").append(esc(rk.name())).append("</td>");
      estimateCells(b, rk.primary());
      b.append("<td>").append(badge(rk.verdict() == null ? "–" : rk.verdict().name())).append("</td><td>")
          .append(r == null ? "" : esc(criteriaSummary(r.criteria()))).append("</td></tr>\n");
    }
    b.append("</tbody></table></div>\n</section>\n");

    b.append("<section class=\"card\" id=\"differences\">\n<h2>Which gaps are real</h2>\n");
    b.append("<p class=\"lede\">Intervals of separate submissions often overlap even when one is reliably better, because both ")
        .append("were scored on the same rows. The matrix gives the paired difference in ").append(esc(c.primaryMetric()))
        .append(", row submission minus column submission, with a ").append(level)
        .append(" paired bootstrap interval. A coloured cell's interval excludes zero: ")
        .append(swatch("pair-better")).append(" the row is better, ").append(swatch("pair-worse"))
        .append(" the row is worse; ").append(swatch("pair-same")).append(" grey cells cannot be told apart on this data.</p>\n");
    b.append("<div class=\"charts\">\n").append(rankingForest(c, task, first)).append(pairMatrix(c, task)).append("</div>\n</section>\n");

    b.append("<section class=\"card\" id=\"criteria\">\n<h2>Criteria by submission</h2>\n");
    if (first == null || first.criteria() == null || first.criteria().isEmpty()) {
      b.append("<p class=\"lede\">The suite sets no acceptance criteria.</p>\n");
    } else {
      b.append("<p class=\"lede\">Each submission judged against every criterion of the suite; the observed value below the status.</p>\n");
      b.append("<div class=\"table-wrap\"><table class=\"by-submission\"><thead><tr><th>Criterion</th>");
      for (CompareReport.Ranked rk : ranking) b.append("<th>").append(esc(rk.name())).append("</th>");
      b.append("</tr></thead><tbody>\n");
      for (int i = 0; i < first.criteria().size(); i++) {
        CriterionResult head = first.criteria().get(i);
        b.append("<tr data-criterion=\"").append(esc(head.id())).append("\"><td><div class=\"crit-id\">").append(esc(head.id()))
            .append("</div><div class=\"crit-desc\">").append(esc(pretty(head.description()))).append("</div></td>");
        for (CompareReport.Ranked rk : ranking) {
          Report r = byName.get(rk.name());
          CriterionResult cr = r == null || r.criteria() == null || r.criteria().size() <= i ? null : r.criteria().get(i);
          b.append("<td>");
          if (cr != null) {
            b.append(badge(cr.status().name())).append("<div class=\"reason\">").append(cr.observed() == null ? "no value" : Html.num(cr.observed()));
            if (cr.group() != null) b.append(" (").append(esc(cr.group())).append(')');
            b.append("</div>");
          }
          b.append("</td>");
        }
        b.append("</tr>\n");
      }
      b.append("</tbody></table></div>\n");
    }
    b.append("</section>\n");
    provenance(b, c.suite(), null, first == null ? null : first.bootstrap(), c.provenance(), first == null ? null : first.charts());
    return page(name(c.suite()) + " · comparison of " + ranking.size() + " submissions", b);
  }

  public static void write(Report report, Path file) {
    String html = render(report);
    AtomicFiles.write(file, w -> w.write(html));
  }

  public static void write(CompareReport report, Path file) {
    String html = render(report);
    AtomicFiles.write(file, w -> w.write(html));
  }

  // ---------------------------------------------------------------- page and top

  static String page(String title, StringBuilder body) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        // Nothing on this page may load anything: the report is read offline, and a request would leak that it was opened.
        + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        + "<meta name=\"generator\" content=\"Holdout\">\n"
        + "<title>" + esc(title) + "</title>\n<style>\n" + CSS + "</style>\n</head>\n<body>\n<main>\n"
        + body + "</main>\n</body>\n</html>\n";
  }

  private static void header(StringBuilder b, Report r) {
    b.append("<header>\n<div class=\"eyebrow\">Holdout acceptance report · ").append(esc(Html.words(r.suite().task()))).append("</div>\n");
    b.append("<h1>").append(esc(name(r.suite()))).append("</h1>\n");
    if (r.suite().problem() != null) b.append("<p class=\"problem\">").append(esc(r.suite().problem())).append("</p>\n");
    b.append("<ul class=\"facts\">");
    if (r.submission() != null) {
      b.append("<li>Submission <b>").append(esc(r.submission().name())).append("</b>");
      if (r.submission().file() != null) b.append(" (").append(esc(r.submission().file())).append(')');
      b.append("</li>");
    }
    if (r.suite().data() != null) b.append("<li>Evaluation set <b>").append(esc(r.suite().data())).append("</b></li>");
    if (r.rows() != null) {
      boolean queries = "retrieval".equals(r.suite().task());
      b.append("<li><b>").append(Html.count(r.rows().evaluated())).append(queries ? "</b> queries evaluated</li>" : "</b> rows evaluated</li>");
      b.append("<li><b>").append(Html.count(r.rows().missingPredictions())).append(queries ? "</b> without a ranked list</li>" : "</b> missing predictions</li>");
      if (!queries) b.append("<li><b>").append(Html.count(r.rows().extraPredictions())).append("</b> extra</li>");
      if (r.rows().ignored() > 0) b.append("<li><b>").append(Html.count(r.rows().ignored())).append("</b> left out</li>");
    }
    if (r.suite().primaryMetric() != null) b.append("<li>Primary metric <b>").append(esc(r.suite().primaryMetric())).append("</b></li>");
    b.append("</ul>\n</header>\n");
  }

  private static void verdict(StringBuilder b, Report r) {
    Verdict v = r.verdict();
    String word = v == null ? "NO VERDICT" : v.name();
    b.append("<section class=\"verdict ").append(word).append("\" id=\"verdict\" data-verdict=\"").append(word)
        .append("\" aria-label=\"Verdict: ").append(word).append("\">\n").append(icon(v)).append("<div><div class=\"word\">")
        .append(word).append("</div><p class=\"why\">").append(esc(verdictSentence(r.criteria()))).append("</p></div>\n</section>\n");
  }

  private static String verdictSentence(List<CriterionResult> criteria) {
    if (criteria == null || criteria.isEmpty()) return "The suite sets no acceptance criteria.";
    List<String> failed = new ArrayList<>();
    List<String> open = new ArrayList<>();
    for (CriterionResult c : criteria) {
      if (c.status() == Status.FAIL) failed.add(c.id());
      if (c.status() == Status.INCONCLUSIVE) open.add(c.id());
    }
    int n = criteria.size();
    int passed = n - failed.size() - open.size();
    if (failed.isEmpty() && open.isEmpty()) return n == 1 ? "The criterion passed." : "All " + n + " criteria passed.";
    StringBuilder s = new StringBuilder();
    if (!failed.isEmpty()) s.append(failed.size()).append(" of ").append(n).append(failed.size() == 1 ? " criterion failed: " : " criteria failed: ")
        .append(String.join(", ", failed)).append(". ");
    if (!open.isEmpty()) s.append(open.size()).append(" of ").append(n).append(open.size() == 1 ? " is inconclusive: " : " are inconclusive: ")
        .append(String.join(", ", open)).append("; more labeled rows would decide. ");
    s.append(passed).append(" passed.");
    return s.toString();
  }

  private static String criteriaSummary(List<CriterionResult> criteria) {
    if (criteria == null || criteria.isEmpty()) return "no criteria";
    long failed = criteria.stream().filter(c -> c.status() == Status.FAIL).count();
    long open = criteria.stream().filter(c -> c.status() == Status.INCONCLUSIVE).count();
    return (criteria.size() - failed - open) + " passed, " + failed + " failed, " + open + " inconclusive";
  }

  private static String icon(Verdict v) {
    String mark;
    String fill;
    if (v == Verdict.ACCEPTED) {
      fill = "#009e73";
      mark = "<path d=\"M12 23l7 7 14-15\" fill=\"none\" stroke=\"#fff\" stroke-width=\"4.5\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/>";
    } else if (v == Verdict.REJECTED) {
      fill = "#d55e00";
      mark = "<path d=\"M14.5 14.5l15 15M29.5 14.5l-15 15\" fill=\"none\" stroke=\"#fff\" stroke-width=\"4.5\" stroke-linecap=\"round\"/>";
    } else {
      fill = "#e69f00";
      mark = "<path d=\"M16.5 17a5.5 5.5 0 1 1 7.6 5.1c-1.4.6-2.1 1.6-2.1 3.1v1.3\" fill=\"none\" stroke=\"#fff\" stroke-width=\"4\" "
          + "stroke-linecap=\"round\"/><circle cx=\"22\" cy=\"32.5\" r=\"2.4\" fill=\"#fff\"/>";
    }
    return "<svg viewBox=\"0 0 44 44\" aria-hidden=\"true\" focusable=\"false\"><circle cx=\"22\" cy=\"22\" r=\"21\" fill=\"" + fill + "\"/>"
        + mark + "</svg>\n";
  }

  private static void nav(StringBuilder b, Report r) {
    b.append("<nav class=\"toc\" aria-label=\"Sections\"><a href=\"#criteria\">Criteria</a><a href=\"#metrics\">Metrics</a>");
    Task t = task(r.suite());
    if (t == Task.BINARY_CLASSIFICATION || t == Task.MULTICLASS_CLASSIFICATION || t == Task.REGRESSION) {
      b.append("<a href=\"#charts\">").append(t == Task.REGRESSION ? "Predictions" : t == Task.BINARY_CLASSIFICATION ? "Scores" : "Classes").append("</a>");
    }
    if (r.slices() != null && !r.slices().isEmpty()) b.append("<a href=\"#slices\">Slices</a>");
    if (r.judge() != null) b.append("<a href=\"#judge\">Judge</a>");
    b.append("<a href=\"#provenance\">Provenance</a></nav>\n");
  }

  // ---------------------------------------------------------------- criteria

  private static void criteria(StringBuilder b, Report r) {
    String level = r.bootstrap() == null ? "95%" : Html.pct(r.bootstrap().confidence());
    b.append("<section class=\"card\" id=\"criteria\">\n<h2>Acceptance criteria</h2>\n");
    List<CriterionResult> list = r.criteria() == null ? List.of() : r.criteria();
    if (list.isEmpty()) {
      b.append("<p class=\"lede\">The suite sets no acceptance criteria, so every submission is accepted; the figures below still hold.</p>\n</section>\n");
      return;
    }
    b.append("<p class=\"lede\">A criterion is judged on its ").append(level)
        .append(" bootstrap interval unless it says point estimate. In each bar the dashed line is the threshold, the shaded side passes, ")
        .append("the thick line is the interval (coloured by status) and the circle the observed value.</p>\n");
    b.append("<div class=\"table-wrap\"><table class=\"criteria\"><thead><tr><th>Status</th><th>Criterion</th><th class=\"num\">Observed</th>")
        .append("<th class=\"num\">").append(level).append(" interval</th><th>Against the threshold</th></tr></thead><tbody>\n");
    int i = 0;
    for (CriterionResult c : list) {
      String status = c.status() == null ? "INCONCLUSIVE" : c.status().name();
      b.append("<tr id=\"criterion-").append(Html.slug(c.id())).append("\" data-criterion=\"").append(esc(c.id())).append("\" data-status=\"")
          .append(status).append("\"><td>").append(badge(status)).append("</td><td><div class=\"crit-id\">").append(esc(c.id()))
          .append("</div><div class=\"crit-desc\">").append(esc(pretty(c.description()))).append("</div>");
      if (c.reason() != null) b.append("<div class=\"reason\">").append(esc(c.reason())).append("</div>");
      b.append("</td><td class=\"num\" data-label=\"Observed\">");
      if (c.observed() == null) {
        b.append("<span class=\"undefined\">no value</span>");
      } else {
        b.append(Html.num(c.observed()));
        if (c.group() != null) b.append("<div class=\"group\">").append(esc(c.group())).append("</div>");
      }
      b.append("</td><td class=\"num\" data-label=\"Interval\">").append(c.ci() == null ? "–" : Html.interval(c.ci())).append("</td><td class=\"bar\">")
          .append(criterionBar(c, "crit-bar-" + (i++))).append("</td></tr>\n");
    }
    b.append("</tbody></table></div>\n</section>\n");
  }

  /** The interval and observed value against the threshold, the passing side shaded. */
  static String criterionBar(CriterionResult c, String id) {
    Plot p = new Plot(240, 42, 8, 8, 4, 4);
    List<Double> values = new ArrayList<>();
    values.add(c.threshold());
    if (c.observed() != null) values.add(c.observed());
    if (c.ci() != null) for (Double v : c.ci()) if (v != null) values.add(v);
    double lo = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    double hi = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
    double span = hi - lo > 0 ? hi - lo : Math.max(Math.abs(hi) * 0.1, 0.01);
    p.x(lo - span * 0.3, hi + span * 0.3, 4, false);
    Boolean atLeast = atLeast(c);
    double tx = p.x.at(c.threshold());
    p.rect(p.left, 17, p.right - p.left, 14, "track");
    if (atLeast != null) {
      if (atLeast) p.rect(tx, 17, p.right - tx, 14, "ok-zone");
      else p.rect(p.left, 17, tx - p.left, 14, "ok-zone");
    }
    String status = c.status() == null ? "INCONCLUSIVE" : c.status().name();
    if (c.ci() != null && c.ci().size() == 2 && c.ci().get(0) != null && c.ci().get(1) != null) {
      p.line(p.x.at(c.ci().get(0)), 24, p.x.at(c.ci().get(1)), 24, "ci-status st-" + status);
    }
    p.line(tx, 13, tx, 36, "threshold");
    p.text(tx, 11, Html.plain(c.threshold()), "small", tx > p.right - 20 ? "end" : tx < p.left + 20 ? "start" : "middle");
    if (c.observed() != null) p.circle(p.x.at(c.observed()), 24, 4.5, "obs", null);
    String desc = (c.observed() == null ? "no observed value" : "observed " + Html.num(c.observed()))
        + (c.ci() == null ? "" : ", interval " + Html.interval(c.ci()))
        + (atLeast == null ? ", threshold " : atLeast ? ", must be at least " : ", must be at most ") + Html.plain(c.threshold()) + ": " + status;
    return p.svg(id, "Criterion " + c.id() + ": " + status, desc);
  }

  /** True for "at least" bars, false for "at most", from the criterion's kind (or, in older reports, its description); null if neither. */
  static Boolean atLeast(CriterionResult c) {
    if (c.kind() != null) return c.kind().equals("min") || c.kind().equals("worst_min") || c.kind().equals("min_lift");
    String d = c.description() == null ? "" : c.description();
    if (d.contains(" >= ")) return true;
    if (d.contains(" <= ")) return false;
    return null;
  }

  private static boolean isWorstCriterion(CriterionResult c) {
    if (c.kind() != null) return c.kind().startsWith("worst_");
    return c.slice() != null && c.description() != null && c.description().startsWith("worst ");
  }

  private static boolean isGapCriterion(CriterionResult c) {
    if (c.kind() != null) return c.kind().equals("max_gap");
    return c.slice() != null && c.description() != null && c.description().contains(" gap in ");
  }

  private static String pretty(String description) {
    return description == null ? "" : description.replace(" >= ", " ≥ ").replace(" <= ", " ≤ ");
  }

  private static String badge(String status) {
    return "<span class=\"badge " + esc(status) + "\">" + esc(status) + "</span>";
  }

  // ---------------------------------------------------------------- metrics

  private static void metrics(StringBuilder b, Report r, Task task) {
    if (r.metrics() == null || r.metrics().isEmpty()) return;
    String level = r.bootstrap() == null ? "95%" : Html.pct(r.bootstrap().confidence());
    Report.BaselineResult base = r.baseline();
    b.append("<section class=\"card\" id=\"metrics\">\n<h2>Metrics</h2>\n<p class=\"lede\">");
    b.append("Each value with its ").append(level).append(" bootstrap interval");
    if (base != null) {
      b.append(", next to the baseline (").append(esc(base.description() == null ? base.name() : base.description()))
          .append("). The difference is submission minus baseline, paired on the same rows.");
    } else {
      b.append('.');
    }
    b.append("<br>").append(key("dot-main", "ci-main", "submission")).append(base == null ? "" : key("dot-base", "ci-base", "baseline"))
        .append("</p>\n");
    b.append("<div class=\"table-wrap\"><table class=\"metrics\"><thead><tr><th>Metric</th><th class=\"num\">Value</th><th class=\"num\">")
        .append(level).append(" interval</th><th>Submission and baseline</th>");
    if (base != null) b.append("<th class=\"num\">Baseline</th><th>Difference (lift)</th>");
    b.append("</tr></thead><tbody>\n");
    int i = 0;
    for (Map.Entry<String, Report.Estimate> e : r.metrics().entrySet()) {
      String name = e.getKey();
      boolean primary = name.equals(r.suite().primaryMetric());
      Report.Estimate v = e.getValue();
      Report.Estimate bv = base == null || base.metrics() == null ? null : base.metrics().get(name);
      Report.Estimate d = base == null || base.difference() == null ? null : base.difference().get(name);
      b.append("<tr data-metric=\"").append(esc(name)).append('"').append(primary ? " class=\"primary\"" : "").append("><td class=\"metric-name\">")
          .append(esc(name)).append(primary ? "<span class=\"primary-tag\">primary</span>" : "").append("</td>");
      estimateCells(b, v);
      b.append("<td class=\"bar\">").append(errorBars(v, bv, "metric-bar-" + (i++), name)).append("</td>");
      if (base != null) {
        b.append("<td class=\"num base\" data-label=\"Baseline\">")
            .append(bv == null ? "–" : bv.value() == null ? "<span class=\"undefined\">undefined</span>" : Html.num(bv.value()))
            .append("</td><td class=\"diff\" data-label=\"Difference\">").append(difference(d, direction(task, name))).append("</td>");
      }
      b.append("</tr>\n");
    }
    b.append("</tbody></table></div>\n</section>\n");
  }

  private static void estimateCells(StringBuilder b, Report.Estimate v) {
    if (v == null) {
      b.append("<td class=\"num\">–</td><td class=\"num\"></td>");
    } else if (v.value() == null) {
      b.append("<td class=\"num\"><span class=\"undefined\">undefined</span></td><td class=\"reason\">").append(esc(v.undefined())).append("</td>");
    } else {
      b.append("<td class=\"num value\">").append(Html.num(v.value())).append("</td><td class=\"num ci\">").append(Html.interval(v.ci())).append("</td>");
    }
  }

  private static String difference(Report.Estimate d, Direction dir) {
    if (d == null) return "–";
    if (d.value() == null) return "<span class=\"undefined\">" + esc(d.undefined()) + "</span>";
    StringBuilder s = new StringBuilder();
    s.append("<span class=\"num\"");
    if (d.pValue() != null) s.append(" title=\"one-sided p-value that the submission is not better: ").append(String.format(Locale.ROOT, "%.3f", d.pValue())).append('"');
    s.append('>').append(Html.signed(d.value())).append(' ').append(Html.signedInterval(d.ci())).append("</span>");
    String kind = liftKind(d, dir);
    if (kind != null) {
      s.append("<span class=\"lift ").append(kind).append("\">")
          .append(kind.equals("better") ? "better" : kind.equals("worse") ? "worse" : "no clear difference").append("</span>");
    }
    return s.toString();
  }

  /** better, worse or same when the interval decides; by the metric's direction. */
  private static String liftKind(Report.Estimate d, Direction dir) {
    if (d == null || d.value() == null || d.ci() == null || d.ci().size() < 2 || d.ci().get(0) == null || d.ci().get(1) == null || dir == null) return null;
    boolean up = d.ci().get(0) > 0;
    boolean down = d.ci().get(1) < 0;
    if (!up && !down) return "same";
    return up == (dir == Direction.HIGHER_IS_BETTER) ? "better" : "worse";
  }

  /** The submission's and the baseline's intervals on one small shared scale. */
  private static String errorBars(Report.Estimate v, Report.Estimate base, String id, String metric) {
    List<Double> all = new ArrayList<>();
    collect(all, v);
    collect(all, base);
    if (all.isEmpty()) return "";
    Plot p = new Plot(240, 40, 10, 10, 4, 12);
    double lo = all.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    double hi = all.stream().mapToDouble(Double::doubleValue).max().orElse(1);
    p.x(lo, hi, 4, true);
    p.rect(p.left, 3, p.right - p.left, 26, "track");
    for (double t : p.x.ticks()) p.line(p.x.at(t), 3, p.x.at(t), 29, "grid");
    boolean hasBase = base != null && base.value() != null;
    double ySub = hasBase ? 11 : 16;
    draw(p, v, ySub, "main");
    if (hasBase) draw(p, base, 21, "base");
    p.text(p.left, 39, p.x.tick(p.x.d0), "small", "start");
    p.text(p.right, 39, p.x.tick(p.x.d1), "small", "end");
    String desc = metric + ": submission " + estimateText(v) + (hasBase ? "; baseline " + estimateText(base) : "");
    return p.svg(id, metric + " with its interval", desc);
  }

  private static void collect(List<Double> into, Report.Estimate e) {
    if (e == null || e.value() == null) return;
    into.add(e.value());
    if (e.ci() != null) for (Double c : e.ci()) if (c != null && Double.isFinite(c)) into.add(c);
  }

  private static void draw(Plot p, Report.Estimate e, double y, String cls) {
    if (e == null || e.value() == null) return;
    if (e.ci() != null && e.ci().size() == 2 && e.ci().get(0) != null && e.ci().get(1) != null) {
      double a = p.x.at(e.ci().get(0));
      double c = p.x.at(e.ci().get(1));
      p.line(a, y, c, y, "ci-" + cls);
      p.line(a, y - 4, a, y + 4, "ci-" + cls);
      p.line(c, y - 4, c, y + 4, "ci-" + cls);
    }
    if (cls.equals("base")) p.diamond(p.x.at(e.value()), y, 4.5, "dot-base");
    else p.circle(p.x.at(e.value()), y, 4, "dot-" + cls, null);
  }

  private static String estimateText(Report.Estimate e) {
    if (e == null) return "not computed";
    if (e.value() == null) return "undefined (" + e.undefined() + ")";
    return Html.num(e.value()) + (e.ci() == null ? "" : " " + Html.interval(e.ci()));
  }

  // ---------------------------------------------------------------- binary

  private static void binary(StringBuilder b, Report r) {
    Report.Charts ch = r.charts();
    Report.ConfusionMatrix cm = r.confusionMatrix();
    b.append("<section class=\"card\" id=\"charts\">\n<h2>Scores and decisions</h2>\n<p class=\"lede\">");
    if (cm != null && cm.threshold() != null) b.append("The submission predicts the positive class when its score is at least ")
        .append(Html.plain(cm.threshold())).append(". ");
    b.append("Curves are drawn from every row and downsampled to at most ").append(Report.Charts.MAX_POINTS).append(" points.</p>\n<div class=\"charts\">\n");
    String sub = r.submission() == null ? "submission" : r.submission().name();
    if (ch != null) {
      if (ch.roc() != null) b.append(roc(r, ch, sub));
      if (ch.precisionRecall() != null) b.append(precisionRecall(r, ch, sub));
      if (ch.calibration() != null) b.append(calibration(r, ch, cm));
      if (ch.cost() != null) b.append(cost(r, ch));
    }
    if (cm != null && cm.labels() != null && cm.counts() != null) b.append(binaryConfusion(cm));
    b.append("</div>\n</section>\n");
  }

  private static String roc(Report r, Report.Charts ch, String sub) {
    Plot p = square();
    p.axes("False positive rate", "True positive rate");
    p.line(p.x.at(0), p.y.at(0), p.x.at(1), p.y.at(1), "diag");
    p.path(ch.baselineRoc() != null ? ch.baselineRoc().x() : null, ch.baselineRoc() != null ? ch.baselineRoc().y() : null, "s-base");
    p.path(ch.roc().x(), ch.roc().y(), "s-main");
    Report.OperatingPoint op = ch.operatingPoint();
    StringBuilder desc = new StringBuilder("ROC curve of ").append(sub).append(metricPhrase(r.metrics(), "roc_auc", "AUC"));
    if (ch.baselineRoc() != null) desc.append("; baseline").append(metricPhrase(r.baseline() == null ? null : r.baseline().metrics(), "roc_auc", "AUC"));
    boolean drawn = op != null && op.falsePositiveRate() != null && op.truePositiveRate() != null;
    if (drawn) {
      point(p, op.falsePositiveRate(), op.truePositiveRate(), "op", "threshold " + Html.plain(op.threshold()));
      desc.append(String.format(Locale.ROOT, "; at threshold %s the false positive rate is %s and the true positive rate %s",
          Html.plain(op.threshold()), Svg.value(op.falsePositiveRate()), Svg.value(op.truePositiveRate())));
    }
    desc.append(". The dashed diagonal is a random ranking.");
    String legend = legend(sub, metricValue(r.metrics(), "roc_auc"), "AUC", ch.baselineRoc() != null ? baselineName(r) : null,
        metricValue(r.baseline() == null ? null : r.baseline().metrics(), "roc_auc"), drawn ? op.threshold() : null);
    return figure("chart-roc", "roc", "ROC curve", "How well the scores rank positives above negatives, at every threshold.", legend,
        p.svg("chart-roc-svg", "ROC curve", desc.toString()), null, false);
  }

  private static String precisionRecall(Report r, Report.Charts ch, String sub) {
    Plot p = square();
    p.axes("Recall", "Precision");
    Report.Curve base = ch.baselinePrecisionRecall();
    p.path(base != null ? base.x() : null, base != null ? base.y() : null, "s-base");
    p.path(ch.precisionRecall().x(), ch.precisionRecall().y(), "s-main");
    Report.OperatingPoint op = ch.operatingPoint();
    StringBuilder desc = new StringBuilder("Precision against recall for ").append(sub)
        .append(metricPhrase(r.metrics(), "average_precision", "average precision"));
    if (base != null) desc.append("; baseline").append(metricPhrase(r.baseline() == null ? null : r.baseline().metrics(), "average_precision", "average precision"));
    boolean drawn = op != null && op.precision() != null && op.recall() != null;
    if (drawn) {
      point(p, op.recall(), op.precision(), "op", "threshold " + Html.plain(op.threshold()));
      desc.append(String.format(Locale.ROOT, "; at threshold %s recall is %s and precision %s", Html.plain(op.threshold()),
          Svg.value(op.recall()), Svg.value(op.precision())));
    }
    desc.append('.');
    String legend = legend(sub, metricValue(r.metrics(), "average_precision"), "AP", base != null ? baselineName(r) : null,
        metricValue(r.baseline() == null ? null : r.baseline().metrics(), "average_precision"), drawn ? op.threshold() : null);
    return figure("chart-pr", "precision-recall", "Precision–recall curve", "What share of flagged rows are positive, for each share of positives found.",
        legend, p.svg("chart-pr-svg", "Precision–recall curve", desc.toString()), null, false);
  }

  private static Plot square() {
    return new Plot(480, 440, 62, 20, 14, 50).x(0, 1, 5, true).y(0, 1, 5, true);
  }

  private static void point(Plot p, double x, double y, String cls, String label) {
    double px = p.x.at(x);
    double py = p.y.at(y);
    p.circle(px, py, 6.5, cls, label);
    boolean leftSide = px > (p.left + p.right) / 2;
    p.text(px + (leftSide ? -11 : 11), py + (py < p.top + 20 ? 16 : -9), label, "label strong", leftSide ? "end" : "start");
  }

  private static String legend(String sub, Double value, String what, String base, Double baseValue, Double threshold) {
    StringBuilder s = new StringBuilder();
    s.append(key(null, "s-main", sub + (value == null ? "" : " · " + what + " " + Svg.value(value))));
    if (base != null) s.append(key(null, "s-base", "baseline " + base + (baseValue == null ? "" : " · " + what + " " + Svg.value(baseValue))));
    if (threshold != null) s.append(key("op", null, "threshold " + Html.plain(threshold)));
    return s.toString();
  }

  private static String calibration(Report r, Report.Charts ch, Report.ConfusionMatrix cm) {
    String negLabel = cm != null && cm.labels() != null && cm.labels().size() == 2 ? cm.labels().get(0) : "negative";
    String posLabel = cm != null && cm.labels() != null && cm.labels().size() == 2 ? cm.labels().get(1) : "positive";
    Plot p = new Plot(480, 500, 74, 20, 14, 50).x(0, 1, 5, true);
    Scale yc = Scale.of(0, 1, 300, p.top, 5, true);
    Report.Histogram h = ch.scores();
    double max = 1;
    if (h != null) {
      for (List<Double> series : List.of(nz(h.positive()), nz(h.negative()))) for (Double v : series) if (v != null) max = Math.max(max, v);
    }
    Scale yh = Scale.of(0, max, p.bottom, 340, 2, true);
    p.yAxis(yc, "Observed positive rate");
    p.yAxis(yh, "Rows");
    p.xAxis("Score (predicted probability of label " + posLabel + ")");
    p.line(p.left, p.top, p.left, 300, "axis").line(p.left, 340, p.left, p.bottom, "axis").line(p.left, 300, p.right, 300, "axis");
    p.line(p.x.at(0), yc.at(0), p.x.at(1), yc.at(1), "diag");
    StringBuilder desc = new StringBuilder("Calibration: observed positive rate against mean score in ten score bins");
    desc.append(metricPhrase(r.metrics(), "ece", "expected calibration error")).append(". Bins:");
    double maxRows = 1;
    for (Report.CalibrationBin bin : ch.calibration()) maxRows = Math.max(maxRows, bin.rows());
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (Report.CalibrationBin bin : ch.calibration()) {
      if (bin.meanScore() == null || bin.positiveRate() == null) continue;
      xs.add(bin.meanScore());
      ys.add(bin.positiveRate());
      desc.append(String.format(Locale.ROOT, " %s–%s: mean score %s, positive rate %s, %s rows;", Svg.value(bin.low()), Svg.value(bin.high()),
          Svg.value(bin.meanScore()), Svg.value(bin.positiveRate()), Html.count(bin.rows())));
    }
    Plot cal = p;
    Scale keep = cal.y;
    cal.y = yc;
    cal.path(xs, ys, "s-main");
    for (Report.CalibrationBin bin : ch.calibration()) {
      if (bin.meanScore() == null || bin.positiveRate() == null) continue;
      double radius = 2.5 + 4.5 * Math.sqrt(bin.rows() / maxRows);
      cal.circle(cal.x.at(bin.meanScore()), yc.at(bin.positiveRate()), radius, "cal",
          String.format(Locale.ROOT, "scores %s–%s: %s rows, mean score %s, positive rate %s", Svg.value(bin.low()), Svg.value(bin.high()),
              Html.count(bin.rows()), Svg.value(bin.meanScore()), Svg.value(bin.positiveRate())));
    }
    cal.y = keep;
    if (h != null && h.edges() != null) {
      List<Double> e = h.edges();
      List<Double> neg = nz(h.negative());
      List<Double> pos = nz(h.positive());
      for (int i = 0; i + 1 < e.size(); i++) {
        double x0 = p.x.at(e.get(i));
        double x1 = p.x.at(e.get(i + 1));
        double w = (x1 - x0 - 2) / 2;
        double nv = i < neg.size() && neg.get(i) != null ? neg.get(i) : 0;
        double pv = i < pos.size() && pos.get(i) != null ? pos.get(i) : 0;
        p.rect(x0 + 1, yh.at(nv), w, yh.at(0) - yh.at(nv), "bar-neg", null,
            String.format(Locale.ROOT, "scores %s–%s, label %s: %s rows", Svg.value(e.get(i)), Svg.value(e.get(i + 1)), negLabel, Html.count(nv)));
        p.rect(x0 + 1 + w, yh.at(pv), w, yh.at(0) - yh.at(pv), "bar-pos", null,
            String.format(Locale.ROOT, "scores %s–%s, label %s: %s rows", Svg.value(e.get(i)), Svg.value(e.get(i + 1)), posLabel, Html.count(pv)));
      }
      desc.append(" Under it, a histogram of scores in ").append(e.size() - 1).append(" bins, rows with label ").append(negLabel)
          .append(" and rows with label ").append(posLabel).append(" side by side.");
    }
    if (cm != null && cm.threshold() != null) {
      double tx = p.x.at(cm.threshold());
      p.line(tx, 340, tx, p.bottom, "op-line");
      p.text(tx + 4, 352, "threshold " + Html.plain(cm.threshold()), "small", "start");
    }
    String legend = key("cal", "s-main", "observed rate per score bin (size: rows)") + key(null, "diag", "perfect calibration")
        + key("bar-neg", null, "label " + negLabel) + key("bar-pos", null, "label " + posLabel);
    return figure("chart-calibration", "calibration", "Calibration and score distribution",
        "Do the scores mean what they say? Points on the diagonal are calibrated; the histogram shows where the scores fall.", legend,
        p.svg("chart-calibration-svg", "Calibration and score distribution", desc.toString()), null, false);
  }

  private static String binaryConfusion(Report.ConfusionMatrix cm) {
    String[][] tags = {{"true negative", "false positive"}, {"false negative", "true positive"}};
    String title = "Confusion matrix" + (cm.threshold() == null ? "" : " at threshold " + Html.plain(cm.threshold()));
    String svg = heatmap("chart-confusion-svg", title, cm.labels(), cm.counts(), true, false, tags);
    return figure("chart-confusion", "confusion", title, "Rows are the actual label, columns the prediction; shading is the share of the row.",
        shadeKey(), svg, null, false);
  }

  private static String cost(Report r, Report.Charts ch) {
    Report.Curve c = ch.cost();
    Report.CostSummary cs = r.costs();
    Report.OperatingPoint op = ch.operatingPoint();
    List<Double> ys = new ArrayList<>();
    for (Double v : c.y()) if (v != null) ys.add(v);
    if (cs != null) {
      ys.add(cs.per1000());
      if (cs.optimalPer1000() != null) ys.add(cs.optimalPer1000());
    }
    double lo = ys.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    double hi = ys.stream().mapToDouble(Double::doubleValue).max().orElse(1);
    Plot p = new Plot(480, 400, 82, 20, 16, 50).x(0, 1, 5, true).y(lo, hi, 5, true);
    p.axes("Threshold", "Expected cost per 1,000 decisions");
    if (p.y.d0 < 0 && p.y.d1 > 0) p.line(p.left, p.y.at(0), p.right, p.y.at(0), "zero");
    p.path(c.x(), c.y(), "s-main");
    StringBuilder desc = new StringBuilder("Expected cost per 1,000 decisions at each threshold");
    String legend = key(null, "s-main", "expected cost");
    if (cs != null && op != null) {
      double px = p.x.at(op.threshold());
      double py = p.y.at(cs.per1000());
      p.line(px, py, px, p.bottom, "op-line");
      p.circle(px, py, 6.5, "op", "threshold " + Html.plain(op.threshold()) + ": " + Html.money(cs.per1000()) + " per 1,000");
      label(p, px, py, Html.money(cs.per1000()));
      desc.append(String.format(Locale.ROOT, "; at the chosen threshold %s it is %s", Html.plain(op.threshold()), Html.money(cs.per1000())));
      legend += key("op", null, "chosen threshold " + Html.plain(op.threshold()));
    }
    if (cs != null && cs.optimalThreshold() != null && cs.optimalPer1000() != null) {
      double px = p.x.at(cs.optimalThreshold());
      double py = p.y.at(cs.optimalPer1000());
      p.line(px, py, px, p.bottom, "opt-line");
      p.circle(px, py, 6.5, "opt", "cost-optimal threshold " + Html.plain(cs.optimalThreshold()) + ": " + Html.money(cs.optimalPer1000()) + " per 1,000");
      label(p, px, py, Html.money(cs.optimalPer1000()));
      desc.append(String.format(Locale.ROOT, "; the cost-optimal threshold %s gives %s", Html.plain(cs.optimalThreshold()), Html.money(cs.optimalPer1000())));
      legend += key("opt", null, "cost-optimal threshold " + Html.plain(cs.optimalThreshold()));
    }
    desc.append(". Negative cost is a net gain.");
    String note = cs != null && cs.note() != null ? esc(cs.note()) : null;
    return figure("chart-cost", "cost", "Expected cost against threshold",
        "What each threshold would cost with the suite's costs per decision; below zero is a net gain.", legend,
        p.svg("chart-cost-svg", "Expected cost against threshold", desc.toString()), note, false);
  }

  private static void label(Plot p, double px, double py, String text) {
    boolean leftSide = px > (p.left + p.right) / 2;
    p.text(px + (leftSide ? -10 : 10), py + (py > p.bottom - 24 ? -10 : 18), text, "label strong", leftSide ? "end" : "start");
  }

  // ---------------------------------------------------------------- multiclass

  private static void multiclass(StringBuilder b, Report r) {
    Report.ConfusionMatrix cm = r.confusionMatrix();
    b.append("<section class=\"card\" id=\"charts\">\n<h2>Classes</h2>\n<p class=\"lede\">Where the submission confuses one class with another. ")
        .append("Rows are the actual class, columns the predicted one.</p>\n<div class=\"charts\">\n");
    if (cm != null && cm.labels() != null && cm.counts() != null) {
      b.append(figure("chart-confusion", "confusion", "Confusion matrix (counts)", "Rows evaluated, by actual and predicted class; shading by count.",
          shadeKey(), heatmap("chart-confusion-svg", "Confusion matrix (counts)", cm.labels(), cm.counts(), false, false, null), null,
          cm.labels().size() > 8));
      b.append(figure("chart-confusion-normalised", "confusion-normalised", "Confusion matrix (share of each actual class)",
          "Each row sums to 100%; the diagonal is each class's recall.", shadeKey(),
          heatmap("chart-confusion-normalised-svg", "Confusion matrix (share of each actual class)", cm.labels(), cm.counts(), true, true, null), null,
          cm.labels().size() > 8));
    }
    if (r.perClass() != null && !r.perClass().isEmpty()) b.append(perClass(r.perClass()));
    b.append("</div>\n</section>\n");
  }

  private static String perClass(Map<String, Report.ClassFigures> perClass) {
    int k = perClass.size();
    Plot p = new Plot(Math.max(480, 60 + k * 96), 340, 56, 14, 14, 66).y(0, 1, 5, true);
    p.x = Scale.of(0, k, p.left, p.right, 1, false);
    p.yAxis(p.y, "Value");
    p.line(p.left, p.bottom, p.right, p.bottom, "axis").line(p.left, p.top, p.left, p.bottom, "axis");
    double group = (p.right - p.left) / k;
    double bw = Math.min(26, group * 0.8 / 3);
    StringBuilder desc = new StringBuilder("Precision, recall and f1 of each class:");
    int i = 0;
    String[] classes = {"bar-p", "bar-r", "bar-f"};
    String[] names = {"precision", "recall", "f1"};
    for (Map.Entry<String, Report.ClassFigures> e : perClass.entrySet()) {
      double cx = p.left + group * (i + 0.5);
      Report.ClassFigures f = e.getValue();
      Report.Estimate[] est = {f.precision(), f.recall(), f.f1()};
      desc.append(' ').append(e.getKey()).append(" (").append(Html.count(f.support())).append(" rows):");
      for (int m = 0; m < 3; m++) {
        double x0 = cx - 1.5 * bw + m * bw;
        Report.Estimate v = est[m];
        if (v == null || v.value() == null) {
          p.text(x0 + bw / 2, p.bottom - 4, "n/a", "small", "middle");
          desc.append(' ').append(names[m]).append(" undefined");
          continue;
        }
        double top = p.y.clamped(v.value());
        p.rect(x0 + 1, top, bw - 2, p.bottom - top, classes[m], null, e.getKey() + " " + names[m] + ": " + estimateText(v));
        if (v.ci() != null && v.ci().size() == 2 && v.ci().get(0) != null && v.ci().get(1) != null) {
          double a = p.y.clamped(v.ci().get(0));
          double c = p.y.clamped(v.ci().get(1));
          p.line(x0 + bw / 2, a, x0 + bw / 2, c, "whisker").line(x0 + bw / 2 - 3, a, x0 + bw / 2 + 3, a, "whisker")
              .line(x0 + bw / 2 - 3, c, x0 + bw / 2 + 3, c, "whisker");
        } else if (k <= 8) {
          p.text(x0 + bw / 2, top - 4, String.format(Locale.ROOT, "%.2f", v.value()), "small", "middle");
        }
        desc.append(' ').append(names[m]).append(' ').append(Svg.value(v.value()));
      }
      desc.append(';');
      p.clippedText(cx, p.bottom + 18, e.getKey(), 14, "label strong", "middle");
      p.text(cx, p.bottom + 33, Html.count(f.support()) + " rows", "small", "middle");
      i++;
    }
    String legend = key("bar-p", null, "precision") + key("bar-r", null, "recall") + key("bar-f", null, "f1");
    return figure("chart-per-class", "per-class", "Precision, recall and f1 per class",
        "How well each class is found (recall) and how often a prediction of it is right (precision).", legend,
        p.svg("chart-per-class-svg", "Precision, recall and f1 per class", desc.toString()), null, k > 6);
  }

  /**
   * A heat map of counts by actual (rows) and predicted (columns) label. {@code shadeByRow} shades
   * each cell by its share of the row (the only arithmetic here); {@code showShare} writes that
   * share as the cell's main figure.
   */
  private static String heatmap(String id, String title, List<String> labels, List<List<Double>> counts, boolean shadeByRow, boolean showShare,
      String[][] tags) {
    int k = labels == null || counts == null ? 0 : Math.min(labels.size(), counts.size());
    // Cells shrink with more classes down to a readable minimum; past that the chart grows wider instead.
    double cell = Math.max(40, Math.min(tags != null ? 150 : 112, 380.0 / Math.max(1, k)));
    double cellH = tags != null ? 92 : Math.min(74, Math.max(44, cell * 0.66));
    double labelW = 110;
    double gridW = cell * k;
    double width = 480;
    double x0 = Math.max(labelW, (width - gridW) / 2 + 20);
    if (x0 + gridW > width - 6) width = x0 + gridW + 6;
    double y0 = 54;
    Plot p = new Plot(width, y0 + cellH * k + 14, 0, 0, 0, 0);
    double max = 0;
    for (int i = 0; i < k; i++) for (Double v : nz(counts.get(i))) if (v != null) max = Math.max(max, v);
    StringBuilder desc = new StringBuilder(title).append(", rows actual, columns predicted:");
    p.text(x0 + gridW / 2, 16, "Predicted", "axis-title", "middle");
    p.raw("<text class=\"axis-title\" text-anchor=\"middle\" transform=\"translate(14 " + Svg.n(y0 + cellH * k / 2) + ") rotate(-90)\">Actual</text>");
    for (int j = 0; j < k; j++) p.clippedText(x0 + cell * (j + 0.5), y0 - 10, labels.get(j), Math.max(4, (int) (cell / 8)), "label strong", "middle");
    for (int i = 0; i < k; i++) {
      List<Double> row = nz(counts.get(i));
      double rowSum = 0;
      for (Double v : row) if (v != null) rowSum += v;
      p.clippedText(x0 - 10, y0 + cellH * (i + 0.5) + 4, labels.get(i), 14, "label strong", "end");
      desc.append(" actual ").append(labels.get(i)).append(':');
      for (int j = 0; j < k; j++) {
        double v = j < row.size() && row.get(j) != null ? row.get(j) : 0;
        double share = rowSum > 0 ? v / rowSum : 0;
        double t = shadeByRow ? share : max > 0 ? v / max : 0;
        double cx = x0 + cell * j;
        double cy = y0 + cellH * i;
        String tip = "actual " + labels.get(i) + ", predicted " + labels.get(j) + ": " + Html.count(v) + " rows ("
            + String.format(Locale.ROOT, "%.1f%%", share * 100) + " of the row)";
        p.rect(cx + 1, cy + 1, cell - 2, cellH - 2, null, shade(t), tip);
        String ink = t > 0.5 ? "cell-text light" : "cell-text";
        String inkSub = t > 0.5 ? "cell-sub light" : "cell-sub";
        String main = showShare ? String.format(Locale.ROOT, "%.1f%%", share * 100) : Html.count(v);
        List<String> below = new ArrayList<>();
        if (showShare) below.add(Html.count(v) + " rows");
        if (tags != null) {
          below.add(tags[i][j]);
          below.add(String.format(Locale.ROOT, "%.1f%% of row", share * 100));
        }
        if (cell < 60) below.clear();
        double mid = cy + cellH / 2;
        double firstY = mid + 5 - below.size() * 7.5;
        p.text(cx + cell / 2, firstY, main, cell < 60 ? inkSub : ink, "middle");
        for (int l = 0; l < below.size(); l++) p.text(cx + cell / 2, firstY + 16 + l * 14, below.get(l), inkSub, "middle");
        desc.append(' ').append(labels.get(j)).append(' ').append(Html.count(v));
        if (showShare) desc.append(String.format(Locale.ROOT, " (%.1f%%)", share * 100));
        desc.append(j + 1 < k ? "," : ";");
      }
    }
    return p.svg(id, title, desc.toString());
  }

  /** A light-to-dark blue ramp (single hue, so it reads the same with any colour vision). */
  private static String shade(double t) {
    t = Math.max(0, Math.min(1, t));
    int[] from = {0xf1, 0xf6, 0xfa};
    int[] to = {0x08, 0x4a, 0x7d};
    StringBuilder s = new StringBuilder("#");
    for (int c = 0; c < 3; c++) s.append(String.format(Locale.ROOT, "%02x", Math.round(from[c] + (to[c] - from[c]) * t)));
    return s.toString();
  }

  private static String shadeKey() {
    return "<span class=\"key\"><svg width=\"64\" height=\"10\" aria-hidden=\"true\"><rect x=\"0\" y=\"0\" width=\"16\" height=\"10\" fill=\""
        + shade(0.05) + "\"/><rect x=\"16\" y=\"0\" width=\"16\" height=\"10\" fill=\"" + shade(0.35) + "\"/><rect x=\"32\" y=\"0\" width=\"16\" height=\"10\" fill=\""
        + shade(0.65) + "\"/><rect x=\"48\" y=\"0\" width=\"16\" height=\"10\" fill=\"" + shade(0.95) + "\"/></svg> few → many</span>";
  }

  // ---------------------------------------------------------------- regression

  private static void regression(StringBuilder b, Report r, Task task) {
    Report.Charts ch = r.charts();
    b.append("<section class=\"card\" id=\"charts\">\n<h2>Predictions</h2>\n<p class=\"lede\">How far the predictions fall from what happened.</p>\n")
        .append("<div class=\"charts\">\n");
    if (ch != null && ch.predictedVsActual() != null) b.append(scatter(ch.predictedVsActual()));
    if (ch != null && ch.residuals() != null) b.append(residuals(ch.residuals()));
    if (r.slices() != null && !r.slices().isEmpty()) b.append(errorBySlice(r));
    b.append("</div>\n</section>\n");
  }

  private static String scatter(Report.Scatter s) {
    List<Double> all = new ArrayList<>();
    for (Double v : nz(s.actual())) if (v != null) all.add(v);
    for (Double v : nz(s.predicted())) if (v != null) all.add(v);
    double lo = all.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    double hi = all.stream().mapToDouble(Double::doubleValue).max().orElse(1);
    Plot p = new Plot(480, 440, 70, 20, 14, 50).x(lo, hi, 5, true).y(lo, hi, 5, true);
    p.axes("Actual", "Predicted");
    int n = Math.min(nz(s.actual()).size(), nz(s.predicted()).size());
    for (int i = 0; i < n; i++) {
      Double a = s.actual().get(i);
      Double q = s.predicted().get(i);
      if (a == null || q == null) continue;
      p.raw("<circle class=\"pt\" cx=\"" + Svg.n(p.x.at(a)) + "\" cy=\"" + Svg.n(p.y.at(q)) + "\" r=\"2.2\"/>");
    }
    p.line(p.x.at(p.x.d0), p.y.at(p.x.d0), p.x.at(p.x.d1), p.y.at(p.x.d1), "diag");
    String shown = Html.count(n) + " of " + Html.count(s.rows()) + " rows" + (n < s.rows() ? ", every " + ordinal((s.rows() + n - 1) / Math.max(1, n)) + " row in file order" : "");
    String desc = "Predicted against actual value for " + shown + ", actual from " + Svg.value(lo) + " to " + Svg.value(hi)
        + ". The dashed diagonal is a perfect prediction; points above it are over-forecasts.";
    return figure("chart-scatter", "scatter", "Predicted against actual", "Points above the diagonal are over-forecasts, below it under-forecasts.",
        key("pt", null, shown) + key(null, "diag", "prediction = actual"), p.svg("chart-scatter-svg", "Predicted against actual", desc), null, false);
  }

  private static String ordinal(long k) {
    if (k == 2) return "2nd";
    if (k == 3) return "3rd";
    return k + "th";
  }

  private static String residuals(Report.Histogram h) {
    List<Double> e = nz(h.edges());
    List<Double> c = nz(h.counts());
    double max = 1;
    for (Double v : c) if (v != null) max = Math.max(max, v);
    double lo = e.isEmpty() ? -1 : e.get(0);
    double hi = e.isEmpty() ? 1 : e.get(e.size() - 1);
    Plot p = new Plot(480, 380, 74, 20, 14, 50).x(lo, hi, 6, true).y(0, max, 4, true);
    p.axes("Residual: actual minus predicted", "Rows");
    StringBuilder desc = new StringBuilder("Histogram of residuals (actual minus predicted) from ").append(Svg.value(lo)).append(" to ")
        .append(Svg.value(hi)).append(" in ").append(Math.max(0, e.size() - 1)).append(" bins:");
    for (int i = 0; i + 1 < e.size() && i < c.size(); i++) {
      double v = c.get(i) == null ? 0 : c.get(i);
      double x0 = p.x.at(e.get(i));
      double x1 = p.x.at(e.get(i + 1));
      p.rect(x0 + 0.5, p.y.at(v), x1 - x0 - 1, p.y.at(0) - p.y.at(v), "bar-main", null,
          Svg.value(e.get(i)) + " to " + Svg.value(e.get(i + 1)) + ": " + Html.count(v) + " rows");
      if (v > 0) desc.append(' ').append(Svg.value(e.get(i))).append(" to ").append(Svg.value(e.get(i + 1))).append(": ").append(Html.count(v)).append(';');
    }
    if (p.x.d0 < 0 && p.x.d1 > 0) {
      p.line(p.x.at(0), p.top, p.x.at(0), p.bottom, "zero");
      p.text(p.x.at(0) + 4, p.top + 12, "0", "small", "start");
    }
    return figure("chart-residuals", "residuals", "Residuals", "Right of zero the prediction was too low, left of zero too high.",
        key("bar-main", null, "rows per bin"), p.svg("chart-residuals-svg", "Residuals", desc.toString()), null, false);
  }

  private static String errorBySlice(Report r) {
    List<String> measures = new ArrayList<>();
    for (String m : List.of("mae", "rmse")) if (r.metrics() != null && r.metrics().containsKey(m)) measures.add(m);
    if (measures.isEmpty()) return "";
    List<ForestRow> rows = new ArrayList<>();
    List<Report.Estimate> overall = new ArrayList<>();
    for (String m : measures) overall.add(r.metrics().get(m));
    rows.add(new ForestRow("all rows", r.rows() == null ? "" : Html.count(r.rows().evaluated()) + " rows", overall, false, true));
    for (Map.Entry<String, Map<String, Report.SliceGroup>> s : r.slices().entrySet()) {
      int shown = 0;
      for (Map.Entry<String, Report.SliceGroup> g : s.getValue().entrySet()) {
        if (shown++ >= MAX_GROUPS) break;
        List<Report.Estimate> es = new ArrayList<>();
        for (String m : measures) es.add(g.getValue().metrics() == null ? null : g.getValue().metrics().get(m));
        rows.add(new ForestRow(g.getKey(), s.getKey() + " · " + Html.count(g.getValue().rows()) + " rows", es, false, false));
      }
    }
    String title = "Error by slice";
    StringBuilder desc = new StringBuilder(String.join(" and ", measures)).append(" per slice group with intervals:");
    for (ForestRow fr : rows) {
      desc.append(' ').append(fr.label()).append(" (").append(fr.sub()).append(')');
      for (int k = 0; k < measures.size(); k++) desc.append(' ').append(measures.get(k)).append(' ').append(estimateText(fr.values().get(k)));
      desc.append(';');
    }
    String svg = forest("chart-error-by-slice-svg", title, desc.toString(), "Error (in the label's units)", rows, List.of(), measures.size() > 1);
    String legend = key("dot-main", "ci-main", measures.get(0)) + (measures.size() > 1 ? key("dot-base", "ci-base", measures.get(1)) : "");
    return figure("chart-error-by-slice", "error-by-slice", title, "Mean absolute and root-mean-square error of each group, with intervals.", legend,
        svg, null, false);
  }

  // ---------------------------------------------------------------- slices

  private static void slices(StringBuilder b, Report r, Task task) {
    if (r.slices() == null || r.slices().isEmpty()) return;
    String level = r.bootstrap() == null ? "95%" : Html.pct(r.bootstrap().confidence());
    List<CriterionResult> criteria = r.criteria() == null ? List.of() : r.criteria();
    b.append("<section class=\"card\" id=\"slices\">\n<h2>Slices</h2>\n<p class=\"lede\">Each group's value with its ").append(level)
        .append(" interval. ").append(key(null, "threshold", "criterion threshold")).append(key(null, "overall", "all rows"))
        .append(key("dot-worst", "ci-worst", "worst group")).append("</p>\n");
    for (Map.Entry<String, Map<String, Report.SliceGroup>> s : r.slices().entrySet()) {
      String column = s.getKey();
      Set<String> shown = new LinkedHashSet<>();
      if (r.suite().primaryMetric() != null) shown.add(r.suite().primaryMetric());
      for (CriterionResult c : criteria) if (column.equals(c.slice()) && c.metric() != null) shown.add(c.metric());
      b.append("<h3 class=\"slice-col\">By ").append(esc(column)).append(" <span class=\"group\">· ").append(s.getValue().size())
          .append(s.getValue().size() == 1 ? " group" : " groups").append("</span></h3>\n<div class=\"charts top\">\n");
      for (String metric : shown) b.append(sliceForest(r, task, column, s.getValue(), metric, criteria));
      b.append("</div>\n");
    }
    b.append("</section>\n");
  }

  private static String sliceForest(Report r, Task task, String column, Map<String, Report.SliceGroup> groups, String metric,
      List<CriterionResult> criteria) {
    Direction dir = direction(task, metric);
    List<CriterionResult> worstCriteria = new ArrayList<>();
    List<CriterionResult> gapCriteria = new ArrayList<>();
    for (CriterionResult c : criteria) {
      if (!column.equals(c.slice()) || !metric.equals(c.metric())) continue;
      if (isWorstCriterion(c)) worstCriteria.add(c);
      else if (isGapCriterion(c)) gapCriteria.add(c);
    }
    String worst = null;
    for (CriterionResult c : worstCriteria) if (c.group() != null && groups.containsKey(c.group())) worst = c.group();
    if (worst == null && dir != null) {
      double best = Double.NaN;
      for (Map.Entry<String, Report.SliceGroup> g : groups.entrySet()) {
        Report.Estimate e = g.getValue().metrics() == null ? null : g.getValue().metrics().get(metric);
        if (e == null || e.value() == null) continue;
        boolean worse = Double.isNaN(best) || (dir == Direction.HIGHER_IS_BETTER ? e.value() < best : e.value() > best);
        if (worse) {
          best = e.value();
          worst = g.getKey();
        }
      }
    }
    List<Map.Entry<String, Report.SliceGroup>> entries = new ArrayList<>(groups.entrySet());
    String note = null;
    if (entries.size() > MAX_GROUPS) {
      if (dir != null) {
        Comparator<Map.Entry<String, Report.SliceGroup>> byValue = Comparator.comparingDouble(g -> {
          Report.Estimate e = g.getValue().metrics() == null ? null : g.getValue().metrics().get(metric);
          if (e == null || e.value() == null) return Double.POSITIVE_INFINITY;
          return dir == Direction.HIGHER_IS_BETTER ? e.value() : -e.value();
        });
        entries.sort(byValue);
      }
      note = "Showing " + MAX_GROUPS + (dir != null ? " worst" : "") + " of " + entries.size() + " groups; the JSON report holds them all.";
      entries = entries.subList(0, MAX_GROUPS);
    }
    List<ForestRow> rows = new ArrayList<>();
    for (Map.Entry<String, Report.SliceGroup> g : entries) {
      Report.Estimate e = g.getValue().metrics() == null ? null : g.getValue().metrics().get(metric);
      boolean isWorst = g.getKey().equals(worst);
      List<Report.Estimate> one = new ArrayList<>();
      one.add(e);
      rows.add(new ForestRow(g.getKey(), Html.count(g.getValue().rows()) + " rows" + (isWorst ? " · worst" : ""), one, isWorst, false));
    }
    List<ForestRef> refs = new ArrayList<>();
    Report.Estimate all = r.metrics() == null ? null : r.metrics().get(metric);
    if (all != null && all.value() != null) refs.add(new ForestRef(all.value(), "all rows " + Svg.value(all.value()), "overall"));
    for (CriterionResult c : worstCriteria) {
      Boolean atLeast = atLeast(c);
      refs.add(new ForestRef(c.threshold(), c.id() + (atLeast == null ? " " : atLeast ? " ≥ " : " ≤ ") + Html.plain(c.threshold()), "threshold"));
    }
    StringBuilder desc = new StringBuilder(metric).append(" by ").append(column).append(':');
    for (ForestRow fr : rows) desc.append(' ').append(fr.label()).append(' ').append(estimateText(fr.values().get(0))).append(';');
    if (worst != null) desc.append(" worst group ").append(worst).append('.');
    for (CriterionResult c : worstCriteria) desc.append(" Criterion ").append(c.id()).append(": ").append(c.description()).append(", ").append(c.status()).append('.');
    StringBuilder caption = new StringBuilder();
    for (CriterionResult c : worstCriteria) {
      caption.append("<div>").append(badge(c.status().name())).append(" <b>").append(esc(c.id())).append("</b> ").append(esc(pretty(c.description())))
          .append("</div>");
    }
    for (CriterionResult c : gapCriteria) {
      caption.append("<div>").append(badge(c.status().name())).append(" <b>").append(esc(c.id())).append("</b> ").append(esc(pretty(c.description())))
          .append(": ").append(c.observed() == null ? "no value" : Html.num(c.observed()) + " " + Html.interval(c.ci()))
          .append(c.group() == null ? "" : " (" + esc(c.group()) + ")").append("</div>");
      desc.append(" Criterion ").append(c.id()).append(": ").append(c.description()).append(", observed ")
          .append(c.observed() == null ? "no value" : Html.num(c.observed())).append(", ").append(c.status()).append('.');
    }
    if (note != null) caption.append("<div>").append(esc(note)).append("</div>");
    String title = metric + " by " + column;
    String id = "chart-slice-" + Html.slug(column) + "-" + Html.slug(metric);
    String sub = (dir == Direction.HIGHER_IS_BETTER ? "Higher is better" : dir == Direction.LOWER_IS_BETTER ? "Lower is better" : "")
        + (worst != null ? (dir == null ? "" : "; ") + "the worst group is " + worst + "." : dir == null ? "" : ".");
    String svg = forest(id + "-svg", title, desc.toString(), metric, rows, refs, false);
    return "<figure class=\"chart\" id=\"" + id + "\" data-chart=\"slice\" data-slice=\"" + esc(column) + "\" data-metric=\"" + esc(metric) + "\">"
        + "<figcaption><h3>" + esc(title) + "</h3><p>" + esc(sub) + "</p></figcaption>\n" + svg + "\n"
        + (caption.length() > 0 ? "<div class=\"note\">" + caption + "</div>" : "") + "</figure>\n";
  }

  /** One row of a forest plot: a label, a smaller line under it, one estimate per series. */
  record ForestRow(String label, String sub, List<Report.Estimate> values, boolean worst, boolean emphasis) {}

  /** A vertical reference line across a forest plot: a threshold or the value over all rows. */
  record ForestRef(double value, String label, String cls) {}

  /**
   * Groups down the side, each estimate a dot with its interval; the worst row banded and drawn in
   * vermillion; reference lines across. With one series the value is written at the right.
   */
  static String forest(String id, String title, String desc, String axisTitle, List<ForestRow> rows, List<ForestRef> refs, boolean twoSeries) {
    boolean text = !twoSeries;
    double rowH = twoSeries ? 42 : 38;
    double top = refs.isEmpty() ? 12 : refs.size() > 1 ? 42 : 26;
    // Narrower than the other charts so that, shrunk to a phone's width, the group names stay readable.
    double width = 440;
    double labelW = 112;
    double valueW = text ? 128 : 14;
    Plot p = new Plot(width, top + rows.size() * rowH + 50, labelW, valueW, top, 50);
    List<Double> all = new ArrayList<>();
    for (ForestRow fr : rows) for (Report.Estimate e : fr.values()) collect(all, e);
    for (ForestRef ref : refs) all.add(ref.value());
    double lo = all.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    double hi = all.stream().mapToDouble(Double::doubleValue).max().orElse(1);
    double pad = (hi - lo) * 0.04;
    p.x(lo - pad, hi + pad, 5, true);
    for (int i = 0; i < rows.size(); i++) {
      ForestRow fr = rows.get(i);
      double cy = top + rowH * (i + 0.5);
      if (fr.worst()) p.rect(4, cy - rowH / 2 + 2, width - 8, rowH - 4, "worst-band");
      else if (i % 2 == 1) p.rect(4, cy - rowH / 2 + 2, width - 8, rowH - 4, "track");
    }
    p.xAxis(axisTitle);
    for (int k = 0; k < refs.size(); k++) {
      ForestRef ref = refs.get(k);
      double x = p.x.at(ref.value());
      p.line(x, top - 4, x, p.bottom, ref.cls());
      double ty = refs.size() > 1 ? (k == 0 ? 13 : 30) : 16;
      String anchor = x > p.right - 60 ? "end" : x < p.left + 60 ? "start" : "middle";
      p.text(x, ty, ref.label(), ref.cls().equals("threshold") ? "label strong" : "small", anchor);
    }
    for (int i = 0; i < rows.size(); i++) {
      ForestRow fr = rows.get(i);
      double cy = top + rowH * (i + 0.5);
      String cls = fr.worst() || fr.emphasis() ? "label strong" : "label";
      p.clippedText(10, cy - 2, fr.label(), 13, cls, "start");
      p.clippedText(10, cy + 13, fr.sub(), 19, "small", "start");
      int n = fr.values().size();
      for (int k = 0; k < n; k++) {
        Report.Estimate e = fr.values().get(k);
        double y = cy + (k - (n - 1) / 2.0) * 10;
        if (e == null || e.value() == null) {
          p.text(p.left + 6, y + 4, e == null ? "not computed" : "undefined", "small", "start");
          continue;
        }
        String series = fr.worst() ? "worst" : k == 0 ? "main" : "base";
        if (e.ci() != null && e.ci().size() == 2 && e.ci().get(0) != null && e.ci().get(1) != null) {
          p.line(p.x.clamped(e.ci().get(0)), y, p.x.clamped(e.ci().get(1)), y, "ci-" + series);
        }
        if (series.equals("base")) p.diamond(p.x.clamped(e.value()), y, 5, "dot-base");
        else p.circle(p.x.clamped(e.value()), y, fr.worst() ? 5.5 : 4.5, "dot-" + series, null);
      }
      if (text) {
        Report.Estimate e = fr.values().get(0);
        String v = e == null || e.value() == null ? "–" : Html.num(e.value());
        p.text(width - 10, cy - 2, v, fr.worst() ? "label strong" : "label", "end");
        if (e != null && e.ci() != null) p.text(width - 10, cy + 13, Html.interval(e.ci()), "small", "end");
      }
    }
    return p.svg(id, title, desc);
  }

  // ---------------------------------------------------------------- compare

  private static String rankingForest(CompareReport c, Task task, Report first) {
    List<ForestRow> rows = new ArrayList<>();
    StringBuilder desc = new StringBuilder(c.primaryMetric()).append(" of each submission, best first:");
    for (CompareReport.Ranked rk : c.ranking()) {
      List<Report.Estimate> one = new ArrayList<>();
      one.add(rk.primary());
      rows.add(new ForestRow(rk.rank() + ". " + rk.name(), rk.verdict() == null ? "" : rk.verdict().name(), one, false, rk.rank() == 1));
      desc.append(' ').append(rk.rank()).append(' ').append(rk.name()).append(' ').append(estimateText(rk.primary())).append(" (")
          .append(rk.verdict()).append(");");
    }
    List<ForestRef> refs = new ArrayList<>();
    if (first != null && first.baseline() != null && first.baseline().metrics() != null) {
      Report.Estimate base = first.baseline().metrics().get(c.primaryMetric());
      if (base != null && base.value() != null) {
        refs.add(new ForestRef(base.value(), "baseline " + Svg.value(base.value()), "overall"));
        desc.append(" Baseline ").append(Html.num(base.value())).append('.');
      }
    }
    if (first != null && first.criteria() != null) {
      for (CriterionResult cr : first.criteria()) {
        if (cr.slice() == null && c.primaryMetric().equals(cr.metric()) && cr.description() != null
            && (cr.description().startsWith(cr.metric() + " >= ") || cr.description().startsWith(cr.metric() + " <= "))) {
          Boolean atLeast = atLeast(cr);
          refs.add(new ForestRef(cr.threshold(), cr.id() + (atLeast == null ? " " : atLeast ? " ≥ " : " ≤ ") + Html.plain(cr.threshold()), "threshold"));
          desc.append(" Criterion ").append(cr.id()).append(": ").append(cr.description()).append('.');
        }
      }
    }
    String title = c.primaryMetric() + " by submission";
    Direction dir = direction(task, c.primaryMetric());
    String sub = (dir == Direction.HIGHER_IS_BETTER ? "Higher is better. " : dir == Direction.LOWER_IS_BETTER ? "Lower is better. " : "")
        + "Overlapping intervals do not mean a tie: the paired differences below decide.";
    boolean baseline = refs.stream().anyMatch(f -> f.cls().equals("overall"));
    boolean threshold = refs.stream().anyMatch(f -> f.cls().equals("threshold"));
    String legend = key("dot-main", "ci-main", "value and interval") + (baseline ? key(null, "overall", "baseline") : "")
        + (threshold ? key(null, "threshold", "criterion threshold") : "");
    return figure("chart-ranking", "ranking", title, sub, legend, forest("chart-ranking-svg", title, desc.toString(), c.primaryMetric(), rows, refs, false),
        null, false);
  }

  private static String pairMatrix(CompareReport c, Task task) {
    List<String> names = new ArrayList<>();
    for (CompareReport.Ranked rk : c.ranking()) names.add(rk.name());
    int k = names.size();
    Direction dir = direction(task, c.primaryMetric());
    double labelW = 130;
    double cell = Math.max(96, Math.min(150, (620 - labelW) / Math.max(1, k)));
    double cellH = 58;
    double y0 = 52;
    double width = Math.max(480, labelW + cell * k + 10);
    Plot p = new Plot(width, y0 + cellH * k + 12, 0, 0, 0, 0);
    double x0 = labelW;
    StringBuilder desc = new StringBuilder("Paired difference in ").append(c.primaryMetric()).append(", row minus column:");
    p.text(x0 + cell * k / 2, 14, "row minus column", "small", "middle");
    for (int j = 0; j < k; j++) p.clippedText(x0 + cell * (j + 0.5), y0 - 12, names.get(j), (int) (cell / 8), "label strong", "middle");
    for (int i = 0; i < k; i++) {
      double cy = y0 + cellH * i;
      p.clippedText(x0 - 10, cy + cellH / 2 + 4, names.get(i), 17, "label strong", "end");
      for (int j = 0; j < k; j++) {
        double cx = x0 + cell * j;
        if (i == j) {
          p.rect(cx + 1, cy + 1, cell - 2, cellH - 2, "pair-diag");
          p.text(cx + cell / 2, cy + cellH / 2 + 4, "—", "small", "middle");
          continue;
        }
        Report.Estimate d = difference(c.pairs(), names.get(i), names.get(j));
        String kind = liftKind(d, dir);
        String cls = kind == null || kind.equals("same") ? "pair-same" : kind.equals("better") ? "pair-better" : "pair-worse";
        String word = kind == null ? "undefined" : kind.equals("same") ? "no clear difference" : kind.equals("better") ? "row better" : "row worse";
        CompareReport.Test test = test(c.pairs(), names.get(i), names.get(j));
        String tip = names.get(i) + " minus " + names.get(j) + ": " + (d == null || d.value() == null ? "no value" : Html.signed(d.value()) + " "
            + Html.signedInterval(d.ci()) + (d.pValue() == null ? "" : String.format(Locale.ROOT, ", p = %.3f", d.pValue()))) + " (" + word + ")"
            + (test == null || test.pValue() == null ? "" : "; " + test.name() + " two-sided p = " + Format.number(test.pValue()) + ", Holm p = "
                + Format.number(test.pHolm()));
        p.rect(cx + 1, cy + 1, cell - 2, cellH - 2, cls, null, tip);
        if (d == null || d.value() == null) {
          p.text(cx + cell / 2, cy + cellH / 2 + 4, "undefined", "small", "middle");
        } else {
          p.text(cx + cell / 2, cy + 22, Html.signed(d.value()), "cell-text", "middle");
          if (d.ci() != null) p.text(cx + cell / 2, cy + 38, Html.signedInterval(d.ci()), "cell-sub", "middle");
          p.text(cx + cell / 2, cy + 51, word, "cell-sub", "middle");
        }
        desc.append(' ').append(tip).append(';');
      }
    }
    String title = "Paired differences in " + c.primaryMetric();
    return figure("chart-pairs", "pairs", title, "Row minus column; coloured when the interval excludes zero.", "", p.svg("chart-pairs-svg", title, desc.toString()),
        null, k > 3);
  }

  /** The paired test of a and b in either order, or null. */
  private static CompareReport.Test test(List<CompareReport.Pair> pairs, String a, String b) {
    if (pairs == null) return null;
    for (CompareReport.Pair p : pairs) {
      if ((p.a().equals(a) && p.b().equals(b)) || (p.a().equals(b) && p.b().equals(a))) return p.test();
    }
    return null;
  }

  /** "Tiers: 1 vendor-a, vendor-c; 2 vendor-b. ..." with the rule. */
  private static String tierSentence(CompareReport c) {
    StringBuilder s = new StringBuilder("Tiers of submissions that cannot be told apart:");
    Integer shown = null;
    for (CompareReport.Ranked r : c.ranking()) {
      if (r.tier() == null) continue;
      s.append(r.tier().equals(shown) ? ", " : (shown == null ? " " : "; ") + "tier " + r.tier() + ": ").append(r.name());
      shown = r.tier();
    }
    return s.append(". Rule: ").append(c.tiering().rule()).append('.').toString();
  }

  /** The pair's difference as a minus b; the report holds each pair once, so the other order is its negation. */
  private static Report.Estimate difference(List<CompareReport.Pair> pairs, String a, String b) {
    if (pairs == null) return null;
    for (CompareReport.Pair p : pairs) {
      if (p.a().equals(a) && p.b().equals(b)) return p.difference();
      if (p.a().equals(b) && p.b().equals(a)) {
        Report.Estimate d = p.difference();
        if (d == null || d.value() == null) return d;
        List<Double> ci = d.ci() == null || d.ci().size() < 2 ? null : List.of(-d.ci().get(1), -d.ci().get(0));
        // the one-sided p-value is about the stored order only, so the mirrored cell has none
        return new Report.Estimate(-d.value(), ci, null, null, null);
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- footer

  private static void footer(StringBuilder b, Report r) {
    provenance(b, r.suite(), r.submission(), r.bootstrap(), r.provenance(), r.charts());
  }

  /** How {@code holdout score} obtained the predictions: latency, throughput, failures, cost. */
  private static void serving(StringBuilder b, Report.Serving s) {
    b.append("<section class=\"card\" id=\"serving\">\n<h2>Serving</h2>\n<p class=\"lede\">")
        .append(s.kind().equals("onnx") ? "The ONNX model run in-process by Holdout: " : "The endpoint called by Holdout: ")
        .append(esc(s.target())).append("</p>\n<dl>");
    b.append("<dt>Rows</dt><dd>").append(Html.count(s.rows())).append(" sent, ").append(Html.count(s.rowsFailed()))
        .append(" without a prediction (error rate ").append(Html.plain(s.errorRate())).append(")</dd>");
    b.append("<dt>Calls</dt><dd>").append(Html.count(s.calls())).append(" of up to ").append(s.batchSize()).append(" rows, ")
        .append(s.concurrency()).append(" at a time; ").append(Html.count(s.failedAttempts())).append(" failed attempts, ")
        .append(Html.count(s.retries())).append(" retries</dd>");
    Report.Latency l = s.latencyMs();
    b.append("<dt>Latency per call</dt><dd>p50 ").append(Html.plain(l.p50())).append(" ms, p90 ").append(Html.plain(l.p90()))
        .append(" ms, p95 ").append(Html.plain(l.p95())).append(" ms, p99 ").append(Html.plain(l.p99())).append(" ms, max ")
        .append(Html.plain(l.max())).append(" ms</dd>");
    b.append("<dt>Throughput</dt><dd>").append(Html.count(Math.round(s.rowsPerSecond()))).append(" rows/s over ")
        .append(Html.plain(s.seconds())).append(" s</dd>");
    if (s.costPer1000() != null) b.append("<dt>Cost</dt><dd>").append(Html.money(s.costPer1000())).append(" per 1,000 rows</dd>");
    for (String e : s.errors()) b.append("<dt>Error</dt><dd>").append(esc(e)).append("</dd>");
    b.append("</dl>\n</section>\n");
  }

  private static void judge(StringBuilder b, Report.JudgeSummary j) {
    b.append("<section class=\"card\" id=\"judge\">\n<h2>Judge</h2>\n<p class=\"lede\">Each answer was graded ").append(j.repeats())
        .append(j.repeats() == 1 ? " time" : " times").append(" by ").append(esc(j.url())).append(j.model() == null ? "" : " (" + esc(j.model()) + ")")
        .append(" on the whole numbers ").append(j.scale().min()).append(" to ").append(j.scale().max())
        .append("; judge_score is the mean over answers of each answer's mean grade. An answer whose every repeat failed has no score and counts in judge_error_rate.</p>\n<dl>");
    b.append("<dt>Answers</dt><dd>").append(Html.count(j.rows())).append(" judged, ").append(Html.count(j.errors()))
        .append(" without a grade; ").append(Html.count(j.failedJudgements())).append(" failed judgements</dd>");
    b.append("<dt>Requests</dt><dd>").append(Html.count(j.requests())).append(" sent, ").append(Html.count(j.cached()))
        .append(" judgements from the cache</dd>");
    if (j.judgementsFile() != null) b.append("<dt>Grades and reasons</dt><dd>").append(esc(j.judgementsFile())).append("</dd>");
    Report.RepeatAgreement a = j.agreement();
    b.append("<dt>Agreement between repeats</dt><dd>");
    if (a.rows() == 0) {
      b.append(esc(a.exact().undefined()));
    } else {
      b.append(Html.count(a.rows())).append(" answers: all repeats equal ").append(pointOrWhy(a.exact())).append(", mean spread ")
          .append(pointOrWhy(a.meanSpread())).append(", Krippendorff's alpha (interval) ").append(pointOrWhy(a.krippendorffAlpha()));
    }
    b.append("</dd>");
    Report.HumanAgreement h = j.human();
    if (h != null) {
      b.append("<dt>Judge vs human grades</dt><dd>").append(esc(h.file())).append(": ").append(Html.count(h.rows())).append(" answers compared of ")
          .append(Html.count(h.graded())).append(" graded; Cohen's kappa ").append(estimateOrWhy(h.cohenKappa())).append(", quadratic-weighted ")
          .append(estimateOrWhy(h.cohenKappaQuadratic())).append("</dd>");
    }
    for (String e : j.errorExamples()) b.append("<dt>Error</dt><dd>").append(esc(e)).append("</dd>");
    b.append("</dl>\n</section>\n");
  }

  private static String pointOrWhy(Report.Estimate e) {
    return e.value() == null ? "undefined (" + esc(e.undefined()) + ")" : Html.num(e.value());
  }

  private static String estimateOrWhy(Report.Estimate e) {
    return e.value() == null ? "undefined (" + esc(e.undefined()) + ")" : Html.num(e.value()) + " " + Html.interval(e.ci());
  }

  private static void provenance(StringBuilder b, Report.SuiteInfo suite, Report.SubmissionInfo sub, Report.BootstrapInfo boot,
      Report.Provenance prov, Report.Charts charts) {
    b.append("<footer id=\"provenance\">\n<h2>Provenance</h2>\n<dl>");
    if (suite.file() != null) b.append("<dt>Suite</dt><dd>").append(esc(suite.file())).append(sha(suite.sha256())).append("</dd>");
    if (suite.data() != null) b.append("<dt>Evaluation set</dt><dd>").append(esc(suite.data())).append(sha(suite.dataSha256())).append("</dd>");
    if (sub != null && sub.file() != null) b.append("<dt>Submission</dt><dd>").append(esc(sub.file())).append(sha(sub.sha256())).append("</dd>");
    if (boot != null) {
      b.append("<dt>Intervals</dt><dd>").append(esc(boot.method())).append(" bootstrap, ").append(Html.count(boot.replicates()))
          .append(" replicates, ").append(Html.pct(boot.confidence())).append(" confidence, seed ").append(boot.seed());
      if (boot.note() != null) b.append("; ").append(esc(boot.note()));
      b.append("</dd>");
    }
    b.append("<dt>Charts</dt><dd>drawn from every row; curves downsampled to at most ").append(Report.Charts.MAX_POINTS)
        .append(" points and scatter plots to ").append(Html.count(Report.Charts.MAX_SCATTER))
        .append(" rows. The JSON report (--json) holds every figure on this page.</dd>");
    if (prov != null) {
      b.append("<dt>Made by</dt><dd>Holdout ").append(esc(prov.holdoutVersion())).append(" on Java ").append(esc(prov.java()))
          .append(", ").append(esc(prov.createdAt())).append("</dd>");
    }
    b.append("</dl>\n</footer>\n");
  }

  private static String sha(String sha) {
    return sha == null ? "" : " <span class=\"mono\">sha256 " + esc(sha) + "</span>";
  }

  // ---------------------------------------------------------------- helpers

  static String figure(String id, String kind, String title, String subtitle, String legend, String svg, String note, boolean wide) {
    StringBuilder s = new StringBuilder();
    s.append("<figure class=\"chart").append(wide ? " wide" : "").append("\" id=\"").append(id).append("\" data-chart=\"").append(kind).append("\">")
        .append("<figcaption><h3>").append(esc(title)).append("</h3>");
    if (subtitle != null) s.append("<p>").append(esc(subtitle)).append("</p>");
    if (legend != null && !legend.isEmpty()) s.append("<p class=\"legend\">").append(legend).append("</p>");
    s.append("</figcaption>\n").append(svg).append('\n');
    if (note != null) s.append("<p class=\"note\">").append(note).append("</p>");
    s.append("</figure>\n");
    return s.toString();
  }

  /** A legend key: a swatch or marker (class {@code dot}) and/or a line (class {@code line}) before the escaped text. */
  private static String key(String dot, String line, String text) {
    StringBuilder s = new StringBuilder("<span class=\"key\"><svg width=\"22\" height=\"12\" aria-hidden=\"true\">");
    if (line != null) s.append("<line class=\"").append(line).append("\" x1=\"1\" y1=\"6\" x2=\"21\" y2=\"6\"/>");
    if (dot != null) {
      if (dot.startsWith("bar-") || dot.startsWith("pair-")) s.append("<rect class=\"").append(dot).append("\" x=\"4\" y=\"1\" width=\"14\" height=\"10\"/>");
      else if (dot.equals("dot-base")) s.append("<path class=\"dot-base\" d=\"M11 1L16 6L11 11L6 6Z\"/>");
      else s.append("<circle class=\"").append(dot).append("\" cx=\"11\" cy=\"6\" r=\"").append(dot.equals("pt") ? "3" : "4.5").append("\"/>");
    }
    return s.append("</svg> ").append(esc(text)).append("</span>").toString();
  }

  private static String swatch(String swatch) {
    return "<svg width=\"14\" height=\"12\" aria-hidden=\"true\"><rect class=\"" + swatch + "\" x=\"0\" y=\"1\" width=\"14\" height=\"10\" stroke=\"#c9d0d6\"/></svg>";
  }

  private static String metricPhrase(Map<String, Report.Estimate> metrics, String metric, String what) {
    Double v = metricValue(metrics, metric);
    return v == null ? "" : ", " + what + " " + Html.num(v);
  }

  private static Double metricValue(Map<String, Report.Estimate> metrics, String metric) {
    if (metrics == null) return null;
    Report.Estimate e = metrics.get(metric);
    return e == null ? null : e.value();
  }

  private static String baselineName(Report r) {
    return r.baseline() == null ? "" : r.baseline().name();
  }

  private static Direction direction(Task task, String metric) {
    if (task == null || metric == null) return null;
    Optional<Direction> d = MetricCatalog.direction(task, metric);
    return d.orElse(null);
  }

  private static Task task(Report.SuiteInfo suite) {
    return suite == null || suite.task() == null ? null : Task.byKey(suite.task()).orElse(null);
  }

  private static String name(Report.SuiteInfo suite) {
    return suite == null || suite.name() == null ? "Holdout report" : suite.name();
  }

  private static <T> List<T> nz(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static String css() {
    try (InputStream in = HtmlReport.class.getResourceAsStream("report.css")) {
      if (in == null) throw new IllegalStateException("report.css is missing from the holdout-core jar");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
