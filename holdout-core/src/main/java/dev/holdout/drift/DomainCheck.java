package dev.holdout.drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Multivariate drift: a {@link DomainClassifier} cross-validated on a seeded uniform subsample of at
 * most {@code rowsPerSide} rows from each window (default 5,000, which bounds the time at a few
 * seconds whatever the window sizes and gives the roc_auc a 95% half-width of about 0.012).
 * Features: numeric columns as z-scores against the reference sample with a 0/1 missing indicator;
 * categorical columns as 0/1 indicators of their 20 most frequent values plus "other". Its roc_auc
 * is the Mann-Whitney statistic of the out-of-fold scores (ties count half), with the Hanley-McNeil
 * normal interval: 0.5 means the windows cannot be told apart.
 */
public final class DomainCheck {
  public static final int DEFAULT_ROWS_PER_SIDE = 5_000;
  public static final int FOLDS = 5;
  static final int TOP_CATEGORIES = 20;

  private DomainCheck() {}

  /** A column's share of the classifier's total absolute weight. */
  public record ColumnWeight(String column, double share) {}

  /** The result; {@code drifted} when {@code low} is at or above {@code threshold}. */
  public record Result(String learner, int referenceRows, int currentRows, int folds, double rocAuc, double low, double high,
      double threshold, boolean drifted, List<ColumnWeight> topColumns) {}

