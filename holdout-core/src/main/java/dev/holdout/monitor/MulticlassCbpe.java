package dev.holdout.monitor;

import dev.holdout.result.Report;
import dev.holdout.stats.Probability;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CBPE for a multiclass classifier, as NannyML defines it: each row's calibrated class
 * probabilities stand for the outcome, so for class k a row predicted k counts p_k of a true
 * positive and 1 − p_k of a false positive, and a row predicted otherwise counts p_k of a false
 * negative. The expected accuracy is the mean probability of the predicted class; precision,
 * recall and f1 are computed per class from the expected counts and macro-averaged (NannyML's and
 * scikit-learn's {@code average="macro"}). Accuracy carries an interval (each row is right with
 * probability q = p of its predicted class; variance Σ q(1 − q) / n², normal approximation).
 *
 * <p>Same assumptions as the binary {@link Cbpe}: calibrated probabilities and no concept drift.
 * Memory: four doubles per class. Mergeable and not thread-safe.
 */
public final class MulticlassCbpe {
  private final int classes;
  private final double[] tp;
  private final double[] fp;
  private final double[] fn;
  private long rows;
  private double correct;
  private double correctVariance;

  public MulticlassCbpe(int classes) {
    if (classes < 2) throw new IllegalArgumentException("at least two classes: " + classes);
    this.classes = classes;
    tp = new double[classes];
    fp = new double[classes];
    fn = new double[classes];
  }

  /** Adds a row: its class probabilities (summing to 1) and the class predicted. */
  public void add(double[] p, int predicted) {
    rows++;
    double q = p[predicted];
    correct += q;
    correctVariance += q * (1 - q);
    for (int k = 0; k < classes; k++) {
      if (k == predicted) {
        tp[k] += p[k];
        fp[k] += 1 - p[k];
      } else {
        fn[k] += p[k];
      }
    }
  }

  /** Adds a row predicted as its most probable class (the first on a tie). */
  public void add(double[] p) {
    int best = 0;
    for (int k = 1; k < classes; k++) if (p[k] > p[best]) best = k;
    add(p, best);
  }

  public void merge(MulticlassCbpe other) {
    if (other.classes != classes) throw new IllegalArgumentException("classes differ: " + other.classes + " and " + classes);
    rows += other.rows;
    correct += other.correct;
    correctVariance += other.correctVariance;
    for (int k = 0; k < classes; k++) {
      tp[k] += other.tp[k];
      fp[k] += other.fp[k];
      fn[k] += other.fn[k];
    }
  }

  public long rows() {
    return rows;
  }

  /** The expected accuracy; NaN without rows. */
  public double accuracy() {
    return rows == 0 ? Double.NaN : correct / rows;
  }

  /** The expected macro f1: per class 2·TP / (2·TP + FP + FN), averaged over classes with a nonzero denominator. */
  public double macroF1() {
    return macro(2, 1, 1);
  }

  public double macroPrecision() {
    return macro(1, 1, 0);
  }

  public double macroRecall() {
    return macro(1, 0, 1);
  }

  private double macro(double wTp, double wFp, double wFn) {
    double sum = 0;
    int n = 0;
    for (int k = 0; k < classes; k++) {
      double d = wTp * tp[k] + wFp * fp[k] + wFn * fn[k];
      if (d > 0) {
        sum += wTp * tp[k] / d;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** accuracy (with its interval at {@code confidence}), macro_precision, macro_recall and macro_f1. */
  public Map<String, Report.Estimate> estimates(double confidence) {
    Map<String, Report.Estimate> out = new LinkedHashMap<>();
    if (rows == 0) {
      for (String m : List.of("accuracy", "macro_precision", "macro_recall", "macro_f1")) out.put(m, new Report.Estimate(null, null, "no rows", null, null));
      return out;
    }
    double a = accuracy();
    double half = Probability.normalQuantile(0.5 + confidence / 2) * Math.sqrt(correctVariance) / rows;
    out.put("accuracy", new Report.Estimate(a, List.of(Math.max(0, a - half), Math.min(1, a + half)), null, null, null));
    out.put("macro_precision", value(macroPrecision()));
    out.put("macro_recall", value(macroRecall()));
    out.put("macro_f1", value(macroF1()));
    return out;
  }

  private static Report.Estimate value(double v) {
    return Double.isNaN(v) ? new Report.Estimate(null, null, "no class has an expected positive or a prediction", null, null)
        : new Report.Estimate(v, null, null, null, null);
  }
}
