package dev.holdout.metric;

import java.util.Arrays;

/**
 * Weighted cells for forecasting: each cell is one forecast (a series, an origin and a period), or
 * (after {@link #compress}) a run of consecutive forecasts, keeping the mean of every additive
 * term: the absolute, squared, percentage, symmetric percentage and scaled errors, the signed error
 * and the absolute actual value. Every forecasting metric is a ratio of such sums, so a compressed
 * view gives the same point values; only the bootstrap's weights are shared within a cell.
 */
public final class ForecastCells {
  final int size;
  final double[] count;
  /** Whether some row of the cell has an actual value of 0 (mape is then undefined). */
  final boolean[] zeroActual;
  /** Whether some row of the cell belongs to a series whose MASE scale is undefined. */
  final boolean[] unscaled;
  final double[] absActual;
  final double[][] absError;
  final double[][] sqError;
  final double[][] pctError;
  final double[][] symPctError;
  final double[][] scaledError;
  final double[][] signedError;
  private int[] rowCell;

  private ForecastCells(double[] count, boolean[] zeroActual, boolean[] unscaled, double[] absActual, double[][] absError, double[][] sqError,
      double[][] pctError, double[][] symPctError, double[][] scaledError, double[][] signedError) {
    this.size = count.length;
    this.count = count;
    this.zeroActual = zeroActual;
    this.unscaled = unscaled;
    this.absActual = absActual;
    this.absError = absError;
    this.sqError = sqError;
    this.pctError = pctError;
    this.symPctError = symPctError;
    this.scaledError = scaledError;
    this.signedError = signedError;
  }

  /**
   * One cell per forecast: {@code actual[i]}, set s's forecast {@code predicted[s][i]}, and
   * {@code scale[i]}, the MASE scale of the forecast's series (NaN or 0 where undefined).
   */
  public static ForecastCells ofRows(double[] actual, double[] scale, double[][] predicted) {
    int n = actual.length;
    int sets = predicted.length;
    double[] count = new double[n];
    Arrays.fill(count, 1.0);
    boolean[] zero = new boolean[n];
    boolean[] unscaled = new boolean[n];
    double[] absY = new double[n];
    for (int i = 0; i < n; i++) {
      zero[i] = actual[i] == 0;
      unscaled[i] = !(scale[i] > 0);
      absY[i] = Math.abs(actual[i]);
    }
    double[][] abs = new double[sets][n];
    double[][] sq = new double[sets][n];
    double[][] pct = new double[sets][n];
    double[][] sym = new double[sets][n];
    double[][] scaled = new double[sets][n];
    double[][] signed = new double[sets][n];
    for (int s = 0; s < sets; s++) {
      for (int i = 0; i < n; i++) {
        double e = predicted[s][i] - actual[i];
        double a = Math.abs(e);
        abs[s][i] = a;
        sq[s][i] = e * e;
        pct[s][i] = zero[i] ? 0 : a / absY[i];
        double denom = absY[i] + Math.abs(predicted[s][i]);
        sym[s][i] = denom == 0 ? 0 : 2 * a / denom;
        scaled[s][i] = unscaled[i] ? 0 : a / scale[i];
        signed[s][i] = e;
      }
    }
    return new ForecastCells(count, zero, unscaled, absY, abs, sq, pct, sym, scaled, signed);
  }

  public int size() {
    return size;
  }

  public double[] counts() {
    return count;
  }

  /** The cell of each row these cells were built from, in the order the rows were given. */
  public int[] cellOfRow(int rows) {
    return Binning.cellOfRow(rowCell, rows);
  }

  /**
   * This object when it has at most {@code budget} cells, else runs of about size / budget
   * consecutive rows merged into one cell each. Rows come ordered by series, origin and period,
   * so a run mostly holds one series, whose rows the bootstrap weights alike anyway.
   */
  public ForecastCells compress(int budget) {
    if (size <= budget) return this;
    int run = (size + budget - 1) / budget;
    int cells = (size + run - 1) / run;
    int sets = absError.length;
    double[] c = new double[cells];
    boolean[] zero = new boolean[cells];
    boolean[] unsc = new boolean[cells];
    double[] absY = new double[cells];
    double[][][] in = {absError, sqError, pctError, symPctError, scaledError, signedError};
    double[][][] out = new double[in.length][sets][cells];
    int[] cellOf = new int[size];
    for (int i = 0; i < size; i++) {
      int k = i / run;
      cellOf[i] = k;
      double w = count[i];
      c[k] += w;
      zero[k] |= zeroActual[i];
      unsc[k] |= unscaled[i];
      absY[k] += w * absActual[i];
      for (int t = 0; t < in.length; t++) for (int s = 0; s < sets; s++) out[t][s][k] += w * in[t][s][i];
    }
    for (int k = 0; k < cells; k++) {
      absY[k] /= c[k];
      for (int t = 0; t < in.length; t++) for (int s = 0; s < sets; s++) out[t][s][k] /= c[k];
    }
    ForecastCells merged = new ForecastCells(c, zero, unsc, absY, out[0], out[1], out[2], out[3], out[4], out[5]);
    merged.rowCell = Binning.compose(rowCell, cellOf);
    return merged;
  }
}
