package dev.holdout.render;

import dev.holdout.result.Report;
import dev.holdout.result.CompareReport;
import dev.holdout.base.Format;
import dev.holdout.metric.MetricCatalog;
import dev.holdout.verdict.CriterionResult;
import dev.holdout.verdict.Status;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The readable summary printed by {@code holdout evaluate} and {@code holdout compare}. Plain text, 100 columns. */
public final class TerminalReport {
  private TerminalReport() {}

  public static String render(Report r) {
    StringBuilder b = new StringBuilder();
    b.append("Holdout · ").append(r.suite().name()).append(" (").append(r.suite().task()).append(")\n");
    b.append(r.suite().problem()).append("\n\n");
    b.append("Submission ").append(r.submission().name()).append(" (").append(r.submission().file()).append(") on ")
        .append(r.suite().data()).append(": ");
    if ("retrieval".equals(r.suite().task())) {
      b.append(Format.count(r.rows().evaluated())).append(" queries evaluated, ").append(Format.count(r.rows().missingPredictions())).append(" without a ranked list");
    } else {
      b.append(Format.count(r.rows().evaluated())).append(" rows evaluated, ").append(Format.count(r.rows().missingPredictions())).append(" missing predictions, ")
          .append(Format.count(r.rows().extraPredictions())).append(" extra");
    }
    if (r.rows().ignored() > 0) b.append(", ").append(Format.count(r.rows().ignored())).append(" left out");
    if (r.rows().groups() != null) {
      b.append("; ").append(Format.count(r.rows().groups(), "group")).append(" of '")
          .append(r.bootstrap().group()).append("', which the intervals resample");
    }
    b.append("\n\n");

    String level = Format.level(r.bootstrap().confidence());
    // 18 fits every name but a few multilabel ones (label_ranking_average_precision), which widen the column
    int width = Math.max(18, r.metrics().keySet().stream().mapToInt(String::length).max().orElse(0));
    b.append(String.format(Locale.ROOT, "%-" + (width + 2) + "s %-30s %-12s %s%n", "Metric", "value [" + level + " CI]", "baseline",
        "difference [" + level + " CI]"));
    for (Map.Entry<String, Report.Estimate> e : r.metrics().entrySet()) {
      String name = e.getKey();
      String primary = name.equals(r.suite().primaryMetric()) ? "*" : " ";
      Report.Estimate base = r.baseline().metrics().get(name);
      Report.Estimate diff = r.baseline().difference().get(name);
      b.append(String.format(Locale.ROOT, "%s %-" + width + "s %-30s %-12s %s%n", primary, name, estimate(e.getValue()),
          base == null || base.value() == null ? "-" : Format.number(base.value()), diff == null || diff.value() == null ? "-" : signed(diff)));
    }
    b.append("  * primary metric. Baseline: ").append(r.baseline().description()).append("\n");
    Report.ConfusionMatrix cm = r.confusionMatrix();
    if (cm != null && cm.threshold() != null) {
      List<List<Double>> c = cm.counts();
      b.append(String.format(Locale.ROOT, "%nConfusion at threshold %s: tp %s  fp %s  fn %s  tn %s%n", Format.plain(cm.threshold()),
          Format.count(c.get(1).get(1)), Format.count(c.get(0).get(1)), Format.count(c.get(1).get(0)), Format.count(c.get(0).get(0))));
    }
    if (r.costs() != null) {
      b.append(String.format(Locale.ROOT, "Expected cost: %s per 1,000 decisions%s", Format.money(r.costs().per1000()),
          r.costs().per1000() < 0 ? " (negative: a net gain)" : ""));
      if (r.costs().optimalThreshold() != null) {
        b.append(String.format(Locale.ROOT, "; the cost-optimal threshold %s would give %s per 1,000",
            Format.plain(r.costs().optimalThreshold()), Format.money(r.costs().optimalPer1000())));
      }
      b.append("\n");
      if (r.costs().note() != null) b.append("  ").append(r.costs().note()).append("\n");
    }
    if (r.perClass() != null) {
      b.append(String.format(Locale.ROOT, "%n%-20s %-10s %-10s %-10s %s%n", "Class", "precision", "recall", "f1", "support"));
      r.perClass().forEach((cls, f) -> b.append(String.format(Locale.ROOT, "  %-18s %-10s %-10s %-10s %s%n", cls,
          value(f.precision()), value(f.recall()), value(f.f1()), Format.count(f.support()))));
    }
    if (r.labels() != null) labels(b, r.labels());
    if (r.charts() != null && r.charts().budgets() != null) {
      for (Report.BudgetPoint p : r.charts().budgets()) {
        b.append(String.format(Locale.ROOT, "Top %s by score: %s rows%s%n", MetricCatalog.percent(p.share()), Format.count(p.rows()),
            p.threshold() == null ? "" : ", scores at or above " + Format.number(p.threshold())));
      }
    }
    if (r.slices() != null) {
      Set<String> shown = new LinkedHashSet<>();
      shown.add(r.suite().primaryMetric());
      for (CriterionResult c : r.criteria()) if (c.slice() != null) shown.add(c.metric());
      for (Map.Entry<String, Map<String, Report.SliceGroup>> s : r.slices().entrySet()) {
        b.append("\nSlice ").append(s.getKey()).append("\n");
        b.append(String.format(Locale.ROOT, "  %-16s %8s", "group", "rows"));
        for (String m : shown) b.append(String.format(Locale.ROOT, "   %-30s", m));
        b.append("\n");
        for (Map.Entry<String, Report.SliceGroup> g : s.getValue().entrySet()) {
          b.append(String.format(Locale.ROOT, "  %-16s %8s", clip(g.getKey(), 16), Format.count(g.getValue().rows())));
          for (String m : shown) b.append(String.format(Locale.ROOT, "   %-30s", estimate(g.getValue().metrics().get(m))));
          b.append("\n");
        }
      }
    }
    if (r.serving() != null) serving(b, r.serving());
    if (r.judge() != null) judge(b, r.judge());
    b.append("\nCriteria\n");
    if (r.criteria().isEmpty()) b.append("  (none: the suite sets no acceptance criteria)\n");
    for (CriterionResult c : r.criteria()) {
      b.append(String.format(Locale.ROOT, "  %-13s %s: %s%n", c.status(), c.id(), c.description()));
      b.append("                ").append(observedText(c)).append(": ").append(c.reason()).append("\n");
    }
    long failed = r.criteria().stream().filter(c -> c.status() == Status.FAIL).count();
    long open = r.criteria().stream().filter(c -> c.status() == Status.INCONCLUSIVE).count();
    b.append("\nVerdict: ").append(r.verdict());
    if (!r.criteria().isEmpty()) {
      b.append(" (").append(r.criteria().size() - failed - open).append(" passed, ").append(failed).append(" failed, ")
          .append(open).append(" inconclusive of ").append(r.criteria().size()).append(" criteria)");
    }
    b.append("\n");
    return b.toString();
  }

