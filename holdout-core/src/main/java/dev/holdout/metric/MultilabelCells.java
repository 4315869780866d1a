package dev.holdout.metric;

import dev.holdout.stats.Sorting;
import java.util.Arrays;
import java.util.List;

/**
 * Rows of a multilabel view for one or more prediction sets scored on the same rows (a submission
 * and its baseline): each row's true labels, each set's score and decision per label, and the
 * per-row figures that do not depend on the bootstrap's weights (subset match, Hamming errors,
 * sample-wise precision, recall, f1 and Jaccard, label ranking average precision, coverage), so a
 * replicate only sums weights. Every cell is one row: the bootstrap is exact. Memory: 13 bytes
 * per row and label for each set (score, decision, sort order), one for the truth, and 64 per row
 * and set for the row figures.
 * Immutable once built; thread-safe to read.
 */
public final class MultilabelCells {
  /** Per-row figures, in this order: subset match, Hamming errors / labels, precision, recall, f1, Jaccard, LRAP, coverage. */
  static final int ROW_FIGURES = 8;

  final int size;
  final List<String> labels;
  final double[] count;
  /** truth[label][row]. */
  final boolean[][] truth;
  /** code[set][label][row]: 2 when the row has the label, plus 1 when the set predicts it. */
  final byte[][][] code;
  /** score[set][label][row]. */
  final double[][][] score;
  /** order[set][label]: the rows in ascending order of that label's score. */
  final int[][][] order;
  /** figures[set][row * ROW_FIGURES + k]. */
  final double[][] figures;
  final double[] thresholds;
  /** Per label: whether the rows include one with the label and one without (roc_auc_macro averages these labels). */
  final boolean[] bothClasses;

  private MultilabelCells(List<String> labels, boolean[][] truth, double[][][] score, double[] thresholds) {
    int labelCount = labels.size();
    if (truth.length != labelCount || thresholds.length != labelCount) {
      throw new IllegalArgumentException(labelCount + " labels, " + truth.length + " truth columns, " + thresholds.length + " thresholds");
    }
    this.size = labelCount == 0 ? 0 : truth[0].length;
    this.labels = List.copyOf(labels);
    this.truth = truth;
    this.score = score;
    this.thresholds = thresholds.clone();
    this.count = new double[size];
    Arrays.fill(count, 1.0);
    this.bothClasses = new boolean[labelCount];
    for (int l = 0; l < labelCount; l++) {
      int with = 0;
      for (int i = 0; i < size; i++) if (truth[l][i]) with++;
      bothClasses[l] = with > 0 && with < size;
    }
    int sets = score.length;
    this.code = new byte[sets][labelCount][size];
    this.order = new int[sets][labelCount][];
    this.figures = new double[sets][size * ROW_FIGURES];
    for (int s = 0; s < sets; s++) {
      if (score[s].length != labelCount) throw new IllegalArgumentException("set " + s + " has scores for " + score[s].length + " labels");
      for (int l = 0; l < labelCount; l++) {
        double[] sc = score[s][l];
        if (sc.length != size) throw new IllegalArgumentException("set " + s + ", label " + l + ": " + sc.length + " scores for " + size + " rows");
        for (int i = 0; i < size; i++) code[s][l][i] = (byte) ((truth[l][i] ? 2 : 0) + (sc[i] >= thresholds[l] ? 1 : 0));
        order[s][l] = Sorting.order(sc);
      }
      double[] rowScores = new double[labelCount];
      boolean[] rowTruth = new boolean[labelCount];
      for (int i = 0; i < size; i++) {
        for (int l = 0; l < labelCount; l++) {
          rowScores[l] = score[s][l][i];
          rowTruth[l] = truth[l][i];
        }
        rowFigures(code, s, i, rowScores, rowTruth, figures[s], i * ROW_FIGURES);
      }
    }
  }

  /**
   * One cell per row. {@code truth[label][row]} says whether the row has the label;
   * {@code scores[set][label][row]} is set s's score of the label; a label is predicted when its
   * score is at least {@code thresholds[label]}. The arrays are kept, not copied, and never modified.
   */
  public static MultilabelCells ofRows(List<String> labels, boolean[][] truth, double[][][] scores, double[] thresholds) {
    return new MultilabelCells(labels, truth, scores, thresholds);
  }

  /**
   * A row's figures, as scikit-learn 1.2 computes them for one sample: precision, recall, f1 and
   * Jaccard are 0 where they divide by zero (its default {@code zero_division="warn"}), f1 from
   * precision and recall as {@code precision_recall_fscore_support} does; LRAP is 1 for a row with
   * no label or every label, else the mean over its labels j of (its labels scoring at least
   * s_j) / (labels scoring at least s_j); coverage is the number of labels scoring at least the
   * row's lowest-scored true label, 0 for a row without labels.
   */
  private static void rowFigures(byte[][][] code, int s, int i, double[] sc, boolean[] truth, double[] out, int at) {
    int labels = sc.length;
    int t = 0, p = 0, both = 0;
    for (int l = 0; l < labels; l++) {
      int c = code[s][l][i];
      if (c >= 2) t++;
      if ((c & 1) == 1) p++;
      if (c == 3) both++;
    }
    int union = t + p - both;
    int wrong = t + p - 2 * both;
    double precision = p > 0 ? (double) both / p : 0;
    double recall = t > 0 ? (double) both / t : 0;
    double denom = precision + recall;
    out[at] = wrong == 0 ? 1 : 0;
    out[at + 1] = (double) wrong / labels;
    out[at + 2] = precision;
    out[at + 3] = recall;
    out[at + 4] = denom == 0 ? 0 : 2 * precision * recall / denom;
    out[at + 5] = union > 0 ? (double) both / union : 0;
    double lrap = 1;
    double coverage = 0;
    if (t > 0) {
      double lowest = Double.POSITIVE_INFINITY;
      for (int l = 0; l < labels; l++) if (truth[l]) lowest = Math.min(lowest, sc[l]);
      for (int l = 0; l < labels; l++) if (sc[l] >= lowest) coverage++;
      if (t < labels) {
        double sum = 0;
        for (int j = 0; j < labels; j++) {
          if (!truth[j]) continue;
          int rank = 0;
          int relevant = 0;
          for (int k = 0; k < labels; k++) {
            if (sc[k] >= sc[j]) {
              rank++;
              if (truth[k]) relevant++;
            }
          }
          sum += (double) relevant / rank;
        }
        lrap = sum / t;
      }
    }
    out[at + 6] = lrap;
    out[at + 7] = coverage;
  }

  /** Rows. */
  public int size() {
    return size;
  }

  public int sets() {
    return score.length;
  }

  public List<String> labels() {
    return labels;
  }

  /** One per row: the Poisson means of the bootstrap. */
  public double[] counts() {
    return count;
  }

  /** The cell of each row: row i is cell i. */
  public int[] cellOfRow(int rows) {
    return Binning.cellOfRow(null, rows);
  }
}
