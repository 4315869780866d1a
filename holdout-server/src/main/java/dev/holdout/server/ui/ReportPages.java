package dev.holdout.server.ui;

import static dev.holdout.server.ui.Shell.esc;

import dev.holdout.base.Format;
import dev.holdout.engagement.Economics;
import dev.holdout.render.EngagementSection;
import dev.holdout.render.EngagementText;
import dev.holdout.render.HtmlReport;
import dev.holdout.render.JsonReport;
import dev.holdout.result.CompareReport;
import dev.holdout.result.Report;
import dev.holdout.server.base.ApiException;
import dev.holdout.server.base.Bounded;
import dev.holdout.server.project.Projects;
import dev.holdout.server.submission.Champions;
import dev.holdout.server.submission.Submission;
import dev.holdout.server.submission.Submissions;
import dev.holdout.verdict.CriterionResult;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The owner's view of results: one submission (its private verdict, criteria and slice gaps, then
 * its full HTML report as {@code evaluate --html} draws it, framed), a comparison of two to four
 * submissions on the same rows (ranking with tiers, paired differences, cost per 1,000 decisions,
 * worst slices, then the full comparison page), and promotion and rollback with the refusal's
 * evidence when refused. Figures are read from the reports; nothing is recomputed but a slice's gap.
 */
final class ReportPages {
  private final Projects projects;
  private final Submissions submissions;
  private final Champions champions;

  ReportPages(Projects projects, Submissions submissions, Champions champions) {
    this.projects = projects;
    this.submissions = submissions;
    this.champions = champions;
  }

  void submission(Context ctx, Sessions.Session s) {
    String p = ctx.pathParam("project");
    Submission x = submissions.visible(s.who(), p, ctx.pathParam("submission"));
    String part = part(ctx);
    StringBuilder b = new StringBuilder();
    Shell.header(b, "Submission · " + projects.get(p).name(), x.name(), null);
    b.append("<p>").append(Shell.link("/projects/" + p, "Back to the project")).append("</p>\n<section class=\"card\" id=\"status\"><h2>Status</h2>");
    Map<String, String> f = new LinkedHashMap<>();
    f.put("Vendor", esc(x.vendorName()));
    f.put("Status", Shell.badge(x.status().key()) + (x.error() == null ? "" : " " + esc(x.error())));
    f.put("Submitted (UTC)", Shell.time(x.createdAt()));
    f.put("Public score (raw)", Shell.num(x.publicScore()));
    f.put("Shown to vendors (Ladder)", Shell.num(x.shownScore()));
    f.put("Private verdict", Shell.badge(x.verdict()));
    f.put("File SHA-256", "<code>" + esc(x.sha256()) + "</code> (" + Format.count(x.bytes()) + " bytes)");
    Shell.facts(b, f);
    b.append("</section>\n");
    if (x.status() == Submission.Status.DONE) {
      Report r = JsonReport.readReport(submissions.report(p, x.id(), part));
      b.append("<nav class=\"toc\" aria-label=\"Part of the evaluation set\">");
      for (String q : List.of("private", "public", "all")) {
        b.append(q.equals(part) ? "<b aria-current=\"page\">" + q + " part</b>" : Shell.link("?part=" + q, q + (q.equals("all") ? " rows" : " part")));
      }
      b.append("</nav>\n");
      criteria(b, "Criteria on the " + part + (part.equals("all") ? " rows" : " part") + ": " + r.verdict(), r.criteria(), "criteria");
      sliceGaps(b, r);
      String src = "/projects/" + p + "/submissions/" + x.id() + "/report?part=" + part;
      b.append("<section class=\"card\" id=\"report\"><h2>Full report</h2><p>").append(Shell.link(src, "Open the full report on its own page"))
          .append("</p><iframe class=\"report\" sandbox title=\"Full report of ").append(esc(x.name())).append("\" src=\"").append(esc(src)).append("\"></iframe></section>\n");
    }
    OwnerPages.send(ctx, 200, Shell.page(x.name(), s, b));
  }

