package dev.holdout.audit;

import dev.holdout.drift.TwoSample;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How far a column's distribution in the evaluation set is from the training set's. Numeric: the
 * population stability index over the bins at the training deciles and the Kolmogorov-Smirnov
 * statistic (largest gap between the two distribution functions), as {@code holdout drift} defines
 * them ({@link TwoSample}), so the two commands agree on the same two files. Both are exact while each side has at most {@link NumberSample#CAPACITY} numbers; beyond,
 * they are computed on seeded uniform samples of that many, whose distribution functions are within
 * 0.0036 of the whole side's in 99% of runs (Dvoretzky-Kiefer-Wolfowitz), so KS is within about
 * 0.007, and every figure is the same on every run. Categorical: the total variation distance (half
 * the sum of absolute differences of the category shares), exact.
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

  /** The shift of a numeric column from its training numbers to its evaluation numbers; null when either side has none. */
  static ColumnShift numeric(String column, NumberSample train, NumberSample eval) {
    double[] t = train.sorted();
    double[] e = eval.sorted();
    if (t.length == 0 || e.length == 0) return null;
    double[] edges = TwoSample.decileEdges(t);
    double psi = TwoSample.psi(TwoSample.binCounts(t, edges), TwoSample.binCounts(e, edges));
    return new ColumnShift(column, "numeric", psi, TwoSample.ksStatistic(t, e), null);
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
