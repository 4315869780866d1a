package dev.holdout.stats;

import java.util.Arrays;
import java.util.Comparator;

/** What the p-value adjustments (Holm, Benjamini and Hochberg) share: the tested p-values in order. */
final class PValues {
  private PValues() {}

  /** Indices of the p-values that were tested (not NaN), smallest p-value first. */
  static Integer[] ascending(double[] p) {
    Integer[] order = new Integer[p.length];
    int m = 0;
    for (int i = 0; i < p.length; i++) if (!Double.isNaN(p[i])) order[m++] = i;
    Integer[] tested = Arrays.copyOf(order, m);
    Arrays.sort(tested, Comparator.comparingDouble(i -> p[i]));
    return tested;
  }

  /** An array as long as {@code p} filled with NaN, for the adjusted values of untested hypotheses. */
  static double[] untested(double[] p) {
    double[] out = new double[p.length];
    Arrays.fill(out, Double.NaN);
    return out;
  }
}