  static void criteria(StringBuilder b, String title, List<CriterionResult> criteria, String id) {
    b.append("<section class=\"card\" id=\"").append(id).append("\"><h2>").append(esc(title)).append("</h2>");
    List<List<String>> rows = new ArrayList<>();
    for (CriterionResult c : criteria == null ? List.<CriterionResult>of() : criteria) {
      rows.add(List.of(esc(c.id()), esc(c.description()), Shell.badge(c.status()), Shell.num(c.observed()),
          c.ci() == null || c.ci().size() < 2 || c.ci().get(0) == null || c.ci().get(1) == null ? "" : esc(Format.interval(c.ci().get(0), c.ci().get(1))),
          esc(c.reason())));
    }
    Shell.table(b, "Criteria", List.of("Id", "Criterion", "Status", "#Observed", "#Interval", "Why"), rows, id + "-table");
    b.append("</section>\n");
  }

  /** Per slice column and metric: the worst and best group and the gap between them. */
  private static void sliceGaps(StringBuilder b, Report r) {
    if (r.slices() == null || r.slices().isEmpty()) return;
    b.append("<section class=\"card\" id=\"slice-gaps\"><h2>Slice gaps</h2><p class=\"lede\">For each slice column, the group that is worst on a metric, "
        + "the best group, and the gap between them (best minus worst, by the metric's direction).</p>");
    List<List<String>> rows = new ArrayList<>();
    for (var column : r.slices().entrySet()) {
      for (var worst : column.getValue().entrySet()) {
        if (worst.getValue().worstFor() == null) continue;
        for (String metric : worst.getValue().worstFor()) {
          Double w = value(worst.getValue(), metric);
          Double best = null;
          String bestGroup = null;
          for (var g : column.getValue().entrySet()) {
            Double v = value(g.getValue(), metric);
            if (v != null && w != null && (best == null || Math.abs(v - w) > Math.abs(best - w))) {
              best = v;
              bestGroup = g.getKey();
            }
          }
          rows.add(List.of(esc(column.getKey()), "<code>" + esc(metric) + "</code>", esc(worst.getKey()), Shell.num(w), esc(bestGroup), Shell.num(best),
              best == null || w == null ? "–" : esc(Format.number(Math.abs(best - w)))));
        }
      }
    }
    Shell.table(b, "Slice gaps", List.of("Slice", "Metric", "Worst group", "#Worst", "Best group", "#Best", "#Gap"), rows, "slice-gaps-table");
    b.append("</section>\n");
  }

  private static Double value(Report.SliceGroup g, String metric) {
    Report.Estimate e = g.metrics() == null ? null : g.metrics().get(metric);
    return e == null ? null : e.value();
  }

  /** The full report page, as evaluate --html writes it, under a policy that allows no script. */
  void reportFrame(Context ctx) {
    String p = ctx.pathParam("project");
    String html = HtmlReport.render(JsonReport.readReport(submissions.report(p, ctx.pathParam("submission"), part(ctx))));
    framed(ctx, html);
  }

  private static void framed(Context ctx, String html) {
    ctx.header("Content-Security-Policy", Ui.REPORT_CSP).header("X-Frame-Options", "SAMEORIGIN").contentType("text/html; charset=utf-8").result(html);
  }

