package dev.holdout.metric;

import dev.holdout.stats.Sorting;
import java.util.Arrays;
import java.util.TreeSet;

/**
 * Weighted cells for binary classification: each cell is one row, or (after {@link #compress}) a
 * group of rows with the same label and nearly the same scores, for one or more prediction sets
 * scored on the same rows (a submission and its baseline). Compressed cells keep the per-row log
 * loss and Brier terms as cell means, so those sums stay exact under compression; single rows
 * compute them from the score.
 */
public final class BinaryCells {
  /** Probabilities are clipped to [EPS, 1 - EPS] for log loss, as scikit-learn does for float64. */
  public static final double EPS = Math.ulp(1.0);

  final int size;
  final double[] count;
  final boolean[] positive;
  final double[][] score;
  final double[][] logLoss;
  final double[][] brier;
  final int[][] order;
  /** Each cell's calibration bin per set, fixed once so the bootstrap does not recompute it. */
  final byte[][] eceBin;
  /**
   * What the bootstrap's branch-free passes read, fixed once for cells that are resampled as they
   * are (at most {@link #ROW_LOSSES}, every score finite); null otherwise. {@code label}: 1 for a
   * positive cell, else 0. Per set, along {@code order} from the top score down: {@code walkLabel}
   * the label and {@code groupEnd} whether the next cell down has a different score (ends a tie).
   */
  final double[] label;
  final double[][] walkLabel;
  final boolean[][] groupEnd;
  /** Per set, the last threshold's decisions (1 predicted positive, else 0), kept for the next replicate. */
  private final Decisions[] decided;

  /** Set {@code set}'s decisions at {@code threshold} as 1 (score at least the threshold) or 0 per cell; null without {@link #label}. */
  double[] decisions(int set, double threshold) {
    if (label == null) return null;
    Decisions d = decided[set];
    if (d == null || Double.compare(d.threshold, threshold) != 0) {
      double[] flag = new double[size];
      for (int i = 0; i < size; i++) flag[i] = score[set][i] >= threshold ? 1 : 0;
      d = new Decisions(threshold, flag);
      decided[set] = d; // racy but safe: a record's final fields publish the array with it
    }
    return d.flag;
  }

  private record Decisions(double threshold, double[] flag) {}

  /**
   * The cell of each row these cells were built from, in the order the rows were given: what a
   * group bootstrap needs to weight cells by the groups their rows belong to. Null when row i is
   * cell i.
   */
  private int[] rowCell;

  /** The cell of each row these cells were built from, in the order the rows were given. */
  public int[] cellOfRow(int rows) {
    return Binning.cellOfRow(rowCell, rows);
  }

  private BinaryCells(double[] count, boolean[] positive, double[][] score, double[][] logLoss, double[][] brier) {
    this.size = count.length;
    this.count = count;
    this.positive = positive;
    this.score = score;
    this.logLoss = logLoss;
    this.brier = brier;
    this.order = new int[score.length][];
    this.eceBin = new byte[score.length][size];
    this.decided = new Decisions[score.length];
    boolean walks = size <= ROW_LOSSES;
    for (double[] set : score) for (int i = 0; i < size && walks; i++) walks = Double.isFinite(set[i]);
    this.label = walks ? new double[size] : null;
    this.walkLabel = walks ? new double[score.length][] : null;
    this.groupEnd = walks ? new boolean[score.length][] : null;
    if (walks) for (int i = 0; i < size; i++) label[i] = positive[i] ? 1 : 0;
    for (int s = 0; s < score.length; s++) {
      order[s] = s == 0 && ascending(score[0]) ? identity(size) : Sorting.order(score[s]);
      for (int i = 0; i < size; i++) eceBin[s][i] = (byte) BinaryMetrics.eceBin(score[s][i]);
      if (walks) {
        int[] o = order[s];
        walkLabel[s] = new double[size];
        groupEnd[s] = new boolean[size];
        for (int i = 0; i < size; i++) {
          walkLabel[s][i] = label[o[i]];
          groupEnd[s][i] = i == 0 || score[s][o[i - 1]] != score[s][o[i]];
        }
      }
      // Cells small enough to be resampled as they are get their losses once, not once a replicate.
      if (size <= ROW_LOSSES && logLoss[s] == null) {
        logLoss[s] = new double[size];
        brier[s] = new double[size];
        for (int i = 0; i < size; i++) {
          logLoss[s][i] = logLoss(score[s][i], positive[i]);
          double d = score[s][i] - (positive[i] ? 1 : 0);
          brier[s][i] = d * d;
        }
      }
    }
  }

