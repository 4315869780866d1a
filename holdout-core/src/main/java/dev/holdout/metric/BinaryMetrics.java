package dev.holdout.metric;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binary classification metrics over {@link BinaryCells}, by scikit-learn's definitions: a row is
 * predicted positive when its score is at least the threshold; roc_auc counts tied scores as half;
 * average_precision is the step-wise sum over distinct thresholds ({@code average_precision_score});
 * log loss clips to [eps, 1 - eps]. ece uses ten equal-width bins [0, 0.1), ..., [0.9, 1.0] and
 * weighs |observed rate - mean score| by the bin's share of rows.
 */
public final class BinaryMetrics {
  public static final int ECE_BINS = 10;

  private BinaryMetrics() {}

  /** Misclassification costs per decision; any may be negative (a gain). */
  public record Costs(double tp, double fp, double fn, double tn) {
    /** The total cost of these decisions: the one place the cost formula is written. */
    public double of(Confusion m) {
      return of(m.tp, m.fp, m.tn, m.fn);
    }

    /** The total cost of {@code tp} true positives, {@code fp} false positives, {@code tn} true negatives and {@code fn} false negatives. */
    public double of(double tp, double fp, double tn, double fn) {
      return tp * this.tp + fp * this.fp + fn * this.fn + tn * this.tn;
    }
  }

  /** Confusion counts at one threshold (weighted: fractional under the bootstrap's weights never, counts are whole). */
  public record Confusion(double tp, double fp, double tn, double fn) {
    public double total() {
      return tp + fp + tn + fn;
    }
  }

  /** The threshold with the lowest expected cost per decision, and that cost. */
  public record CostOptimum(double threshold, double expectedCost, boolean predictsNoPositive) {}

  /** Every binary metric of prediction set {@code set} under weights {@code w} (one per cell), without budgets. */
  public static Map<String, MetricValue> compute(BinaryCells c, int set, double[] w, double threshold, Costs costs) {
    return compute(c, set, w, threshold, costs, NO_BUDGETS);
  }

  private static final double[] NO_BUDGETS = {};

  /**
   * Every binary metric of prediction set {@code set} under weights {@code w} (one per cell), then
   * precision, recall and lift at each share of {@code budgets} (see {@link #atBudget}).
   */
  public static Map<String, MetricValue> compute(BinaryCells c, int set, double[] w, double threshold, Costs costs, double[] budgets) {
    double[] v = values(c, set, w, threshold, costs, budgets);
    double tp = v[0], fp = v[1], tn = v[2], fn = v[3];
    double p = tp + fn;
    double n = tn + fp;
    if (p + n == 0) {
      Map<String, MetricValue> out = new LinkedHashMap<>();
      for (String name : MetricCatalog.names(Task.BINARY_CLASSIFICATION)) {
        if (!name.equals("expected_cost") || costs != null) out.put(name, MetricValue.undefined("no rows"));
      }
      for (double q : budgets) for (String family : MetricCatalog.AT_BUDGET) out.put(MetricCatalog.budgetName(family, q), MetricValue.undefined("no rows"));
      return out;
    }
    String noPositives = "the evaluated rows have no positive label";
    String noNegatives = "the evaluated rows have no negative label";
    List<String> names = names(costs, budgets);
    Map<String, MetricValue> out = new LinkedHashMap<>(2 * names.size());
    for (int k = 0; k < names.size(); k++) {
      double x = v[VALUES + k];
      String name = names.get(k);
      out.put(name, !Double.isNaN(x) ? MetricValue.of(x) : MetricValue.undefined(switch (name) {
        case "precision" -> "no row is predicted positive at threshold " + threshold;
        case "recall" -> noPositives;
        case "specificity" -> noNegatives;
        case "f1" -> "no positive label and no positive prediction";
        case "mcc" -> "a row or column of the confusion matrix is empty (one class only, or one prediction only)";
        case "roc_auc" -> p > 0 ? noNegatives : noPositives;
        default -> noPositives; // average_precision (only without a positive), and recall and lift at a budget
      }));
    }
    return out;
  }