  void compare(Context ctx, Sessions.Session s) {
    String p = ctx.pathParam("project");
    List<String> ids = picked(ctx);
    String part = part(ctx);
    CompareReport c = champions.compare(p, ids, part);
    StringBuilder b = new StringBuilder();
    Shell.header(b, "Comparison · " + projects.get(p).name(), ids.size() + " submissions on the same " + part + " rows", null);
    b.append("<p>").append(Shell.link("/projects/" + p + "#submissions", "Back to the project")).append("</p>\n");
    b.append("<section class=\"card\" id=\"ranking\"><h2>Ranking by ").append(esc(c.primaryMetric())).append("</h2>");
    if (c.tiering() != null) b.append("<p class=\"lede\">").append(esc(c.tiering().rule())).append("</p>");
    Map<String, Report> reports = new HashMap<>();
    for (Report r : c.reports()) reports.put(r.submission().name(), r);
    List<List<String>> rows = new ArrayList<>();
    for (CompareReport.Ranked rk : c.ranking()) {
      Report r = reports.get(rk.name());
      Report.Estimate e = rk.primary();
      rows.add(List.of(Integer.toString(rk.rank()), rk.tier() == null ? "–" : rk.tier().toString(), esc(rk.name()), Shell.num(e == null ? null : e.value()),
          e == null || e.ci() == null ? "" : esc(Format.interval(e.ci().get(0), e.ci().get(1))), Shell.badge(rk.verdict()),
          r == null || r.costs() == null ? "–" : esc(Format.money(r.costs().per1000())), worstSlice(r, c.primaryMetric())));
    }
    Shell.table(b, "Ranking; cost per 1,000 decisions from the suite's costs; the worst group of each slice column on " + c.primaryMetric(),
        List.of("#Rank", "#Tier", "Submission", "#" + c.primaryMetric(), "#Interval", "Verdict", "#Cost / 1,000", "Worst slice"), rows, "ranking-table");
    b.append("</section>\n<section class=\"card\" id=\"pairs\"><h2>Paired differences</h2><p class=\"lede\">A minus B on the same rows, with the "
        + "paired interval and the test that fits the metric; distinguishable means the test says so after Holm's adjustment.</p>");
    rows = new ArrayList<>();
    for (CompareReport.Pair pair : c.pairs()) {
      Report.Estimate d = pair.difference();
      rows.add(List.of(esc(pair.a()), esc(pair.b()), d == null || d.value() == null ? "–" : esc(Format.signed(d.value())),
          d == null || d.ci() == null ? "" : esc(Format.signedInterval(d.ci().get(0), d.ci().get(1))),
          pair.test() == null ? "" : esc(pair.test().name()), pair.test() == null || pair.test().pHolm() == null ? "–" : esc(Format.number(pair.test().pHolm())),
          pair.test() == null || pair.test().different() == null ? "–" : pair.test().different() ? "yes" : "no"));
    }
    Shell.table(b, "Pairs", List.of("A", "B", "#A minus B", "#Interval", "Test", "#p (Holm)", "Distinguishable"), rows, "pairs-table");
    List<Economics> money = champions.engagement(p, c);
    if (!money.isEmpty()) {
      Economics first = money.get(0);
      b.append("</section>\n<section class=\"card\" id=\"engagement\"><h2>Engagement</h2><p class=\"lede\">What each delivery is worth over ")
          .append(first.years()).append(" years at ").append(esc(Format.count(Math.round(first.decisionsPerYear())))).append(" decisions a year")
          .append(first.currency() == null ? "" : ", in " + esc(first.currency())).append(", from the suite's engagement section and the measured costs.</p>");
      rows = new ArrayList<>();
      for (Economics e : money) {
        rows.add(List.of(esc(e.vendor()), esc(Format.money(e.buildPrice())), esc(Format.money(e.totalCost())), range(e.savingsPerYear()),
            range(e.netValue()), esc(EngagementText.months(e.breakEvenMonths()))));
      }
      Shell.table(b, "Money per submission", List.of("Submission", "#Build", "#Total cost of ownership", "#Savings a year", "#Net value", "Break-even"),
          rows, "engagement-table");
    }
    StringBuilder q = new StringBuilder("/projects/" + p + "/compare/report?part=" + part);
    for (String id : ids) q.append("&submission=").append(id);
    b.append("</section>\n<section class=\"card\" id=\"full-comparison\"><h2>Full comparison</h2><p>").append(Shell.link(q.toString(), "Open it on its own page"))
        .append("</p><iframe class=\"report\" sandbox title=\"Full comparison\" src=\"").append(esc(q)).append("\"></iframe></section>\n");
    OwnerPages.send(ctx, 200, Shell.page("Comparison", s, b));
  }

  /** The group worst on {@code metric} in each slice column, with its value (HTML, one column a line). */
  private static String worstSlice(Report r, String metric) {
    if (r == null || r.slices() == null) return "–";
    List<String> out = new ArrayList<>();
    r.slices().forEach((column, groups) -> groups.forEach((group, g) -> {
      if (g.worstFor() != null && g.worstFor().contains(metric)) out.add(esc(column + " = " + group) + " (" + Shell.num(value(g, metric)) + ")");
    }));
    return out.isEmpty() ? "–" : String.join("<br>", out);
  }