  public static String render(CompareReport c) {
    StringBuilder b = new StringBuilder();
    b.append("Holdout · ").append(c.suite().name()).append(" · ").append(c.ranking().size()).append(" submissions ranked by ")
        .append(c.primaryMetric()).append("\n\n");
    String level = c.reports().isEmpty() ? "95%" : Format.level(c.reports().get(0).bootstrap().confidence());
    boolean tiers = c.tiering() != null;
    b.append(String.format(Locale.ROOT, "  %-4s %s%-24s %-32s %s%n", "rank", tiers ? "tier " : "", "submission", c.primaryMetric() + " [" + level + " CI]", "verdict"));
    for (CompareReport.Ranked r : c.ranking()) {
      String tier = !tiers ? "" : String.format(Locale.ROOT, "%-4s ", r.tier() == null ? "-" : r.tier().toString());
      b.append(String.format(Locale.ROOT, "  %-4d %s%-24s %-32s %s%n", r.rank(), tier, clip(r.name(), 24), estimate(r.primary()), r.verdict()));
    }
    List<String> facts = new ArrayList<>();
    for (CompareReport.Ranked r : c.ranking()) {
      SubmissionFacts f = SubmissionFacts.of(c.reports().stream().filter(x -> x.submission() != null && x.submission().name().equals(r.name()))
          .findFirst().orElse(null), c.primaryMetric());
      if (f.any()) facts.add(String.format(Locale.ROOT, "  %-24s %-12s %s%n", clip(r.name(), 24), f.cost(), f.worst()));
    }
    if (!facts.isEmpty()) {
      b.append(String.format(Locale.ROOT, "%n  %-24s %-12s %s%n", "submission", "cost/1,000", "worst slice group on " + c.primaryMetric()));
      facts.forEach(b::append);
    }
    b.append("\nPaired differences (row by row on the same ").append(c.pairs().isEmpty() ? "" : Format.count(c.pairs().get(0).rows()) + " ")
        .append(tiers ? "rows) and two-sided paired tests (Holm-adjusted over " + Format.count(c.tiering().pairs(), "pair")
            + "; a difference is real at p <= " + Format.plain(c.tiering().alpha()) + ")\n"
            : "rows; p = one-sided p-value that the first is not better)\n");
    Set<String> tests = new LinkedHashSet<>();
    for (CompareReport.Pair p : c.pairs()) {
      Report.Estimate d = p.difference();
      CompareReport.Test t = p.test();
      String verdict;
      if (d.value() == null) {
        verdict = "undefined: " + d.undefined();
      } else if (t != null) {
        if (t.description() != null) tests.add(t.description());
        verdict = signed(d) + "  " + testLabel(t.name()) + (t.pValue() == null ? ": no test, " + t.undefined()
            : " p = " + Format.score(t.pValue()) + ", Holm p = " + Format.score(t.pHolm())
                + (Boolean.TRUE.equals(t.different()) ? "  (real difference)" : "  (not distinguishable)"));
      } else {
        boolean excludesZero = d.ci() != null && (d.ci().get(0) > 0 || d.ci().get(1) < 0);
        verdict = signed(d) + (d.pValue() == null ? "" : "  p = " + Format.score(d.pValue()))
            + (excludesZero ? "  (real difference)" : "  (not distinguishable)");
      }
      b.append(String.format(Locale.ROOT, "  %-22s - %-22s %s%n", clip(p.a(), 22), clip(p.b(), 22), verdict));
    }
    for (String t : tests) b.append("  test: ").append(t).append("\n");
    if (tiers) {
      b.append("\nTiers (a tier's submissions cannot be told apart from its best):");
      Integer shown = null;
      for (CompareReport.Ranked r : c.ranking()) {
        if (r.tier() == null) continue;
        b.append(r.tier().equals(shown) ? ", " : (shown == null ? " " : "; ") + r.tier() + ": ").append(r.name());
        shown = r.tier();
      }
      b.append("\n");
    }
    return b.toString();
  }