  /** Where {@link #values}' metrics start: after the confusion counts tp, fp, tn, fn. */
  public static final int VALUES = 4;

  /** The names of {@link #compute}'s metrics, in its order, for these costs (null: none) and budgets. */
  public static List<String> names(Costs costs, double[] budgets) {
    List<String> names = new ArrayList<>(NAMES);
    if (costs == null) names.remove("expected_cost");
    for (double q : budgets) for (String family : MetricCatalog.AT_BUDGET) names.add(MetricCatalog.budgetName(family, q));
    return names;
  }

  private static final List<String> NAMES = List.of("accuracy", "balanced_accuracy", "precision", "recall", "specificity", "f1", "mcc",
      "roc_auc", "average_precision", "log_loss", "brier", "ece", "expected_cost");

  /**
   * {@link #compute}'s figures as numbers, NaN where a figure is undefined: the confusion counts
   * tp, fp, tn, fn, then from {@link #VALUES} the metrics in the order of {@link #names}. What a
   * bootstrap replicate needs, without a map or an object per metric; the same arithmetic.
   */
  public static double[] values(BinaryCells c, int set, double[] w, double threshold, Costs costs, double[] budgets) {
    // One fused pass for the confusion counts, the losses and the calibration bins.
    double tp = 0, fp = 0, tn = 0, fn = 0, ll = 0, br = 0;
    double[] binScore = new double[ECE_BINS];
    double[] binPositive = new double[ECE_BINS];
    double[] s = c.score[set];
    double[] ll0 = c.logLoss[set];
    double[] br0 = c.brier[set];
    boolean exactRows = ll0 == null;
    byte[] bins = c.eceBin[set];
    boolean[] positive = c.positive;
    double[] decided = c.decisions(set, threshold);
    // Cells resampled as they are: the same sums without a branch on the label, the decision or a
    // zero weight, which a replicate makes unpredictable (a term of a skipped case adds 0 exactly).
    for (int i = 0; decided != null && i < c.size; i++) {
      double wi = w[i];
      double pos = wi * c.label[i];
      double neg = wi - pos;
      double tpi = pos * decided[i];
      double fpi = neg * decided[i];
      tp += tpi;
      fn += pos - tpi;
      fp += fpi;
      tn += neg - fpi;
      binPositive[bins[i]] += pos;
      binScore[bins[i]] += wi * s[i];
      ll += wi * ll0[i];
      br += wi * br0[i];
    }
    for (int i = 0; decided == null && i < c.size; i++) {
      double wi = w[i];
      if (wi == 0) continue;
      boolean predicted = s[i] >= threshold;
      if (positive[i]) {
        if (predicted) tp += wi; else fn += wi;
        binPositive[bins[i]] += wi;
      } else {
        if (predicted) fp += wi; else tn += wi;
      }
      binScore[bins[i]] += wi * s[i];
      if (exactRows) {
        double d = s[i] - (positive[i] ? 1 : 0);
        ll += wi * BinaryCells.logLoss(s[i], positive[i]);
        br += wi * d * d;
      } else {
        ll += wi * ll0[i];
        br += wi * br0[i];
      }
    }
    double p = tp + fn;
    double n = tn + fp;
    double total = p + n;
    double[] v = new double[VALUES + NAMES.size() - (costs == null ? 1 : 0) + 3 * budgets.length];
    v[0] = tp;
    v[1] = fp;
    v[2] = tn;
    v[3] = fn;
    if (total == 0) {
      Arrays.fill(v, VALUES, v.length, Double.NaN);
      return v;
    }
    int k = VALUES;
    v[k++] = (tp + tn) / total;
    v[k++] = p > 0 && n > 0 ? (tp / p + tn / n) / 2 : p > 0 ? tp / p : tn / n;
    v[k++] = tp + fp > 0 ? tp / (tp + fp) : Double.NaN;
    v[k++] = p > 0 ? tp / p : Double.NaN;
    v[k++] = n > 0 ? tn / n : Double.NaN;
    double f1d = 2 * tp + fp + fn;
    v[k++] = f1d > 0 ? 2 * tp / f1d : Double.NaN;
    double mccd = Math.sqrt((tp + fp) * p * (tn + fn) * n);
    v[k++] = mccd > 0 ? (tp * tn - fp * fn) / mccd : Double.NaN;
    if (p > 0 && n > 0) {
      double[] ranks = c.walkLabel != null ? rankWalk(c.order[set], c.walkLabel[set], c.groupEnd[set], w, p, n)
          : rankStatistics(c.order[set], c.score[set], c.positive, w, p, n);
      v[k++] = ranks[0];
      v[k++] = ranks[1];
    } else {
      // as rankMetrics: average_precision is 1 when every row is positive
      v[k++] = Double.NaN;
      v[k++] = p > 0 ? 1.0 : Double.NaN;
    }
    v[k++] = ll / total;
    v[k++] = br / total;
    double ece = 0;
    for (int b = 0; b < ECE_BINS; b++) ece += Math.abs(binPositive[b] - binScore[b]);
    v[k++] = ece / total;
    if (costs != null) v[k++] = costs.of(tp, fp, tn, fn) / total;
    for (double q : budgets) {
      AtBudget at = atBudget(c, set, w, q);
      v[k++] = at.precision().orNaN();
      v[k++] = at.recall().orNaN();
      v[k++] = at.lift().orNaN();
    }
    return v;
  }

