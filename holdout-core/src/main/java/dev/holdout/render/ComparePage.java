package dev.holdout.render;

import static dev.holdout.render.Html.esc;

import dev.holdout.base.Format;
import dev.holdout.metric.Direction;
import dev.holdout.metric.Task;
import dev.holdout.render.Svg.Plot;
import dev.holdout.result.CompareReport;
import dev.holdout.result.Report;
import dev.holdout.verdict.CriterionResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The page comparing several submissions on one suite: the ranking with each submission's verdict,
 * a forest plot of the primary metric, the matrix of paired differences coloured by whether the
 * interval excludes zero, every criterion by submission, and the engagement's money and scorecards when given.
 */
final class ComparePage {
  private ComparePage() {}

  static String render(CompareReport c, EngagementSection engagement) {
    StringBuilder b = new StringBuilder(256 * 1024);
    Task task = HtmlReport.task(c.suite());
    List<CompareReport.Ranked> ranking = c.ranking() == null ? List.of() : c.ranking();
    StringBuilder facts = new StringBuilder();
    facts.append("<li><b>").append(ranking.size()).append("</b> submissions</li><li>ranked by <b>").append(esc(c.primaryMetric())).append("</b></li>");
    if (c.pairs() != null && !c.pairs().isEmpty()) {
      facts.append("<li>paired on the same <b>").append(Format.count(c.pairs().get(0).rows())).append("</b> rows</li>");
    }
    if (c.suite().data() != null) facts.append("<li>evaluation set <b>").append(esc(c.suite().data())).append("</b></li>");
    Page.header(b, "Holdout comparison · " + Html.words(c.suite().task()), HtmlReport.name(c.suite()), c.suite().problem(), facts);
    Map<String, String> links = new LinkedHashMap<>();
    links.put("ranking", "Ranking");
    links.put("differences", "Differences");
    links.put("criteria", "Criteria");
    if (!engagement.isEmpty()) links.put("engagement", "Engagement");
    links.put("provenance", "Provenance");
    Page.nav(b, links);

    Map<String, Report> byName = new LinkedHashMap<>();
    if (c.reports() != null) for (Report r : c.reports()) if (r.submission() != null) byName.put(r.submission().name(), r);
    Report first = c.reports() == null || c.reports().isEmpty() ? null : c.reports().get(0);
    String level = HtmlReport.level(first == null ? null : first.bootstrap());

    b.append("<section class=\"card\" id=\"ranking\">\n<h2>Ranking by ").append(esc(c.primaryMetric())).append("</h2>\n");
    b.append("<p class=\"lede\">Each submission's ").append(esc(c.primaryMetric())).append(" with its ").append(level)
        .append(" bootstrap interval, best first, and its own verdict against the suite.</p>\n");
    boolean tiered = c.tiering() != null;
    if (tiered) b.append("<p class=\"lede\">").append(esc(tierSentence(c))).append("</p>\n");
    b.append("<div class=\"table-wrap\"><table class=\"ranking\"><thead><tr><th class=\"num\">Rank</th>")
        .append(tiered ? "<th class=\"num\">Tier</th>" : "").append("<th>Submission</th>")
        .append("<th class=\"num\">").append(esc(c.primaryMetric())).append("</th><th class=\"num\">").append(level)
        .append(" interval</th><th>Verdict</th><th>Criteria</th><th class=\"num\">Cost per 1,000</th><th>Worst slice group</th></tr></thead><tbody>\n");
    for (CompareReport.Ranked rk : ranking) {
      Report r = byName.get(rk.name());
      b.append("<tr data-submission=\"").append(esc(rk.name())).append("\" data-verdict=\"").append(rk.verdict()).append("\"><td class=\"num\">")
          .append(rk.rank()).append("</td>").append(tiered ? "<td class=\"num\">" + (rk.tier() == null ? "–" : rk.tier()) + "</td>" : "")
          .append("<td class=\"metric-name\">").append(esc(rk.name())).append("</td>");
      MetricsSection.estimateCells(b, rk.primary());
      b.append("<td>").append(Html.badge(rk.verdict() == null ? "–" : rk.verdict().name())).append("</td><td>")
          .append(r == null ? "" : esc(VerdictBanner.criteriaSummary(r.criteria()))).append("</td>");
      SubmissionFacts f = SubmissionFacts.of(r, c.primaryMetric());
      b.append("<td class=\"num\">").append(esc(f.cost())).append("</td><td>").append(esc(f.worst())).append("</td></tr>\n");
    }
    b.append("</tbody></table></div>\n</section>\n");

    b.append("<section class=\"card\" id=\"differences\">\n<h2>Which gaps are real</h2>\n");
    b.append("<p class=\"lede\">Intervals of separate submissions often overlap even when one is reliably better, because both ")
        .append("were scored on the same rows. The matrix gives the paired difference in ").append(esc(c.primaryMetric()))
        .append(", row submission minus column submission, with a ").append(level)
        .append(" paired bootstrap interval. A coloured cell's interval excludes zero: ")
        .append(Figures.swatch("pair-better")).append(" the row is better, ").append(Figures.swatch("pair-worse"))
        .append(" the row is worse; ").append(Figures.swatch("pair-same")).append(" grey cells cannot be told apart on this data.</p>\n");
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
            .append("</div><div class=\"crit-desc\">").append(esc(CriteriaSection.pretty(head.description()))).append("</div></td>");
        for (CompareReport.Ranked rk : ranking) {
          Report r = byName.get(rk.name());
          CriterionResult cr = r == null || r.criteria() == null || r.criteria().size() <= i ? null : r.criteria().get(i);
          b.append("<td>");
          if (cr != null) {
            b.append(Html.badge(cr.status().name())).append("<div class=\"reason\">").append(cr.observed() == null ? "no value" : Html.num(cr.observed()));
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
    engagement.append(b);
    HtmlReport.provenance(b, c.suite(), null, first == null ? null : first.bootstrap(), c.provenance());
    return Page.document(HtmlReport.name(c.suite()) + " · comparison of " + ranking.size() + " submissions", b);
  }

  private static String rankingForest(CompareReport c, Task task, Report first) {
    List<Forest.Row> rows = new ArrayList<>();
    StringBuilder desc = new StringBuilder(c.primaryMetric()).append(" of each submission, best first:");
    for (CompareReport.Ranked rk : c.ranking()) {
      List<Report.Estimate> one = new ArrayList<>();
      one.add(rk.primary());
      rows.add(new Forest.Row(rk.rank() + ". " + rk.name(), rk.verdict() == null ? "" : rk.verdict().name(), one, false, rk.rank() == 1));
      desc.append(' ').append(rk.rank()).append(' ').append(rk.name()).append(' ').append(Html.estimate(rk.primary())).append(" (")
          .append(rk.verdict()).append(");");
    }
    List<Forest.Ref> refs = new ArrayList<>();
    if (first != null && first.baseline() != null && first.baseline().metrics() != null) {
      Report.Estimate base = first.baseline().metrics().get(c.primaryMetric());
      if (base != null && base.value() != null) {
        refs.add(new Forest.Ref(base.value(), "baseline " + Format.score(base.value()), "overall"));
        desc.append(" Baseline ").append(Html.num(base.value())).append('.');
      }
    }
    if (first != null && first.criteria() != null) {
      for (CriterionResult cr : first.criteria()) {
        if (cr.slice() == null && c.primaryMetric().equals(cr.metric()) && cr.description() != null
            && (cr.description().startsWith(cr.metric() + " >= ") || cr.description().startsWith(cr.metric() + " <= "))) {
          Boolean atLeast = CriteriaSection.atLeast(cr);
          refs.add(new Forest.Ref(cr.threshold(), cr.id() + (atLeast == null ? " " : atLeast ? " ≥ " : " ≤ ") + Format.plain(cr.threshold()), "threshold"));
          desc.append(" Criterion ").append(cr.id()).append(": ").append(cr.description()).append('.');
        }
      }
    }
    String title = c.primaryMetric() + " by submission";
    Direction dir = HtmlReport.direction(task, c.primaryMetric());
    String sub = (dir == Direction.HIGHER_IS_BETTER ? "Higher is better. " : dir == Direction.LOWER_IS_BETTER ? "Lower is better. " : "")
        + "Overlapping intervals do not mean a tie: the paired differences below decide.";
    boolean baseline = refs.stream().anyMatch(f -> f.cls().equals("overall"));
    boolean threshold = refs.stream().anyMatch(f -> f.cls().equals("threshold"));
    String legend = Figures.key("dot-main", "ci-main", "value and interval") + (baseline ? Figures.key(null, "overall", "baseline") : "")
        + (threshold ? Figures.key(null, "threshold", "criterion threshold") : "");
    return Figures.figure("chart-ranking", "ranking", title, sub, legend, Forest.draw("chart-ranking-svg", title, desc.toString(), c.primaryMetric(), rows, refs, false),
        null, false);
  }

  private static String pairMatrix(CompareReport c, Task task) {
    List<String> names = new ArrayList<>();
    for (CompareReport.Ranked rk : c.ranking()) names.add(rk.name());
    int k = names.size();
    Direction dir = HtmlReport.direction(task, c.primaryMetric());
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
        String kind = MetricsSection.liftKind(d, dir);
        String cls = kind == null || kind.equals("same") ? "pair-same" : kind.equals("better") ? "pair-better" : "pair-worse";
        String word = kind == null ? "undefined" : kind.equals("same") ? "no clear difference" : kind.equals("better") ? "row better" : "row worse";
        String tip = names.get(i) + " minus " + names.get(j) + ": " + (d == null || d.value() == null ? "no value" : Format.signed(d.value()) + " "
            + Html.signedInterval(d.ci()) + (d.pValue() == null ? "" : ", p = " + Format.score(d.pValue()))) + " (" + word + ")";
        CompareReport.Test test = test(c.pairs(), names.get(i), names.get(j));
        if (test != null && test.pValue() != null) {
          tip += "; " + test.name() + " two-sided p = " + Format.score(test.pValue()) + ", Holm p = " + Format.score(test.pHolm());
        }
        p.rect(cx + 1, cy + 1, cell - 2, cellH - 2, cls, null, tip);
        if (d == null || d.value() == null) {
          p.text(cx + cell / 2, cy + cellH / 2 + 4, "undefined", "small", "middle");
        } else {
          p.text(cx + cell / 2, cy + 22, Format.signed(d.value()), "cell-text", "middle");
          if (d.ci() != null) p.text(cx + cell / 2, cy + 38, Html.signedInterval(d.ci()), "cell-sub", "middle");
          p.text(cx + cell / 2, cy + 51, word, "cell-sub", "middle");
        }
        desc.append(' ').append(tip).append(';');
      }
    }
    String title = "Paired differences in " + c.primaryMetric();
    return Figures.figure("chart-pairs", "pairs", title, "Row minus column; coloured when the interval excludes zero.", "", p.svg("chart-pairs-svg", title, desc.toString()),
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

  /** "Tiers of submissions that cannot be told apart: tier 1: a, c; tier 2: b. Rule: ...". */
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
}