  /** The short name of a paired test's key, for the pair lines. */
  private static String testLabel(String name) {
    return switch (name) {
      case "delong" -> "DeLong";
      case "delong_clustered" -> "DeLong (clustered)";
      case "mcnemar_exact" -> "McNemar exact";
      case "mcnemar_chi_square", "mcnemar" -> "McNemar";
      case "mcnemar_clustered" -> "McNemar (clustered)";
      case "paired_cluster_bootstrap" -> "cluster bootstrap";
      default -> "bootstrap";
    };
  }

  /** "observed 0.8712 [0.8650, 0.8771] (group south)". */
  static String observedText(CriterionResult c) {
    if (c.observed() == null) return "observed: no value";
    StringBuilder s = new StringBuilder("observed ").append(Format.number(c.observed()));
    if (c.ci() != null) s.append(' ').append(Format.interval(c.ci().get(0), c.ci().get(1)));
    if (c.group() != null) s.append(" (").append(c.group()).append(")");
    return s.toString();
  }

  /** Each label's support, threshold and point figures, under the label cardinality. */
  private static void labels(StringBuilder b, Report.LabelSummary l) {
    b.append(String.format(Locale.ROOT, "%nLabels: %s per row, %s predicted per row%n", Format.number(l.cardinality()),
        Format.number(l.predictedCardinality())));
    b.append(String.format(Locale.ROOT, "  %-18s %8s %10s %10s %10s %10s %10s%n", "label", "support", "threshold", "precision", "recall", "f1", "roc_auc"));
    l.perLabel().forEach((label, f) -> b.append(String.format(Locale.ROOT, "  %-18s %8s %10s %10s %10s %10s %10s%n", clip(label, 18),
        Format.count(f.support()), Format.number(f.threshold()), value(f.metrics().get("precision")), value(f.metrics().get("recall")), value(f.metrics().get("f1")),
        value(f.metrics().get("roc_auc")))));
    if (l.note() != null) b.append("  ").append(l.note()).append("\n");
  }

