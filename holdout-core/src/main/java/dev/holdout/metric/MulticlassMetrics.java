package dev.holdout.metric;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Multiclass metrics over {@link MulticlassCells}, by scikit-learn's definitions. Macro averages
 * run over the classes that occur as a true or a predicted label (scikit-learn's default
 * {@code labels}); a class never predicted has precision 0 in the macro average
 * ({@code zero_division=0}), while its own per-class precision is undefined with a reason.
 * f1_micro equals accuracy for single-label data. top_k_accuracy breaks ties between equal
 * probabilities by class order, the later class ranking higher, as scikit-learn does over its
 * sorted labels; with the suite's classes listed in sorted order the two agree exactly.
 */
public final class MulticlassMetrics {
  private MulticlassMetrics() {}

  /** Per-class figures; precision, recall or f1 undefined where their denominators are zero. */
  public record PerClass(String label, MetricValue precision, MetricValue recall, MetricValue f1, double support) {}

  /** Weighted confusion matrix by true class (rows) then predicted class (columns). */
  public static double[][] confusion(MulticlassCells c, int set, double[] w) {
    int k = c.classes.size();
    double[][] m = new double[k][k];
    int[] pred = c.predicted[set];
    for (int i = 0; i < c.size; i++) m[c.actual[i]][pred[i]] += w[i];
    return m;
  }

  public static Map<String, MetricValue> compute(MulticlassCells c, int set, double[] w, double[][] costs) {
    Map<String, MetricValue> out = new LinkedHashMap<>();
    double[][] m = confusion(c, set, w);
    int k = m.length;
    double[] rows = new double[k];
    double[] cols = new double[k];
    double diag = 0;
    double total = 0;
    for (int a = 0; a < k; a++) {
      for (int p = 0; p < k; p++) {
        rows[a] += m[a][p];
        cols[p] += m[a][p];
        total += m[a][p];
      }
      diag += m[a][a];
    }
    if (total == 0) {
      for (String name : MetricCatalog.names(Task.MULTICLASS_CLASSIFICATION)) out.put(name, MetricValue.undefined("no rows"));
      return out;
    }
    double accuracy = diag / total;
    out.put("accuracy", MetricValue.of(accuracy));
    double recallSum = 0;
    int present = 0;
    double f1Sum = 0, precisionSum = 0, recallMacroSum = 0, f1Weighted = 0;
    int labels = 0;
    double pe = 0;
    for (int a = 0; a < k; a++) {
      if (rows[a] > 0) {
        recallSum += m[a][a] / rows[a];
        present++;
      }
      if (rows[a] > 0 || cols[a] > 0) {
        labels++;
        double f1 = 2 * m[a][a] / (rows[a] + cols[a]);
        f1Sum += f1;
        precisionSum += cols[a] > 0 ? m[a][a] / cols[a] : 0;
        recallMacroSum += rows[a] > 0 ? m[a][a] / rows[a] : 0;
        f1Weighted += rows[a] * f1;
      }
      pe += rows[a] * cols[a];
    }
    out.put("balanced_accuracy", MetricValue.of(recallSum / present));
    out.put("f1_macro", MetricValue.of(f1Sum / labels));
    out.put("f1_micro", MetricValue.of(accuracy));
    out.put("f1_weighted", MetricValue.of(f1Weighted / total));
    out.put("precision_macro", MetricValue.of(precisionSum / labels));
    out.put("recall_macro", MetricValue.of(recallMacroSum / labels));
    pe /= total * total;
    out.put("cohen_kappa", pe < 1 ? MetricValue.of((accuracy - pe) / (1 - pe))
        : MetricValue.undefined("chance agreement is 1: one class only in both labels and predictions"));
    String noProbabilities = "needs class probabilities (predictions.probabilities in the suite)";
    if (c.hit[set] != null) {
      double hits = 0;
      boolean[] h = c.hit[set];
      for (int i = 0; i < c.size; i++) if (h[i]) hits += w[i];
      out.put("top_k_accuracy", MetricValue.of(hits / total));
    } else {
      out.put("top_k_accuracy", MetricValue.undefined(noProbabilities));
    }
    if (c.logLoss[set] != null) {
      double ll = 0;
      double[] l = c.logLoss[set];
      for (int i = 0; i < c.size; i++) ll += w[i] * l[i];
      out.put("log_loss", MetricValue.of(ll / total));
    } else {
      out.put("log_loss", MetricValue.undefined(noProbabilities));
    }
    if (costs != null) {
      double cost = 0;
      for (int a = 0; a < k; a++) for (int p = 0; p < k; p++) cost += m[a][p] * costs[a][p];
      out.put("expected_cost", MetricValue.of(cost / total));
    }
    return out;
  }

  /** Precision, recall, f1 and support per class, in the order of {@link MulticlassCells#classes()}. */
  public static List<PerClass> perClass(MulticlassCells c, int set, double[] w) {
    double[][] m = confusion(c, set, w);
    int k = m.length;
    List<PerClass> out = new ArrayList<>();
    for (int a = 0; a < k; a++) {
      double row = 0, col = 0;
      for (int j = 0; j < k; j++) {
        row += m[a][j];
        col += m[j][a];
      }
      MetricValue precision = col > 0 ? MetricValue.of(m[a][a] / col) : MetricValue.undefined("never predicted");
      MetricValue recall = row > 0 ? MetricValue.of(m[a][a] / row) : MetricValue.undefined("no row has this label");
      MetricValue f1 = row + col > 0 ? MetricValue.of(2 * m[a][a] / (row + col)) : MetricValue.undefined("neither a label nor a prediction");
      out.add(new PerClass(c.classes.get(a), precision, recall, f1, row));
    }
    return out;
  }

  /**
   * Whether the true class is among the k most probable, with scikit-learn's tie order: among equal
   * probabilities the class later in the class list ranks higher.
   */
  public static boolean topKHit(double[] probabilities, int actual, int k) {
    double p = probabilities[actual];
    int ahead = 0;
    for (int j = 0; j < probabilities.length; j++) {
      if (probabilities[j] > p || (probabilities[j] == p && j > actual)) ahead++;
    }
    return ahead < k;
  }
}
