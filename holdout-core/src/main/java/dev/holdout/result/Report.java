package dev.holdout.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.holdout.verdict.CriterionResult;
import dev.holdout.verdict.Verdict;
import java.util.List;
import java.util.Map;

/** One submission evaluated against one suite: the {@code holdout.report/v1} contract. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Report(
    String schema,
    SuiteInfo suite,
    SubmissionInfo submission,
    Rows rows,
    Map<String, Estimate> metrics,
    ConfusionMatrix confusionMatrix,
    Map<String, ClassFigures> perClass,
    CostSummary costs,
    Map<String, Map<String, SliceGroup>> slices,
    BaselineResult baseline,
    List<CriterionResult> criteria,
    Verdict verdict,
    BootstrapInfo bootstrap,
    Charts charts,
    Provenance provenance,
    Serving serving,
    JudgeSummary judge,
    LabelSummary labels) {

  public static final String SCHEMA = "holdout.report/v1";

  /** A report without a labels section (any task but multilabel). */
  public Report(String schema, SuiteInfo suite, SubmissionInfo submission, Rows rows, Map<String, Estimate> metrics,
      ConfusionMatrix confusionMatrix, Map<String, ClassFigures> perClass, CostSummary costs, Map<String, Map<String, SliceGroup>> slices,
      BaselineResult baseline, List<CriterionResult> criteria, Verdict verdict, BootstrapInfo bootstrap, Charts charts, Provenance provenance,
      Serving serving, JudgeSummary judge) {
    this(schema, suite, submission, rows, metrics, confusionMatrix, perClass, costs, slices, baseline, criteria, verdict, bootstrap, charts,
        provenance, serving, judge, null);
  }

  /** A report without a judge section. */
  public Report(String schema, SuiteInfo suite, SubmissionInfo submission, Rows rows, Map<String, Estimate> metrics,
      ConfusionMatrix confusionMatrix, Map<String, ClassFigures> perClass, CostSummary costs, Map<String, Map<String, SliceGroup>> slices,
      BaselineResult baseline, List<CriterionResult> criteria, Verdict verdict, BootstrapInfo bootstrap, Charts charts, Provenance provenance,
      Serving serving) {
    this(schema, suite, submission, rows, metrics, confusionMatrix, perClass, costs, slices, baseline, criteria, verdict, bootstrap, charts,
        provenance, serving, null);
  }

  /** A report of a predictions file, with no serving measurements. */
  public Report(String schema, SuiteInfo suite, SubmissionInfo submission, Rows rows, Map<String, Estimate> metrics,
      ConfusionMatrix confusionMatrix, Map<String, ClassFigures> perClass, CostSummary costs, Map<String, Map<String, SliceGroup>> slices,
      BaselineResult baseline, List<CriterionResult> criteria, Verdict verdict, BootstrapInfo bootstrap, Charts charts, Provenance provenance) {
    this(schema, suite, submission, rows, metrics, confusionMatrix, perClass, costs, slices, baseline, criteria, verdict, bootstrap, charts,
        provenance, null);
  }

  /**
   * How {@code holdout score} obtained the predictions: {@code kind} onnx or endpoint, what was run
   * ({@code target}: the model file or URL, with the model file's sha256), rows sent and rows left
   * without a prediction, calls (one per batch) and failed attempts, retries, the latency of one
   * call in milliseconds, wall-clock seconds, throughput, and {@code errorRate} (rows without a
   * prediction over rows sent) and {@code costPer1000} (price of every attempt per 1,000 rows; null
   * without a price). {@code errors} holds up to five distinct failure messages. {@code requests}
   * are the HTTP requests sent (every attempt: {@code calls + retries}), {@code cached} the answers
   * taken from the cache instead of asked, {@code repeats} how often each row was asked
   * ({@code holdout run --repeat}); {@code failed_rows} in JSON repeats {@code rows_failed}.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Serving(String kind, String target, String sha256, long rows, long rowsFailed, long calls, long failedAttempts,
      long retries, Latency latencyMs, double seconds, double rowsPerSecond, double callsPerSecond, double errorRate,
      @JsonProperty("cost_per_1000") Double costPer1000,
      int batchSize, int concurrency, List<String> errors, long requests, long cached, int repeats) {
    /** Serving without a cache or repeats: every call's requests are the call and its retries. */
    public Serving(String kind, String target, String sha256, long rows, long rowsFailed, long calls, long failedAttempts,
        long retries, Latency latencyMs, double seconds, double rowsPerSecond, double callsPerSecond, double errorRate,
        Double costPer1000, int batchSize, int concurrency, List<String> errors) {
      this(kind, target, sha256, rows, rowsFailed, calls, failedAttempts, retries, latencyMs, seconds, rowsPerSecond, callsPerSecond, errorRate,
          costPer1000, batchSize, concurrency, errors, calls + retries, 0, 1);
    }

    /** The rows left without an answer after every retry, under the name the run's summary uses. */
    @JsonProperty(value = "failed_rows", access = JsonProperty.Access.READ_ONLY)
    public long failedRows() {
      return rowsFailed;
    }
  }

  /**
   * The judge of a text generation suite: where it was ({@code url} without query, {@code model}),
   * its scale and repeats, the JSON Lines file with every grade and reason, rows judged, rows whose
   * every repeat failed ({@code errors}: they have no judge_score), single judgements that failed,
   * requests sent (with retries) and judgements answered from the cache, up to five distinct failure
   * messages, the agreement between repeats, and the agreement with human grades when given.
   * {@code validated} says whether the judge's own mean grade may decide criteria (its quadratic
   * kappa with people reaches {@code judge.min_kappa} at the interval's lower end), with the reason
   * in {@code validation}; {@code ppi} is the mean grade people would give every answer, by
   * prediction-powered inference, when human grades are given. {@code rubric} names the built-in
   * rubric the judge applied ({@code faithfulness}, {@code answer_relevance},
   * {@code context_relevance}); null for a rubric the suite wrote out.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record JudgeSummary(String url, String model, Scale scale, int repeats, String judgementsFile, long rows, long errors,
      long failedJudgements, long requests, long cached, List<String> errorExamples, RepeatAgreement agreement, HumanAgreement human,
      boolean validated, String validation, PpiEstimate ppi, String rubric) {}

  /**
   * The mean human-scale grade by prediction-powered inference (PPI++): its value, normal interval
   * and standard error, the power-tuning weight {@code lambda} given to the judge (0: human grades
   * alone), and the answers with and without a human grade.
   */
  public record PpiEstimate(double value, List<Double> ci, double se, double lambda, long graded, long ungraded) {}

  /** The judge's grades: whole numbers from {@code min} to {@code max}. */
  public record Scale(int min, int max) {}

  /**
   * Agreement between the judge's repeats over the {@code rows} with two or more successful
   * repeats: the share whose grades are all equal, the mean of highest minus lowest grade, and
   * Krippendorff's alpha (interval metric). Point values, or no value with the reason.
   */
  public record RepeatAgreement(long rows, Estimate exact, Estimate meanSpread, Estimate krippendorffAlpha) {}

  /**
   * Agreement between the judge's mean grade, rounded to a whole grade (halves up), and human
   * grades: the file, the grades it holds, the rows compared (graded by both; a row the judge could
   * not grade is left out), and Cohen's kappa unweighted and with quadratic weights, with bootstrap
   * intervals over rows.
   */
  public record HumanAgreement(String file, long graded, long rows, Estimate cohenKappa, Estimate cohenKappaQuadratic) {}

  /**
   * Multilabel only: the mean number of labels an evaluated row has (label cardinality) and is
   * predicted to have, each label's figures in the suite's order, and a note naming the labels
   * roc_auc_macro leaves out (absent when it averages every label).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record LabelSummary(double cardinality, double predictedCardinality, Map<String, LabelFigures> perLabel, String note) {}

  /**
   * One label: the evaluated rows that have it ({@code support}), their share of the evaluated rows
   * ({@code prior}, the score the baseline gives every row), its threshold, the rows predicted to
   * have it, and its precision, recall, f1, roc_auc and average_precision with intervals.
   */
  public record LabelFigures(double support, double prior, double threshold, double predicted, Map<String, Estimate> metrics) {}

  /** Percentiles of one call's latency in milliseconds (numpy's linear method over every call). */
  public record Latency(double p50, double p90, double p95, double p99, double max) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SuiteInfo(String name, String problem, String task, String primaryMetric, String file, String sha256,
      String data, String dataSha256) {}

  public record SubmissionInfo(String name, String file, String sha256) {}

  /**
   * Rows evaluated; predictions missing for evaluation ids; predictions for ids not in the set; rows
   * left out by {@code missing: ignore}; with {@code data.group}, the groups behind the evaluated
   * rows (the independent units the intervals resample), else absent.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Rows(long evaluated, long missingPredictions, long extraPredictions, long ignored, Long groups) {
    /** Rows that are independent (no data.group). */
    public Rows(long evaluated, long missingPredictions, long extraPredictions, long ignored) {
      this(evaluated, missingPredictions, extraPredictions, ignored, null);
    }
  }

  /**
   * A value with its interval; or no value and the reason. {@code pValue} appears on differences;
   * {@code undefinedReplicates} counts bootstrap replicates where the metric had no value.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Estimate(Double value, List<Double> ci, String undefined, Double pValue, Integer undefinedReplicates) {}

  /** Counts by true label (rows) then predicted label (columns); binary adds the threshold. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ConfusionMatrix(List<String> labels, List<List<Double>> counts, Double threshold) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ClassFigures(Estimate precision, Estimate recall, Estimate f1, double support) {}

  /** Expected cost per decision and per 1,000, and for binary the cost-optimal threshold. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CostSummary(double perDecision, double per1000, Double optimalThreshold, Double optimalPer1000, String note) {}

  /**
   * One group of a slice column: its rows, its metrics, and {@code worstFor}: the metrics (in the
   * order of {@code metrics}) on which this group has the worst value of its column's groups, by
   * the metric's direction, as worst_min and worst_max criteria judge it (groups without a value
   * left out; on a tie the first group in order). Null (absent from the JSON) when the group is the
   * worst on none.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SliceGroup(long rows, Map<String, Estimate> metrics, List<String> worstFor) {
    /** A group that is the worst on no metric. */
    public SliceGroup(long rows, Map<String, Estimate> metrics) {
      this(rows, metrics, null);
    }
  }

  /**
   * The baseline (its kind: majority, prior, mean, median or column:NAME, and what it predicts),
   * its metrics, and the submission minus baseline with paired intervals and one-sided p-values.
   */
  public record BaselineResult(String name, String description, Map<String, Estimate> metrics, Map<String, Estimate> difference) {}

  /**
   * How intervals were made: the method, replicates, confidence, seed, cells per view and a note;
   * {@code group} names the data.group column whose groups every replicate resamples (absent when
   * rows are independent), {@code adjust} the multiplicity adjustment of the criteria (absent: none),
   * {@code stratify} what every replicate keeps fixed ({@code label}: the rows of each label; absent: nothing).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record BootstrapInfo(String method, int replicates, double confidence, long seed, int maxCells, String note, String group, String adjust,
      String stratify) {
    public BootstrapInfo(String method, int replicates, double confidence, long seed, int maxCells, String note) {
      this(method, replicates, confidence, seed, maxCells, note, null, null, null);
    }

    public BootstrapInfo(String method, int replicates, double confidence, long seed, int maxCells, String note, String group, String adjust) {
      this(method, replicates, confidence, seed, maxCells, note, group, adjust, null);
    }
  }

  public record Provenance(String holdoutVersion, String java, String createdAt) {}

  /**
   * The data behind the report's charts (the HTML report does not draw gains, lift and budgets
   * yet), computed once from every row and downsampled (curves to at most
   * {@code Charts.MAX_POINTS} points, scatter plots to at most {@code Charts.MAX_SCATTER} rows), so
   * a renderer computes nothing and a ten-million-row report stays small. Binary reports fill the
   * curve, calibration, score, cost, gains and lift parts (and the budgets when the suite has
   * them); regression reports the scatter and residuals.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Charts(
      Curve roc,
      Curve baselineRoc,
      Curve precisionRecall,
      Curve baselinePrecisionRecall,
      OperatingPoint operatingPoint,
      List<CalibrationBin> calibration,
      Histogram scores,
      Curve cost,
      Scatter predictedVsActual,
      Histogram residuals,
      Curve gains,
      Curve baselineGains,
      Curve lift,
      List<BudgetPoint> budgets) {
    public static final int MAX_POINTS = 400;
    public static final int MAX_SCATTER = 2000;

    /** Charts without the gains and lift of a call list (regression). */
    public Charts(Curve roc, Curve baselineRoc, Curve precisionRecall, Curve baselinePrecisionRecall, OperatingPoint operatingPoint,
        List<CalibrationBin> calibration, Histogram scores, Curve cost, Scatter predictedVsActual, Histogram residuals) {
      this(roc, baselineRoc, precisionRecall, baselinePrecisionRecall, operatingPoint, calibration, scores, cost, predictedVsActual, residuals,
          null, null, null, null);
    }
  }

  /**
   * The call list of one of the suite's budgets on the submission: the share, the rows it takes
   * (ceil(share × rows evaluated)), the score of the last rows taken (call every row scoring at
   * least this; rows tied at it are taken in part), and precision, recall and lift there (null
   * when undefined; the same values as {@code metrics["precision@5%"]} and its partners).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record BudgetPoint(double share, double rows, Double threshold, Double precision, Double recall, Double lift) {}

  /**
   * A curve as parallel lists: roc has x = false positive rate and y = true positive rate;
   * precision-recall has x = recall and y = precision; cost has x = threshold and y = expected
   * cost per 1,000 decisions; gains has x = the share of rows scoring at least the threshold and
   * y = the share of all positives among them; lift the same x and y = their positive rate over
   * that of all rows. {@code threshold} is the score threshold of each point where one applies.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Curve(List<Double> x, List<Double> y, List<Double> threshold) {}

  /** The submission at its decision threshold, and the cost-optimal threshold when costs are given. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record OperatingPoint(double threshold, Double falsePositiveRate, Double truePositiveRate, Double precision, Double recall,
      Double costOptimalThreshold) {}

  /** One of the ten calibration bins behind ece: its score range, rows, mean score and observed positive rate. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CalibrationBin(double low, double high, double rows, Double meanScore, Double positiveRate) {}

  /** Counts per bin between consecutive {@code edges}; binary scores split by label, residuals in {@code counts}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Histogram(List<Double> edges, List<Double> counts, List<Double> positive, List<Double> negative) {}

  /** Up to MAX_SCATTER rows chosen evenly by a fixed rule (every k-th row in file order), of {@code rows} in all. */
  public record Scatter(List<Double> actual, List<Double> predicted, long rows) {}
}
