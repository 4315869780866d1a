package dev.holdout.audit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * How far a column's distribution in the evaluation set is from the training set's. Numeric:
 * the population stability index over ten bins at the training deciles, and the Kolmogorov-Smirnov
 * statistic (largest gap between the two cumulative distributions), both read from KLL sketches
 * (k = 200), so each is within about 0.03 of its exact value. Categorical: the total variation
 * distance (half the sum of absolute differences of the category shares), exact.
 */
public final class Shift {
  /** PSI from which a shift is a warning; 0.1 to 0.25 is reported as info (the usual bands). */
  public static final double PSI_WARNING = 0.25;
  public static final double PSI_INFO = 0.10;
  /** Total variation distance from which a shift is a warning, and from which it is info. */
  public static final double TVD_WARNING = 0.20;
  public static final double TVD_INFO = 0.10;

  private Shift() {}

  /** One column's shift; statistics that do not apply are null. */
  public record ColumnShift(String column, String kind, Double psi, Double ks, Double totalVariation) {}

  static ColumnShift numeric(String column, KllDoublesSketch train, KllDoublesSketch eval) {
    if (train.isEmpty() || eval.isEmpty()) return null;
    double[] cuts = new double[9];
    int m = 0;
    for (int i = 1; i <= 9; i++) {
      double q = train.getQuantile(i / 10.0, QuantileSearchCriteria.INCLUSIVE);
      if (m == 0 || q > cuts[m - 1]) cuts[m++] = q;
    }
    double[] splits = java.util.Arrays.copyOf(cuts, m);
    double psi = 0;
    if (m > 0) {
      double[] p = train.getPMF(splits, QuantileSearchCriteria.INCLUSIVE);
      double[] q = eval.getPMF(splits, QuantileSearchCriteria.INCLUSIVE);
      for (int i = 0; i < p.length; i++) {
        double a = Math.max(p[i], 1e-4);
        double b = Math.max(q[i], 1e-4);
        psi += (b - a) * Math.log(b / a);
      }
    }
    double ks = 0;
    for (KllDoublesSketch s : List.of(train, eval)) {
      for (int i = 0; i <= 100; i++) {
        double x = s.getQuantile(i / 100.0, QuantileSearchCriteria.INCLUSIVE);
        ks = Math.max(ks, Math.abs(train.getRank(x, QuantileSearchCriteria.INCLUSIVE) - eval.getRank(x, QuantileSearchCriteria.INCLUSIVE)));
      }
    }
    return new ColumnShift(column, "numeric", psi, ks, null);
  }

  static ColumnShift categorical(String column, List<String> trainValues, long[] trainCounts, List<String> evalValues, long[] evalCounts) {
    Map<String, double[]> shares = new HashMap<>();
    long tn = 0;
    long en = 0;
    for (long c : trainCounts) tn += c;
    for (long c : evalCounts) en += c;
    if (tn == 0 || en == 0) return null;
    for (int i = 0; i < trainValues.size(); i++) shares.computeIfAbsent(trainValues.get(i), k -> new double[2])[0] = trainCounts[i] / (double) tn;
    for (int i = 0; i < evalValues.size(); i++) shares.computeIfAbsent(evalValues.get(i), k -> new double[2])[1] = evalCounts[i] / (double) en;
    double tvd = 0;
    for (double[] s : shares.values()) tvd += Math.abs(s[0] - s[1]);
    return new ColumnShift(column, "categorical", null, null, tvd / 2);
  }
}
