package dev.holdout.suite;

import dev.holdout.base.HoldoutException;
import dev.holdout.base.Names;
import dev.holdout.data.RecordReader;
import dev.holdout.data.RecordReaders;
import dev.holdout.metric.Task;
import dev.holdout.stats.Bootstrap;
import dev.holdout.verdict.Adjustment;
import dev.holdout.verdict.Criterion;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * Reads and validates a {@code holdout.suite/v1} file into a {@link Suite}. The top level, the
 * task and the {@code data} section are read here; each other section has its parser
 * ({@link PredictionsSection}, {@link MultilabelSection}, {@link SettingsSections}, {@link TextSection},
 * {@link MetricSections}, {@link ScoringSections}), all over one {@link YamlCursor}. The sections that name metrics come
 * last and see the others only through an immutable {@link ParseContext}.
 */
public final class SuiteParser {
  public static final String SCHEMA = "holdout.suite/v1";

  private static final List<String> TOP = List.of("suite", "name", "problem", "task", "data", "predictions",
      "primary_metric", "criteria", "costs", "baseline", "bootstrap", "top_k", "drift", "champion", "model", "endpoint", "k", "assertions", "prompt", "judge",
      "verdict", "budgets", "forecast", "monitor", "framing", "engagement");
  private static final List<String> VERDICT = List.of("adjust");
  private static final List<String> REQUIRED = List.of("suite", "name", "problem", "task", "data", "predictions");
  private static final List<String> DATA = List.of("path", "id", "label", "positive", "classes", "slices", "group", "doc", "relevance", "queries",
      "reference", "share_with_vendors", "separator", "labels", "series", "time", "history");

