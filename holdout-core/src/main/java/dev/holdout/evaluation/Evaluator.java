package dev.holdout.evaluation;

import dev.holdout.base.Progress;
import dev.holdout.data.RecordReaders;
import dev.holdout.metric.Direction;
import dev.holdout.metric.MetricCatalog;
import dev.holdout.metric.MetricValue;
import dev.holdout.metric.ProbeFamily;
import dev.holdout.result.CompareReport;
import dev.holdout.result.Report;
import dev.holdout.stats.Bootstrap;
import dev.holdout.stats.Clusters;
import dev.holdout.stats.Probability;
import dev.holdout.stats.Strata;
import dev.holdout.suite.ServingMetrics;
import dev.holdout.suite.Suite;
import dev.holdout.verdict.Adjustment;
import dev.holdout.verdict.Criterion;
import dev.holdout.verdict.CriterionResult;
import dev.holdout.verdict.Decider;
import dev.holdout.verdict.Status;
import dev.holdout.verdict.Verdict;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Evaluates submissions against a suite: exact point metrics on every row, Poisson-bootstrap
 * intervals on at most {@link #MAX_CELLS} cells per view, slices, the paired comparison with the
 * baseline, criteria and verdict.
 */
public final class Evaluator {
  /**
   * Cells per view in the bootstrap. Views with more rows are compressed into quantile bins of the
   * prediction within each label; point estimates always use every row. On 200,000 binary rows the
   * compressed roc_auc differs from the exact one by under 1e-6 for one score set and under 3e-4
   * for a score-column baseline, average_precision by up to about 1e-3 (tests bound both).
   */
  public static final int MAX_CELLS = 8_192;

  private final Suite suite;
  private final EvaluationSet eval;
  private final Progress progress;

  public Evaluator(Suite suite, EvaluationSet eval, Progress progress) {
    eval.awaitChecks();
    this.suite = suite;
    this.eval = eval;
    this.progress = progress;
  }

  /** The full report of one submission. */
  public Report evaluate(Submission submission) {
    return evaluate(submission, null);
  }

  /**
   * The full report of one submission scored by {@code holdout score}, with its serving
   * measurements (null: a predictions file, whose serving criteria are INCONCLUSIVE).
   */
  public Report evaluate(Submission submission, Report.Serving serving) {
    TaskModel model = TaskModel.of(suite, eval, List.of(submission));
    int[] rows = rows(List.of(submission), model.order(0));
    Bootstrap.Settings b = suite.bootstrap();
    int reps = b.replicates();
    progress.step("bootstrap", 0, 1 + eval.slices.size());
    Cells exact = model.cells(rows, new int[] {0, model.baseline});
    Cells.Measured first = exact.measure(0, exact.counts());
    Map<String, MetricValue> point = first.overall();
    Map<String, MetricValue> basePoint = exact.metrics(1, exact.counts());
    Cells.Details details = exact.details(0);
    List<String> names = new ArrayList<>(point.keySet());
    // Slices are independent of the overall view: work on them while the overall view resamples.
    CompletableFuture<List<SliceResult>> sliceWork = CompletableFuture.supplyAsync(() ->
        eval.slices.stream().map(slice -> slice(model, slice, rows, names)).toList());
    Cells boot = exact.compress(MAX_CELLS);
    String bootstrapNote = bootstrapNote(exact, boot);
    int m = names.size();
    Clusters clusters = clusters(rows, boot);
    long units = clusters == null ? rows.length : clusters.groups();
    // multilabel: each label's figures ride in the same replicates, after the submission's and the baseline's metrics
    int labelColumns = LabelResults.width(first.perLabel());
    double[][] overall = Bootstrap.run(boot.counts(), clusters, strata(boot), reps, b.seed(), "overall", w -> {
      double[] v = new double[2 * m + labelColumns];
      if (labelColumns > 0) {
        Cells.Measured sub = boot.measure(0, w);
        vector(sub.overall(), names, v, 0);
        LabelResults.fill(first.perLabel(), sub.perLabel(), v, 2 * m);
      } else {
        boot.vector(0, w, names, v, 0);
      }
      boot.vector(1, w, names, v, m);
      return v;
    });
    LabelResults labels = labelColumns == 0 ? null : new LabelResults(first.perLabel(), overall, 2 * m);
    Map<String, Report.Estimate> metrics = new LinkedHashMap<>();
    Map<String, Report.Estimate> baseMetrics = new LinkedHashMap<>();
    Map<String, Report.Estimate> difference = new LinkedHashMap<>();
    Map<String, double[]> subReps = new LinkedHashMap<>();
    Map<String, double[]> liftReps = new LinkedHashMap<>();
    for (int k = 0; k < m; k++) {
      String name = names.get(k);
      double[] col = Bootstrap.column(overall, k);
      subReps.put(name, col);
      metrics.put(name, Estimates.of(point.get(name), col, reps, b.confidence()));
      MetricValue base = basePoint.getOrDefault(name, MetricValue.undefined("the baseline has no such prediction"));
      baseMetrics.put(name, Estimates.of(base, Bootstrap.column(overall, m + k), reps, b.confidence()));
      Direction dir = model.direction(name);
      double[][] pair = pairedColumns(overall, k, m + k);
      liftReps.put(name, improvements(dir, pair));
      difference.put(name, differenceEstimate(point.get(name), base, pair, dir, b.confidence()));
    }
    progress.step("bootstrap", 1, 1 + eval.slices.size());

    Map<String, Map<String, Report.SliceGroup>> slices = new LinkedHashMap<>();
    Map<String, SliceResult> sliceResults = new LinkedHashMap<>();
    int done = 1;
    for (SliceResult result : join(sliceWork)) {
      sliceResults.put(result.column, result);
      Map<String, Report.SliceGroup> groups = new LinkedHashMap<>();
      List<List<String>> worstFor = new ArrayList<>();
      for (int g = 0; g < result.groups.size(); g++) worstFor.add(new ArrayList<>());
      for (String name : names) {
        int worst = result.worst(name);
        if (worst >= 0) worstFor.get(worst).add(name);
      }
      for (int g = 0; g < result.groups.size(); g++) {
        Map<String, Report.Estimate> gm = new LinkedHashMap<>();
        for (int k = 0; k < m; k++) {
          gm.put(names.get(k), Estimates.of(result.point.get(g).get(names.get(k)), Bootstrap.column(result.replicates.get(g), k), reps, b.confidence()));
        }
        groups.put(result.groups.get(g), new Report.SliceGroup(result.rows.get(g), gm, worstFor.get(g).isEmpty() ? null : List.copyOf(worstFor.get(g))));
      }
      slices.put(result.column, groups);
      progress.step("bootstrap", ++done, 1 + eval.slices.size());
    }

    Report.JudgeSummary judge = submission.judged == null ? null : Judging.summary(suite, eval, submission.judged, rows);
    if (judge != null && judge.ppi() != null) {
      Report.PpiEstimate p = judge.ppi();
      metrics.put(PPI, new Report.Estimate(p.value(), p.ci(), null, null, null));
    }
    List<Decider.Observation> observations = new ArrayList<>();
    for (Criterion c : suite.criteria()) {
      if (ServingMetrics.is(c.metric())) {
        observations.add(servingObservation(c.metric(), serving));
        continue;
      }
      if (c.onLabels()) {
        observations.add(labels.observe(c, reps, units, unitName()));
        continue;
      }
      if (c.metric().equals(PPI)) {
        observations.add(ppiObservation(c, judge));
        continue;
      }
      if (c.metric().equals(MetricCatalog.CONSISTENCY) && !point.containsKey(c.metric())) {
        observations.add(new Decider.Observation(null, new double[0], 0, null, units,
            "consistency needs every row asked more than once: holdout run --repeat N", null));
        continue;
      }
      if (c.metric().startsWith(ProbeFamily.PREFIX)) {
        observations.add(new Decider.Observation(null, new double[0], 0, null, units, c.metric() + " is measured by holdout probe", null));
        continue;
      }
      if (c.metric().equals("judge_score") && judge != null && !judge.validated()) {
        observations.add(new Decider.Observation(null, new double[0], 0, null, units, unitName(), judge.validation(), null, conf -> null));
        continue;
      }
      observations.add(switch (c.kind()) {
        case MIN, MAX -> observation(point.get(c.metric()), subReps.get(c.metric()), reps, units);
        case MIN_LIFT -> {
          MetricValue s = point.get(c.metric());
          MetricValue base = basePoint.get(c.metric());
          MetricValue lift = !s.defined() ? s : base == null || !base.defined() ? MetricValue.undefined("the baseline has no " + c.metric())
              : MetricValue.of(model.direction(c.metric()).improvement(s.value(), base.value()));
          yield observation(lift, liftReps.get(c.metric()), reps, units);
        }
        case WORST_MIN, WORST_MAX, MAX_GAP -> sliceResults.get(c.slice()).observe(c, names.indexOf(c.metric()), units, unitName());
      });
    }
    List<CriterionResult> criteria = Decider.judgeAll(suite.criteria(), observations, b.confidence(), suite.adjust() == Adjustment.HOLM);
    Verdict verdict = Verdict.of(criteria.stream().map(CriterionResult::status).toList());
    progress.done();
    long ignored = suite.predictions().missing() == Suite.Missing.IGNORE ? submission.missing : 0;
    return new Report(Report.SCHEMA, suiteInfo(),
        new Report.SubmissionInfo(submission.name, fileName(submission.path), submission.sha256),
        new Report.Rows(rows.length, submission.missing, submission.extra, ignored, eval.group == null ? null : units),
        metrics, details.confusion(), details.perClass(), details.costs(), slices.isEmpty() ? null : slices,
        new Report.BaselineResult(suite.baseline().name(), model.baselineName(), baseMetrics, difference),
        criteria, verdict, bootstrapInfo(bootstrapNote), details.charts(), provenance(), serving, judge,
        labels == null ? null : labels.summary(details.labels(), reps, b.confidence()));
  }

  /** The metric name of the judge's score corrected by human grades (prediction-powered inference). */
  private static final String PPI = "judge_score_ppi";

  /** judge_score_ppi for a min or max bar: its normal interval, counted in human-graded answers. */
  private static Decider.Observation ppiObservation(Criterion c, Report.JudgeSummary judge) {
    Decider.Unit graded = new Decider.Unit("human-graded answer", "human-graded answers");
    if (judge == null || judge.ppi() == null) {
      return new Decider.Observation(null, new double[0], 0, null, 0, graded,
          "judge_score_ppi needs human grades of at least two judged answers: give --human-grades", null, conf -> null);
    }
    Report.PpiEstimate p = judge.ppi();
    if (c.kind() != Criterion.Kind.MIN && c.kind() != Criterion.Kind.MAX) {
      return new Decider.Observation(null, new double[0], 0, null, p.graded(), graded,
          "judge_score_ppi is estimated for the whole set only: bound it with min or max", null, conf -> null);
    }
    return new Decider.Observation(p.value(), new double[0], 0, null, p.graded(), graded, null,
        "prediction-powered: the judge's grades corrected by " + p.graded() + " human grades", conf -> {
          double z = Probability.normalQuantile(1 - (1 - conf) / 2);
          return new double[] {p.value() - z * p.se(), p.value() + z * p.se()};
        });
  }

  private static Decider.Observation servingObservation(String metric, Report.Serving s) {
    Double value = null;
    String undefined = null;
    if (s == null) {
      undefined = metric + " is measured only when Holdout runs the model: use holdout score --model or --endpoint";
    } else {
      switch (metric) {
        case ServingMetrics.LATENCY_P95_MS -> value = s.calls() == 0 ? null : s.latencyMs().p95();
        case ServingMetrics.ERROR_RATE -> value = s.rows() == 0 ? null : s.errorRate();
        default -> value = s.costPer1000();
      }
      if (value == null) {
        undefined = metric.equals(ServingMetrics.COST_PER_1000) ? "no price: set endpoint.price_per_call in the suite" : "no call was made";
      }
    }
    return new Decider.Observation(value, new double[0], 0, null, s == null ? 0 : s.rows(), undefined, null);
  }

  /**
   * Every submission's report, the ranking by the primary metric, the paired difference and paired
   * test of every pair, and tiers of submissions that cannot be told apart ({@link Comparison}).
   */
  public CompareReport compare(List<Submission> submissions) {
    List<Report> reports = new ArrayList<>();
    for (Submission s : submissions) reports.add(evaluate(s));
    TaskModel model = TaskModel.of(suite, eval, submissions);
    return new Comparison(this, eval, suite.bootstrap()).compare(model, submissions, reports, suite.primaryMetric());
  }

  /**
   * Evaluation set rows that take part, in {@code order}: all of them, or with
   * {@code missing: ignore} those every submission predicted. Slices keep this order.
   */
  int[] rows(List<Submission> submissions, int[] order) {
    boolean ignore = suite.predictions().missing() == Suite.Missing.IGNORE;
    int[] out = new int[eval.rows];
    int n = 0;
    for (int k = 0; k < eval.rows; k++) {
      int i = order[k];
      boolean everyone = true;
      if (ignore) for (Submission s : submissions) everyone &= s.present[i];
      if (everyone) out[n++] = i;
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  private SliceResult slice(TaskModel model, EvaluationSet.Slice slice, int[] rows, List<String> names) {
    int groups = slice.groups().size();
    int[] sizes = new int[groups];
    for (int r : rows) sizes[slice.groupOf()[r]]++;
    int[][] members = new int[groups][];
    for (int g = 0; g < groups; g++) members[g] = new int[sizes[g]];
    int[] fill = new int[groups];
    for (int r : rows) {
      int g = slice.groupOf()[r];
      members[g][fill[g]++] = r;
    }
    SliceResult result = new SliceResult(slice.column(), model::direction);
    Bootstrap.Settings b = suite.bootstrap();
    // Groups are independent: build and resample two at a time on this machine's cores.
    List<Integer> present = new ArrayList<>();
    for (int g = 0; g < groups; g++) if (members[g].length > 0) present.add(g);
    List<Object[]> done = present.parallelStream().map(g -> {
      Cells exact = model.cells(members[g], new int[] {0});
      Cells boot = exact.compress(MAX_CELLS);
      double[][] reps = Bootstrap.run(boot.counts(), clusters(members[g], boot), strata(boot), b.replicates(), b.seed(),
          "slice:" + slice.column() + ":" + slice.groups().get(g),
          w -> {
            double[] v = new double[names.size()];
            boot.vector(0, w, names, v, 0);
            return v;
          });
      return new Object[] {g, exact.metrics(0, exact.counts()), reps};
    }).toList();
    for (Object[] d : done) {
      int g = (Integer) d[0];
      @SuppressWarnings("unchecked")
      Map<String, MetricValue> point = (Map<String, MetricValue>) d[1];
      result.add(slice.groups().get(g), members[g].length, point, (double[][]) d[2]);
    }
    return result;
  }

  /** The label strata of a view's cells with {@code bootstrap.stratify: label}; null otherwise. */
  Strata strata(Cells boot) {
    if (suite.bootstrap().stratify() != Bootstrap.Stratify.LABEL) return null;
    int[] labels = boot.labelOfCell();
    if (labels == null) throw new IllegalStateException("stratify: label on cells without labels (" + suite.task().key() + ")");
    return Strata.of(labels, boot.counts());
  }

  /** The data.group groups behind a view's rows, for a bootstrap that resamples groups; null when rows are independent. */
  Clusters clusters(int[] rows, Cells boot) {
    if (eval.group == null) return null;
    int[] groups = TaskModel.pick(eval.group.groupOf(), rows);
    // forecasting: a view of one series resamples blocks of its periods, since one group would give no interval
    if (eval.forecasts != null && Arrays.stream(groups).distinct().count() == 1) groups = TaskModel.pick(eval.forecasts.blocks, rows);
    return Clusters.of(groups, boot.cellOfRow(rows.length), boot.counts().length);
  }

  /** What "more ... would decide it" counts: labeled rows, or the groups of the data.group column. */
  private Decider.Unit unitName() {
    return eval.group == null ? Decider.Unit.ROWS : Decider.Unit.groupsOf(eval.group.column());
  }

  static void vector(Map<String, MetricValue> values, List<String> names, double[] out, int offset) {
    for (int k = 0; k < names.size(); k++) {
      MetricValue v = values.get(names.get(k));
      out[offset + k] = v == null ? Double.NaN : v.orNaN();
    }
  }

  /** Replicates where both columns are defined, as {a[], b[]}. */
  static double[][] pairedColumns(double[][] reps, int a, int b) {
    double[] x = new double[reps.length];
    double[] y = new double[reps.length];
    int n = 0;
    for (double[] r : reps) {
      if (Double.isNaN(r[a]) || Double.isNaN(r[b])) continue;
      x[n] = r[a];
      y[n++] = r[b];
    }
    return new double[][] {Arrays.copyOf(x, n), Arrays.copyOf(y, n)};
  }

  static double[] improvements(Direction dir, double[][] pair) {
    double[] d = new double[pair[0].length];
    for (int i = 0; i < d.length; i++) d[i] = dir.improvement(pair[0][i], pair[1][i]);
    return d;
  }

  /** a minus b with its paired interval and the one-sided p-value that a is no better than b. */
  static Report.Estimate differenceEstimate(MetricValue a, MetricValue b, double[][] pair, Direction dir, double confidence) {
    if (!a.defined()) return new Report.Estimate(null, null, a.undefined(), null, null);
    if (b == null || !b.defined()) return new Report.Estimate(null, null, "the other side has no value: " + (b == null ? "not computed" : b.undefined()), null, null);
    double[] diff = new double[pair[0].length];
    for (int i = 0; i < diff.length; i++) diff[i] = pair[0][i] - pair[1][i];
    double[] ci = Bootstrap.percentileInterval(diff, confidence);
    Double p = diff.length == 0 ? null : Bootstrap.pValueNotPositive(improvements(dir, pair));
    return new Report.Estimate(a.value() - b.value(), ci == null ? null : List.of(ci[0], ci[1]), null, p, null);
  }

  private Decider.Observation observation(MetricValue v, double[] replicates, int total, long units) {
    return new Decider.Observation(v.defined() ? v.value() : null, replicates, total, null, units, unitName(), v.undefined(), null,
        Decider.IntervalAt.percentile(replicates));
  }

  Report.SuiteInfo suiteInfo() {
    return new Report.SuiteInfo(suite.name(), suite.problem(), suite.task().key(), suite.primaryMetric(), fileName(suite.file()),
        RecordReaders.sha256(suite.file()), fileName(eval.path), eval.sha256);
  }

  private static String bootstrapNote(Cells exact, Cells boot) {
    return exact == boot ? "each row is its own cell: the bootstrap is exact"
        : "views of more than " + MAX_CELLS + " rows are resampled as about " + MAX_CELLS
            + " cells of rows with nearly equal predictions (quantile bins; docs/suite.md says how); point estimates use every row";
  }

  private Report.BootstrapInfo bootstrapInfo(String note) {
    Bootstrap.Settings b = suite.bootstrap();
    if (b.stratify() == Bootstrap.Stratify.LABEL) {
      note = "every replicate keeps the number of positive and of negative rows fixed (bootstrap.stratify: label; "
          + "a multinomial draw within each label); " + note;
    }
    if (eval.forecasts != null) {
      note = "every replicate resamples " + (eval.group.column().equals(Forecasts.BLOCKS) ? "blocks of consecutive periods"
          : "the series ('" + eval.group.column() + "')") + ", so the forecasts of one series move together; a view of one series resamples blocks"
          + " of consecutive periods; " + note;
    } else if (eval.group != null) {
      note = "every replicate resamples the groups of column '" + eval.group.column() + "' (data.group), so rows of one group move together; " + note;
    }
    return new Report.BootstrapInfo("poisson", b.replicates(), b.confidence(), b.seed(), MAX_CELLS, note,
        eval.group == null ? null : eval.group.column(), suite.adjust() == Adjustment.NONE ? null : suite.adjust().key(),
        b.stratify() == Bootstrap.Stratify.NONE ? null : b.stratify().key());
  }

  private static <T> T join(CompletableFuture<T> work) {
    try {
      return work.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error err) throw err;
      throw e;
    }
  }

  static Report.Provenance provenance() {
    String version = Evaluator.class.getPackage().getImplementationVersion();
    return new Report.Provenance(version == null ? "dev" : version, System.getProperty("java.version"),
        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
  }

  private static String fileName(Path p) {
    return p.getFileName().toString();
  }
}
