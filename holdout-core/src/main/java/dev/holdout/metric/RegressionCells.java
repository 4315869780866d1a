package dev.holdout.metric;

import dev.holdout.stats.Sorting;
import java.util.Arrays;

/**
 * Weighted cells for regression: each cell is one row, or (after {@link #compress}) a group of rows
 * with nearly the same actual value and nearly the same error, keeping the mean of every additive
 * term (absolute, squared, percentage and pinball errors), the mean and variance of y and the largest
 * absolute error, so that mae, rmse, mape, smape, r2, pinball and max_error stay exact.
 */
public final class RegressionCells {
  final int size;
  final double[] count;
  final double[] y;
  /** Variance of the actual values within each cell; 0 for single rows. */
  final double[] yVariance;
  final boolean[] zeroActual;
  final double[] quantiles;
  final double[][] absError;
  final double[][] sqError;
  final double[][] pctError;
  final double[][] symPctError;
  final double[][] maxAbsError;
  final double[][][] pinball;
  final int[][] byAbsError;

  private RegressionCells(double[] count, double[] y, double[] yVariance, boolean[] zeroActual, double[] quantiles,
      double[][] absError, double[][] sqError, double[][] pctError, double[][] symPctError, double[][] maxAbsError,
      double[][][] pinball) {
    this.size = count.length;
    this.count = count;
    this.y = y;
    this.yVariance = yVariance;
    this.zeroActual = zeroActual;
    this.quantiles = quantiles;
    this.absError = absError;
    this.sqError = sqError;
    this.pctError = pctError;
    this.symPctError = symPctError;
    this.maxAbsError = maxAbsError;
    this.pinball = pinball;
    this.byAbsError = new int[absError.length][];
    for (int s = 0; s < absError.length; s++) byAbsError[s] = Sorting.order(absError[s]);
  }

  /**
   * One cell per row. {@code predicted[s][row]} is set s's point prediction;
   * {@code quantilePredictions[s][q][row]} its prediction of quantile {@code quantiles[q]} (an
   * empty array when the set has none).
   */
  public static RegressionCells ofRows(double[] actual, double[] quantiles, double[][] predicted, double[][][] quantilePredictions) {
    int n = actual.length;
    int sets = predicted.length;
    double[] count = new double[n];
    Arrays.fill(count, 1.0);
    double[] yVar = new double[n];
    boolean[] zero = new boolean[n];
    for (int i = 0; i < n; i++) zero[i] = actual[i] == 0;
    double[][] abs = new double[sets][n];
    double[][] sq = new double[sets][n];
    double[][] pct = new double[sets][n];
    double[][] sym = new double[sets][n];
    double[][][] pin = new double[sets][quantiles.length][];
    for (int s = 0; s < sets; s++) {
      for (int i = 0; i < n; i++) {
        double e = actual[i] - predicted[s][i];
        double a = Math.abs(e);
        abs[s][i] = a;
        sq[s][i] = e * e;
        pct[s][i] = a / Math.max(Math.abs(actual[i]), BinaryCells.EPS);
        double denom = Math.abs(actual[i]) + Math.abs(predicted[s][i]);
        sym[s][i] = denom == 0 ? 0 : 2 * a / denom;
      }
      double[][] qp = quantilePredictions[s];
      for (int q = 0; q < quantiles.length; q++) {
        pin[s][q] = new double[n];
        if (qp == null || qp.length <= q || qp[q] == null) {
          pin[s][q] = null;
          continue;
        }
        double alpha = quantiles[q];
        for (int i = 0; i < n; i++) {
          double d = actual[i] - qp[q][i];
          pin[s][q][i] = d >= 0 ? alpha * d : (alpha - 1) * d;
        }
      }
    }
    double[][] max = new double[sets][];
    for (int s = 0; s < sets; s++) max[s] = abs[s];
    return new RegressionCells(count, actual, yVar, zero, quantiles, abs, sq, pct, sym, max, pin);
  }

  public int size() {
    return size;
  }

  public double[] counts() {
    return count;
  }


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

  /**
   * This object when it has at most {@code budget} cells, else about {@code budget} cells: 256
   * quantile bins of the actual value (the square root of the budget), each cut into quantile bins of
   * set 0's absolute error.
   */
  public RegressionCells compress(int budget) {
    if (size <= budget) return this;
    int yBins = (int) Math.max(16, Math.sqrt(budget));
    int[] group = new int[size];
    int groups = Binning.assign(y, Sorting.order(y), 0, size, yBins, new double[0], group, 0);
    Binning.Bins bins = Binning.withinGroups(group, groups, byAbsError[0], absError[0], budget, 4, new double[0]);
    int[] cellOf = bins.binOf();
    int cells = bins.count();
    int sets = absError.length;
    double[] c = new double[cells];
    double[] yy = new double[cells];
    double[] yvar = new double[cells];
    double[] yLo = new double[cells];
    double[] yHi = new double[cells];
    Arrays.fill(yLo, Double.POSITIVE_INFINITY);
    Arrays.fill(yHi, Double.NEGATIVE_INFINITY);
    boolean[] zero = new boolean[cells];
    double[][] abs = new double[sets][cells];
    double[][] sq = new double[sets][cells];
    double[][] pct = new double[sets][cells];
    double[][] sym = new double[sets][cells];
    double[][] max = new double[sets][cells];
    double[][][] pin = new double[sets][quantiles.length][];
    for (int s = 0; s < sets; s++) {
      for (int q = 0; q < quantiles.length; q++) if (pinball[s][q] != null) pin[s][q] = new double[cells];
    }
    for (int i = 0; i < size; i++) {
      int k = cellOf[i];
      double w = count[i];
      c[k] += w;
      yy[k] += w * y[i];
      yLo[k] = Math.min(yLo[k], y[i]);
      yHi[k] = Math.max(yHi[k], y[i]);
      zero[k] |= zeroActual[i];
      for (int s = 0; s < sets; s++) {
        abs[s][k] += w * absError[s][i];
        sq[s][k] += w * sqError[s][i];
        pct[s][k] += w * pctError[s][i];
        sym[s][k] += w * symPctError[s][i];
        max[s][k] = Math.max(max[s][k], maxAbsError[s][i]);
        for (int q = 0; q < quantiles.length; q++) if (pin[s][q] != null) pin[s][q][k] += w * pinball[s][q][i];
      }
    }
    for (int k = 0; k < cells; k++) {
      // Equal values keep their exact value, so a constant column stays recognisably constant.
      yy[k] = yLo[k] == yHi[k] ? yLo[k] : Math.min(Math.max(yy[k] / c[k], yLo[k]), yHi[k]);
      for (int s = 0; s < sets; s++) {
        abs[s][k] /= c[k];
        sq[s][k] /= c[k];
        pct[s][k] /= c[k];
        sym[s][k] /= c[k];
        for (int q = 0; q < quantiles.length; q++) if (pin[s][q] != null) pin[s][q][k] /= c[k];
      }
    }
    for (int i = 0; i < size; i++) {
      int k = cellOf[i];
      double d = yLo[k] == yHi[k] ? 0 : y[i] - yy[k];
      yvar[k] += count[i] * (yVariance[i] + d * d);
    }
    for (int k = 0; k < cells; k++) yvar[k] /= c[k];
    RegressionCells out = new RegressionCells(c, yy, yvar, zero, quantiles, abs, sq, pct, sym, max, pin);
    out.rowCell = Binning.compose(rowCell, cellOf);
    return out;
  }
}
