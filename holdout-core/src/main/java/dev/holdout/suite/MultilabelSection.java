package dev.holdout.suite;

import dev.holdout.base.Names;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The keys of a multilabel suite: the labels (the keys of {@code predictions.scores}, in the order
 * written, which is the order of every report), where the evaluation set holds each row's labels
 * ({@code data.label}, one column of labels joined by {@code data.separator}, default {@code |};
 * or {@code data.labels}, one 0/1 column per label), and each label's threshold
 * ({@code predictions.threshold}: one number for every label, or a mapping naming each label).
 */
final class MultilabelSection {
  static final String DEFAULT_SEPARATOR = "|";

  private MultilabelSection() {}

  /** The section from the {@code data} and {@code predictions} mappings; {@code threshold} is predictions.threshold when it is one number. */
  static Suite.Multilabel parse(YamlCursor data, YamlCursor pred, double threshold) {
    if (!pred.has("scores")) {
      throw pred.error("multilabel_classification needs 'scores': a score column per label, such as {billing: p_billing, refund: p_refund}");
    }
    Map<String, String> scores = columns(pred.get("scores").mapping(), "score");
    List<String> labels = List.copyOf(scores.keySet());
    boolean joined = data.has("label");
    boolean split = data.has("labels");
    if (joined == split) {
      throw (joined ? data.get("labels") : data).error(joined
          ? "give the labels one way: 'label' (one column of labels joined by the separator) or 'labels' (a 0/1 column per label), not both"
          : "multilabel_classification needs the true labels: 'label' (one column with each row's labels joined by '|', such as billing|refund)"
              + " or 'labels' (a 0/1 column per label, such as {billing: is_billing, refund: is_refund})");
    }
    String column = null;
    String separator = null;
    Map<String, String> columns = Map.of();
    if (joined) {
      column = data.text("label");
      separator = data.has("separator") ? data.text("separator") : DEFAULT_SEPARATOR;
    } else {
      if (data.has("separator")) throw data.get("separator").error("a separator splits data.label; 0/1 columns per label (data.labels) need none; remove it");
      YamlCursor m = data.get("labels").mapping();
      columns = columns(m, "label");
      if (!columns.keySet().equals(scores.keySet())) {
        List<String> missing = new ArrayList<>(labels);
        missing.removeAll(columns.keySet());
        List<String> extra = new ArrayList<>(columns.keySet());
        extra.removeAll(scores.keySet());
        throw m.error("data.labels and predictions.scores must name the same labels; " + (missing.isEmpty() ? ""
            : "data.labels lacks " + missing + (extra.isEmpty() ? "" : " and ")) + (extra.isEmpty() ? "" : "predictions.scores lacks " + extra));
      }
    }
    return new Suite.Multilabel(labels, column, separator, columns, scores, thresholds(pred, labels, threshold));
  }

  /** A mapping of label to column: at least 2 labels, no column twice. */
  private static Map<String, String> columns(YamlCursor m, String what) {
    Map<String, String> into = new LinkedHashMap<>();
    for (var e : m.children().entrySet()) {
      String column = e.getValue().text();
      for (var earlier : into.entrySet()) {
        if (earlier.getValue().equals(column)) {
          throw e.getValue().error("column '" + column + "' is already the " + what + " column of label '" + earlier.getKey() + "'; give each label its own column");
        }
      }
      into.put(e.getKey(), column);
    }
    if (into.size() < 2) throw m.error("name a " + what + " column for each of at least 2 labels");
    return into;
  }

  /** Each label's threshold: the one number, or the mapping, which must name every label once. */
  private static Map<String, Double> thresholds(YamlCursor pred, List<String> labels, double threshold) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (!pred.has("threshold") || !(pred.get("threshold").node() instanceof YamlNode.Mapping)) {
      for (String l : labels) out.put(l, threshold);
      return out;
    }
    YamlCursor m = pred.get("threshold").mapping();
    for (var e : m.children().entrySet()) {
      if (!labels.contains(e.getKey())) {
        throw e.getValue().error("'" + e.getKey() + "' is not a label of predictions.scores " + labels + Names.didYouMean(e.getKey(), labels));
      }
      out.put(e.getKey(), PredictionsSection.threshold(e.getValue()));
    }
    List<String> missing = new ArrayList<>(new LinkedHashSet<>(labels));
    missing.removeAll(out.keySet());
    if (!missing.isEmpty()) {
      throw m.error("give a threshold for every label, or one number for all; missing " + missing);
    }
    Map<String, Double> ordered = new LinkedHashMap<>();
    for (String l : labels) ordered.put(l, out.get(l));
    return ordered;
  }
}