  /**
   * The top share {@code share} of rows by score, as a call list: {@code rows} = ceil(share × n)
   * (n the rows under the weights; the product is taken with a relative tolerance of 1e-12 so that
   * 0.07 × 100 is 7, not 8), {@code threshold} the score of the last rows taken, and precision (the
   * positive rate in the list), recall (the share of all positives in it) and lift (precision over
   * the positive rate of all rows). Rows tied at the cut are taken in part: when the list has room
   * for r of the t rows sharing the last score, each counts r/t, which is the expected precision
   * when ties are broken at random (the rule of the prior baseline, whose rows all tie: its
   * precision is the positive rate and its lift 1). Cells of a compressed view count as ties.
   */
  public record AtBudget(double share, double rows, double threshold, MetricValue precision, MetricValue recall, MetricValue lift) {}

  /** See {@link AtBudget}; undefined figures say why (no rows; no positive label for recall and lift). */
  public static AtBudget atBudget(BinaryCells c, int set, double[] w, double share) {
    double total = 0;
    double pos = 0;
    for (int i = 0; i < c.size; i++) {
      total += w[i];
      if (c.positive[i]) pos += w[i];
    }
    if (total == 0) {
      MetricValue none = MetricValue.undefined("no rows");
      return new AtBudget(share, 0, Double.NaN, none, none, none);
    }
    double k = Math.ceil(share * total * (1 - 1e-12));
    int[] order = c.order[set];
    double[] s = c.score[set];
    double taken = 0;
    double tp = 0;
    double cut = Double.NaN;
    int i = c.size - 1;
    while (i >= 0) {
      double v = s[order[i]];
      double group = 0;
      double groupPos = 0;
      while (i >= 0 && s[order[i]] == v) {
        int cell = order[i];
        group += w[cell];
        if (c.positive[cell]) groupPos += w[cell];
        i--;
      }
      if (group == 0) continue;
      cut = v;
      double room = k - taken;
      if (group >= room) {
        tp += groupPos * (room / group);
        break;
      }
      taken += group;
      tp += groupPos;
    }
    MetricValue precision = MetricValue.of(tp / k);
    String noPositives = "the evaluated rows have no positive label";
    MetricValue recall = pos > 0 ? MetricValue.of(tp / pos) : MetricValue.undefined(noPositives);
    MetricValue lift = pos > 0 ? MetricValue.of(tp / k / (pos / total)) : MetricValue.undefined(noPositives);
    return new AtBudget(share, k, cut, precision, recall, lift);
  }

