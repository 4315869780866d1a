package dev.holdout.audit;

import dev.holdout.metric.BinaryMetrics;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Single-column leakage statistics, computed on a seeded reservoir sample of at most
 * {@link #SAMPLE} rows (at that size the standard error of an AUC near 0.99 is below 0.001).
 */
public final class Leakage {
  /** Rows sampled for the leakage statistics. */
  public static final int SAMPLE = 200_000;
  /** A single column with roc_auc (or 1 - roc_auc) or |correlation| at least this is a suspect. */
  public static final double THRESHOLD = 0.99;

  private Leakage() {}

  /**
   * The roc_auc of {@code score} for {@code positive} (Mann-Whitney, ties count half), over the rows
   * where the score is a number; NaN when a class has no such row.
   */
  public static double rocAuc(double[] score, boolean[] positive, int n) {
    double[] v = new double[n];
    boolean[] y = new boolean[n];
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(score[i])) continue;
      v[m] = score[i];
      y[m++] = positive[i];
    }
    return BinaryMetrics.rocAuc(Arrays.copyOf(v, m), Arrays.copyOf(y, m));
  }


  /** Pearson correlation over rows where both are numbers; NaN when either is constant. */
  public static double correlation(double[] x, double[] y, int n) {
    double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    long m = 0;
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(x[i]) || Double.isNaN(y[i])) continue;
      m++;
      sx += x[i];
      sy += y[i];
    }
    if (m < 3) return Double.NaN;
    double mx = sx / m, my = sy / m;
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(x[i]) || Double.isNaN(y[i])) continue;
      double a = x[i] - mx, b = y[i] - my;
      sxx += a * a;
      syy += b * b;
      sxy += a * b;
    }
    if (sxx == 0 || syy == 0) return Double.NaN;
    return sxy / Math.sqrt(sxx * syy);
  }

  /**
   * How well the column's value alone names the label: the share of non-missing rows whose label is
   * the most common label for their value. Returns NaN unless the column has at least two values,
   * fewer than a tenth as many values as rows (so an id-like column cannot memorise the label), and
   * every label is the most common one for some value (so a column that is constant or copies only
   * the majority class does not count).
   */
  public static double mappingPurity(String[] values, int[] label, int n, int classes) {
    Map<String, int[]> byValue = new HashMap<>();
    long present = 0;
    for (int i = 0; i < n; i++) {
      if (values[i] == null || label[i] < 0) continue;
      byValue.computeIfAbsent(values[i], k -> new int[classes])[label[i]]++;
      present++;
    }
    if (byValue.size() < 2 || byValue.size() * 10L > present) return Double.NaN;
    boolean[] reached = new boolean[classes];
    long agree = 0;
    for (int[] c : byValue.values()) {
      int best = 0;
      for (int k = 1; k < classes; k++) if (c[k] > c[best]) best = k;
      reached[best] = true;
      agree += c[best];
    }
    for (boolean r : reached) if (!r) return Double.NaN;
    return agree / (double) present;
  }

  /**
   * {@link #mappingPurity(String[], int[], int, int)} of values given as codes in {@code [0, codes)}
   * (a value per code, none missing): the same result without hashing a String per row.
   */
  public static double mappingPurity(int[] values, int codes, int[] label, int n, int classes) {
    int[] slot = new int[codes];
    Arrays.fill(slot, -1);
    int used = 0;
    long present = 0;
    for (int i = 0; i < n; i++) {
      if (label[i] < 0) continue;
      if (slot[values[i]] < 0) slot[values[i]] = used++;
      present++;
    }
    if (used < 2 || used * 10L > present) return Double.NaN;
    int[] counts = new int[used * classes];
    for (int i = 0; i < n; i++) if (label[i] >= 0) counts[slot[values[i]] * classes + label[i]]++;
    boolean[] reached = new boolean[classes];
    long agree = 0;
    for (int v = 0; v < used; v++) {
      int base = v * classes;
      int best = 0;
      for (int k = 1; k < classes; k++) if (counts[base + k] > counts[base + best]) best = k;
      reached[best] = true;
      agree += counts[base + best];
    }
    for (boolean r : reached) if (!r) return Double.NaN;
    return agree / (double) present;
  }

  /**
   * Whether a column's name looks like the label's, ignoring case and punctuation: one contains the
   * other, or they start with the same five or more characters, at least 70% of the shorter name
   * ("churn_reason" and "churned").
   */
  public static boolean namedLike(String column, String label) {
    String a = normal(column);
    String b = normal(label);
    if (a.isEmpty() || b.isEmpty() || a.equals(b)) return a.equals(b) && !column.equals(label);
    if (b.length() >= 3 && a.contains(b) || a.length() >= 3 && b.contains(a)) return true;
    int common = 0;
    while (common < Math.min(a.length(), b.length()) && a.charAt(common) == b.charAt(common)) common++;
    return common >= 5 && common >= 0.7 * Math.min(a.length(), b.length());
  }

  private static String normal(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  /**
   * roc_auc of a categorical column as a score: each value's positive rate (smoothed towards the
   * overall rate) learnt on one half of the labeled rows scores the other half, and the halves
   * swap. Out of fold, so a column of unique values (an id) scores 0.5, not 1; a column whose many
   * values each belong to one label scores near 1. NaN without both labels.
   */
  public static double outOfFoldAuc(String[][] rows, int column, int[] label, boolean[] positive, int n) {
    String[] values = new String[n];
    for (int i = 0; i < n; i++) values[i] = rows[i][column];
    return outOfFoldAuc(values, label, positive, n);
  }

  /** {@link #outOfFoldAuc(String[][], int, int[], boolean[], int)} of one column's values (null when missing). */
  public static double outOfFoldAuc(String[] values, int[] label, boolean[] positive, int n) {
    Map<String, long[]>[] folds = new Map[2];
    long[] pos = new long[2];
    long[] all = new long[2];
    for (int f = 0; f < 2; f++) folds[f] = new HashMap<>();
    for (int i = 0; i < n; i++) {
      if (label[i] < 0) continue;
      int f = i & 1;
      String v = values[i];
      long[] c = folds[f].computeIfAbsent(v == null ? "" : v, x -> new long[2]);
      c[0]++;
      all[f]++;
      if (positive[i]) {
        c[1]++;
        pos[f]++;
      }
    }
    double[] score = new double[n];
    boolean[] ys = new boolean[n];
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (label[i] < 0) continue;
      int other = 1 - (i & 1);
      if (all[other] == 0) return Double.NaN;
      double prior = pos[other] / (double) all[other];
      String v = values[i];
      long[] c = folds[other].get(v == null ? "" : v);
      score[m] = c == null ? prior : (c[1] + prior) / (c[0] + 1.0);
      ys[m++] = positive[i];
    }
    return rocAuc(score, ys, m);
  }
}
