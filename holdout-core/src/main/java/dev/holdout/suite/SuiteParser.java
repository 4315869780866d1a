package dev.holdout.suite;

import dev.holdout.HoldoutException;
import dev.holdout.Names;
import dev.holdout.metric.Direction;
import dev.holdout.metric.MetricCatalog;
import dev.holdout.metric.Task;
import dev.holdout.stats.Bootstrap;
import dev.holdout.verdict.Criterion;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Reads and validates a {@code holdout.suite/v1} file into a {@link Suite}. */
public final class SuiteParser {
  public static final String SCHEMA = "holdout.suite/v1";

  private static final List<String> TOP = List.of("suite", "name", "problem", "task", "data", "predictions",
      "primary_metric", "criteria", "costs", "baseline", "bootstrap", "top_k", "drift", "champion", "model", "endpoint", "k", "assertions", "prompt", "judge");
  private static final List<String> JUDGE = List.of("url", "model", "api_key_env", "rubric", "scale", "repeats", "input", "timeout_ms",
      "concurrency", "retries", "backoff_ms");
  private static final List<String> SCALE = List.of("min", "max");
  /** The widest judge scale: a judge grades reliably on a few points, not on a hundred. */
  static final int MAX_SCALE_POINTS = 11;
  private static final List<String> PROMPT = List.of("template", "system", "model", "price_per_1k_prompt_tokens", "price_per_1k_completion_tokens",
      "request", "response", "usage");
  private static final List<String> USAGE = List.of("prompt_tokens", "completion_tokens");
  private static final List<String> CHAMPION = List.of("metric", "tolerance");
  private static final List<String> DATA = List.of("path", "id", "label", "positive", "classes", "slices", "doc", "relevance", "queries", "reference",
      "share_with_vendors");
  private static final List<String> PREDICTIONS = List.of("id", "score", "threshold", "probabilities", "label",
      "value", "quantiles", "missing", "doc", "rank", "docs", "output", "context");
  private static final List<String> ASSERTION = List.of("id", "contains", "not_contains", "regex", "json_valid", "json_schema", "max_length");
  private static final List<String> CRITERION = List.of("id", "metric", "min", "max", "worst_min", "worst_max",
      "max_gap", "min_lift", "at", "slice");
  private static final List<String> BOOTSTRAP = List.of("replicates", "confidence", "seed");
  private static final List<String> BASELINE = List.of("kind", "column", "path");
  private static final List<String> DRIFT = List.of("columns", "share", "classifier_auc");
  private static final List<String> DRIFT_COLUMN = List.of("method", "threshold");
  private static final List<String> MODEL = List.of("inputs", "output", "classes", "batch_size");
  private static final List<String> MODEL_INPUT = List.of("name", "columns", "type");
  private static final List<String> ENDPOINT = List.of("request", "response", "field", "columns", "batch_size", "concurrency",
      "timeout_ms", "retries", "backoff_ms", "price_per_call", "headers");
  private static final List<String> BINARY_COSTS = List.of("tp", "fp", "fn", "tn");

  private final String file;
  /** Retrieval cutoffs, known before criteria are read: metric names such as ndcg@10 must use one. */
  private List<Integer> cutoffs = List.of();
  /** Whether the suite has a baseline to lift over (retrieval may have none). */
  private boolean hasBaseline = true;
  /** Text generation: the assertion ids and whether the submission names used passages, for metric checks. */
  private List<String> assertionIds = List.of();
  private boolean usedContext;
  private boolean judged;

  private SuiteParser(String file) {
    this.file = file;
  }

