package dev.holdout.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import dev.holdout.metric.Direction;
import dev.holdout.metric.MetricCatalog;
import dev.holdout.metric.Task;
import dev.holdout.script.Script;
import dev.holdout.stats.Bootstrap;
import dev.holdout.verdict.Adjustment;
import dev.holdout.verdict.Criterion;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A parsed and validated {@code holdout.suite/v1} file. Paths are resolved against the suite's
 * folder. Optional sections hold their documented defaults, so the engine never guesses.
 * {@code multilabel} is null for other tasks; {@code budgets} holds the shares of binary metrics
 * at a budget ({@code budgets: [0.05]} gives precision@5%, recall@5% and lift@5%), empty without them.
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
    Scoring scoring,
    Retrieval retrieval,
    Text text,
    Adjustment adjust,
    Multilabel multilabel,
    List<Double> budgets,
    Forecast forecast) {

  public Suite {
    budgets = budgets == null ? List.of() : List.copyOf(budgets);
  }

  /** A suite that is not a forecasting suite. */
  public Suite(Path file, String name, String problem, Task task, Data data, Predictions predictions, String primaryMetric,
      List<Criterion> criteria, Costs costs, Baseline baseline, Bootstrap.Settings bootstrap, int topK, Drift drift, Champion champion,
      Scoring scoring, Retrieval retrieval, Text text, Adjustment adjust, Multilabel multilabel, List<Double> budgets) {
    this(file, name, problem, task, data, predictions, primaryMetric, criteria, costs, baseline, bootstrap, topK, drift, champion, scoring,
        retrieval, text, adjust, multilabel, budgets, null);
  }

  /** A suite that is not multilabel and names no budgets. */
  public Suite(Path file, String name, String problem, Task task, Data data, Predictions predictions, String primaryMetric,
      List<Criterion> criteria, Costs costs, Baseline baseline, Bootstrap.Settings bootstrap, int topK, Drift drift, Champion champion,
      Scoring scoring, Retrieval retrieval, Text text, Adjustment adjust) {
    this(file, name, problem, task, data, predictions, primaryMetric, criteria, costs, baseline, bootstrap, topK, drift, champion, scoring,
        retrieval, text, adjust, null, List.of());
  }

  /** A suite whose criteria are each judged alone (no {@code verdict.adjust}). */
  public Suite(Path file, String name, String problem, Task task, Data data, Predictions predictions, String primaryMetric,
      List<Criterion> criteria, Costs costs, Baseline baseline, Bootstrap.Settings bootstrap, int topK, Drift drift, Champion champion,
      Scoring scoring, Retrieval retrieval, Text text) {
    this(file, name, problem, task, data, predictions, primaryMetric, criteria, costs, baseline, bootstrap, topK, drift, champion, scoring,
        retrieval, text, Adjustment.NONE);
  }

  /** A suite without the scoring, retrieval and text sections. */
  public Suite(Path file, String name, String problem, Task task, Data data, Predictions predictions, String primaryMetric,
      List<Criterion> criteria, Costs costs, Baseline baseline, Bootstrap.Settings bootstrap, int topK, Drift drift, Champion champion) {
    this(file, name, problem, task, data, predictions, primaryMetric, criteria, costs, baseline, bootstrap, topK, drift, champion,
        Scoring.DEFAULT, null, null);
  }

  /** A suite without {@code champion}, {@code model} and {@code endpoint} sections. */
  public Suite(Path file, String name, String problem, Task task, Data data, Predictions predictions, String primaryMetric,
      List<Criterion> criteria, Costs costs, Baseline baseline, Bootstrap.Settings bootstrap, int topK, Drift drift) {
    this(file, name, problem, task, data, predictions, primaryMetric, criteria, costs, baseline, bootstrap, topK, drift,
        new Champion(primaryMetric, Champion.DEFAULT_TOLERANCE));
  }

  /** A suite without {@code drift}, {@code champion}, {@code model} and {@code endpoint} sections. */
  public Suite(Path file, String name, String problem, Task task, Data data, Predictions predictions, String primaryMetric,
      List<Criterion> criteria, Costs costs, Baseline baseline, Bootstrap.Settings bootstrap, int topK) {
    this(file, name, problem, task, data, predictions, primaryMetric, criteria, costs, baseline, bootstrap, topK, Drift.NONE);
  }

  /** The same suite reading its evaluation set from {@code path}; the server keeps its own copies of the set. */
  public Suite withDataPath(Path path) {
    Data d = data;
    return new Suite(file, name, problem, task, new Data(path, d.id(), d.label(), d.positive(), d.classes(), d.slices(), d.group(),
        d.shareWithVendors()), predictions, primaryMetric, criteria, costs, baseline, bootstrap, topK, drift, champion, scoring, retrieval, text,
        adjust, multilabel, budgets, forecast);
  }

  /** The same suite measuring binary metrics at the shares {@code budgets}. */
  public Suite withBudgets(List<Double> budgets) {
    return new Suite(file, name, problem, task, data, predictions, primaryMetric, criteria, costs, baseline, bootstrap, topK, drift, champion, scoring,
        retrieval, text, adjust, multilabel, budgets, forecast);
  }

  /** The same suite with other bootstrap settings. */
  public Suite withBootstrap(Bootstrap.Settings settings) {
    return new Suite(file, name, problem, task, data, predictions, primaryMetric, criteria, costs, baseline, settings, topK, drift, champion, scoring,
        retrieval, text, adjust, multilabel, budgets, forecast);
  }

  /** Whether the primary metric is better higher or lower; the parser has checked it is a metric of the task. */
  public Direction primaryDirection() {
    return MetricCatalog.direction(task, primaryMetric).orElseThrow();
  }

  /** The same suite ranked by {@code metric}; the champion gate compares on its own metric. */
  public Suite withPrimaryMetric(String metric) {
    return new Suite(file, name, problem, task, data, predictions, metric, criteria, costs, baseline, bootstrap, topK, drift, champion, scoring,
        retrieval, text, adjust, multilabel, budgets, forecast);
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

  /**
   * The optional {@code model} and {@code endpoint} sections, for {@code holdout score}: how to feed
   * the evaluation inputs to an ONNX model or an HTTP endpoint and where its answer is. Absent
   * sections hold the defaults documented in docs/suite.md.
   */
  public record Scoring(Model model, Endpoint endpoint) {
    public static final Scoring DEFAULT = new Scoring(Model.DEFAULT, Endpoint.DEFAULT);
  }

  /**
   * How an ONNX model is fed and read. {@code inputs} empty: the model's only input gets every
   * feature column as floats. {@code output} null: the model's first output. {@code classes} null:
   * the output's columns are in the order of the suite's classes (binary: negative then positive).
   */
  public record Model(List<ModelInput> inputs, String output, List<String> classes, int batchSize) {
    public static final Model DEFAULT = new Model(List.of(), null, null, 1024);
  }

  /** One model input: its name, the columns in order (null: the default feature columns), and the element type (null: the model's). */
  public record ModelInput(String name, List<String> columns, String type, int line) {}

  /**
   * How an HTTP JSON endpoint is called: a request template where {@code $rows} becomes a JSON
   * array of row objects, the dotted path to the array of answers in the response, the field of
   * each answer holding the prediction (null: the answer itself), batching, concurrency, per-call
   * timeout, retries with exponential back-off, and the price of one call for {@code cost_per_1000}.
   */
  public record Endpoint(String request, String response, String field, List<String> columns, int batchSize, int concurrency,
      int timeoutMs, int retries, int backoffMs, Double pricePerCall, Map<String, String> headers) {
    public static final Endpoint DEFAULT = new Endpoint("{\"rows\": $rows}", "predictions", null, null, 32, 4, 10_000, 2, 200, null, Map.of());
  }

  /** One column's drift method (null: the default) and threshold (null: the method's default); {@code line} in the suite file. */
  public record DriftColumn(String method, Double threshold, int line) {}

  /**
   * The labeled evaluation set: where it is and which columns mean what. {@code group} names the
   * column whose value says which rows belong together (a customer, a question, a document, a
   * series): intervals then resample groups, not rows; null when rows are independent.
   * {@code shareWithVendors} names columns a server shows vendors even though the suite uses them
   * for the label, the baseline or the reference answers (empty: none).
   */
  public record Data(Path path, String id, String label, String positive, List<String> classes, List<String> slices, String group,
      List<String> shareWithVendors) {
    public Data {
      shareWithVendors = shareWithVendors == null ? List.of() : List.copyOf(shareWithVendors);
    }

    /** An evaluation set whose rows are independent, nothing shared with vendors. */
    public Data(Path path, String id, String label, String positive, List<String> classes, List<String> slices) {
      this(path, id, label, positive, classes, slices, null, List.of());
    }

    /** Nothing shared with vendors beyond the inputs. */
    public Data(Path path, String id, String label, String positive, List<String> classes, List<String> slices, String group) {
      this(path, id, label, positive, classes, slices, group, List.of());
    }

    /** The columns read per row into groups: data.slices, then data.group when there is one. */
    public List<String> groupingColumns() {
      if (group == null) return slices;
      List<String> all = new ArrayList<>(slices);
      all.add(group);
      return List.copyOf(all);
    }
  }

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

  /**
   * Multilabel only: the labels, in report order (the keys of {@code predictions.scores}); where the
   * evaluation set holds each row's labels, as {@code column} (data.label) with labels joined by
   * {@code separator}, or as one 0/1 column per label ({@code columns}, data.labels; empty with a
   * column); each label's score column in a submission; and each label's threshold (a label is
   * predicted when its score is at least it).
   */
  public record Multilabel(List<String> labels, String column, String separator, Map<String, String> columns, Map<String, String> scores,
      Map<String, Double> thresholds) {
    public Multilabel {
      labels = List.copyOf(labels);
      columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
      scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
      thresholds = Collections.unmodifiableMap(new LinkedHashMap<>(thresholds));
    }
  }

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
      String docs, List<Integer> k) {}

  /**
   * Text generation only: the evaluation set's reference answer columns (one or more; a row needs
   * at least one non-empty), the submission's answer column, its optional columns of passages the
   * system used (for the grounding scores), and the per-row assertions.
   */
  public record Text(List<String> references, String output, List<String> usedContext, List<Assertion> assertions, Prompt prompt,
      Judge judge) {
    /** Text generation keys without a judge. */
    public Text(List<String> references, String output, List<String> usedContext, List<Assertion> assertions, Prompt prompt) {
      this(references, output, usedContext, assertions, prompt, null);
    }

    /** The answers file's column with ask {@code k} (2 or more) of every row, when each row was asked several times: {@code answer.ask2}. */
    public String askColumn(int k) {
      return output + ".ask" + k;
    }
  }

  /**
   * The optional {@code judge} section: an OpenAI-compatible chat endpoint that grades every answer
   * with {@code rubric} on the whole numbers {@code min} to {@code max}, {@code repeats} times.
   * {@code input} is the template of what was asked ({@code {column}} replaced by the row's value),
   * by default the prompt's template; {@code apiKeyEnv} names the environment variable with the key
   * (null: no key is sent). {@code line} is the section's line in the suite file. {@code builtIn}
   * is the shipped rubric the suite names ({@code rubric: faithfulness}), whose wording is then
   * {@code rubric}; null for a rubric the suite writes out.
   */
  public record Judge(URI url, String model, String apiKeyEnv, String rubric, int min, int max, int repeats, String input,
      int timeoutMs, int concurrency, int retries, int backoffMs, int line, double minKappa, BuiltInRubric builtIn) {
    /**
     * The agreement with people a judge needs before its mean grade decides a criterion: the lower
     * end of the interval of quadratic-weighted kappa against human grades (0.6: "substantial" on
     * Landis and Koch's scale).
     */
    public static final double DEFAULT_MIN_KAPPA = 0.6;

    /** A judge held to the default agreement. */
    public Judge(URI url, String model, String apiKeyEnv, String rubric, int min, int max, int repeats, String input,
        int timeoutMs, int concurrency, int retries, int backoffMs, int line) {
      this(url, model, apiKeyEnv, rubric, min, max, repeats, input, timeoutMs, concurrency, retries, backoffMs, line, DEFAULT_MIN_KAPPA);
    }

    /** A judge with a rubric the suite writes out. */
    public Judge(URI url, String model, String apiKeyEnv, String rubric, int min, int max, int repeats, String input,
        int timeoutMs, int concurrency, int retries, int backoffMs, int line, double minKappa) {
      this(url, model, apiKeyEnv, rubric, min, max, repeats, input, timeoutMs, concurrency, retries, backoffMs, line, minKappa, null);
    }

    public static final int DEFAULT_REPEATS = 3;
    public static final int DEFAULT_TIMEOUT_MS = 60_000;
    public static final int DEFAULT_CONCURRENCY = 4;
    public static final int DEFAULT_RETRIES = 2;
    public static final int DEFAULT_BACKOFF_MS = 500;
  }

  /**
   * How {@code holdout run} asks the vendor's endpoint: a prompt made from {@code template} with
   * each {@code {column}} replaced by the row's value in the evaluation set, an optional system
   * message, and the model name to send; {@code request} is null for an OpenAI-compatible chat
   * endpoint and otherwise describes a generic JSON endpoint. Null when the suite has no prompt.
   * {@code template} is null only when a request template names the columns itself.
   */
  public record Prompt(String template, String system, String model, Double pricePer1kPromptTokens, Double pricePer1kCompletionTokens,
      Request request, String conversation) {
    public Prompt(String template, String system, String model) {
      this(template, system, model, null, null, null, null);
    }

    /** A prompt without earlier turns ({@code conversation}: the column of a row's earlier turns, null for none). */
    public Prompt(String template, String system, String model, Double pricePer1kPromptTokens, Double pricePer1kCompletionTokens, Request request) {
      this(template, system, model, pricePer1kPromptTokens, pricePer1kCompletionTokens, request, null);
    }

    /** Whether both token prices are given, so a run's cost can be computed. */
    public boolean priced() {
      return pricePer1kPromptTokens != null && pricePer1kCompletionTokens != null;
    }
  }

  /**
   * A generic JSON endpoint: {@code body} is the request sent, in which every text value has its
   * {@code {prompt}}, {@code {system}}, {@code {model}} and {@code {column}} placeholders filled;
   * {@code response} is the JSON Pointer of the answer text in the reply, and the two token
   * pointers (null when the endpoint does not count tokens) say where the usage is.
   */
  public record Request(JsonNode body, String response, String promptTokens, String completionTokens) {}

  /**
   * One check of every answer: contains or not_contains a text (case-sensitive), matches a regex
   * (anywhere), equals a reference after the suite's normalisation, is valid JSON, or is at most
   * {@code maxLength} characters. {@code columns} are the evaluation set's columns the value names
   * ({@code {answer}}), filled in row by row ({@link RowTemplates}). {@code line} in the suite file.
   */
  public record Assertion(String id, Kind kind, String value, Pattern regex, int maxLength, int line,
      JsonSchema schema, List<String> columns, Script script, Map<String, String> arguments) {
    /** TOOL_CALLED: the reply calls the tool named {@code value}, with each of {@code arguments} (templates of the row) when given. */
    public enum Kind { CONTAINS, NOT_CONTAINS, REGEX, EQUALS_REFERENCE, SCRIPT, JSON_VALID, JSON_SCHEMA, MAX_LENGTH, TOOL_CALLED }

    public Assertion {
      columns = List.copyOf(columns);
      arguments = arguments == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }

    public Assertion(String id, Kind kind, String value, Pattern regex, int maxLength, int line, JsonSchema schema, List<String> columns, Script script) {
      this(id, kind, value, regex, maxLength, line, schema, columns, script, Map.of());
    }

    public Assertion(String id, Kind kind, String value, Pattern regex, int maxLength, int line) {
      this(id, kind, value, regex, maxLength, line, null, List.of(), null);
    }

    public Assertion(String id, Kind kind, String value, Pattern regex, int maxLength, int line, JsonSchema schema) {
      this(id, kind, value, regex, maxLength, line, schema, List.of(), null);
    }
  }

  /** What the buyer would do without ML; retrieval has none by default, or another ranked list ({@code run}). */
  /**
   * What the buyer would do without ML: a constant rule, a column of the evaluation set
   * ({@code column}), or a file in the submission's shape ({@code path}, for kind RUN).
   */
  public record Baseline(Kind kind, String column, Path path) {
    public enum Kind { MAJORITY, PRIOR, MEAN, MEDIAN, COLUMN, NONE, RUN, NAIVE, SEASONAL_NAIVE }

    public Baseline(Kind kind, String column) {
      this(kind, column, null);
    }

    public String name() {
      return kind == Kind.COLUMN ? "column:" + column : kind.name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Forecasting only. The evaluation set ({@code data.path}) holds the actual values of the
   * periods forecast, one row per series and period; {@code history} the earlier actual values
   * in the same columns, which the vendor had: the naive baselines and MASE's scale come from it.
   * {@code series} is null for a single series. {@code season} is the season length m in periods
   * (1: no season). {@code horizon} is the most periods ahead each origin is judged on (0: every
   * period of the evaluation set after the origin). {@code origins} are the last periods each set
   * of forecasts knew, as written in the time column (empty: the last period of the history).
   * {@code predSeries}, {@code predTime}, {@code predOrigin} and {@code predHorizon} are the
   * submission's columns (origin and horizon null when not given).
   */
  public record Forecast(String series, String time, Path history, int season, int horizon, List<String> origins,
      String predSeries, String predTime, String predOrigin, String predHorizon) {
    public Forecast {
      origins = List.copyOf(origins);
      if (season < 1) throw new IllegalArgumentException("season must be positive: " + season);
      if (horizon < 0) throw new IllegalArgumentException("horizon must not be negative: " + horizon);
    }
  }
}
