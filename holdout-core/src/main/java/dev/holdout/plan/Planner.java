package dev.holdout.plan;

import dev.holdout.base.Format;
import dev.holdout.base.HoldoutException;
import dev.holdout.base.Names;
import dev.holdout.base.Progress;
import dev.holdout.data.RecordReaders;
import dev.holdout.evaluation.EvaluationSet;
import dev.holdout.metric.MetricCatalog;
import dev.holdout.result.PlanReport;
import dev.holdout.result.Report;
import dev.holdout.stats.Bootstrap;
import dev.holdout.stats.Multinomial;
import dev.holdout.stats.Strata;
import dev.holdout.suite.Suite;
import dev.holdout.verdict.Adjustment;
import dev.holdout.verdict.Criterion;
import dev.holdout.verdict.Decider;
import dev.holdout.verdict.Status;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * {@code holdout plan}: for each criterion with an expected value, the smallest evaluation set
 * that decides it in at least {@code power} of simulated evaluations. Sizes are searched by
 * doubling from {@link #START} (with a quarter of the simulations) and then by bisection to within
 * 2% (with all of them); at each size every simulated evaluation set is a multinomial draw from
 * the criterion's {@link Scenario}, bootstrapped with the suite's replicates (and strata) and
 * judged by {@link Decider} at the suite's confidence, or with {@code verdict.adjust: holm} at
 * the first Holm step's level 1 − (1 − confidence)/m over the m interval-judged criteria, which
 * is the strictest a criterion can meet and so errs towards more rows. The same seeds are used at
 * every size, so the share decided moves smoothly with the size.
 */
public final class Planner {
  /** The first size tried. */
  public static final long START = 8;
  /** No plan goes beyond this many rows: a value this close to its bar is not worth an evaluation set. */
  public static final long MAX = 100_000_000L;

  private Planner() {}

  /**
   * What to plan for: the share of evaluations to decide, the simulated evaluations per size, the
   * seed, and the positive rate of a binary suite when the evaluation set cannot give it (null:
   * the evaluation set's, or 0.5 without one).
   */
  public record Options(double power, int evaluations, long seed, Double positiveRate) {
    public Options {
      if (!(power > 0 && power < 1)) throw new HoldoutException("--power: expected a share above 0 and below 1 such as 0.8, found " + power);
      if (evaluations < 20) throw new HoldoutException("--simulations: expected at least 20, found " + evaluations);
      if (positiveRate != null && !(positiveRate > 0 && positiveRate < 1)) {
        throw new HoldoutException("--positive-rate: expected a share above 0 and below 1 such as 0.1, found " + positiveRate);
      }
    }
  }

  public static PlanReport plan(Suite suite, Map<String, Double> expected, Options options, Progress progress) {
    check(suite, expected);
    EvaluationSet eval = Files.isRegularFile(suite.data().path()) ? EvaluationSet.load(suite, progress) : null;
    Population population = Population.of(suite, eval, options.positiveRate());
    Bootstrap.Settings b = suite.bootstrap();
    List<Criterion> criteria = suite.criteria();
    long intervalJudged = criteria.stream().filter(c -> !c.atPoint()).count();
    boolean holm = suite.adjust() == Adjustment.HOLM && intervalJudged > 1;
    double level = holm ? 1 - (1 - b.confidence()) / intervalJudged : b.confidence();
    List<PlanReport.CriterionPlan> plans = new ArrayList<>();
    Long needed = null;
    for (int k = 0; k < criteria.size(); k++) {
      progress.step("planning", k, criteria.size());
      Criterion c = criteria.get(k);
      PlanReport.CriterionPlan plan = plan(suite, c, expected.get(c.metric()), population, options, level, k);
      plans.add(plan);
      if (plan.rowsNeeded() != null) needed = needed == null ? plan.rowsNeeded() : Math.max(needed, plan.rowsNeeded());
    }
    progress.done();
    String search = "doubling from " + START + " with " + Math.max(20, options.evaluations() / 4)
        + " simulated evaluations per size, then bisection to within 2% with " + options.evaluations();
    return new PlanReport(PlanReport.SCHEMA, suiteInfo(suite, eval), options.power(), population.unit(), population.report(),
        new PlanReport.Simulation(options.evaluations(), b.replicates(), b.confidence(), level,
            holm ? "holm: judged at the first step's level over " + intervalJudged + " criteria" : "none", options.seed(), search),
        plans, needed, provenance());
  }

  /** Every --expect names a metric some criterion is on, with a value the metric can take. */
  private static void check(Suite suite, Map<String, Double> expected) {
    if (expected.isEmpty()) throw new HoldoutException("give at least one --expect METRIC=VALUE, e.g. --expect " + suite.primaryMetric() + "=0.85");
    List<String> used = suite.criteria().stream().map(Criterion::metric).distinct().toList();
    for (var e : expected.entrySet()) {
      if (!used.contains(e.getKey())) {
        throw new HoldoutException("--expect " + e.getKey() + ": no criterion of " + suite.file().getFileName() + " is on " + e.getKey()
            + Names.didYouMean(e.getKey(), used) + " (criteria are on: " + String.join(", ", used) + ")");
      }
      MetricCatalog.Bounds bounds = MetricCatalog.bounds(suite.task(), e.getKey());
      double v = e.getValue();
      if (!(v >= bounds.lower() && v <= bounds.upper())) {
        throw new HoldoutException("--expect " + e.getKey() + "=" + Format.plain(v) + ": " + e.getKey() + " lies in [" + Format.plain(bounds.lower())
            + ", " + Format.plain(bounds.upper()) + "]");
      }
    }
  }

  private static PlanReport.CriterionPlan plan(Suite suite, Criterion c, Double expected, Population population, Options options, double level,
      int index) {
    String why = null;
    if (expected == null) why = "no --expect for " + c.metric();
    else if (c.kind() != Criterion.Kind.MIN && c.kind() != Criterion.Kind.MAX) {
      why = c.kind() == Criterion.Kind.MIN_LIFT ? "a lift over the baseline depends on the baseline's predictions as well; plan the metric's own bar"
          : "slice criteria are not simulated: plan the overall bar, then check that each slice group's share of the rows is enough";
    } else if (c.atPoint()) why = "judged at the point estimate, so decided at any size";
    else if (expected == c.threshold()) why = "the expected value is the bar itself: no number of rows decides it";
    Scenarios.Choice choice = why == null ? Scenarios.of(suite, c.metric(), expected, population) : null;
    if (choice != null && choice.scenario() == null) why = choice.notPlanned();
    if (why != null) return new PlanReport.CriterionPlan(c.id(), c.describe(level), c.metric(), expected, null, null, null, null, null, why);
    Scenario scenario = choice.scenario();
    Search search = new Search(scenario, c, suite.bootstrap(), level, options, index);
    Search.Result found = search.run();
    if (found == null) {
      return new PlanReport.CriterionPlan(c.id(), c.describe(level), c.metric(), expected, null, null, null, null, scenario.describe(),
          "more than " + Format.count(MAX) + " " + population.unitNoun() + " would be needed: the expected value is too close to the bar");
    }
    return new PlanReport.CriterionPlan(c.id(), c.describe(level), c.metric(), expected, found.n(), found.decided(), found.pass(), found.fail(),
        scenario.describe(), null);
  }

  /** The share of simulated evaluations of {@code n} rows decided, passed and failed. */
  record Shares(double decided, double pass, double fail) {}

  /**
   * Simulates {@code evaluations} evaluation sets of {@code n} rows from {@code scenario} and judges
   * {@code c} on each at {@code level}; evaluation s uses the same seed at every size.
   */
  static Shares simulate(Scenario scenario, Criterion c, long n, int evaluations, Bootstrap.Settings b, double level, long seed) {
    double[] p = scenario.probabilities();
    int[] strata = scenario.strata();
    Draws draws = new Draws(p, strata, n);
    // evaluations run side by side; each is seeded by its index, so the outcome does not depend on the thread count
    Status[] status = new Status[evaluations];
    IntStream.range(0, evaluations).parallel().forEach(s -> {
      SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + s);
      double[] counts = new double[p.length];
      draws.draw(random, counts);
      double point = scenario.metric(counts);
      Strata st = strata == null ? null : Strata.of(strata, counts);
      double[][] reps = Bootstrap.run(counts, null, st, b.replicates(), b.seed() + s, "plan", w -> new double[] {scenario.metric(w)});
      Decider.Observation o = new Decider.Observation(Double.isNaN(point) ? null : point, Bootstrap.column(reps, 0), b.replicates(), null, n,
          Double.isNaN(point) ? c.metric() + " is undefined on this set" : null, null);
      status[s] = Decider.judge(c, o, level).status();
    });
    int pass = 0;
    int fail = 0;
    for (Status x : status) {
      if (x == Status.PASS) pass++;
      if (x == Status.FAIL) fail++;
    }
    return new Shares((double) (pass + fail) / evaluations, (double) pass / evaluations, (double) fail / evaluations);
  }

  /** Multinomial draws of n rows over the scenario's cells, within each stratum when there are strata. */
  private static final class Draws {
    private final Multinomial all;
    private final Multinomial[] within;
    private final int[][] members;

    Draws(double[] p, int[] strata, long n) {
      if (strata == null) {
        all = new Multinomial(p, n);
        within = null;
        members = null;
        return;
      }
      all = null;
      int k = 0;
      for (int s : strata) k = Math.max(k, s + 1);
      members = new int[k][];
      within = new Multinomial[k];
      double[] mass = new double[k];
      for (int i = 0; i < p.length; i++) mass[strata[i]] += p[i];
      long left = n;
      for (int s = 0; s < k; s++) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < p.length; i++) if (strata[i] == s) idx.add(i);
        members[s] = idx.stream().mapToInt(Integer::intValue).toArray();
        double[] q = new double[members[s].length];
        for (int j = 0; j < q.length; j++) q[j] = p[members[s][j]];
        // the stratum's rows fixed at its share of n, the last taking what is left
        long rows = s == k - 1 ? left : Math.round(n * mass[s]);
        left -= rows;
        within[s] = rows > 0 && mass[s] > 0 ? new Multinomial(q, rows) : null;
      }
    }

    void draw(SplittableRandom random, double[] out) {
      if (all != null) {
        all.draw(random, out);
        return;
      }
      for (int s = 0; s < within.length; s++) {
        if (within[s] == null) continue;
        double[] part = new double[members[s].length];
        within[s].draw(random, part);
        for (int j = 0; j < part.length; j++) out[members[s][j]] = part[j];
      }
    }
  }

  private static Report.SuiteInfo suiteInfo(Suite suite, EvaluationSet eval) {
    return new Report.SuiteInfo(suite.name(), suite.problem(), suite.task().key(), suite.primaryMetric(), suite.file().getFileName().toString(),
        RecordReaders.sha256(suite.file()), suite.data().path().getFileName().toString(), eval == null ? null : eval.sha256());
  }

  private static Report.Provenance provenance() {
    String version = Planner.class.getPackage().getImplementationVersion();
    return new Report.Provenance(version == null ? "dev" : version, System.getProperty("java.version"),
        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
  }
}
