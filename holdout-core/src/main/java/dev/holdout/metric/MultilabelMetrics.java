package dev.holdout.metric;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Multilabel metrics over {@link MultilabelCells}, as scikit-learn 1.2 defines them on a 0/1
 * indicator matrix: {@code accuracy_score} (subset accuracy), {@code hamming_loss},
 * {@code precision_score}, {@code recall_score} and {@code f1_score} with average micro, macro,
 * weighted and samples, {@code jaccard_score(average='samples')},
 * {@code label_ranking_average_precision_score}, {@code coverage_error}, and
 * {@code roc_auc_score} per label and averaged over labels. Inside an average, a label or a row
 * whose figure divides by zero counts as 0, as scikit-learn's default {@code zero_division="warn"}
 * does, so averages match it figure for figure; a figure with nothing at all to divide by (micro
 * precision when no label is predicted anywhere, micro recall or weighted averages when no row has
 * a label) is undefined with the reason, where scikit-learn warns and prints 0. roc_auc_macro is
 * the mean over the labels that have both a row with them and a row without them in the view
 * (scikit-learn raises an error when any label lacks one); a resample in which one of those loses
 * either side has no value.
 */
public final class MultilabelMetrics {
  /** The overall metrics and each label's figures ({@link MetricCatalog#PER_LABEL}), labels in the cells' order. */
  public record Result(Map<String, MetricValue> overall, Map<String, Map<String, MetricValue>> perLabel) {}

  /** A label's figures beside the metrics: rows with it, rows predicted to have it, and its threshold. */
  public record LabelCounts(String label, double support, double predicted, double threshold) {}

  static final String NEVER_PREDICTED = "never predicted";
  static final String NO_ROW_HAS_IT = "no row has this label";
  static final String NEITHER = "neither a label nor a prediction";
  static final String EVERY_ROW_HAS_IT = "every row has this label";

  private MultilabelMetrics() {}