  private SuiteParser() {}

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
      return suite(path.toString(), YamlReader.read(path.toString(), r), folder);
    } catch (IOException e) {
      throw new HoldoutException.BadSuite(path + ": cannot be read (" + e.getMessage() + ")");
    }
  }

  /** Parses suite text; {@code name} stands for the file in messages and {@code folder} resolves paths. */
  public static Suite parse(String name, String yaml, Path folder) {
    return suite(name, YamlReader.read(name, new StringReader(yaml)), folder);
  }

  private static Suite suite(String file, YamlNode root, Path folder) {
    YamlCursor top = YamlCursor.root(file, root, HoldoutException.BadSuite::new).mapping("the suite");
    top.checkKeys(TOP);
    for (String required : REQUIRED) {
      if (!top.has(required)) throw top.error("missing required key '" + required + "'" + hintFor(required));
    }
    String schema = top.text("suite");
    if (!SCHEMA.equals(schema)) throw top.get("suite").error("expected '" + SCHEMA + "', found '" + schema + "'");
    String name = top.text("name");
    String problem = top.text("problem");
    Task task = task(top.get("task"));
    boolean retrieval = task == Task.RETRIEVAL;
    boolean text = task == Task.TEXT_GENERATION;

    YamlCursor data = top.get("data").mapping();
    data.checkKeys(DATA);
    Suite.Data declared = data(data, task, folder);
    YamlCursor pred = top.get("predictions").mapping();
    pred.checkKeys(PredictionsSection.KEYS);
    Suite.Predictions predictions = PredictionsSection.parse(pred, task, declared.id());
    List<String> classes = classes(declared.classes(), data, pred, predictions);
    Suite.Multilabel multilabel = task == Task.MULTILABEL_CLASSIFICATION ? MultilabelSection.parse(data, pred, predictions.threshold()) : null;
    Suite.Forecast forecast = null;
    if (task == Task.FORECASTING) {
      forecast = ForecastSection.parse(top, data, pred, folder);
    } else {
      data.forbid(task.key() + " (time, series and history are for forecasting)", "time", "series", "history");
      pred.forbid(task.key() + " (series, time, origin and horizon are for forecasting)", "series", "time", "origin", "horizon");
      if (top.has("forecast")) throw top.get("forecast").error("forecast settings are for task: forecasting only; remove them");
    }
    List<Double> budgets = SettingsSections.budgets(top, task);

    int topK = 2;
    if (top.has("top_k")) {
      if (task != Task.MULTICLASS_CLASSIFICATION) throw top.get("top_k").error("top_k is for multiclass_classification only; remove it");
      topK = (int) top.get("top_k").integer(1, classes == null ? Integer.MAX_VALUE : classes.size());
    }
    Suite.Costs costs = top.has("costs") ? SettingsSections.costs(top.get("costs"), task, classes) : null;
    Suite.Baseline baseline = SettingsSections.baseline(top, task, folder);
    if (forecast != null && !top.has("baseline") && forecast.season() > 1) baseline = new Suite.Baseline(Suite.Baseline.Kind.SEASONAL_NAIVE, null);
    Suite.Retrieval retrievalSpec = null;
    if (retrieval) {
      retrievalSpec = SettingsSections.retrieval(top, data, pred, folder);
    } else if (top.has("k")) {
      throw top.get("k").error("k (the retrieval cutoffs) is for task: retrieval only; remove it");
    }
    Suite.Text textSpec = null;
    if (text) {
      textSpec = TextSection.parse(top, data, pred, folder, header(declared.path()));
    } else if (top.has("assertions")) {
      throw top.get("assertions").error("assertions check generated text: they are for task: text_generation only; remove them");
    } else if (top.has("prompt")) {
      throw top.get("prompt").error("a prompt is for task: text_generation only; remove it");
    } else if (top.has("judge")) {
      throw top.get("judge").error("a judge grades generated text: it is for task: text_generation only; remove it");
    }
    Bootstrap.Settings bootstrap = SettingsSections.bootstrap(top, task, declared.group());

    ParseContext ctx = new ParseContext(task, predictions, costs, forecast == null ? declared.slices() : forecastSlices(declared.slices(), forecast, data), retrievalSpec == null ? List.of() : retrievalSpec.k(),
        // retrieval and text generation lift over a baseline only when the suite names one
        !(retrieval || text) || baseline.kind() != Suite.Baseline.Kind.NONE,
        textSpec == null ? List.of() : textSpec.assertions().stream().map(Suite.Assertion::id).toList(),
        textSpec != null && !textSpec.usedContext().isEmpty(), textSpec == null ? null : textSpec.judge(),
        multilabel == null ? List.of() : multilabel.labels(), budgets, header(declared.path()));
    String primary = MetricSections.primary(top, ctx);
    List<Criterion> criteria = MetricSections.criteria(top, ctx);
    Suite.Drift drift = SettingsSections.drift(top);
    Suite.Champion champion = MetricSections.champion(top, ctx, primary);
    Suite.Scoring scoring = ScoringSections.parse(top);
    Suite.Data resolved = new Suite.Data(declared.path(), declared.id(), declared.label(), declared.positive(), classes, declared.slices(),
        declared.group(), declared.shareWithVendors());
    return new Suite(folder.resolve(Path.of(file).getFileName().toString()), name, problem, task, resolved, predictions, primary,
        List.copyOf(criteria), costs, baseline, bootstrap, topK, drift, champion, scoring, retrievalSpec, textSpec, adjustment(top), multilabel, budgets, forecast);
  }

  /**
   * The slices a forecasting report has: data.slices, then {@code horizon}, then {@code origin}
   * with several origins, then the series column; criteria may name any of them.
   */
  private static List<String> forecastSlices(List<String> declared, Suite.Forecast f, YamlCursor data) {
    List<String> all = new ArrayList<>(declared);
    for (String own : List.of("horizon", "origin")) {
      if (all.contains(own)) {
        throw data.get("slices").error("'" + own + "' is a slice every forecasting report has; rename the column or remove it from data.slices");
      }
    }
    all.add("horizon");
    if (f.origins().size() > 1) all.add("origin");
    if (f.series() != null && !all.contains(f.series())) all.add(f.series());
    return List.copyOf(all);
  }

  /** The {@code verdict} section: {@code adjust: none} (the default) or {@code holm}. */
  private static Adjustment adjustment(YamlCursor top) {
    if (!top.has("verdict")) return Adjustment.NONE;
    YamlCursor m = top.get("verdict").mapping();
    m.checkKeys(VERDICT);
    String key = m.optionalText("adjust");
    if (key == null) return Adjustment.NONE;
    for (Adjustment a : Adjustment.values()) if (a.key().equals(key)) return a;
    throw m.get("adjust").error("expected none or holm, found '" + key + "'" + Names.didYouMean(key, List.of("none", "holm")));
  }

  private static Task task(YamlCursor at) {
    String key = at.text();
    Task task = Task.byKey(key).orElseThrow(() -> at.error(
        "unknown task '" + key + "'" + taskHint(key) + " (tasks: " + String.join(", ", Task.keys()) + ")"));
    if (!task.supported() && task != Task.RETRIEVAL && task != Task.TEXT_GENERATION && task != Task.MULTILABEL_CLASSIFICATION && task != Task.FORECASTING) {
      throw at.error("task '" + key + "' is not supported by this version of Holdout yet; supported: binary_classification,"
          + " multiclass_classification, multilabel_classification, regression, forecasting, retrieval, text_generation");
    }
    return task;
  }

  /**
   * The evaluation set's columns, read only so a message can name the right spelling of a column;
   * empty when the file is not there or cannot be read (a suite may be parsed without its data).
   */
  private static List<String> header(Path data) {
    if (data == null || !Files.isRegularFile(data)) return List.of();
    try (RecordReader r = RecordReaders.open(data)) {
      return List.copyOf(r.header());
    } catch (HoldoutException e) {
      return List.of();
    }
  }

  /** The {@code data} section with the classes as declared (null when not); keys of another task are refused. */
  private static Suite.Data data(YamlCursor data, Task task, Path folder) {
    Path path = folder.resolve(data.requiredText("path"));
    boolean forecasting = task == Task.FORECASTING;
    // a forecast is named by its series, origin and period
    if (forecasting) data.forbid("forecasting (a row is named by data.series and data.time)", "id", "group");
    String id = forecasting ? null : data.requiredText("id");
    boolean retrieval = task == Task.RETRIEVAL;
    boolean text = task == Task.TEXT_GENERATION;
    boolean multilabel = task == Task.MULTILABEL_CLASSIFICATION;
    // a multilabel suite names its labels with label or labels (MultilabelSection)
    String label = retrieval || text || multilabel ? null : data.requiredText("label");
    if (!multilabel) data.forbid(task.key() + " (separator and labels are for multilabel_classification)", "separator", "labels");
    if (retrieval) data.forbid("retrieval (name the relevance grade column with 'relevance')", "label");
    else data.forbid(task.key() + " (doc, relevance and queries are for retrieval)", "doc", "relevance", "queries");
    if (text) data.forbid("text_generation (name the reference answer columns with 'reference')", "label");
    else data.forbid(task.key() + " (reference is for text_generation)", "reference");
    String positive = data.optionalText("positive");
    if (positive != null && task != Task.BINARY_CLASSIFICATION) {
      throw data.get("positive").error("only binary_classification has a positive class; remove it");
    }
    List<String> classes = data.optionalTextList("classes");
    if (classes != null && task != Task.MULTICLASS_CLASSIFICATION) {
      throw data.get("classes").error("only multiclass_classification declares classes; remove it");
    }
    List<String> slices = data.optionalTextList("slices");
    if (slices == null) slices = List.of();
    if (new LinkedHashSet<>(slices).size() != slices.size()) throw data.get("slices").error("a slice column is listed twice");
    String group = data.optionalText("group");
    if (group != null && group.equals(id)) {
      throw data.get("group").error("names the id column, so every row is its own group and rows are resampled as without data.group;"
          + " name the column that says which rows belong together (a customer, question, document or series), or remove it");
    }
    List<String> shared = data.optionalTextList("share_with_vendors");
    return new Suite.Data(path, id, label, positive, classes, slices, group, shared);
  }

  /** The classes: as declared, else the probability columns' keys, which must then name exactly the declared ones. */
  private static List<String> classes(List<String> declared, YamlCursor data, YamlCursor pred, Suite.Predictions predictions) {
    List<String> classes = declared;
    if (classes == null && !predictions.probabilities().isEmpty()) classes = List.copyOf(predictions.probabilities().keySet());
    if (classes != null && !predictions.probabilities().isEmpty()
        && !new LinkedHashSet<>(classes).equals(predictions.probabilities().keySet())) {
      throw pred.get("probabilities").error("the probability columns must name exactly the classes " + classes + ", found "
          + predictions.probabilities().keySet());
    }
    if (classes != null && classes.size() < 2) {
      throw (data.has("classes") ? data.get("classes") : pred.named("data.classes")).error("a multiclass suite needs at least 2 classes, found " + classes);
    }
    return classes;
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
      case "task" -> " (binary_classification, multiclass_classification, multilabel_classification, regression, forecasting, retrieval or text_generation)";
      case "data" -> " (data: {path: eval.csv, id: ..., label: ...})";
      case "predictions" -> " (predictions: the columns of a submission, e.g. {score: p_churn})";
      default -> "";
    };
  }
}
