package dev.holdout.suite;

import dev.holdout.base.Names;
import dev.holdout.metric.Task;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code predictions} section: which columns of a submission hold what the task needs (a score,
 * class probabilities or a label, a score per label, a value and quantiles, ranked documents, an answer), and what a
 * missing prediction counts as. Keys of another task are refused by name.
 */
final class PredictionsSection {
  static final List<String> KEYS = List.of("id", "score", "threshold", "probabilities", "label",
      "value", "quantiles", "missing", "doc", "rank", "docs", "output", "context", "scores", "series", "time", "origin", "horizon");

  private PredictionsSection() {}

  /** The section at {@code pred} (a mapping whose keys are checked); the id defaults to the evaluation set's. */
  static Suite.Predictions parse(YamlCursor pred, Task task, String dataId) {
    String id = pred.optionalText("id");
    if (id == null) id = dataId;
    String score = pred.optionalText("score");
    String label = pred.optionalText("label");
    String value = pred.optionalText("value");
    double threshold = 0.5;
    Map<String, String> probabilities = new LinkedHashMap<>();
    Map<Double, String> quantiles = new TreeMap<>();
    switch (task) {
      case BINARY_CLASSIFICATION -> {
        if (score == null) throw pred.error("binary_classification needs 'score': the column with the probability of the positive class");
        pred.forbid("binary_classification", "probabilities", "label", "value", "quantiles");
        if (pred.has("threshold")) threshold = threshold(pred.get("threshold"));
      }
      case MULTICLASS_CLASSIFICATION -> {
        pred.forbid("multiclass_classification", "score", "threshold", "value", "quantiles");
        if (pred.has("probabilities")) probabilities(pred.get("probabilities").mapping(), probabilities);
        if (label == null && probabilities.isEmpty()) {
          throw pred.error("multiclass_classification needs 'probabilities' ({class: column, ...}) or 'label' (the predicted class column), or both");
        }
      }
      case MULTILABEL_CLASSIFICATION -> {
        pred.forbid("multilabel_classification (a score column per label goes in 'scores')", "score", "probabilities", "label", "value", "quantiles");
        // a mapping of thresholds per label is read with the labels (MultilabelSection)
        if (pred.has("threshold") && !(pred.get("threshold").node() instanceof YamlNode.Mapping)) threshold = threshold(pred.get("threshold"));
      }
      case REGRESSION -> {
        if (value == null) throw pred.error("regression needs 'value': the column with the predicted value");
        pred.forbid("regression", "score", "threshold", "probabilities", "label");
        if (pred.has("quantiles")) quantiles(pred.get("quantiles").mapping(), quantiles);
      }
      case FORECASTING -> {
        if (value == null) throw pred.error("forecasting needs 'value': the column with the forecast");
        pred.forbid("forecasting", "id", "score", "threshold", "probabilities", "label", "quantiles");
      }
      case RETRIEVAL -> rankedLists(pred);
      case TEXT_GENERATION -> {
        pred.forbid("text_generation", "score", "threshold", "probabilities", "label", "value", "quantiles");
        if (!pred.has("output")) throw pred.error("text_generation needs 'output': the column with the system's answer");
      }
      default -> throw new IllegalStateException("unsupported task " + task);
    }
    if (task != Task.TEXT_GENERATION) pred.forbid(task.key() + " (output and context are for text_generation)", "output", "context");
    if (task != Task.RETRIEVAL) pred.forbid(task.key() + " (doc, rank and docs are for retrieval)", "doc", "rank", "docs");
    if (task != Task.MULTILABEL_CLASSIFICATION) pred.forbid(task.key() + " (scores per label are for multilabel_classification)", "scores");
    return new Suite.Predictions(id, score, threshold, probabilities, label, value, quantiles, missing(pred));
  }

  /** A decision threshold: above 0 and at most 1. */
  static double threshold(YamlCursor at) {
    double threshold = at.number();
    // 0 would predict every row positive, and leave no score below it for a missing prediction to count as wrong.
    if (!(threshold > 0 && threshold <= 1)) {
      throw at.error("expected a probability threshold above 0 and at most 1, such as 0.5; found " + at.describe());
    }
    return threshold;
  }

  private static void probabilities(YamlCursor m, Map<String, String> into) {
    for (var e : m.children().entrySet()) {
      String column = e.getValue().text();
      for (var earlier : into.entrySet()) {
        if (earlier.getValue().equals(column)) {
          throw e.getValue().error("column '" + column + "' is already the probability of class '" + earlier.getKey() + "'; give each class its own column");
        }
      }
      into.put(e.getKey(), column);
    }
    if (into.size() < 2) throw m.error("name a probability column for each of at least 2 classes");
  }

  private static void quantiles(YamlCursor m, Map<Double, String> into) {
    for (var e : m.children().entrySet()) {
      YamlCursor at = e.getValue();
      double q;
      try {
        q = Double.parseDouble(e.getKey());
      } catch (NumberFormatException ex) {
        throw at.error("a quantile key must be a number in (0, 1) such as 0.9, found '" + e.getKey() + "'");
      }
      if (!(q > 0 && q < 1)) throw at.error("a quantile must be in (0, 1), found " + e.getKey());
      String column = at.text();
      if (into.containsKey(q)) throw at.error("quantile " + e.getKey() + " is given twice (as " + q + "); keep one");
      for (var earlier : into.entrySet()) {
        if (earlier.getValue().equals(column)) {
          throw at.error("column '" + column + "' is already quantile " + earlier.getKey() + "; give each quantile its own column");
        }
      }
      into.put(q, column);
    }
  }

  /** Retrieval: rows of query, document and rank or score, or a list of documents per query. */
  private static void rankedLists(YamlCursor pred) {
    pred.forbid("retrieval", "threshold", "probabilities", "label", "value", "quantiles");
    boolean rank = pred.has("rank");
    boolean scored = pred.has("score");
    boolean doc = pred.has("doc");
    boolean docs = pred.has("docs");
    if (rank && scored) throw pred.get("score").error("give one of rank and score, not both");
    if (!docs && !(doc && (rank || scored))) {
      throw pred.error("retrieval needs the order of each ranked list: 'doc' with 'rank' (1 first) or 'score' (higher first) for rows of query, document and rank,"
          + " and/or 'docs' for JSON Lines with a list of document ids per query, best first");
    }
    if (doc != (rank || scored)) {
      throw pred.error(doc ? "'doc' needs 'rank' or 'score' to order the documents" : "'" + (rank ? "rank" : "score") + "' needs 'doc': the column with the document id");
    }
  }

  private static Suite.Missing missing(YamlCursor pred) {
    if (!pred.has("missing")) return Suite.Missing.WRONG;
    String m = pred.text("missing");
    List<String> allowed = List.of("wrong", "fail", "ignore");
    if (!allowed.contains(m)) {
      throw pred.get("missing").error("expected one of " + allowed + ", found '" + m + "'" + Names.didYouMean(m, allowed));
    }
    return Suite.Missing.valueOf(m.toUpperCase(Locale.ROOT));
  }
}