  void compareFrame(Context ctx) {
    String p = ctx.pathParam("project");
    CompareReport c = champions.compare(p, picked(ctx), part(ctx));
    framed(ctx, HtmlReport.render(c, new EngagementSection(champions.engagement(p, c), List.of(), List.of())));
  }

  /** "131,544.00 [120,000.00, 140,000.00]"; "–" without a value. */
  private static String range(Economics.Range r) {
    return r == null || r.value() == null ? "–" : esc(EngagementText.money(r));
  }

  private static List<String> picked(Context ctx) {
    List<String> ids = ctx.queryParams("submission").stream().distinct().toList();
    if (ids.size() < 2 || ids.size() > 4) {
      throw ApiException.badRequest("tick two to four evaluated submissions to compare (" + ids.size() + " ticked); go back to the project's submissions");
    }
    return ids;
  }

  private static String part(Context ctx) {
    String part = ctx.queryParam("part");
    if (part == null || part.isBlank()) return "private";
    if (!Projects.PARTS.contains(part)) throw ApiException.badRequest("part: expected one of " + Projects.PARTS + ", found '" + Bounded.echo(part) + "'");
    return part;
  }

  void promote(Context ctx, Sessions.Session s, OwnerProjectPage page) {
    String p = ctx.pathParam("project");
    String id = ctx.formParam("submission");
    if (id == null || id.isBlank()) throw ApiException.badRequest("choose the submission to promote");
    try {
      champions.promote(s.who(), p, id);
    } catch (Champions.Refused e) {
      page.render(ctx, s, new OwnerProjectPage.Flash(409, Shell.notice("error", "Promotion refused: " + e.getMessage()), Map.of(), evidence(e.details())));
      return;
    } catch (ApiException e) {
      page.render(ctx, s, OwnerProjectPage.Flash.error(e.status(), e.getMessage(), Map.of()));
      return;
    }
    ctx.redirect("/projects/" + p + "?done=promoted#champion", HttpStatus.SEE_OTHER);
  }

  void rollback(Context ctx, Sessions.Session s, OwnerProjectPage page) {
    String p = ctx.pathParam("project");
    try {
      champions.rollback(s.who(), p);
    } catch (ApiException e) {
      page.render(ctx, s, OwnerProjectPage.Flash.error(e.status(), "Rollback refused: " + e.getMessage(), Map.of()));
      return;
    }
    ctx.redirect("/projects/" + p + "?done=rolled-back#champion", HttpStatus.SEE_OTHER);
  }

  /** A refused promotion's evidence: the private criteria, and the difference against the champion with its rule. */
  @SuppressWarnings("unchecked")
  private static String evidence(Map<String, Object> details) {
    StringBuilder b = new StringBuilder("<div id=\"evidence\">");
    if (details == null) return "";
    Object crit = details.get("criteria");
    if (crit instanceof List<?> l) {
      criteria(b, "Evidence: criteria on the private part (" + details.get("verdict_private") + ")", (List<CriterionResult>) l, "evidence-criteria");
    }
    if (details.get("against_champion") instanceof Map<?, ?> g) {
      Map<String, Object> diff = (Map<String, Object>) g.get("difference");
      Object ci = diff == null ? null : diff.get("ci");
      b.append("<section class=\"card\" id=\"evidence-champion\"><h2>Evidence: against the champion</h2>");
      Map<String, String> f = new LinkedHashMap<>();
      f.put("Champion", esc(g.get("champion")));
      f.put("Metric", "<code>" + esc(g.get("metric")) + "</code> on the " + esc(g.get("part")) + " part, " + esc(g.get("rows")) + " rows");
      f.put("Challenger minus champion", diff == null ? "–" : Shell.num(diff.get("value"))
          + (ci instanceof List<?> c && c.size() == 2 && c.get(0) instanceof Double lo && c.get(1) instanceof Double hi ? " " + esc(Format.signedInterval(lo, hi)) : ""));
      f.put("Tolerance", Shell.num(g.get("tolerance")));
      f.put("Rule", esc(g.get("explanation")));
      f.put("Result", Shell.badge(Boolean.TRUE.equals(g.get("pass")) ? "PASS" : "FAIL"));
      Shell.facts(b, f);
      b.append("</section>\n");
    }
    return b.append("</div>\n").toString();
  }
}