  /** Every metric of set {@code set} under weights {@code w} (one per row), and every label's figures. */
  public static Result compute(MultilabelCells c, int set, double[] w) {
    int labels = c.labels.size();
    double total = 0;
    double[] row = new double[MultilabelCells.ROW_FIGURES];
    double[] fig = c.figures[set];
    for (int i = 0, base = 0; i < c.size; i++, base += MultilabelCells.ROW_FIGURES) {
      double wi = w[i];
      total += wi;
      for (int k = 0; k < MultilabelCells.ROW_FIGURES; k++) row[k] += wi * fig[base + k];
    }
    Map<String, MetricValue> out = new LinkedHashMap<>();
    Map<String, Map<String, MetricValue>> perLabel = new LinkedHashMap<>();
    if (total == 0) {
      for (String name : MetricCatalog.names(Task.MULTILABEL_CLASSIFICATION)) out.put(name, MetricValue.undefined("no rows"));
      for (String label : c.labels) {
        Map<String, MetricValue> none = new LinkedHashMap<>();
        for (String name : MetricCatalog.PER_LABEL) none.put(name, MetricValue.undefined("no rows"));
        perLabel.put(label, none);
      }
      return new Result(out, perLabel);
    }
    double[][] counts = new double[labels][4];
    for (int l = 0; l < labels; l++) {
      byte[] code = c.code[set][l];
      double[] acc = counts[l];
      for (int i = 0; i < c.size; i++) acc[code[i]] += w[i];
    }
    double tpAll = 0, predictedAll = 0, trueAll = 0;
    double pMacro = 0, rMacro = 0, fMacro = 0, pWeighted = 0, rWeighted = 0, fWeighted = 0;
    double aucSum = 0;
    int aucLabels = 0;
    String aucUndefined = null;
    for (int l = 0; l < labels; l++) {
      double tp = counts[l][3], fp = counts[l][1], fn = counts[l][2], tn = counts[l][0];
      double predicted = tp + fp;
      double actual = tp + fn;
      tpAll += tp;
      predictedAll += predicted;
      trueAll += actual;
      double p = predicted > 0 ? tp / predicted : 0;
      double r = actual > 0 ? tp / actual : 0;
      double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
      pMacro += p;
      rMacro += r;
      fMacro += f;
      pWeighted += actual * p;
      rWeighted += actual * r;
      fWeighted += actual * f;
      Map<String, MetricValue> figures = new LinkedHashMap<>();
      figures.put("precision", predicted > 0 ? MetricValue.of(p) : MetricValue.undefined(NEVER_PREDICTED));
      figures.put("recall", actual > 0 ? MetricValue.of(r) : MetricValue.undefined(NO_ROW_HAS_IT));
      double f1d = 2 * tp + fp + fn;
      figures.put("f1", f1d > 0 ? MetricValue.of(2 * tp / f1d) : MetricValue.undefined(NEITHER));
      BinaryMetrics.rankMetrics(figures, c.order[set][l], c.score[set][l], c.truth[l], w, actual, fp + tn, NO_ROW_HAS_IT, EVERY_ROW_HAS_IT);
      perLabel.put(c.labels.get(l), figures);
      if (c.bothClasses[l]) {
        MetricValue auc = figures.get("roc_auc");
        if (auc.defined()) {
          aucSum += auc.value();
          aucLabels++;
        } else if (aucUndefined == null) {
          aucUndefined = "label '" + c.labels.get(l) + "' has " + (actual > 0 ? "no row without it" : "no row with it") + " in this resample";
        }
      }
    }
    out.put("subset_accuracy", MetricValue.of(row[0] / total));
    out.put("hamming_loss", MetricValue.of(row[1] / total));
    String nothingPredicted = "no label is predicted for any row";
    String noLabels = "no row has any label";
    double pMicro = predictedAll > 0 ? tpAll / predictedAll : 0;
    double rMicro = trueAll > 0 ? tpAll / trueAll : 0;
    out.put("precision_micro", predictedAll > 0 ? MetricValue.of(pMicro) : MetricValue.undefined(nothingPredicted));
    out.put("recall_micro", trueAll > 0 ? MetricValue.of(rMicro) : MetricValue.undefined(noLabels));
    out.put("f1_micro", predictedAll + trueAll > 0 ? MetricValue.of(pMicro + rMicro == 0 ? 0 : 2 * pMicro * rMicro / (pMicro + rMicro))
        : MetricValue.undefined(noLabels + " and none is predicted"));
    out.put("precision_macro", MetricValue.of(pMacro / labels));
    out.put("recall_macro", MetricValue.of(rMacro / labels));
    out.put("f1_macro", MetricValue.of(fMacro / labels));
    out.put("precision_weighted", trueAll > 0 ? MetricValue.of(pWeighted / trueAll) : MetricValue.undefined(noLabels));
    out.put("recall_weighted", trueAll > 0 ? MetricValue.of(rWeighted / trueAll) : MetricValue.undefined(noLabels));
    out.put("f1_weighted", trueAll > 0 ? MetricValue.of(fWeighted / trueAll) : MetricValue.undefined(noLabels));
    out.put("precision_samples", MetricValue.of(row[2] / total));
    out.put("recall_samples", MetricValue.of(row[3] / total));
    out.put("f1_samples", MetricValue.of(row[4] / total));
    out.put("jaccard_samples", MetricValue.of(row[5] / total));
    out.put("label_ranking_average_precision", MetricValue.of(row[6] / total));
    out.put("coverage_error", MetricValue.of(row[7] / total));
    if (aucUndefined != null) {
      out.put("roc_auc_macro", MetricValue.undefined(aucUndefined));
    } else if (aucLabels == 0) {
      out.put("roc_auc_macro", MetricValue.undefined("no label has both a row with it and a row without it"));
    } else {
      out.put("roc_auc_macro", MetricValue.of(aucSum / aucLabels));
    }
    return new Result(out, perLabel);
  }

  /** Each label's support, rows predicted to have it and threshold, under the cells' own counts. */
  public static List<LabelCounts> labelCounts(MultilabelCells c, int set) {
    List<LabelCounts> out = new ArrayList<>();
    for (int l = 0; l < c.labels.size(); l++) {
      double support = 0, predicted = 0;
      byte[] code = c.code[set][l];
      for (int i = 0; i < c.size; i++) {
        if (code[i] >= 2) support += c.count[i];
        if ((code[i] & 1) == 1) predicted += c.count[i];
      }
      out.add(new LabelCounts(c.labels.get(l), support, predicted, c.thresholds[l]));
    }
    return out;
  }

  /**
   * The labels roc_auc_macro averages in these cells (those with a row with them and a row without
   * them) and, for each label left out, why: label to reason, in label order.
   */
  public static Map<String, String> labelsWithoutAuc(MultilabelCells c) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int l = 0; l < c.labels.size(); l++) {
      if (c.bothClasses[l]) continue;
      boolean any = false;
      for (int i = 0; i < c.size && !any; i++) any = c.truth[l][i];
      out.put(c.labels.get(l), any ? EVERY_ROW_HAS_IT : NO_ROW_HAS_IT);
    }
    return out;
  }
}