  /** Up to this many cells keep per-cell loss arrays; larger row-level sets (compressed before resampling) compute losses as needed. */
  private static final int ROW_LOSSES = 1 << 16;

  private static boolean ascending(double[] v) {
    for (int i = 1; i < v.length; i++) if (v[i] < v[i - 1]) return false;
    return true;
  }

  private static int[] identity(int n) {
    int[] o = new int[n];
    for (int i = 0; i < n; i++) o[i] = i;
    return o;
  }

  /**
   * One cell per row; {@code scores[s][row]} is prediction set s's probability of the positive
   * class. Cells are stored in ascending order of set 0's score, so walks down the scores read
   * memory in order.
   */
  public static BinaryCells ofRows(boolean[] positive, double[]... scores) {
    return ofWeightedRows(positive, null, scores);
  }

  /**
   * One cell per row with the given whole-number row weights (null for all 1): a row of weight k
   * counts as the row repeated k times. Stored like {@link #ofRows}; the arrays are shared, not
   * copied, when the rows already come in ascending order of set 0's score, and never modified.
   */
  public static BinaryCells ofWeightedRows(boolean[] positive, double[] weights, double[]... scores) {
    int n = positive.length;
    for (int s = 0; s < scores.length; s++) {
      if (scores[s].length != n) throw new IllegalArgumentException("set " + s + " has " + scores[s].length + " scores for " + n + " rows");
    }
    if (ascending(scores[0])) {
      // Already in score order (the evaluation pipeline builds views so): share the arrays, which
      // cells never modify.
      double[] count = weights;
      if (count == null) {
        count = new double[n];
        Arrays.fill(count, 1.0);
      }
      return new BinaryCells(count, positive, scores.clone(), new double[scores.length][], new double[scores.length][]);
    }
    int[] byScore = Sorting.order(scores[0]);
    int[] rowCell = new int[n];
    for (int i = 0; i < n; i++) rowCell[byScore[i]] = i;
    boolean[] pos = new boolean[n];
    for (int i = 0; i < n; i++) pos[i] = positive[byScore[i]];
    double[][] sorted = new double[scores.length][n];
    for (int s = 0; s < scores.length; s++) {
      for (int i = 0; i < n; i++) sorted[s][i] = scores[s][byScore[i]];
    }
    double[] count = new double[n];
    if (weights == null) {
      Arrays.fill(count, 1.0);
    } else {
      for (int i = 0; i < n; i++) count[i] = weights[byScore[i]];
    }
    // Single rows keep no loss arrays: the losses follow from score and label when needed.
    BinaryCells cells = new BinaryCells(count, pos, sorted, new double[scores.length][], new double[scores.length][]);
    cells.rowCell = rowCell;
    return cells;
  }

  /** Log loss of one row with probability {@code p} of the positive class, clipped as scikit-learn does. */
  static double logLoss(double p, boolean positive) {
    double clipped = Math.min(Math.max(p, EPS), 1 - EPS);
    return -(positive ? Math.log(clipped) : Math.log1p(-clipped));
  }

  /** Mean log loss of cell i in set s. */
  double logLoss(int s, int i) {
    return logLoss[s] != null ? logLoss[s][i] : logLoss(score[s][i], positive[i]);
  }

  /** Mean Brier term of cell i in set s. */
  double brier(int s, int i) {
    if (brier[s] != null) return brier[s][i];
    double d = score[s][i] - (positive[i] ? 1 : 0);
    return d * d;
  }

  /** Whether cell i holds positive rows (a cell never mixes labels). */
  public boolean positive(int i) {
    return positive[i];
  }

  public int size() {
    return size;
  }

  public int sets() {
    return score.length;
  }

  /** Rows per cell; the bootstrap draws Poisson weights with these means. */
  public double[] counts() {
    return count;
  }

  /**
   * Cells at most about {@code budget} in number: this object itself when it is small enough, else
   * quantile bins per label over each set's score, with every threshold in {@code thresholds} (one
   * per set) and the calibration edges as forced bin edges.
   */
  public BinaryCells compress(int budget, double[] thresholds) {
    return compress(budget, thresholds, new double[0]);
  }

  /** Up to this many forced edges around each budget's cut; see {@link #compress(int, double[], double[])}. */
  static final int CUT_EDGES = 256;

