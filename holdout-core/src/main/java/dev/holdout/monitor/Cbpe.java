package dev.holdout.monitor;

import dev.holdout.metric.MetricCatalog;
import dev.holdout.result.Report;
import dev.holdout.stats.Probability;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Confidence-based performance estimation (CBPE) for a binary classifier: the performance a window
 * can be expected to have, from the model's scores alone, before any outcome is known. A row with
 * score p is counted as p of a positive and 1 − p of a negative, which gives the expected confusion
 * matrix at the threshold (hence accuracy, precision, recall, specificity, f1) and the expected
 * roc_auc (each pair of distinct rows weighted by the chance that one is positive and the other
 * negative, counted as ordered right when the positive scores higher).
 *
 * <p>Assumptions, and where it misleads: the scores are <b>calibrated</b> (among rows scored 0.3,
 * 30% are positive; check the suite's ece on the evaluation set), and there is <b>no concept
 * drift</b> (the relation between inputs and outcome is as it was; only the mix of inputs may have
 * moved). A model that is confidently wrong on a new population looks fine to CBPE.
 *
 * <p>Error: the confusion sums are exact; roc_auc sorts the scores into {@value #BINS} equal-width
 * bins and counts pairs within a bin as ties (half), which moves it by at most the share of
 * expected positive-negative pairs that fall in one bin, about 1e-4 for smooth score
 * distributions. The accuracy interval is where the realized accuracy would fall if the assumptions
 * hold: each row is right with probability q (p when predicted positive, else 1 − p), so its
 * variance is Σ q(1 − q) / n², normal approximation. Memory: two arrays of {@value #BINS} doubles.
 * Mergeable and not thread-safe.
 */
public final class Cbpe {
  /** Score bins for the expected roc_auc. */
  public static final int BINS = 8_192;

  private final double threshold;
  private long rows;
  private double tp;
  private double fp;
  private double fn;
  private double tn;
  private double correctVariance;
  /** Σ p(1 − p): a row's pairing with itself, which the expected roc_auc leaves out. */
  private double selfPairs;
  private final double[] positive = new double[BINS];
  private final double[] negative = new double[BINS];

  /** An empty estimate; a row is predicted positive when its score is at least {@code threshold}. */
  public Cbpe(double threshold) {
    this.threshold = threshold;
  }

  /** Adds one row's score, a probability in [0, 1]. */
  public void add(double p) {
    rows++;
    double q;
    if (p >= threshold) {
      tp += p;
      fp += 1 - p;
      q = p;
    } else {
      fn += p;
      tn += 1 - p;
      q = 1 - p;
    }
    correctVariance += q * (1 - q);
    selfPairs += p * (1 - p);
    int b = Math.min(BINS - 1, (int) (p * BINS));
    positive[b] += p;
    negative[b] += 1 - p;
  }

  /** Adds {@code other}'s rows (the same threshold). */
  public void merge(Cbpe other) {
    if (other.threshold != threshold) throw new IllegalArgumentException("thresholds differ: " + other.threshold + " and " + threshold);
    rows += other.rows;
    tp += other.tp;
    fp += other.fp;
    fn += other.fn;
    tn += other.tn;
    correctVariance += other.correctVariance;
    selfPairs += other.selfPairs;
    for (int b = 0; b < BINS; b++) {
      positive[b] += other.positive[b];
      negative[b] += other.negative[b];
    }
  }

  public long rows() {
    return rows;
  }

  /** The expected roc_auc; NaN without rows or when every score is 0 or every score is 1. */
  public double rocAuc() {
    double below = 0;
    double pairs = 0;
    double pos = 0;
    double neg = 0;
    for (int b = 0; b < BINS; b++) {
      pairs += positive[b] * (below + negative[b] / 2);
      below += negative[b];
      pos += positive[b];
      neg += negative[b];
    }
    // a row is never paired with itself: its own half-tie and its weight in the denominator come out
    double all = pos * neg - selfPairs;
    return all > 0 ? (pairs - selfPairs / 2) / all : Double.NaN;
  }

  /**
   * The estimates by metric name (those of {@link MetricCatalog#CBPE}); a metric with a zero denominator has
   * no value and says why. Accuracy carries its interval at {@code confidence}.
   */
  public Map<String, Report.Estimate> estimates(double confidence) {
    Map<String, Report.Estimate> out = new LinkedHashMap<>();
    if (rows == 0) {
      for (String m : MetricCatalog.CBPE) out.put(m, new Report.Estimate(null, null, "no rows", null, null));
      return out;
    }
    double accuracy = (tp + tn) / rows;
    double z = Probability.normalQuantile(0.5 + confidence / 2);
    double half = z * Math.sqrt(correctVariance) / rows;
    out.put("accuracy", new Report.Estimate(accuracy, List.of(Math.max(0, accuracy - half), Math.min(1, accuracy + half)), null, null, null));
    out.put("precision", ratio(tp, tp + fp, "no row is predicted positive"));
    out.put("recall", ratio(tp, tp + fn, "the expected positives are zero"));
    out.put("specificity", ratio(tn, tn + fp, "the expected negatives are zero"));
    out.put("f1", ratio(2 * tp, 2 * tp + fp + fn, "no expected positive and no positive prediction"));
    double auc = rocAuc();
    out.put("roc_auc", Double.isNaN(auc) ? new Report.Estimate(null, null, "the scores imply only one class", null, null)
        : new Report.Estimate(auc, null, null, null, null));
    return out;
  }

  private static Report.Estimate ratio(double a, double b, String undefined) {
    return b > 0 ? new Report.Estimate(a / b, null, null, null, null) : new Report.Estimate(null, null, undefined, null, null);
  }
}
