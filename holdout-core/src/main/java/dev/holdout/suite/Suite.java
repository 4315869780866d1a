package dev.holdout.suite;

import dev.holdout.metric.Task;
import dev.holdout.stats.Bootstrap;
import dev.holdout.verdict.Criterion;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A parsed and validated {@code holdout.suite/v1} file. Paths are resolved against the suite's
 * folder. Optional sections hold their documented defaults, so the engine never guesses.
 */
public record Suite(
    Path file,
    String name,
    String problem,
    Task task,
    Data data,
    Predictions predictions,
    String primaryMetric,
    List<Criterion> criteria,
    Costs costs,
    Baseline baseline,
    Bootstrap.Settings bootstrap,
    int topK,
    Drift drift,
    Champion champion,
    Retrieval retrieval,
    Text text) {

  /** A suite without the retrieval and text sections (the classification and regression tasks). */
  public Suite(Path file, String name, String problem, Task task, Data data, Predictions predictions, String primaryMetric,
      List<Criterion> criteria, Costs costs, Baseline baseline, Bootstrap.Settings bootstrap, int topK, Drift drift, Champion champion) {
    this(file, name, problem, task, data, predictions, primaryMetric, criteria, costs, baseline, bootstrap, topK, drift, champion, null, null);
  }

  /** A suite without {@code drift} and {@code champion} sections. */
  public Suite(Path file, String name, String problem, Task task, Data data, Predictions predictions, String primaryMetric,
      List<Criterion> criteria, Costs costs, Baseline baseline, Bootstrap.Settings bootstrap, int topK) {
    this(file, name, problem, task, data, predictions, primaryMetric, criteria, costs, baseline, bootstrap, topK, Drift.NONE,
        new Champion(primaryMetric, Champion.DEFAULT_TOLERANCE));
  }

  /** The same suite reading its evaluation set from {@code path}; the server keeps its own copies of the set. */
  public Suite withDataPath(Path path) {
    Data d = data;
    return new Suite(file, name, problem, task, new Data(path, d.id(), d.label(), d.positive(), d.classes(), d.slices()), predictions,
        primaryMetric, criteria, costs, baseline, bootstrap, topK, drift, champion, retrieval, text);
  }

  /** The same suite ranked by {@code metric}; the champion gate compares on its own metric. */
  public Suite withPrimaryMetric(String metric) {
    return new Suite(file, name, problem, task, data, predictions, metric, criteria, costs, baseline, bootstrap, topK, drift, champion, retrieval, text);
  }

  /**
   * The optional {@code champion} section: a challenger replaces the champion only if the paired
   * interval of challenger minus champion on {@code metric} reaches at most {@code tolerance}
   * into the worse side.
   */
  public record Champion(String metric, double tolerance) {
    public static final double DEFAULT_TOLERANCE = 0.01;
  }

  /**
   * The optional {@code drift} section, for {@code holdout drift}: a method and threshold per column,
   * the share of drifted feature columns that makes DRIFT, and the domain classifier's roc_auc bar.
   * Null values keep the documented defaults (docs/drift.md).
   */
  public record Drift(Map<String, DriftColumn> columns, Double share, Double classifierAuc) {
    public static final Drift NONE = new Drift(Map.of(), null, null);
  }

  /** One column's drift method (null: the default) and threshold (null: the method's default); {@code line} in the suite file. */
  public record DriftColumn(String method, Double threshold, int line) {}

  /** The labeled evaluation set: where it is and which columns mean what. */
  public record Data(Path path, String id, String label, String positive, List<String> classes, List<String> slices) {}

  /** How to read a submission's predictions file. */
  public record Predictions(
      String id,
      String score,
      double threshold,
      Map<String, String> probabilities,
      String label,
      String value,
      Map<Double, String> quantiles,
      Missing missing) {}

  /** What a missing prediction counts as. */
  public enum Missing {
    /** Scored as a wrong answer (the default): no vendor gains by leaving hard rows out. */
    WRONG,
    /** Refuse the submission. */
    FAIL,
    /** Leave the row out of every metric (still counted in the report). */
    IGNORE
  }

  /**
   * Costs per decision. Binary: {@code tp, fp, fn, tn}. Multiclass: {@code matrix[true][predicted]}
   * in the order of the suite's classes.
   */
  public record Costs(double tp, double fp, double fn, double tn, Map<String, Map<String, Double>> matrix) {}

  /**
   * Retrieval only: the evaluation set's document and relevance columns, the optional file of query
   * attributes, how a submission's ranked lists are written (a {@code doc} column with a {@code rank}
   * or {@code score} column, or a {@code docs} list per query), the cutoffs k, and the optional
   * ranked lists of the buyer's current search as the baseline ({@code baseline: {kind: run}}).
   * {@code relevance} null means every listed pair is relevant with grade 1.
   */
  public record Retrieval(String doc, String relevance, Path queries, String predictedDoc, String rank, String score,
      String docs, List<Integer> k, Path baselineRun) {}

  /**
   * Text generation only: the evaluation set's reference answer columns (one or more; a row needs
   * at least one non-empty), the submission's answer column, its optional columns of passages the
   * system used (for the grounding scores), and the per-row assertions.
   */
  public record Text(List<String> references, String output, List<String> usedContext, List<Assertion> assertions, Prompt prompt) {}

  /**
   * How {@code holdout run} asks the vendor's chat endpoint: a user message made from
   * {@code template} with each {@code {column}} replaced by the row's value in the evaluation set,
   * an optional system message, and the model name to send. Null when the suite has no prompt.
   */
  public record Prompt(String template, String system, String model) {}

  /**
   * One check of every answer: contains or not_contains a text (case-sensitive), matches a regex
   * (anywhere), is valid JSON, or is at most {@code maxLength} characters. {@code line} in the suite file.
   */
  public record Assertion(String id, Kind kind, String value, java.util.regex.Pattern regex, int maxLength, int line) {
    public enum Kind { CONTAINS, NOT_CONTAINS, REGEX, JSON_VALID, MAX_LENGTH }
  }

  /** What the buyer would do without ML; retrieval has none by default, or another ranked list ({@code run}). */
  public record Baseline(Kind kind, String column) {
    public enum Kind { MAJORITY, PRIOR, MEAN, MEDIAN, COLUMN, NONE, RUN }

    public String name() {
      return kind == Kind.COLUMN ? "column:" + column : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