  /**
   * As {@link #compress(int, double[])}, with set 0's bins also split finely around the cut of each
   * share in {@code budgets} (precision@q% takes the top ceil(q × n) rows): up to {@link #CUT_EDGES}
   * forced edges spread over the ranks within 8 √k + 8 of the cut at k, where a replicate's cut
   * lands, so the rows a replicate takes or leaves at its cut sit in cells of a few rows each rather
   * than in quantile bins of a few dozen, whose mean score could put them on the wrong side.
   */
  public BinaryCells compress(int budget, double[] thresholds, double[] budgets) {
    if (size <= budget) return this;
    int sets = score.length;
    // Groups: label x bins of the secondary sets; within a group, bins of set 0.
    int[] group = new int[size];
    for (int i = 0; i < size; i++) group[i] = positive[i] ? 1 : 0;
    int groups = 2;
    int[] binTmp = new int[size];
    for (int s = 1; s < sets; s++) {
      int[] all = order[s];
      int used = Binning.assign(score[s], all, 0, size, 128, edges(thresholds[s]), binTmp, 0);
      for (int i = 0; i < size; i++) group[i] = group[i] + groups * binTmp[i];
      groups *= Math.max(used, 1);
    }
    double[] forced = edges(thresholds[0]);
    double[] cuts = cutEdges(budgets);
    if (cuts.length > 0) {
      forced = Arrays.copyOf(forced, forced.length + cuts.length);
      System.arraycopy(cuts, 0, forced, forced.length - cuts.length, cuts.length);
    }
    Binning.Bins bins = Binning.withinGroups(group, groups, order[0], score[0], budget, 16, forced);
    int[] cellOf = bins.binOf();
    int cells = bins.count();
    double[] c = new double[cells];
    boolean[] pos = new boolean[cells];
    double[][] sc = new double[sets][cells];
    double[][] lo = new double[sets][cells];
    double[][] hi = new double[sets][cells];
    for (int s = 0; s < sets; s++) {
      Arrays.fill(lo[s], Double.POSITIVE_INFINITY);
      Arrays.fill(hi[s], Double.NEGATIVE_INFINITY);
    }
    double[][] ll = new double[sets][cells];
    double[][] br = new double[sets][cells];
    for (int i = 0; i < size; i++) {
      int k = cellOf[i];
      double w = count[i];
      c[k] += w;
      pos[k] = positive[i];
      for (int s = 0; s < sets; s++) {
        sc[s][k] += w * score[s][i];
        lo[s][k] = Math.min(lo[s][k], score[s][i]);
        hi[s][k] = Math.max(hi[s][k], score[s][i]);
        ll[s][k] += w * logLoss(s, i);
        br[s][k] += w * brier(s, i);
      }
    }
    for (int k = 0; k < cells; k++) {
      for (int s = 0; s < sets; s++) {
        // Rounding must not move a mean across a threshold or make equal scores unequal.
        sc[s][k] = lo[s][k] == hi[s][k] ? lo[s][k] : Math.min(Math.max(sc[s][k] / c[k], lo[s][k]), hi[s][k]);
        ll[s][k] /= c[k];
        br[s][k] /= c[k];
      }
    }
    BinaryCells out = new BinaryCells(c, pos, sc, ll, br);
    out.rowCell = Binning.compose(rowCell, cellOf);
    return out;
  }

  /** Set 0's scores at ranks (from the top, by the cells' counts) spread around each budget's cut. */
  private double[] cutEdges(double[] budgets) {
    if (budgets.length == 0) return new double[0];
    double total = 0;
    for (double c : count) total += c;
    TreeSet<Double> ranks = new TreeSet<>();
    for (double q : budgets) {
      double k = Math.ceil(q * total * (1 - 1e-12));
      double half = Math.ceil(8 * Math.sqrt(k)) + 8;
      double step = Math.max(1, Math.ceil(2 * half / CUT_EDGES));
      for (double r = Math.max(1, k - half); r <= Math.min(total, k + half); r += step) ranks.add(r);
    }
    double[] out = new double[ranks.size()];
    int n = 0;
    double taken = 0;
    int[] byScore = order[0];
    for (int i = size - 1; i >= 0 && !ranks.isEmpty(); i--) {
      taken += count[byScore[i]];
      while (!ranks.isEmpty() && ranks.first() <= taken) {
        ranks.pollFirst();
        out[n++] = score[0][byScore[i]];
      }
    }
    return Arrays.copyOf(out, n);
  }

  private static double[] edges(double threshold) {
    double[] e = new double[BinaryMetrics.ECE_BINS];
    for (int b = 1; b < BinaryMetrics.ECE_BINS; b++) e[b - 1] = (double) b / BinaryMetrics.ECE_BINS;
    e[BinaryMetrics.ECE_BINS - 1] = threshold;
    return e;
  }
}
