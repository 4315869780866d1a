package dev.holdout.suite;

import dev.holdout.base.Format;
import dev.holdout.base.Names;
import dev.holdout.drift.Method;
import dev.holdout.metric.MetricCatalog;
import dev.holdout.metric.Task;
import dev.holdout.stats.Bootstrap;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The small sections: {@code costs}, {@code baseline}, {@code bootstrap}, {@code drift}, {@code budgets} and the
 * retrieval keys ({@code data.doc}, {@code data.relevance}, {@code data.queries}, {@code k}). Each
 * absent section takes its documented default.
 */
final class SettingsSections {
  private static final List<String> BINARY_COSTS = List.of("tp", "fp", "fn", "tn");
  private static final List<String> BASELINE = List.of("kind", "column", "path");
  private static final List<String> BOOTSTRAP = List.of("replicates", "confidence", "seed", "stratify");
  private static final List<String> DRIFT = List.of("columns", "share", "classifier_auc");
  private static final List<String> DRIFT_COLUMN = List.of("method", "threshold");

  private SettingsSections() {}

  /** Costs per decision: binary tp, fp, fn, tn (absent ones 0), or a multiclass matrix by true then predicted class. */
  static Suite.Costs costs(YamlCursor node, Task task, List<String> classes) {
    YamlCursor m = node.mapping();
    switch (task) {
      case BINARY_CLASSIFICATION -> {
        m.checkKeys(BINARY_COSTS);
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) v[i] = m.has(BINARY_COSTS.get(i)) ? m.get(BINARY_COSTS.get(i)).number() : 0;
        return new Suite.Costs(v[0], v[1], v[2], v[3], null);
      }
      case MULTICLASS_CLASSIFICATION -> {
        if (classes == null) throw m.error("a cost matrix needs the classes: list them in data.classes or give predictions.probabilities");
        Map<String, Map<String, Double>> matrix = new LinkedHashMap<>();
        for (var row : m.children().entrySet()) {
          if (!classes.contains(row.getKey())) throw row.getValue().error(notAClass(row.getKey(), classes));
          Map<String, Double> r = new LinkedHashMap<>();
          for (var col : row.getValue().mapping().children().entrySet()) {
            if (!classes.contains(col.getKey())) throw col.getValue().error(notAClass(col.getKey(), classes));
            r.put(col.getKey(), col.getValue().number());
          }
          matrix.put(row.getKey(), r);
        }
        return new Suite.Costs(0, 0, 0, 0, matrix);
      }
      default -> throw m.error(task == Task.MULTILABEL_CLASSIFICATION
          ? "costs are for binary and multiclass suites; a multilabel suite has no costs yet; remove the section"
          : "costs apply to classification suites only; remove the section");
    }
  }

  private static String notAClass(String name, List<String> classes) {
    return "'" + name + "' is not a class " + classes + Names.didYouMean(name, classes);
  }

  /** The baseline; absent: the mean for regression, the naive forecast for forecasting (seasonal naive with a season, set by the parser), none for retrieval and text generation, the prior otherwise. */
  static Suite.Baseline baseline(YamlCursor top, Task task, Path folder) {
    Suite.Baseline.Kind fallback = task == Task.FORECASTING ? Suite.Baseline.Kind.NAIVE : task == Task.REGRESSION ? Suite.Baseline.Kind.MEAN
        : task == Task.RETRIEVAL || task == Task.TEXT_GENERATION ? Suite.Baseline.Kind.NONE : Suite.Baseline.Kind.PRIOR;
    if (!top.has("baseline")) return new Suite.Baseline(fallback, null);
    YamlCursor m = top.get("baseline").mapping();
    m.checkKeys(BASELINE);
    if (!m.has("kind")) throw m.error("missing 'kind'");
    String kind = m.text("kind");
    List<String> allowed = task == Task.FORECASTING ? List.of("seasonal_naive", "naive")
        : task == Task.REGRESSION ? List.of("mean", "median", "column")
        : task == Task.RETRIEVAL ? List.of("none", "run") : task == Task.TEXT_GENERATION ? List.of("none", "column", "run")
        : task == Task.MULTILABEL_CLASSIFICATION ? List.of("prior") : List.of("majority", "prior", "column");
    if (!allowed.contains(kind)) {
      throw m.get("kind").error("expected one of " + allowed + " for " + task.key() + ", found '" + kind + "'" + Names.didYouMean(kind, allowed));
    }
    if (kind.equals("run") && !m.has("path")) {
      throw m.error(task == Task.RETRIEVAL
          ? "kind: run needs 'path': a file of ranked lists from the search you use today, in the submission's shape"
          : "kind: run needs 'path': a file of the answers given today (by the current system or staff), in the submission's shape");
    }
    if (!kind.equals("run") && m.has("path")) throw m.get("path").error("only kind: run reads a file; remove it");
    String column = m.optionalText("column");
    if (kind.equals("column") && column == null) {
      throw m.error(task == Task.TEXT_GENERATION
          ? "kind: column needs 'column': the evaluation set's column with the answer given today (a canned reply, a FAQ lookup)"
          : "kind: column needs 'column': the evaluation set's column with the rule's prediction");
    }
    if (!kind.equals("column") && column != null) throw m.get("column").error("only kind: column reads a column; remove it");
    Path path = kind.equals("run") ? folder.resolve(m.text("path")) : null;
    return new Suite.Baseline(Suite.Baseline.Kind.valueOf(kind.toUpperCase(Locale.ROOT)), column, path);
  }

  /**
   * Binary only: the shares of {@code budgets}, in increasing order, each above 0 and at most 1; a
   * single number is a list of one. Each share's percentage must have at most 6 decimals, so its
   * metric names ({@code precision@5%}) can be written back.
   */
  static List<Double> budgets(YamlCursor top, Task task) {
    if (!top.has("budgets")) return List.of();
    YamlCursor node = top.get("budgets");
    if (task != Task.BINARY_CLASSIFICATION) {
      throw node.error("budgets (the top share of rows by score: precision@5%, recall@5%, lift@5%) are for binary_classification only; remove them");
    }
    List<YamlCursor> items = node.node() instanceof YamlNode.Sequence ? node.items("a list") : List.of(node.named("budgets[0]"));
    TreeSet<Double> shares = new TreeSet<>();
    for (YamlCursor item : items) {
      double q = item.number();
      if (!(q > 0 && q <= 1)) {
        throw item.error("a budget is the share of rows taken from the top by score, above 0 and at most 1, such as 0.05 for the top 5%; found "
            + Format.plain(q) + (q > 1 && q <= 100 ? "; if " + Format.plain(q) + " is a percentage, write " + Format.plain(q / 100) : ""));
      }
      if (MetricCatalog.budget(MetricCatalog.budgetName("precision", q)).orElse(-1.0) != q) {
        throw item.error("give the share with at most 8 decimals (a percentage with at most 6), found " + q);
      }
      if (!shares.add(q)) throw item.error("the budget " + Format.plain(q) + " is listed twice");
    }
    if (shares.isEmpty()) throw node.error("give at least one share, e.g. budgets: [0.05, 0.1]");
    return List.copyOf(shares);
  }

  /**
   * The bootstrap section; {@code stratify: label} (keep each label's rows fixed in every
   * replicate) is refused for other tasks than binary classification and together with
   * {@code data.group} ({@code group}, null when rows are independent).
   */
  static Bootstrap.Settings bootstrap(YamlCursor top, Task task, String group) {
    Bootstrap.Settings d = Bootstrap.Settings.DEFAULT;
    if (!top.has("bootstrap")) return d;
    YamlCursor m = top.get("bootstrap").mapping();
    m.checkKeys(BOOTSTRAP);
    int replicates = m.intOr("replicates", 50, 100_000, d.replicates());
    double confidence = d.confidence();
    if (m.has("confidence")) {
      confidence = m.get("confidence").number();
      if (!(confidence >= 0.5 && confidence < 1)) {
        throw m.get("confidence").error("expected a level in [0.5, 1) such as 0.95, found " + confidence);
      }
    }
    long seed = m.has("seed") ? m.get("seed").integer(Long.MIN_VALUE, Long.MAX_VALUE) : d.seed();
    return new Bootstrap.Settings(replicates, confidence, seed, stratify(m, task, group));
  }

  private static Bootstrap.Stratify stratify(YamlCursor m, Task task, String group) {
    if (!m.has("stratify")) return Bootstrap.Stratify.NONE;
    YamlCursor node = m.get("stratify");
    String key = node.text();
    List<String> keys = List.of(Bootstrap.Stratify.values()).stream().map(Bootstrap.Stratify::key).toList();
    if (!keys.contains(key)) throw node.error("expected one of " + keys + ", found '" + key + "'" + Names.didYouMean(key, keys));
    if (key.equals("none")) return Bootstrap.Stratify.NONE;
    if (task != Task.BINARY_CLASSIFICATION) {
      throw node.error("stratify: label keeps the number of positive and negative rows fixed in every replicate, which only "
          + "binary_classification has; remove it for " + task.key());
    }
    if (group != null) {
      throw node.error("stratify: label cannot be combined with data.group ('" + group + "'): a group can hold rows of both labels, so "
          + "resampling whole groups cannot keep each label's rows fixed, and the groups are what is independent; keep data.group and remove stratify");
    }
    return Bootstrap.Stratify.LABEL;
  }

  /** The drift section for {@code holdout drift}: methods and thresholds per column, the share and the classifier's bar. */
  static Suite.Drift drift(YamlCursor top) {
    if (!top.has("drift")) return Suite.Drift.NONE;
    YamlCursor m = top.get("drift").mapping();
    m.checkKeys(DRIFT);
    Map<String, Suite.DriftColumn> columns = new LinkedHashMap<>();
    if (m.has("columns")) {
      YamlCursor cols = m.get("columns").mapping();
      List<String> methods = Method.keys();
      for (var e : cols.children().entrySet()) {
        YamlCursor c = e.getValue().mapping();
        c.checkKeys(DRIFT_COLUMN);
        String method = c.optionalText("method");
        if (method != null && !methods.contains(method)) {
          throw c.get("method").error("unknown drift method '" + method + "'" + Names.didYouMean(method, methods)
              + " (methods: " + String.join(", ", methods) + ")");
        }
        Double threshold = null;
        if (c.has("threshold")) {
          threshold = c.get("threshold").number();
          if (threshold < 0) throw c.get("threshold").error("a threshold is never negative, found " + threshold);
        }
        if (method == null && threshold == null) throw c.error("give a method, a threshold or both, e.g. {method: psi, threshold: 0.2}");
        columns.put(e.getKey(), new Suite.DriftColumn(method, threshold, cols.keyLine(e.getKey())));
      }
    }
    Double share = null;
    if (m.has("share")) {
      share = m.get("share").number();
      if (!(share > 0 && share <= 1)) throw m.get("share").error("expected a share of columns above 0 and at most 1, such as 0.5; found " + share);
    }
    Double auc = null;
    if (m.has("classifier_auc")) {
      auc = m.get("classifier_auc").number();
      if (!(auc > 0.5 && auc <= 1)) throw m.get("classifier_auc").error("expected a roc_auc above 0.5 and at most 1, such as 0.55; found " + auc);
    }
    return new Suite.Drift(Map.copyOf(columns), share, auc);
  }

  /** The retrieval keys: data.doc/relevance/queries, predictions.doc/rank/score/docs and the cutoffs k. */
  static Suite.Retrieval retrieval(YamlCursor top, YamlCursor data, YamlCursor pred, Path folder) {
    String doc = data.requiredText("doc");
    String relevance = data.optionalText("relevance");
    String queries = data.optionalText("queries");
    List<Integer> k = MetricCatalog.DEFAULT_CUTOFFS;
    if (top.has("k")) {
      YamlCursor node = top.get("k");
      List<YamlCursor> items = node.node() instanceof YamlNode.Sequence ? node.items("a list") : List.of(node.named("k[0]"));
      TreeSet<Integer> ks = new TreeSet<>();
      for (YamlCursor item : items) {
        int v = (int) item.integer(1, 100_000);
        if (!ks.add(v)) throw item.error("the cutoff " + v + " is listed twice");
      }
      if (ks.isEmpty()) throw node.error("give at least one cutoff, e.g. k: [1, 5, 10]");
      k = List.copyOf(ks);
    }
    return new Suite.Retrieval(doc, relevance, queries == null ? null : folder.resolve(queries), pred.optionalText("doc"),
        pred.optionalText("rank"), pred.optionalText("score"), pred.optionalText("docs"), k);
  }
}