  /**
   * roc_auc of {@code score} against {@code positive}, one row each (ties count half, as
   * scikit-learn's {@code roc_auc_score}); NaN when either label is missing. For callers outside
   * the evaluation pipeline, such as leakage and drift checks.
   */
  public static double rocAuc(double[] score, boolean[] positive) {
    BinaryCells c = BinaryCells.ofRows(positive, score);
    double pos = 0;
    for (boolean p : positive) if (p) pos++;
    double neg = positive.length - pos;
    return pos > 0 && neg > 0 ? rankStatistics(c, 0, c.counts(), pos, neg)[0] : Double.NaN;
  }

  /** Confusion counts at {@code threshold} (score >= threshold predicts positive). */
  public static Confusion confusion(BinaryCells c, int set, double[] w, double threshold) {
    double tp = 0, fp = 0, tn = 0, fn = 0;
    double[] s = c.score[set];
    for (int i = 0; i < c.size; i++) {
      double wi = w[i];
      if (wi == 0) continue;
      boolean predicted = s[i] >= threshold;
      if (c.positive[i]) {
        if (predicted) tp += wi; else fn += wi;
      } else {
        if (predicted) fp += wi; else tn += wi;
      }
    }
    return new Confusion(tp, fp, tn, fn);
  }

  /**
   * roc_auc and average_precision of the items {@link #rankStatistics(int[], double[], boolean[],
   * double[], double, double)} reads into {@code out}, or the reason each has none: roc_auc needs
   * both labels; average_precision needs a positive and is 1 without a negative, as scikit-learn's.
   */
  static void rankMetrics(Map<String, MetricValue> out, int[] order, double[] s, boolean[] positive, double[] w, double totalPos,
      double totalNeg, String noPositives, String noNegatives) {
    if (totalPos > 0 && totalNeg > 0) {
      double[] ranks = rankStatistics(order, s, positive, w, totalPos, totalNeg);
      out.put("roc_auc", MetricValue.of(ranks[0]));
      out.put("average_precision", MetricValue.of(ranks[1]));
    } else {
      String why = totalPos > 0 ? noNegatives : noPositives;
      out.put("roc_auc", MetricValue.undefined(why));
      out.put("average_precision", totalPos > 0 ? MetricValue.of(1.0) : MetricValue.undefined(why));
    }
  }

  /** roc_auc and average_precision in one walk down the scores; both labels must be present. */
  static double[] rankStatistics(BinaryCells c, int set, double[] w, double totalPos, double totalNeg) {
    return rankStatistics(c.order[set], c.score[set], c.positive, w, totalPos, totalNeg);
  }

  /**
   * roc_auc and average_precision of items {@code order} lists in ascending score {@code s}, with
   * labels {@code positive} and weights {@code w} (all indexed by item), in one walk down the
   * scores: tied scores count half in roc_auc and form one step in average_precision, as
   * scikit-learn's {@code roc_auc_score} and {@code average_precision_score}. Both labels must be
   * present: {@code totalPos} and {@code totalNeg} are their weights.
   */
  static double[] rankStatistics(int[] order, double[] s, boolean[] positive, double[] w, double totalPos, double totalNeg) {
    double tpAbove = 0;
    double fpAbove = 0;
    double auc = 0;
    double ap = 0;
    int i = order.length - 1;
    while (i >= 0) {
      double v = s[order[i]];
      double tpG = 0;
      double fpG = 0;
      while (i >= 0 && s[order[i]] == v) {
        int k = order[i];
        if (positive[k]) tpG += w[k]; else fpG += w[k];
        i--;
      }
      if (tpG == 0 && fpG == 0) continue;
      auc += fpG * (tpAbove + tpG / 2);
      tpAbove += tpG;
      fpAbove += fpG;
      if (tpG > 0) ap += (tpG / totalPos) * (tpAbove / (tpAbove + fpAbove));
    }
    return new double[] {auc / (totalPos * totalNeg), ap};
  }