  private static void serving(StringBuilder b, Report.Serving s) {
    b.append(String.format(Locale.ROOT, "%nServing (%s %s): %s in %s of up to %d rows, %s, %s rows/s, %s calls/s%n",
        s.kind(), s.target(), Format.count(s.rows(), "row"), Format.count(s.calls(), "call"), s.batchSize(), Format.seconds(s.seconds()), Format.count(s.rowsPerSecond()),
        Format.count(s.callsPerSecond())));
    b.append(String.format(Locale.ROOT, "  latency per call: p50 %s  p90 %s  p95 %s  p99 %s  max %s%n", Format.millis(s.latencyMs().p50()),
        Format.millis(s.latencyMs().p90()), Format.millis(s.latencyMs().p95()), Format.millis(s.latencyMs().p99()), Format.millis(s.latencyMs().max())));
    b.append(String.format(Locale.ROOT, "  rows without a prediction: %s (error rate %s); requests %s, failed attempts %s, retries %s%s%s%s%n",
        Format.count(s.rowsFailed()), Format.number(s.errorRate()), Format.count(s.requests()), Format.count(s.failedAttempts()), Format.count(s.retries()),
        s.cached() == 0 ? "" : ", answers from the cache " + Format.count(s.cached()), s.repeats() > 1 ? "; each row asked " + s.repeats() + " times" : "",
        // the criterion's figure, not money's two decimals: a cost of 0.0033 is not 0.00
        s.costPer1000() == null ? "" : "; cost " + Format.number(s.costPer1000()) + " per 1,000 rows"));
    for (String e : s.errors()) b.append("  error: ").append(e).append("\n");
  }

  private static void judge(StringBuilder b, Report.JudgeSummary j) {
    b.append(String.format(Locale.ROOT, "%nJudge %s%s: grades %d to %d, %d per answer; %s rows judged, %s without a grade (every repeat failed), "
        + "%s failed judgements; %s requests, %s from the cache%n", j.url(), j.model() == null ? "" : " (" + j.model() + ")", j.scale().min(),
        j.scale().max(), j.repeats(), Format.count(j.rows()), Format.count(j.errors()), Format.count(j.failedJudgements()), Format.count(j.requests()), Format.count(j.cached())));
    if (j.rubric() != null) b.append("  rubric: ").append(j.rubric()).append(" (built in); judge_score is its mean grade\n");
    if (j.judgementsFile() != null) b.append("  every grade and reason: ").append(j.judgementsFile()).append("\n");
    for (String e : j.errorExamples()) b.append("  error: ").append(e).append("\n");
    Report.RepeatAgreement a = j.agreement();
    if (a.rows() == 0) {
      b.append("  agreement between repeats: ").append(a.exact().undefined()).append("\n");
    } else {
      b.append(String.format(Locale.ROOT, "  agreement between repeats (%s rows): all equal %s, mean spread %s, Krippendorff's alpha %s%n", Format.count(a.rows()),
          pointOrWhy(a.exact()), pointOrWhy(a.meanSpread()), pointOrWhy(a.krippendorffAlpha())));
    }
    Report.HumanAgreement h = j.human();
    if (h != null) {
      b.append(String.format(Locale.ROOT, "  judge vs human grades (%s: %s rows compared of %s graded): Cohen's kappa %s, quadratic %s%n", h.file(),
          Format.count(h.rows()), Format.count(h.graded()), estimateOrWhy(h.cohenKappa()), estimateOrWhy(h.cohenKappaQuadratic())));
    }
    b.append("  ").append(j.validated() ? "judge_score may decide criteria: " : "judge_score decides no criterion: ").append(j.validation()).append("\n");
    Report.PpiEstimate p = j.ppi();
    if (p != null) {
      b.append("  judge_score_ppi (the mean grade people would give, prediction-powered): ").append(Format.number(p.value())).append(' ')
          .append(Format.interval(p.ci().get(0), p.ci().get(1))).append(" from ").append(Format.count(p.graded())).append(" human and ")
          .append(Format.count(p.ungraded())).append(" judge-only grades, lambda ").append(Format.number(p.lambda())).append("\n");
    }
  }

  private static String pointOrWhy(Report.Estimate e) {
    return e.value() == null ? "undefined (" + e.undefined() + ")" : Format.number(e.value());
  }

  private static String estimateOrWhy(Report.Estimate e) {
    return e.value() == null ? "undefined (" + e.undefined() + ")" : estimate(e);
  }

  private static String estimate(Report.Estimate e) {
    if (e == null) return "-";
    if (e.value() == null) return "undefined";
    String s = Format.number(e.value());
    if (e.ci() != null) s += " " + Format.interval(e.ci().get(0), e.ci().get(1));
    return s;
  }

  private static String value(Report.Estimate e) {
    return e == null || e.value() == null ? "-" : Format.number(e.value());
  }

  private static String signed(Report.Estimate d) {
    return Format.signed(d.value()) + (d.ci() == null ? "" : " " + Format.signedInterval(d.ci().get(0), d.ci().get(1)));
  }

  private static String clip(String s, int width) {
    return s.length() <= width ? s : s.substring(0, width - 1) + "…";
  }
}