  static Result run(List<WindowColumns.Column> columns, int refRows, int curRows, DomainClassifier classifier, int rowsPerSide,
      double confidence, double threshold, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] refSample = sample(refRows, rowsPerSide, random);
    int[] curSample = sample(curRows, rowsPerSide, random);
    int n = refSample.length + curSample.length;
    List<String> features = new ArrayList<>();
    List<String> owner = new ArrayList<>();
    List<double[]> featureColumns = new ArrayList<>();
    for (WindowColumns.Column c : columns) {
      if (c.numeric) numericFeatures(c, refSample, curSample, features, owner, featureColumns);
      else categoricalFeatures(c, refSample, curSample, features, owner, featureColumns);
    }
    double[][] rows = new double[n][features.size()];
    for (int f = 0; f < features.size(); f++) {
      double[] col = featureColumns.get(f);
      for (int i = 0; i < n; i++) rows[i][f] = col[i];
    }
    boolean[] current = new boolean[n];
    for (int i = refSample.length; i < n; i++) current[i] = true;
    int[] fold = folds(refSample.length, curSample.length, random);
    DomainClassifier.Fit fit = classifier.fit(rows, current, features, fold, FOLDS, seed);
    double auc = dev.holdout.metric.BinaryMetrics.rocAuc(fit.outOfFold(), current);
    double[] ci = Auc.hanleyMcNeil(auc, curSample.length, refSample.length, confidence);
    Map<String, Double> byColumn = new LinkedHashMap<>();
    double total = 0;
    for (int f = 0; f < features.size(); f++) {
      byColumn.merge(owner.get(f), fit.importance()[f], Double::sum);
      total += fit.importance()[f];
    }
    List<ColumnWeight> top = new ArrayList<>();
    for (var e : byColumn.entrySet()) top.add(new ColumnWeight(e.getKey(), total > 0 ? e.getValue() / total : 0));
    top.sort(Comparator.comparingDouble(ColumnWeight::share).reversed());
    return new Result(classifier.description(), refSample.length, curSample.length, FOLDS, auc, ci[0], ci[1], threshold,
        ci[0] >= threshold, List.copyOf(top.subList(0, Math.min(5, top.size()))));
  }

  /** Row indices: all rows when there are at most {@code max}, else a uniform sample without replacement, in order. */
  static int[] sample(int rows, int max, SplittableRandom random) {
    int[] all = new int[rows];
    for (int i = 0; i < rows; i++) all[i] = i;
    if (rows <= max) return all;
    for (int i = 0; i < max; i++) {
      int j = i + random.nextInt(rows - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    int[] s = Arrays.copyOf(all, max);
    Arrays.sort(s);
    return s;
  }

  /** Folds stratified by window: each window's rows shuffled and dealt round-robin. */
  static int[] folds(int ref, int cur, SplittableRandom random) {
    int[] fold = new int[ref + cur];
    deal(fold, 0, ref, random);
    deal(fold, ref, cur, random);
    return fold;
  }

  private static void deal(int[] fold, int from, int count, SplittableRandom random) {
    int[] order = new int[count];
    for (int i = 0; i < count; i++) order[i] = i;
    for (int i = count - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    for (int k = 0; k < count; k++) fold[from + order[k]] = k % FOLDS;
  }

  private static void numericFeatures(WindowColumns.Column c, int[] refSample, int[] curSample, List<String> features, List<String> owner,
      List<double[]> out) {
    double sum = 0;
    double sq = 0;
    int count = 0;
    boolean anyMissing = false;
    for (int i : refSample) {
      double v = c.reference.get(i);
      if (Double.isNaN(v)) {
        anyMissing = true;
        continue;
      }
      sum += v;
      sq += v * v;
      count++;
    }
    for (int i : curSample) anyMissing |= Double.isNaN(c.current.get(i));
    double mean = count == 0 ? 0 : sum / count;
    double sd = count == 0 ? 1 : Math.sqrt(Math.max(0, sq / count - mean * mean));
    if (!(sd > 0)) sd = 1;
    int n = refSample.length + curSample.length;
    double[] z = new double[n];
    double[] miss = new double[n];
    for (int k = 0; k < n; k++) {
      double v = k < refSample.length ? c.reference.get(refSample[k]) : c.current.get(curSample[k - refSample.length]);
      if (Double.isNaN(v)) miss[k] = 1;
      else z[k] = Math.max(-10, Math.min(10, (v - mean) / sd));  // clipped so one wild value cannot swamp the learner
    }
    features.add(c.name);
    owner.add(c.name);
    out.add(z);
    if (anyMissing) {
      features.add(c.name + "=(missing)");
      owner.add(c.name);
      out.add(miss);
    }
  }

  private static void categoricalFeatures(WindowColumns.Column c, int[] refSample, int[] curSample, List<String> features, List<String> owner,
      List<double[]> out) {
    int size = c.dictionary.size();
    long[] counts = new long[size + 1];
    int n = refSample.length + curSample.length;
    int[] codes = new int[n];
    for (int k = 0; k < n; k++) {
      codes[k] = k < refSample.length ? c.referenceCodes.get(refSample[k]) : c.currentCodes.get(curSample[k - refSample.length]);
      counts[codes[k] < 0 ? size : codes[k]]++;
    }
    Integer[] order = new Integer[size + 1];
    for (int i = 0; i <= size; i++) order[i] = i;
    Arrays.sort(order, (a, b) -> Long.compare(counts[b], counts[a]));
    int[] slot = new int[size + 1];
    Arrays.fill(slot, -1);
    List<String> names = new ArrayList<>();
    for (int r = 0; r < order.length && names.size() < TOP_CATEGORIES; r++) {
      int code = order[r];
      if (counts[code] == 0) break;
      slot[code] = names.size();
      names.add(c.name + "=" + (code == size ? "(missing)" : c.dictionary.values().get(code)));
    }
    boolean other = false;
    for (int code = 0; code <= size; code++) other |= counts[code] > 0 && slot[code] < 0;
    int otherSlot = other ? names.size() : -1;
    if (other) names.add(c.name + "=(other)");
    double[][] cols = new double[names.size()][n];
    for (int k = 0; k < n; k++) {
      int code = codes[k] < 0 ? size : codes[k];
      int s = slot[code] >= 0 ? slot[code] : otherSlot;
      cols[s][k] = 1;
    }
    for (int s = 0; s < names.size(); s++) {
      features.add(names.get(s));
      owner.add(c.name);
      out.add(cols[s]);
    }
  }
}
