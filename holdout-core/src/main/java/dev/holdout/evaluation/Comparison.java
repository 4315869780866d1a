package dev.holdout.evaluation;

import dev.holdout.base.Format;
import dev.holdout.metric.Direction;
import dev.holdout.metric.MetricValue;
import dev.holdout.result.CompareReport;
import dev.holdout.result.Report;
import dev.holdout.stats.Bootstrap;
import dev.holdout.stats.DeLong;
import dev.holdout.stats.Holm;
import dev.holdout.stats.McNemar;
import dev.holdout.stats.TestResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code holdout compare}: every submission's report, the ranking by the primary metric, every
 * pair's paired difference (bootstrap interval on the same rows with the same weights) and paired
 * test, and tiers of submissions that cannot be told apart. The test fits the primary metric:
 * DeLong's for roc_auc, McNemar's for accuracy, the paired bootstrap otherwise; with data.group
 * their clustered versions (Obuchowski's DeLong variance, Durkalski's McNemar statistic) and the
 * paired cluster bootstrap. Tests are two-sided at alpha = 1 − confidence, adjusted by Holm over
 * every pair.
 */
final class Comparison {
  private final Evaluator evaluator;
  private final EvaluationSet eval;
  private final Bootstrap.Settings b;

  Comparison(Evaluator evaluator, EvaluationSet eval, Bootstrap.Settings settings) {
    this.evaluator = evaluator;
    this.eval = eval;
    this.b = settings;
  }