  /** Parses the suite at {@code path}; relative paths inside resolve against its folder. */
  public static Suite parse(Path path) {
    if (Files.isDirectory(path)) {
      throw new HoldoutException.BadSuite(path + ": is a folder; give the path of a suite YAML file");
    }
    if (!Files.isRegularFile(path)) {
      throw new HoldoutException.BadSuite(path + ": suite file not found; give the path of a suite YAML file");
    }
    try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      Path folder = path.toAbsolutePath().getParent();
      return new SuiteParser(path.toString()).suite(YamlReader.read(path.toString(), r), folder);
    } catch (IOException e) {
      throw new HoldoutException.BadSuite(path + ": cannot be read (" + e.getMessage() + ")");
    }
  }

  /** Parses suite text; {@code name} stands for the file in messages and {@code folder} resolves paths. */
  public static Suite parse(String name, String yaml, Path folder) {
    return new SuiteParser(name).suite(YamlReader.read(name, new StringReader(yaml)), folder);
  }

  private Suite suite(YamlNode root, Path folder) {
    YamlNode.Mapping top = mapping(root, "the suite");
    checkKeys(top, TOP, "");
    for (String required : List.of("suite", "name", "problem", "task", "data", "predictions")) {
      if (!top.entries().containsKey(required)) {
        throw error(top, "", "missing required key '" + required + "'" + hintFor(required));
      }
    }
    String schema = text(top, "suite", "suite");
    if (!SCHEMA.equals(schema)) {
      throw error(top.entries().get("suite"), "suite", "expected '" + SCHEMA + "', found '" + schema + "'");
    }
    String name = text(top, "name", "name");
    String problem = text(top, "problem", "problem");
    String taskKey = text(top, "task", "task");
    Task task = Task.byKey(taskKey).orElseThrow(() -> error(top.entries().get("task"), "task",
        "unknown task '" + taskKey + "'" + taskHint(taskKey) + " (tasks: " + String.join(", ", Task.keys()) + ")"));
    if (!task.supported() && task != Task.RETRIEVAL && task != Task.TEXT_GENERATION) {
      throw error(top.entries().get("task"), "task", "task '" + taskKey
          + "' is not supported by this version of Holdout yet; supported: binary_classification, multiclass_classification, regression, retrieval, text_generation");
    }

    YamlNode.Mapping data = mapping(top.entries().get("data"), "data");
    checkKeys(data, DATA, "data");
    Path dataPath = folder.resolve(requiredText(data, "path", "data.path"));
    String id = requiredText(data, "id", "data.id");
    boolean retrieval = task == Task.RETRIEVAL;
    boolean text = task == Task.TEXT_GENERATION;
    String label = retrieval || text ? null : requiredText(data, "label", "data.label");
    if (retrieval) forbid(data, "data", "retrieval (name the relevance grade column with 'relevance')", "label");
    else forbid(data, "data", task.key() + " (doc, relevance and queries are for retrieval)", "doc", "relevance", "queries");
    if (text) forbid(data, "data", "text_generation (name the reference answer columns with 'reference')", "label");
    else forbid(data, "data", task.key() + " (reference is for text_generation)", "reference");
    String positive = optionalText(data, "positive", "data.positive");
    if (positive != null && task != Task.BINARY_CLASSIFICATION) {
      throw error(data.entries().get("positive"), "data.positive", "only binary_classification has a positive class; remove it");
    }
    List<String> classes = optionalTextList(data, "classes", "data.classes");
    if (classes != null && task != Task.MULTICLASS_CLASSIFICATION) {
      throw error(data.entries().get("classes"), "data.classes", "only multiclass_classification declares classes; remove it");
    }
    List<String> slices = optionalTextList(data, "slices", "data.slices");
    if (slices == null) slices = List.of();
    Set<String> sliceSet = new LinkedHashSet<>(slices);
    if (sliceSet.size() != slices.size()) throw error(data.entries().get("slices"), "data.slices", "a slice column is listed twice");
    List<String> shared = optionalTextList(data, "share_with_vendors", "data.share_with_vendors");

    YamlNode.Mapping pred = mapping(top.entries().get("predictions"), "predictions");
    checkKeys(pred, PREDICTIONS, "predictions");
    Suite.Predictions predictions = predictions(pred, task, id);
    if (classes == null && !predictions.probabilities().isEmpty()) classes = List.copyOf(predictions.probabilities().keySet());
    if (classes != null && !predictions.probabilities().isEmpty()
        && !new LinkedHashSet<>(classes).equals(predictions.probabilities().keySet())) {
      throw error(pred.entries().get("probabilities"), "predictions.probabilities",
          "the probability columns must name exactly the classes " + classes + ", found " + predictions.probabilities().keySet());
    }
    if (classes != null && classes.size() < 2) {
      throw error(data.entries().containsKey("classes") ? data.entries().get("classes") : pred, "data.classes",
          "a multiclass suite needs at least 2 classes, found " + classes);
    }

    int topK = 2;
    if (top.entries().containsKey("top_k")) {
      if (task != Task.MULTICLASS_CLASSIFICATION) throw error(top.entries().get("top_k"), "top_k", "top_k is for multiclass_classification only; remove it");
      topK = (int) integer(top.entries().get("top_k"), "top_k", 1, classes == null ? Integer.MAX_VALUE : classes.size());
    }

    Suite.Costs costs = top.entries().containsKey("costs") ? costs(top.entries().get("costs"), task, classes) : null;
    Suite.Baseline baseline = baseline(top.entries().get("baseline"), task, folder);
    Suite.Retrieval retrievalSpec = null;
    if (retrieval) {
      retrievalSpec = retrieval(top, data, pred, folder);
      cutoffs = retrievalSpec.k();
      hasBaseline = baseline.kind() != Suite.Baseline.Kind.NONE;
    } else if (top.entries().containsKey("k")) {
      throw error(top.entries().get("k"), "k", "k (the retrieval cutoffs) is for task: retrieval only; remove it");
    }
    Suite.Text textSpec = null;
    if (text) {
      textSpec = text(top, data, pred, folder);
      hasBaseline = baseline.kind() != Suite.Baseline.Kind.NONE;
    } else if (top.entries().containsKey("assertions")) {
      throw error(top.entries().get("assertions"), "assertions", "assertions check generated text: they are for task: text_generation only; remove them");
    } else if (top.entries().containsKey("prompt")) {
      throw error(top.entries().get("prompt"), "prompt", "a prompt is for task: text_generation only; remove it");
    } else if (top.entries().containsKey("judge")) {
      throw error(top.entries().get("judge"), "judge", "a judge grades generated text: it is for task: text_generation only; remove it");
    }
    Bootstrap.Settings bootstrap = bootstrap(top.entries().get("bootstrap"));

    String primary = switch (task) {
      case BINARY_CLASSIFICATION -> "roc_auc";
      case MULTICLASS_CLASSIFICATION -> "f1_macro";
      case RETRIEVAL -> "ndcg@" + (cutoffs.contains(10) ? 10 : cutoffs.get(cutoffs.size() - 1));
      case TEXT_GENERATION -> "token_f1";
      default -> "mae";
    };
    if (top.entries().containsKey("primary_metric")) {
      primary = canonical(text(top, "primary_metric", "primary_metric"));
      checkMetric(top.entries().get("primary_metric"), "primary_metric", task, primary, predictions, costs);
    }

    List<Criterion> criteria = new ArrayList<>();
    if (top.entries().containsKey("criteria")) {
      YamlNode node = top.entries().get("criteria");
      if (!(node instanceof YamlNode.Sequence seq)) throw error(node, "criteria", "expected a list of criteria, found " + node.describe());
      Set<String> ids = new LinkedHashSet<>();
      for (int i = 0; i < seq.items().size(); i++) {
        Criterion c = criterion(seq.items().get(i), "criteria[" + i + "]", i, task, predictions, costs, sliceSet);
        if (!ids.add(c.id())) {
          YamlNode item = seq.items().get(i);
          YamlNode at = item instanceof YamlNode.Mapping im && im.entries().containsKey("id") ? im.entries().get("id") : item;
          throw error(at, "criteria[" + i + "].id", "criterion id '" + c.id() + "' is used twice; give each criterion its own id");
        }
        criteria.add(c);
      }
    }
    return new Suite(folder.resolve(Path.of(file).getFileName().toString()), name, problem, task,
        new Suite.Data(dataPath, id, label, positive, classes, List.copyOf(slices), shared), predictions, primary,
        List.copyOf(criteria), costs, baseline, bootstrap, topK, drift(top.entries().get("drift")),
        champion(top.entries().get("champion"), task, primary, predictions, costs),
        new Suite.Scoring(model(top.entries().get("model")), endpoint(top.entries().get("endpoint"))), retrievalSpec, textSpec);
  }

  private Suite.Champion champion(YamlNode node, Task task, String primary, Suite.Predictions predictions, Suite.Costs costs) {
    if (node == null) return new Suite.Champion(primary, Suite.Champion.DEFAULT_TOLERANCE);
    YamlNode.Mapping m = mapping(node, "champion");
    checkKeys(m, CHAMPION, "champion");
    String metric = primary;
    if (m.entries().containsKey("metric")) {
      metric = canonical(text(m, "metric", "champion.metric"));
      checkMetric(m.entries().get("metric"), "champion.metric", task, metric, predictions, costs);
    }
    double tolerance = Suite.Champion.DEFAULT_TOLERANCE;
    if (m.entries().containsKey("tolerance")) {
      tolerance = number(m.entries().get("tolerance"), "champion.tolerance");
      if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
        throw error(m.entries().get("tolerance"), "champion.tolerance", "expected how much worse than the champion a challenger may be, 0 or more, such as 0.01; found " + tolerance);
      }
    }
    return new Suite.Champion(metric, tolerance);
  }

  /** "binary" and "classification" are too far from the keys for an edit distance, but plainly meant one. */
  private static String taskHint(String word) {
    String close = Names.didYouMean(word, Task.keys());
    if (!close.isEmpty()) return close;
    String w = word.toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    List<String> containing = Task.keys().stream().filter(k -> w.length() >= 3 && k.contains(w)).toList();
    return containing.size() == 1 ? "; did you mean '" + containing.get(0) + "'?" : "";
  }

  private static String hintFor(String key) {
    return switch (key) {
      case "suite" -> " (the first line should be 'suite: " + SCHEMA + "')";
      case "problem" -> " (the problem in one sentence, e.g. 'Predict which subscribers cancel within 30 days')";
      case "task" -> " (binary_classification, multiclass_classification or regression)";
      case "data" -> " (data: {path: eval.csv, id: ..., label: ...})";
      case "predictions" -> " (predictions: the columns of a submission, e.g. {score: p_churn})";
      default -> "";
    };
  }

  private Suite.Predictions predictions(YamlNode.Mapping pred, Task task, String dataId) {
    String id = optionalText(pred, "id", "predictions.id");
    if (id == null) id = dataId;
    String score = optionalText(pred, "score", "predictions.score");
    String label = optionalText(pred, "label", "predictions.label");
    String value = optionalText(pred, "value", "predictions.value");
    double threshold = 0.5;
    Map<String, String> probabilities = new LinkedHashMap<>();
    Map<Double, String> quantiles = new TreeMap<>();
    switch (task) {
      case BINARY_CLASSIFICATION -> {
        if (score == null) throw error(pred, "predictions", "binary_classification needs 'score': the column with the probability of the positive class");
        forbid(pred, "predictions", "binary_classification", "probabilities", "label", "value", "quantiles");
        if (pred.entries().containsKey("threshold")) {
          threshold = number(pred.entries().get("threshold"), "predictions.threshold");
          // 0 would predict every row positive, and leave no score below it for a missing prediction to count as wrong.
          if (!(threshold > 0 && threshold <= 1)) {
            throw error(pred.entries().get("threshold"), "predictions.threshold", "expected a probability threshold above 0 and at most 1, such as 0.5; found "
                + pred.entries().get("threshold").describe());
          }
        }
      }
      case MULTICLASS_CLASSIFICATION -> {
        forbid(pred, "predictions", "multiclass_classification", "score", "threshold", "value", "quantiles");
        if (pred.entries().containsKey("probabilities")) {
          YamlNode.Mapping m = mapping(pred.entries().get("probabilities"), "predictions.probabilities");
          for (var e : m.entries().entrySet()) {
            String column = scalarText(e.getValue(), "predictions.probabilities." + e.getKey());
            for (var earlier : probabilities.entrySet()) {
              if (earlier.getValue().equals(column)) {
                throw error(e.getValue(), "predictions.probabilities." + e.getKey(), "column '" + column + "' is already the probability of class '"
                    + earlier.getKey() + "'; give each class its own column");
              }
            }
            probabilities.put(e.getKey(), column);
          }
          if (probabilities.size() < 2) throw error(m, "predictions.probabilities", "name a probability column for each of at least 2 classes");
        }
        if (label == null && probabilities.isEmpty()) {
          throw error(pred, "predictions", "multiclass_classification needs 'probabilities' ({class: column, ...}) or 'label' (the predicted class column), or both");
        }
      }
      case REGRESSION -> {
        if (value == null) throw error(pred, "predictions", "regression needs 'value': the column with the predicted value");
        forbid(pred, "predictions", "regression", "score", "threshold", "probabilities", "label");
        if (pred.entries().containsKey("quantiles")) {
          YamlNode.Mapping m = mapping(pred.entries().get("quantiles"), "predictions.quantiles");
          for (var e : m.entries().entrySet()) {
            String path = "predictions.quantiles." + e.getKey();
            double q;
            try {
              q = Double.parseDouble(e.getKey());
            } catch (NumberFormatException ex) {
              throw error(e.getValue(), path, "a quantile key must be a number in (0, 1) such as 0.9, found '" + e.getKey() + "'");
            }
            if (!(q > 0 && q < 1)) throw error(e.getValue(), path, "a quantile must be in (0, 1), found " + e.getKey());
            String column = scalarText(e.getValue(), path);
            if (quantiles.containsKey(q)) throw error(e.getValue(), path, "quantile " + e.getKey() + " is given twice (as " + q + "); keep one");
            for (var earlier : quantiles.entrySet()) {
              if (earlier.getValue().equals(column)) {
                throw error(e.getValue(), path, "column '" + column + "' is already quantile " + earlier.getKey() + "; give each quantile its own column");
              }
            }
            quantiles.put(q, column);
          }
        }
      }
      case RETRIEVAL -> {
        forbid(pred, "predictions", "retrieval", "threshold", "probabilities", "label", "value", "quantiles");
        boolean rank = pred.entries().containsKey("rank");
        boolean scored = pred.entries().containsKey("score");
        boolean doc = pred.entries().containsKey("doc");
        boolean docs = pred.entries().containsKey("docs");
        if (rank && scored) throw error(pred.entries().get("score"), "predictions.score", "give one of rank and score, not both");
        if (!docs && !(doc && (rank || scored))) {
          throw error(pred, "predictions", "retrieval needs the order of each ranked list: 'doc' with 'rank' (1 first) or 'score' (higher first) for rows of query, document and rank,"
              + " and/or 'docs' for JSON Lines with a list of document ids per query, best first");
        }
        if (doc != (rank || scored)) {
          throw error(pred, "predictions", doc ? "'doc' needs 'rank' or 'score' to order the documents" : "'" + (rank ? "rank" : "score") + "' needs 'doc': the column with the document id");
        }
      }
      case TEXT_GENERATION -> {
        forbid(pred, "predictions", "text_generation", "score", "threshold", "probabilities", "label", "value", "quantiles");
        if (!pred.entries().containsKey("output")) throw error(pred, "predictions", "text_generation needs 'output': the column with the system's answer");
      }
      default -> throw new IllegalStateException("unsupported task " + task);
    }
    if (task != Task.TEXT_GENERATION) forbid(pred, "predictions", task.key() + " (output and context are for text_generation)", "output", "context");
    if (task != Task.RETRIEVAL) forbid(pred, "predictions", task.key() + " (doc, rank and docs are for retrieval)", "doc", "rank", "docs");
    Suite.Missing missing = Suite.Missing.WRONG;
    if (pred.entries().containsKey("missing")) {
      String m = text(pred, "missing", "predictions.missing");
      List<String> allowed = List.of("wrong", "fail", "ignore");
      if (!allowed.contains(m)) {
        throw error(pred.entries().get("missing"), "predictions.missing", "expected one of " + allowed + ", found '" + m + "'" + Names.didYouMean(m, allowed));
      }
      missing = Suite.Missing.valueOf(m.toUpperCase(Locale.ROOT));
    }
    return new Suite.Predictions(id, score, threshold, probabilities,
        label, value, quantiles, missing);
  }

  private void forbid(YamlNode.Mapping m, String path, String task, String... keys) {
    for (String k : keys) {
      if (m.entries().containsKey(k)) {
        throw error(m.entries().get(k), path + "." + k, "'" + k + "' does not apply to " + task + "; remove it");
      }
    }
  }

  private Criterion criterion(YamlNode node, String path, int index, Task task, Suite.Predictions predictions,
      Suite.Costs costs, Set<String> slices) {
    YamlNode.Mapping m = mapping(node, path);
    checkKeys(m, CRITERION, path);
    if (!m.entries().containsKey("metric")) throw error(m, path, "missing 'metric': the metric this criterion judges, e.g. metric: roc_auc");
    String metric = canonical(text(m, "metric", path + ".metric"));
    if (ServingMetrics.is(metric)) return servingCriterion(m, path, index, metric);
    Direction direction = checkMetric(m.entries().get("metric"), path + ".metric", task, metric, predictions, costs);
    List<Criterion.Kind> kinds = new ArrayList<>();
    for (Criterion.Kind k : Criterion.Kind.values()) if (m.entries().containsKey(k.key())) kinds.add(k);
    if (kinds.size() != 1) {
      throw error(m, path, kinds.isEmpty()
          ? "say what the bar is with one of min, max, worst_min, worst_max, max_gap or min_lift"
          : "give one bar per criterion, found " + kinds.stream().map(Criterion.Kind::key).toList() + "; split it into several criteria");
    }
    Criterion.Kind kind = kinds.get(0);
    if (kind == Criterion.Kind.MIN_LIFT && !hasBaseline) {
      throw error(m.entries().get(kind.key()), path + ".min_lift", "min_lift needs a baseline to lift over: add " + (task == Task.RETRIEVAL
          ? "baseline: {kind: run, path: FILE} with the ranked lists of the search you use today"
          : "baseline: {kind: column, column: NAME} or {kind: run, path: FILE} with the answers given today"));
    }
    double threshold = number(m.entries().get(kind.key()), path + "." + kind.key());
    String slice = optionalText(m, "slice", path + ".slice");
    boolean sliced = kind == Criterion.Kind.WORST_MIN || kind == Criterion.Kind.WORST_MAX || kind == Criterion.Kind.MAX_GAP;
    if (sliced && slice == null) {
      throw error(m, path, kind.key() + " compares slice groups: add 'slice: COLUMN' naming one of data.slices " + slices);
    }
    if (!sliced && slice != null) {
      String instead = direction == Direction.HIGHER_IS_BETTER ? "worst_min" : "worst_max";
      throw error(m.entries().get("slice"), path + ".slice", kind.key() + " judges the whole set; to bound every group of a slice use " + instead + " with slice");
    }
    if (slice != null && !slices.contains(slice)) {
      throw error(m.entries().get("slice"), path + ".slice", "'" + slice + "' is not among data.slices " + slices
          + Names.didYouMean(slice, slices) + "; add it to data.slices");
    }
    String wrongDirection = null;
    if ((kind == Criterion.Kind.MIN || kind == Criterion.Kind.WORST_MIN) && direction == Direction.LOWER_IS_BETTER) {
      wrongDirection = metric + " is better when lower, so bound it with " + (kind == Criterion.Kind.MIN ? "max" : "worst_max");
    }
    if ((kind == Criterion.Kind.MAX || kind == Criterion.Kind.WORST_MAX) && direction == Direction.HIGHER_IS_BETTER) {
      wrongDirection = metric + " is better when higher, so bound it with " + (kind == Criterion.Kind.MAX ? "min" : "worst_min");
    }
    if (wrongDirection != null) throw error(m.entries().get(kind.key()), path + "." + kind.key(), wrongDirection);
    if (kind == Criterion.Kind.MAX_GAP && threshold < 0) throw error(m.entries().get(kind.key()), path + ".max_gap", "a gap is never negative; give 0 or more");
    boolean atPoint = false;
    if (m.entries().containsKey("at")) {
      String at = text(m, "at", path + ".at");
      if (!at.equals("ci") && !at.equals("point")) {
        throw error(m.entries().get("at"), path + ".at", "expected 'ci' (judge the confidence interval, the default) or 'point', found '" + at + "'");
      }
      atPoint = at.equals("point");
    }
    String id = m.entries().containsKey("id") ? text(m, "id", path + ".id") : "c" + (index + 1);
    return new Criterion(id, metric, kind, threshold, slice, atPoint, m.line());
  }

  /**
   * A criterion on how the model is served (latency_p95_ms, error_rate, cost_per_1000): measured
   * once by {@code holdout score}, so it is judged on the measured value, with min or max only.
   */
  private Criterion servingCriterion(YamlNode.Mapping m, String path, int index, String metric) {
    for (String k : List.of("worst_min", "worst_max", "max_gap", "min_lift", "slice")) {
      if (m.entries().containsKey(k)) throw error(m.entries().get(k), path + "." + k, metric + " is measured once for the whole run; bound it with max");
    }
    if (m.entries().containsKey("min")) throw error(m.entries().get("min"), path + ".min", metric + " is better when lower, so bound it with max");
    if (!m.entries().containsKey("max")) throw error(m, path, "say what the bar is with max, e.g. {metric: " + metric + ", max: " + ServingMetrics.example(metric) + "}");
    double threshold = number(m.entries().get("max"), path + ".max");
    if (threshold < 0) throw error(m.entries().get("max"), path + ".max", metric + " is never negative; give 0 or more");
    if (m.entries().containsKey("at") && !"point".equals(text(m, "at", path + ".at"))) {
      throw error(m.entries().get("at"), path + ".at", metric + " is measured, not resampled, so it is judged on the measured value; remove 'at' or write 'at: point'");
    }
    String id = m.entries().containsKey("id") ? text(m, "id", path + ".id") : "c" + (index + 1);
    return new Criterion(id, metric, Criterion.Kind.MAX, threshold, null, true, m.line());
  }

  /** One spelling per metric: pinball_q0.90 and pinball_q.9 become pinball_q0.9. */
  private static String canonical(String metric) {
    return MetricCatalog.pinballQuantile(metric).map(MetricCatalog::pinballName).orElse(metric);
  }

  private Direction checkMetric(YamlNode at, String path, Task task, String metric, Suite.Predictions predictions, Suite.Costs costs) {
    List<String> known = task == Task.RETRIEVAL ? MetricCatalog.retrievalNames(cutoffs)
        : task == Task.TEXT_GENERATION ? MetricCatalog.textNames(usedContext, judged, assertionIds) : MetricCatalog.names(task);
    Direction d = MetricCatalog.direction(task, metric).orElseThrow(() -> {
      boolean otherTask = MetricCatalog.allNames().contains(metric);
      return error(at, path, otherTask
          ? "metric '" + metric + "' does not apply to " + task.key() + "; use one of " + known
          : "unknown metric '" + metric + "'" + Names.didYouMean(metric, ServingMetrics.withServing(known))
              + " (" + task.key() + " metrics: " + String.join(", ", known) + ")");
    });
    if (metric.equals("expected_cost") && costs == null) throw error(at, path, "expected_cost needs a 'costs' section in the suite");
    if (metric.startsWith("pass_rate") && assertionIds.isEmpty()) {
      throw error(at, path, metric + " needs assertions: add an 'assertions' list to the suite");
    }
    if (metric.startsWith("pass_rate:") && !assertionIds.contains(metric.substring("pass_rate:".length()))) {
      String id = metric.substring("pass_rate:".length());
      throw error(at, path, "no assertion has the id '" + id + "'" + Names.didYouMean(id, assertionIds) + "; the assertion ids are " + assertionIds);
    }
    if ((metric.equals("judge_score") || metric.equals("judge_error_rate")) && !judged) {
      throw error(at, path, metric + " needs a judge: add a 'judge' section with url, rubric and scale (docs/suite.md, Judged answers)");
    }
    if ((metric.equals("context_recall") || metric.equals("faithfulness")) && !usedContext) {
      throw error(at, path, metric + " needs the passages the system used: add predictions.context naming their column(s)");
    }
    MetricCatalog.cutoff(metric).ifPresent(k -> {
      if (!cutoffs.contains(k)) {
        throw error(at, path, metric + " needs the cutoff " + k + " in the suite's k, which is " + cutoffs + "; add it, e.g. k: " + withCutoff(k));
      }
    });
    if (task == Task.MULTICLASS_CLASSIFICATION && (metric.equals("log_loss") || metric.equals("top_k_accuracy"))
        && predictions.probabilities().isEmpty()) {
      throw error(at, path, metric + " needs class probabilities: add predictions.probabilities {class: column, ...}");
    }
    MetricCatalog.pinballQuantile(metric).ifPresent(q -> {
      if (!predictions.quantiles().containsKey(q)) {
        throw error(at, path, metric + " needs a column for quantile " + q + " in predictions.quantiles, which has " + predictions.quantiles().keySet());
      }
    });
    return d;
  }

  /** The text generation keys: data.reference, predictions.output and context, and the assertions. */
  private Suite.Text text(YamlNode.Mapping top, YamlNode.Mapping data, YamlNode.Mapping pred, Path folder) {
    if (!data.entries().containsKey("reference")) {
      throw error(data, "data", "missing required key 'reference': the column (or list of columns) with the reference answer");
    }
    List<String> references = optionalTextList(data, "reference", "data.reference");
    if (references.isEmpty()) {
      throw error(data.entries().get("reference"), "data.reference", "the list is empty; name the column (or columns) with the reference answer");
    }
    String output = text(pred, "output", "predictions.output");
    List<String> used = optionalTextList(pred, "context", "predictions.context");
    if (used != null && used.isEmpty()) {
      throw error(pred.entries().get("context"), "predictions.context", "the list is empty; name the column (or columns) with the passages the answer used,"
          + " or remove the key");
    }
    usedContext = used != null;
    List<Suite.Assertion> assertions = new ArrayList<>();
    if (top.entries().containsKey("assertions")) {
      YamlNode node = top.entries().get("assertions");
      if (!(node instanceof YamlNode.Sequence seq)) throw error(node, "assertions", "expected a list of assertions, found " + node.describe());
      Set<String> ids = new LinkedHashSet<>();
      for (int i = 0; i < seq.items().size(); i++) {
        String path = "assertions[" + i + "]";
        YamlNode.Mapping m = mapping(seq.items().get(i), path);
        checkKeys(m, ASSERTION, path);
        List<String> kinds = new ArrayList<>();
        for (String k : List.of("contains", "not_contains", "regex", "json_valid", "json_schema", "max_length")) if (m.entries().containsKey(k)) kinds.add(k);
        if (kinds.size() != 1) {
          throw error(m, path, kinds.isEmpty() ? "say what to check with one of contains, not_contains, regex, json_valid, json_schema or max_length"
              : "give one check per assertion, found " + kinds + "; split it into several assertions");
        }
        String kind = kinds.get(0);
        String id = m.entries().containsKey("id") ? text(m, "id", path + ".id") : "a" + (i + 1);
        if (!id.matches("[A-Za-z0-9_.-]+")) throw error(m.entries().get("id"), path + ".id", "an assertion id is letters, digits, '_', '.' or '-', found '" + id + "'");
        if (!ids.add(id)) throw error(m, path + ".id", "assertion id '" + id + "' is used twice; give each assertion its own id");
        YamlNode v = m.entries().get(kind);
        Suite.Assertion a = switch (kind) {
          case "contains" -> new Suite.Assertion(id, Suite.Assertion.Kind.CONTAINS, scalarText(v, path + ".contains"), null, 0, m.line());
          case "not_contains" -> new Suite.Assertion(id, Suite.Assertion.Kind.NOT_CONTAINS, scalarText(v, path + ".not_contains"), null, 0, m.line());
          case "regex" -> {
            String re = scalarText(v, path + ".regex");
            java.util.regex.Pattern p;
            try {
              p = java.util.regex.Pattern.compile(re);
            } catch (java.util.regex.PatternSyntaxException e) {
              throw error(v, path + ".regex", "not a valid regular expression (" + e.getDescription() + " near index " + e.getIndex() + ")");
            }
            yield new Suite.Assertion(id, Suite.Assertion.Kind.REGEX, re, p, 0, m.line());
          }
          case "json_valid" -> {
            if (!(v instanceof YamlNode.Scalar sc && sc.kind() == YamlNode.Scalar.Kind.BOOLEAN && sc.text().equalsIgnoreCase("true"))) {
              throw error(v, path + ".json_valid", "write json_valid: true");
            }
            yield new Suite.Assertion(id, Suite.Assertion.Kind.JSON_VALID, null, null, 0, m.line());
          }
          case "json_schema" -> {
            if (!(v instanceof YamlNode.Scalar)) {
              throw error(v, path + ".json_schema", "give the path of a JSON Schema file, relative to the suite, e.g. json_schema: refund.schema.json");
            }
            String file = scalarText(v, path + ".json_schema");
            yield new Suite.Assertion(id, Suite.Assertion.Kind.JSON_SCHEMA, file, null, 0, m.line(), jsonSchema(v, path + ".json_schema", folder.resolve(file)));
          }
          default -> new Suite.Assertion(id, Suite.Assertion.Kind.MAX_LENGTH, null, null,
              (int) integer(v, path + ".max_length", 1, Integer.MAX_VALUE), m.line());
        };
        assertions.add(a);
      }
      assertionIds = List.copyOf(ids);
    }
    Suite.Prompt prompt = null;
    if (top.entries().containsKey("prompt")) {
      YamlNode.Mapping p = mapping(top.entries().get("prompt"), "prompt");
      checkKeys(p, PROMPT, "prompt");
      Double[] prices = new Double[2];
      String[] keys = {"price_per_1k_prompt_tokens", "price_per_1k_completion_tokens"};
      for (int k = 0; k < 2; k++) {
        if (!p.entries().containsKey(keys[k])) continue;
        prices[k] = number(p.entries().get(keys[k]), "prompt." + keys[k]);
        if (!(prices[k] >= 0) || Double.isInfinite(prices[k])) {
          throw error(p.entries().get(keys[k]), "prompt." + keys[k], "expected a price of 0 or more per 1,000 tokens, such as 0.0005; found " + prices[k]);
        }
      }
      if ((prices[0] == null) != (prices[1] == null)) {
        throw error(p, "prompt", "give both price_per_1k_prompt_tokens and price_per_1k_completion_tokens, or neither");
      }
      Suite.Request request = request(p);
      String template = request == null ? requiredText(p, "template", "prompt.template") : optionalText(p, "template", "prompt.template");
      if (template == null && request.body().toString().contains("{prompt}")) {
        throw error(p.entries().get("request"), "prompt.request", "{prompt} stands for the rendered prompt.template, and there is none; "
            + "add template: \"...\" or name the columns in the request, e.g. {question}");
      }
      prompt = new Suite.Prompt(template, optionalText(p, "system", "prompt.system"), optionalText(p, "model", "prompt.model"), prices[0], prices[1],
          request);
    }
    Suite.Judge judge = top.entries().containsKey("judge") ? judge(top.entries().get("judge"), prompt) : null;
    judged = judge != null;
    return new Suite.Text(references, output, used == null ? List.of() : used, List.copyOf(assertions), prompt, judge);
  }

  /** The judge section: an endpoint, a rubric and its scale are required; the rest has defaults. */
  private Suite.Judge judge(YamlNode node, Suite.Prompt prompt) {
    YamlNode.Mapping m = mapping(node, "judge");
    checkKeys(m, JUDGE, "judge");
    String urlText = requiredText(m, "url", "judge.url");
    java.net.URI url;
    try {
      url = java.net.URI.create(urlText.strip());
      if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https")) || url.getHost() == null) {
        throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException e) {
      throw error(m.entries().get("url"), "judge.url", "expected the http:// or https:// URL of an OpenAI-compatible chat completions endpoint, "
          + "e.g. https://api.openai.com/v1/chat/completions; found '" + urlText + "'");
    }
    String rubric = requiredText(m, "rubric", "judge.rubric");
    if (!m.entries().containsKey("scale")) {
      throw error(m, "judge", "missing required key 'scale': the rubric's grades as whole numbers, e.g. scale: {min: 1, max: 5}; "
          + "the judge must answer with one of them");
    }
    YamlNode.Mapping scale = mapping(m.entries().get("scale"), "judge.scale");
    checkKeys(scale, SCALE, "judge.scale");
    for (String k : SCALE) {
      if (!scale.entries().containsKey(k)) throw error(scale, "judge.scale", "missing required key '" + k + "'; write scale: {min: 1, max: 5}");
    }
    int min = (int) integer(scale.entries().get("min"), "judge.scale.min", -100, 100);
    int max = (int) integer(scale.entries().get("max"), "judge.scale.max", -100, 100);
    if (max <= min) throw error(scale.entries().get("max"), "judge.scale.max", "max must be above min (" + min + "), found " + max);
    if (max - min + 1 > MAX_SCALE_POINTS) {
      throw error(scale, "judge.scale", "a judge scale has at most " + MAX_SCALE_POINTS + " grades, found " + (max - min + 1)
          + " (" + min + " to " + max + "); use a small scale such as 1 to 5, which judges apply more consistently");
    }
    String input = optionalText(m, "input", "judge.input");
    if (input == null && prompt != null) input = prompt.template();
    if (input == null) {
      throw error(m, "judge", "the judge must see what was asked: add input: \"{question}\" (the evaluation set's columns in braces), or a prompt section whose template is used");
    }
    String keyEnv = optionalText(m, "api_key_env", "judge.api_key_env");
    if (keyEnv != null && !keyEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw error(m.entries().get("api_key_env"), "judge.api_key_env",
          "expected the name of an environment variable such as OPENAI_API_KEY, found '" + keyEnv + "'; never write the key itself in the suite");
    }
    return new Suite.Judge(url, optionalText(m, "model", "judge.model"), keyEnv, rubric.strip(), min, max,
        judgeInt(m, "repeats", 1, 20, Suite.Judge.DEFAULT_REPEATS), input, judgeInt(m, "timeout_ms", 1, 3_600_000, Suite.Judge.DEFAULT_TIMEOUT_MS),
        judgeInt(m, "concurrency", 1, 256, Suite.Judge.DEFAULT_CONCURRENCY), judgeInt(m, "retries", 0, 20, Suite.Judge.DEFAULT_RETRIES),
        judgeInt(m, "backoff_ms", 0, 600_000, Suite.Judge.DEFAULT_BACKOFF_MS), m.line());
  }

  private int judgeInt(YamlNode.Mapping m, String key, int min, int max, int fallback) {
    return m.entries().containsKey(key) ? (int) integer(m.entries().get(key), "judge." + key, min, max) : fallback;
  }

  /**
   * The generic JSON endpoint of a prompt section, or null for a chat completions endpoint: the
   * request body as YAML gives it, and JSON Pointers to the answer and the token counts.
   */
  private Suite.Request request(YamlNode.Mapping p) {
    boolean has = p.entries().containsKey("request");
    if (!has) {
      for (String key : List.of("response", "usage")) {
        if (p.entries().containsKey(key)) {
          throw error(p.entries().get(key), "prompt." + key, "only a generic JSON endpoint (prompt.request) has a " + key
              + " path; chat completions endpoints answer in choices[0].message.content. Add request: {...} or remove " + key);
        }
      }
      return null;
    }
    YamlNode body = p.entries().get("request");
    if (!(body instanceof YamlNode.Mapping)) {
      throw error(body, "prompt.request", "expected the JSON body to send as a mapping, e.g. request: {input: \"{prompt}\", max_tokens: 200}; found "
          + body.describe());
    }
    if (!p.entries().containsKey("response")) {
      throw error(p, "prompt", "a request template needs 'response': the JSON Pointer of the answer text in the endpoint's reply, e.g. response: /output/text");
    }
    String response = pointer(p.entries().get("response"), "prompt.response");
    String promptTokens = null;
    String completionTokens = null;
    if (p.entries().containsKey("usage")) {
      YamlNode.Mapping u = mapping(p.entries().get("usage"), "prompt.usage");
      checkKeys(u, USAGE, "prompt.usage");
      promptTokens = u.entries().containsKey("prompt_tokens") ? pointer(u.entries().get("prompt_tokens"), "prompt.usage.prompt_tokens") : null;
      completionTokens = u.entries().containsKey("completion_tokens") ? pointer(u.entries().get("completion_tokens"), "prompt.usage.completion_tokens") : null;
    }
    return new Suite.Request(json(body), response, promptTokens, completionTokens);
  }

  private String pointer(YamlNode node, String path) {
    String text = scalarText(node, path);
    try {
      com.fasterxml.jackson.core.JsonPointer.compile(text);
    } catch (IllegalArgumentException e) {
      throw error(node, path, "expected a JSON Pointer such as /output/text or /choices/0/text (a slash before every key or index); found '" + text + "'");
    }
    if (text.isEmpty()) throw error(node, path, "expected a JSON Pointer to a value inside the reply, such as /output/text; found ''");
    return text;
  }

  /** A YAML value as JSON, keeping YAML's types: numbers stay numbers, quoted text stays text. */
  private static com.fasterxml.jackson.databind.JsonNode json(YamlNode node) {
    var f = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
    if (node instanceof YamlNode.Mapping m) {
      var o = f.objectNode();
      m.entries().forEach((k, v) -> o.set(k, json(v)));
      return o;
    }
    if (node instanceof YamlNode.Sequence s) {
      var a = f.arrayNode();
      s.items().forEach(v -> a.add(json(v)));
      return a;
    }
    YamlNode.Scalar s = (YamlNode.Scalar) node;
    return switch (s.kind()) {
      case NULL -> f.nullNode();
      case BOOLEAN -> f.booleanNode(Boolean.parseBoolean(s.text().toLowerCase(Locale.ROOT)));
      case INTEGER -> s.number() instanceof BigInteger b ? f.numberNode(b) : f.numberNode(s.number().longValue());
      case FLOAT -> f.numberNode(s.number().doubleValue());
      case STRING -> f.textNode(s.text());
    };
  }

  /**
   * A JSON Schema file for an assertion, read and compiled once. References must stay inside the
   * file ({@code #/...}): nothing is fetched while answers are checked.
   */
  private com.networknt.schema.JsonSchema jsonSchema(YamlNode at, String path, Path file) {
    if (!java.nio.file.Files.isRegularFile(file)) throw error(at, path, "schema file " + file + " not found; give a JSON Schema file, relative to the suite");
    com.fasterxml.jackson.databind.JsonNode node;
    try {
      node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw error(at, path, file + " line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
          + ": not valid JSON (" + e.getOriginalMessage() + ")");
    } catch (java.io.IOException e) {
      throw error(at, path, file + " cannot be read (" + e.getMessage() + ")");
    }
    if (node == null || !node.isObject()) throw error(at, path, file + ": a JSON Schema is a JSON object, such as {\"type\": \"object\"}");
    for (com.fasterxml.jackson.databind.JsonNode ref : node.findValues("$ref")) {
      if (!ref.isTextual() || !ref.asText().startsWith("#")) {
        throw error(at, path, file + ": $ref '" + ref.asText() + "' points outside the file; keep definitions in the file ($defs) and refer to them with #/$defs/...");
      }
    }
    try {
      return com.networknt.schema.JsonSchemaFactory.getInstance(com.networknt.schema.SpecVersion.VersionFlag.V202012).getSchema(node);
    } catch (RuntimeException e) {
      throw error(at, path, file + ": not a usable JSON Schema (" + e.getMessage() + ")");
    }
  }

  private String withCutoff(int k) {
    java.util.TreeSet<Integer> all = new java.util.TreeSet<>(cutoffs);
    all.add(k);
    return all.toString();
  }

  /** The retrieval section: data.doc/relevance/queries, predictions.doc/rank/score/docs and k. */
  private Suite.Retrieval retrieval(YamlNode.Mapping top, YamlNode.Mapping data, YamlNode.Mapping pred, Path folder) {
    String doc = requiredText(data, "doc", "data.doc");
    String relevance = optionalText(data, "relevance", "data.relevance");
    String queries = optionalText(data, "queries", "data.queries");
    List<Integer> k = List.of(1, 5, 10);
    if (top.entries().containsKey("k")) {
      YamlNode node = top.entries().get("k");
      List<YamlNode> items = node instanceof YamlNode.Sequence seq ? seq.items() : List.of(node);
      java.util.TreeSet<Integer> ks = new java.util.TreeSet<>();
      for (int i = 0; i < items.size(); i++) {
        int v = (int) integer(items.get(i), "k[" + i + "]", 1, 100_000);
        if (!ks.add(v)) throw error(items.get(i), "k[" + i + "]", "the cutoff " + v + " is listed twice");
      }
      if (ks.isEmpty()) throw error(node, "k", "give at least one cutoff, e.g. k: [1, 5, 10]");
      k = List.copyOf(ks);
    }
    return new Suite.Retrieval(doc, relevance, queries == null ? null : folder.resolve(queries), optionalText(pred, "doc", "predictions.doc"),
        optionalText(pred, "rank", "predictions.rank"), optionalText(pred, "score", "predictions.score"),
        optionalText(pred, "docs", "predictions.docs"), k);
  }

  private Suite.Costs costs(YamlNode node, Task task, List<String> classes) {
    YamlNode.Mapping m = mapping(node, "costs");
    switch (task) {
      case BINARY_CLASSIFICATION -> {
        checkKeys(m, BINARY_COSTS, "costs");
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
          String k = BINARY_COSTS.get(i);
          v[i] = m.entries().containsKey(k) ? number(m.entries().get(k), "costs." + k) : 0;
        }
        return new Suite.Costs(v[0], v[1], v[2], v[3], null);
      }
      case MULTICLASS_CLASSIFICATION -> {
        if (classes == null) {
          throw error(m, "costs", "a cost matrix needs the classes: list them in data.classes or give predictions.probabilities");
        }
        Map<String, Map<String, Double>> matrix = new LinkedHashMap<>();
        for (var row : m.entries().entrySet()) {
          String rowPath = "costs." + row.getKey();
          if (!classes.contains(row.getKey())) {
            throw error(row.getValue(), rowPath, "'" + row.getKey() + "' is not a class " + classes + Names.didYouMean(row.getKey(), classes));
          }
          YamlNode.Mapping cols = mapping(row.getValue(), rowPath);
          Map<String, Double> r = new LinkedHashMap<>();
          for (var col : cols.entries().entrySet()) {
            if (!classes.contains(col.getKey())) {
              throw error(col.getValue(), rowPath + "." + col.getKey(), "'" + col.getKey() + "' is not a class " + classes + Names.didYouMean(col.getKey(), classes));
            }
            r.put(col.getKey(), number(col.getValue(), rowPath + "." + col.getKey()));
          }
          matrix.put(row.getKey(), r);
        }
        return new Suite.Costs(0, 0, 0, 0, matrix);
      }
      default -> throw error(m, "costs", "costs apply to classification suites only; remove the section");
    }
  }

  private Suite.Baseline baseline(YamlNode node, Task task, Path folder) {
    Suite.Baseline.Kind fallback = task == Task.REGRESSION ? Suite.Baseline.Kind.MEAN
        : task == Task.RETRIEVAL || task == Task.TEXT_GENERATION ? Suite.Baseline.Kind.NONE : Suite.Baseline.Kind.PRIOR;
    if (node == null) return new Suite.Baseline(fallback, null);
    YamlNode.Mapping m = mapping(node, "baseline");
    checkKeys(m, BASELINE, "baseline");
    if (!m.entries().containsKey("kind")) throw error(m, "baseline", "missing 'kind'");
    String kind = text(m, "kind", "baseline.kind");
    List<String> allowed = task == Task.REGRESSION ? List.of("mean", "median", "column")
        : task == Task.RETRIEVAL ? List.of("none", "run") : task == Task.TEXT_GENERATION ? List.of("none", "column", "run")
        : List.of("majority", "prior", "column");
    if (!allowed.contains(kind)) {
      throw error(m.entries().get("kind"), "baseline.kind", "expected one of " + allowed + " for " + task.key() + ", found '" + kind + "'" + Names.didYouMean(kind, allowed));
    }
    if (kind.equals("run") && !m.entries().containsKey("path")) {
      throw error(m, "baseline", task == Task.RETRIEVAL
          ? "kind: run needs 'path': a file of ranked lists from the search you use today, in the submission's shape"
          : "kind: run needs 'path': a file of the answers given today (by the current system or staff), in the submission's shape");
    }
    if (!kind.equals("run") && m.entries().containsKey("path")) throw error(m.entries().get("path"), "baseline.path", "only kind: run reads a file; remove it");
    String column = optionalText(m, "column", "baseline.column");
    if (kind.equals("column") && column == null) {
      throw error(m, "baseline", task == Task.TEXT_GENERATION
          ? "kind: column needs 'column': the evaluation set's column with the answer given today (a canned reply, a FAQ lookup)"
          : "kind: column needs 'column': the evaluation set's column with the rule's prediction");
    }
    if (!kind.equals("column") && column != null) throw error(m.entries().get("column"), "baseline.column", "only kind: column reads a column; remove it");
    Path path = kind.equals("run") ? folder.resolve(text(m, "path", "baseline.path")) : null;
    return new Suite.Baseline(Suite.Baseline.Kind.valueOf(kind.toUpperCase(Locale.ROOT)), column, path);
  }

  private Suite.Drift drift(YamlNode node) {
    if (node == null) return Suite.Drift.NONE;
    YamlNode.Mapping m = mapping(node, "drift");
    checkKeys(m, DRIFT, "drift");
    Map<String, Suite.DriftColumn> columns = new LinkedHashMap<>();
    if (m.entries().containsKey("columns")) {
      YamlNode.Mapping cols = mapping(m.entries().get("columns"), "drift.columns");
      List<String> methods = dev.holdout.drift.Method.keys();
      for (var e : cols.entries().entrySet()) {
        String path = "drift.columns." + e.getKey();
        YamlNode.Mapping c = mapping(e.getValue(), path);
        checkKeys(c, DRIFT_COLUMN, path);
        String method = optionalText(c, "method", path + ".method");
        if (method != null && !methods.contains(method)) {
          throw error(c.entries().get("method"), path + ".method", "unknown drift method '" + method + "'" + Names.didYouMean(method, methods)
              + " (methods: " + String.join(", ", methods) + ")");
        }
        Double threshold = null;
        if (c.entries().containsKey("threshold")) {
          threshold = number(c.entries().get("threshold"), path + ".threshold");
          if (threshold < 0) throw error(c.entries().get("threshold"), path + ".threshold", "a threshold is never negative, found " + threshold);
        }
        if (method == null && threshold == null) throw error(c, path, "give a method, a threshold or both, e.g. {method: psi, threshold: 0.2}");
        columns.put(e.getKey(), new Suite.DriftColumn(method, threshold, cols.keyLines().get(e.getKey())));
      }
    }
    Double share = null;
    if (m.entries().containsKey("share")) {
      share = number(m.entries().get("share"), "drift.share");
      if (!(share > 0 && share <= 1)) throw error(m.entries().get("share"), "drift.share", "expected a share of columns above 0 and at most 1, such as 0.5; found " + share);
    }
    Double auc = null;
    if (m.entries().containsKey("classifier_auc")) {
      auc = number(m.entries().get("classifier_auc"), "drift.classifier_auc");
      if (!(auc > 0.5 && auc <= 1)) throw error(m.entries().get("classifier_auc"), "drift.classifier_auc", "expected a roc_auc above 0.5 and at most 1, such as 0.55; found " + auc);
    }
    return new Suite.Drift(Map.copyOf(columns), share, auc);
  }

  private Suite.Model model(YamlNode node) {
    if (node == null) return Suite.Model.DEFAULT;
    YamlNode.Mapping m = mapping(node, "model");
    checkKeys(m, MODEL, "model");
    Suite.Model d = Suite.Model.DEFAULT;
    List<Suite.ModelInput> inputs = new ArrayList<>();
    if (m.entries().containsKey("inputs")) {
      YamlNode n = m.entries().get("inputs");
      if (!(n instanceof YamlNode.Sequence seq) || seq.items().isEmpty()) {
        throw error(n, "model.inputs", "expected a list of inputs like [{name: features, columns: [age, tenure]}], found " + n.describe());
      }
      Set<String> names = new LinkedHashSet<>();
      for (int i = 0; i < seq.items().size(); i++) {
        String path = "model.inputs[" + i + "]";
        YamlNode.Mapping in = mapping(seq.items().get(i), path);
        checkKeys(in, MODEL_INPUT, path);
        String name = optionalText(in, "name", path + ".name");
        if (name == null && seq.items().size() > 1) throw error(in, path, "with several inputs, give each its 'name' as the model calls it");
        if (name != null && !names.add(name)) throw error(in.entries().get("name"), path + ".name", "input '" + name + "' is listed twice");
        String type = optionalText(in, "type", path + ".type");
        List<String> types = List.of("float", "double", "int64");
        if (type != null && !types.contains(type)) {
          throw error(in.entries().get("type"), path + ".type", "expected one of " + types + ", found '" + type + "'" + Names.didYouMean(type, types));
        }
        inputs.add(new Suite.ModelInput(name, optionalTextList(in, "columns", path + ".columns"), type, in.line()));
      }
    }
    List<String> classes = optionalTextList(m, "classes", "model.classes");
    int batch = m.entries().containsKey("batch_size") ? (int) integer(m.entries().get("batch_size"), "model.batch_size", 1, 1_000_000) : d.batchSize();
    return new Suite.Model(List.copyOf(inputs), optionalText(m, "output", "model.output"), classes, batch);
  }

  private Suite.Endpoint endpoint(YamlNode node) {
    if (node == null) return Suite.Endpoint.DEFAULT;
    YamlNode.Mapping m = mapping(node, "endpoint");
    checkKeys(m, ENDPOINT, "endpoint");
    Suite.Endpoint d = Suite.Endpoint.DEFAULT;
    String request = m.entries().containsKey("request") ? text(m, "request", "endpoint.request") : d.request();
    if (!request.contains("$rows")) {
      throw error(m.entries().get("request"), "endpoint.request", "the request template needs '$rows' where the batch of rows goes, e.g. '{\"instances\": $rows}'");
    }
    String response = m.entries().containsKey("response") ? text(m, "response", "endpoint.response") : d.response();
    Double price = null;
    if (m.entries().containsKey("price_per_call")) {
      price = number(m.entries().get("price_per_call"), "endpoint.price_per_call");
      if (price < 0) throw error(m.entries().get("price_per_call"), "endpoint.price_per_call", "a price is never negative; give 0 or more");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    if (m.entries().containsKey("headers")) {
      YamlNode.Mapping h = mapping(m.entries().get("headers"), "endpoint.headers");
      for (var e : h.entries().entrySet()) headers.put(e.getKey(), scalarText(e.getValue(), "endpoint.headers." + e.getKey()));
    }
    return new Suite.Endpoint(request, response, optionalText(m, "field", "endpoint.field"), optionalTextList(m, "columns", "endpoint.columns"),
        intOr(m, "batch_size", 1, 100_000, d.batchSize()), intOr(m, "concurrency", 1, 256, d.concurrency()),
        intOr(m, "timeout_ms", 1, 3_600_000, d.timeoutMs()), intOr(m, "retries", 0, 20, d.retries()),
        intOr(m, "backoff_ms", 0, 600_000, d.backoffMs()), price, Map.copyOf(headers));
  }

  private int intOr(YamlNode.Mapping m, String key, int min, int max, int fallback) {
    return m.entries().containsKey(key) ? (int) integer(m.entries().get(key), "endpoint." + key, min, max) : fallback;
  }

  private Bootstrap.Settings bootstrap(YamlNode node) {
    if (node == null) return Bootstrap.Settings.DEFAULT;
    YamlNode.Mapping m = mapping(node, "bootstrap");
    checkKeys(m, BOOTSTRAP, "bootstrap");
    Bootstrap.Settings d = Bootstrap.Settings.DEFAULT;
    int replicates = m.entries().containsKey("replicates") ? (int) integer(m.entries().get("replicates"), "bootstrap.replicates", 50, 100_000) : d.replicates();
    double confidence = d.confidence();
    if (m.entries().containsKey("confidence")) {
      confidence = number(m.entries().get("confidence"), "bootstrap.confidence");
      if (!(confidence >= 0.5 && confidence < 1)) {
        throw error(m.entries().get("confidence"), "bootstrap.confidence", "expected a level in [0.5, 1) such as 0.95, found " + confidence);
      }
    }
    long seed = m.entries().containsKey("seed") ? integer(m.entries().get("seed"), "bootstrap.seed", Long.MIN_VALUE, Long.MAX_VALUE) : d.seed();
    return new Bootstrap.Settings(replicates, confidence, seed);
  }

  // ---- typed access with locations ----

  private YamlNode.Mapping mapping(YamlNode node, String path) {
    if (node instanceof YamlNode.Mapping m) return m;
    throw error(node, path, "expected a mapping of keys to values, found " + node.describe());
  }

  private void checkKeys(YamlNode.Mapping m, List<String> allowed, String path) {
    for (String key : m.entries().keySet()) {
      if (!allowed.contains(key)) {
        String where = path.isEmpty() ? key : path + "." + key;
        throw new HoldoutException.BadSuite(file + " line " + m.keyLines().get(key) + ", " + where + ": unknown key '" + key + "'"
            + Names.didYouMean(key, allowed) + " (allowed here: " + String.join(", ", allowed) + ")");
      }
    }
  }

  private String text(YamlNode.Mapping m, String key, String path) {
    return scalarText(m.entries().get(key), path);
  }

  private String requiredText(YamlNode.Mapping m, String key, String path) {
    if (!m.entries().containsKey(key)) throw error(m, path.substring(0, path.lastIndexOf('.')), "missing required key '" + key + "'");
    return text(m, key, path);
  }

  private String optionalText(YamlNode.Mapping m, String key, String path) {
    return m.entries().containsKey(key) ? text(m, key, path) : null;
  }

  private String scalarText(YamlNode node, String path) {
    if (node instanceof YamlNode.Scalar s && s.text() != null && !s.text().isBlank()) return s.text();
    throw error(node, path, "expected a text value, found " + node.describe());
  }

  private List<String> optionalTextList(YamlNode.Mapping m, String key, String path) {
    if (!m.entries().containsKey(key)) return null;
    YamlNode node = m.entries().get(key);
    if (node instanceof YamlNode.Scalar s && s.kind() == YamlNode.Scalar.Kind.STRING) return List.of(s.text());
    if (!(node instanceof YamlNode.Sequence seq)) throw error(node, path, "expected a list like [a, b], found " + node.describe());
    List<String> out = new ArrayList<>();
    for (int i = 0; i < seq.items().size(); i++) out.add(scalarText(seq.items().get(i), path + "[" + i + "]"));
    return List.copyOf(out);
  }

  private double number(YamlNode node, String path) {
    if (node instanceof YamlNode.Scalar s && s.number() != null) {
      double v = s.number().doubleValue();
      if (Double.isFinite(v)) return v;
      throw error(node, path, "expected a finite number, found " + s.text());
    }
    throw error(node, path, "expected a number, found " + node.describe() + quotedNumberHint(node));
  }

  private long integer(YamlNode node, String path, long min, long max) {
    if (node instanceof YamlNode.Scalar s && s.kind() == YamlNode.Scalar.Kind.INTEGER && s.number() != null) {
      BigInteger v = s.number() instanceof BigInteger b ? b : BigInteger.valueOf(s.number().longValue());
      if (v.compareTo(BigInteger.valueOf(min)) >= 0 && v.compareTo(BigInteger.valueOf(max)) <= 0) return v.longValue();
      String range = max == Long.MAX_VALUE || max == Integer.MAX_VALUE
          ? (min == Long.MIN_VALUE ? "from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE : "of at least " + min)
          : "from " + min + " to " + max;
      throw error(node, path, "expected a whole number " + range + ", found " + s.text());
    }
    throw error(node, path, "expected a whole number, found " + node.describe() + quotedNumberHint(node));
  }

  /** Quotes make YAML read a number as text: say so, since the value looks right to the person reading. */
  private static String quotedNumberHint(YamlNode node) {
    if (node instanceof YamlNode.Scalar s && s.kind() == YamlNode.Scalar.Kind.STRING) {
      try {
        Double.parseDouble(s.text().strip());
        return "; write the number without quotes";
      } catch (NumberFormatException e) {
        return "";
      }
    }
    return "";
  }

  private HoldoutException.BadSuite error(YamlNode at, String path, String message) {
    String where = at == null ? file : file + " line " + at.line();
    return new HoldoutException.BadSuite(where + (path.isEmpty() ? "" : ", " + path) + ": " + message);
  }
}