  /**
   * {@link #rankStatistics(int[], double[], boolean[], double[], double, double)} from the walk
   * {@link BinaryCells} fixes once: labels along {@code order} and where each tie ends, so a
   * replicate's pass has one branch, on a pattern the same in every replicate. The same sums in the
   * same order: a group or cell of no weight adds exactly 0, where the other skips it.
   */
  static double[] rankWalk(int[] order, double[] walkLabel, boolean[] groupEnd, double[] w, double totalPos, double totalNeg) {
    double tpAbove = 0;
    double fpAbove = 0;
    double auc = 0;
    double ap = 0;
    double tpG = 0;
    double fpG = 0;
    for (int i = order.length - 1; i >= 0; i--) {
      double wk = w[order[i]];
      double t = wk * walkLabel[i];
      tpG += t;
      fpG += wk - t;
      if (groupEnd[i]) {
        auc += fpG * (tpAbove + tpG / 2);
        tpAbove += tpG;
        fpAbove += fpG;
        // tpG = 0 adds 0 (the quotient is finite: 0 / MIN_VALUE where nothing is above yet)
        ap += (tpG / totalPos) * (tpAbove / Math.max(tpAbove + fpAbove, Double.MIN_VALUE));
        tpG = 0;
        fpG = 0;
      }
    }
    return new double[] {auc / (totalPos * totalNeg), ap};
  }

  /** The calibration bin of a score: the number of edges b/10 (b = 1..9) at or below it. */
  public static int eceBin(double score) {
    int b = Math.max(0, Math.min(ECE_BINS - 1, (int) (score * ECE_BINS)));
    // score * 10 can round across an edge; settle against the edges themselves.
    if (b < ECE_BINS - 1 && score >= (double) (b + 1) / ECE_BINS) b++;
    if (b > 0 && score < (double) b / ECE_BINS) b--;
    return b;
  }

  /**
   * The decision rule with the lowest expected cost per decision under the cells' own counts, among
   * "predict no positive" and every distinct score as the threshold; ties go to the higher threshold,
   * and "no positive" counts as higher than any.
   */
  public static CostOptimum costOptimum(BinaryCells c, int set, Costs costs) {
    Cheapest best = cheapest(c, set, costs);
    boolean none = best.rank() == 0;
    return new CostOptimum(none ? 1.0 : best.threshold(), best.decisions() > 0 ? best.cost() / best.decisions() : 0, none);
  }

  /** The rank of the cheapest rule of {@link #costOptimum}: 0 for "predict no positive", k for the k-th distinct score from the top. */
  static int cheapestRank(BinaryCells c, int set, Costs costs) {
    return cheapest(c, set, costs).rank();
  }

  private record Cheapest(int rank, double threshold, double cost, double decisions) {}

  /** One sweep down the distinct scores, starting from "predict no positive"; a rule must be cheaper by more than rounding to win. */
  private static Cheapest cheapest(BinaryCells c, int set, Costs costs) {
    int[] order = c.order[set];
    double[] s = c.score[set];
    double[] w = c.count;
    double pos = 0, neg = 0;
    for (int i = 0; i < c.size; i++) {
      if (c.positive[i]) pos += w[i]; else neg += w[i];
    }
    double tp = 0, fp = 0;
    double best = costs.of(0, 0, neg, pos);
    double bestThreshold = Double.NaN;
    int bestRank = 0;
    int rank = 0;
    int i = c.size - 1;
    while (i >= 0) {
      double v = s[order[i]];
      while (i >= 0 && s[order[i]] == v) {
        int k = order[i];
        if (c.positive[k]) tp += w[k]; else fp += w[k];
        i--;
      }
      rank++;
      double here = costs.of(tp, fp, neg - fp, pos - tp);
      if (here < best - 1e-12 * Math.abs(best)) {
        best = here;
        bestThreshold = v;
        bestRank = rank;
      }
    }
    return new Cheapest(bestRank, bestThreshold, best, pos + neg);
  }
}