  CompareReport compare(TaskModel model, List<Submission> submissions, List<Report> reports, String primary) {
    Direction dir = model.direction(primary);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < submissions.size(); i++) order.add(i);
    order.sort(Comparator.comparingDouble(i -> {
      Double v = reports.get(i).metrics().get(primary).value();
      if (v == null) return Double.POSITIVE_INFINITY;
      return dir == Direction.HIGHER_IS_BETTER ? -v : v;
    }));
    List<CompareReport.Pair> raw = new ArrayList<>();
    int[][] pairOf = new int[submissions.size()][submissions.size()];
    for (int x = 0; x < order.size(); x++) {
      for (int y = x + 1; y < order.size(); y++) {
        pairOf[x][y] = raw.size();
        raw.add(pair(model, submissions, order.get(x), order.get(y), primary, dir));
      }
    }
    double alpha = 1 - b.confidence();
    List<CompareReport.Pair> pairs = holm(raw, alpha);
    Integer[] tier = tiers(order.size(), (x, y) -> {
      CompareReport.Test t = pairs.get(pairOf[x][y]).test();
      return t != null && Boolean.TRUE.equals(t.different());
    }, x -> reports.get(order.get(x)).metrics().get(primary).value() != null);
    List<CompareReport.Ranked> ranking = new ArrayList<>();
    for (int r = 0; r < order.size(); r++) {
      Report rep = reports.get(order.get(r));
      ranking.add(new CompareReport.Ranked(r + 1, rep.submission().name(), rep.metrics().get(primary), rep.verdict(), tier[r]));
    }
    double shown = Math.round(alpha * 1e6) / 1e6;
    CompareReport.Tiering tiering = new CompareReport.Tiering(testName(model, primary), shown, pairs.size(), "holm",
        "walking the ranking best first, a submission joins the current tier unless the paired test says it differs from the tier's best "
            + "(Holm-adjusted two-sided p-value at most " + Format.plain(shown) + "), and then starts the next tier");
    return new CompareReport(CompareReport.SCHEMA, evaluator.suiteInfo(), primary, ranking, pairs, reports, Evaluator.provenance(), tiering);
  }

  /** How two ranked positions are told apart: true when position y differs from position x (x ranked better). */
  interface Differs {
    boolean test(int x, int y);
  }

  /** Whether a ranked position has a primary value to be tiered on. */
  interface HasValue {
    boolean test(int x);
  }

  /**
   * Tiers for {@code n} ranked positions, best first: each joins the current tier unless it
   * differs from that tier's best, and then starts the next. Positions without a value get none.
   */
  static Integer[] tiers(int n, Differs differs, HasValue hasValue) {
    Integer[] tier = new Integer[n];
    int best = -1;
    int current = 0;
    for (int x = 0; x < n; x++) {
      if (!hasValue.test(x)) continue;
      if (best < 0 || differs.test(best, x)) {
        current++;
        best = x;
      }
      tier[x] = current;
    }
    return tier;
  }

  private CompareReport.Pair pair(TaskModel model, List<Submission> submissions, int a, int c, String primary, Direction dir) {
    int[] rows = evaluator.rows(List.of(submissions.get(a), submissions.get(c)), model.order(a));
    Cells exact = model.cells(rows, new int[] {a, c});
    MetricValue va = exact.metrics(0, exact.counts()).get(primary);
    MetricValue vc = exact.metrics(1, exact.counts()).get(primary);
    Cells boot = exact.compress(Evaluator.MAX_CELLS);
    double[][] reps = Bootstrap.run(boot.counts(), evaluator.clusters(rows, boot), evaluator.strata(boot), b.replicates(), b.seed(), "pair:" + a + ":" + c,
        w -> new double[] {boot.metrics(0, w).get(primary).orNaN(), boot.metrics(1, w).get(primary).orNaN()});
    double[][] paired = Evaluator.pairedColumns(reps, 0, 1);
    Report.Estimate difference = Evaluator.differenceEstimate(va, vc, paired, dir, b.confidence());
    CompareReport.Test test = difference.value() == null ? undefinedTest(model, primary, difference.undefined())
        : test(model, rows, a, c, primary, paired);
    return new CompareReport.Pair(submissions.get(a).name, submissions.get(c).name, rows.length, difference, test);
  }

  private CompareReport.Test test(TaskModel model, int[] rows, int a, int c, String primary, double[][] paired) {
    int[] groups = eval.group == null ? null : TaskModel.pick(eval.group.groupOf(), rows);
    String by = eval.group == null ? "" : " by the groups of '" + eval.group.column() + "' (data.group)";
    if (primary.equals("roc_auc") && model instanceof BinaryModel binary) {
      TestResult r = DeLong.test(binary.positive(rows), binary.scores(a, rows), binary.scores(c, rows), groups);
      return raw(groups == null ? "delong" : "delong_clustered", groups == null
          ? "DeLong's test (DeLong, DeLong and Clarke-Pearson 1988; Sun and Xu's fast algorithm, 2014)"
          : "DeLong's test with the clustered variance of Obuchowski (1997)" + by, r);
    }
    boolean[] rightA = primary.equals("accuracy") ? model.right(a, rows) : null;
    if (rightA != null) {
      McNemar.Outcome o = McNemar.test(rightA, model.right(c, rows), groups);
      return switch (o.variant()) {
        case EXACT -> raw("mcnemar_exact", "McNemar's exact binomial test (fewer than " + McNemar.EXACT_BELOW + " discordant rows)", o.result());
        case CHI_SQUARE -> raw("mcnemar_chi_square", "McNemar's chi-square test with continuity correction", o.result());
        case CLUSTERED -> raw("mcnemar_clustered", "McNemar's test for clustered pairs (Durkalski et al. 2003)" + by, o.result());
      };
    }
    double[] differences = new double[paired[0].length];
    for (int i = 0; i < differences.length; i++) differences[i] = paired[0][i] - paired[1][i];
    if (differences.length == 0) return undefinedTest(model, primary, "no bootstrap replicate had both values");
    double p = Bootstrap.pValueTwoSided(differences);
    String name = groups == null ? "paired_bootstrap" : "paired_cluster_bootstrap";
    String description = groups == null ? "the paired bootstrap: both submissions resampled with the same row weights"
        : "the paired cluster bootstrap: both submissions resampled with the same weights per group" + by
;
    return new CompareReport.Test(name, description, null, p, null, null,
        differences.length + " replicates; p is twice the smaller share on either side of zero", null);
  }

  private CompareReport.Test undefinedTest(TaskModel model, String primary, String why) {
    return new CompareReport.Test(testName(model, primary), null, null, null, null, null, null, why);
  }

  private String testName(TaskModel model, String primary) {
    boolean grouped = eval.group != null;
    if (primary.equals("roc_auc") && model instanceof BinaryModel) return grouped ? "delong_clustered" : "delong";
    if (primary.equals("accuracy") && model.right(0, new int[0]) != null) return grouped ? "mcnemar_clustered" : "mcnemar";
    return grouped ? "paired_cluster_bootstrap" : "paired_bootstrap";
  }

  private static CompareReport.Test raw(String name, String description, TestResult r) {
    if (!r.defined()) return new CompareReport.Test(name, description, null, null, null, null, null, r.undefined());
    return new CompareReport.Test(name, description, r.statistic(), r.pValue(), null, null, r.detail(), null);
  }

  /** The pairs with Holm's adjusted p-value over every pair that has a test, and whether each differs at {@code alpha}. */
  static List<CompareReport.Pair> holm(List<CompareReport.Pair> pairs, double alpha) {
    double[] p = new double[pairs.size()];
    for (int i = 0; i < p.length; i++) {
      CompareReport.Test t = pairs.get(i).test();
      p[i] = t == null || t.pValue() == null ? Double.NaN : t.pValue();
    }
    double[] adjusted = Holm.adjust(p);
    List<CompareReport.Pair> out = new ArrayList<>();
    for (int i = 0; i < p.length; i++) {
      CompareReport.Pair pair = pairs.get(i);
      CompareReport.Test t = pair.test();
      if (t != null && !Double.isNaN(adjusted[i])) {
        t = new CompareReport.Test(t.name(), t.description(), t.statistic(), t.pValue(), adjusted[i], adjusted[i] <= alpha, t.detail(), t.undefined());
      }
      out.add(new CompareReport.Pair(pair.a(), pair.b(), pair.rows(), pair.difference(), t));
    }
    return out;
  }
}
