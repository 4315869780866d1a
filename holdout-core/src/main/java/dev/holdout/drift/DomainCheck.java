package dev.holdout.drift;

import dev.holdout.base.Format;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;

/**
 * Multivariate drift: a {@link DomainClassifier} cross-validated on a seeded uniform subsample of at
 * most {@code rowsPerSide} rows from each window (default 5,000, which bounds the time at a few
 * seconds whatever the window sizes and gives the roc_auc a 95% half-width of about 0.012).
 * Features: numeric columns as z-scores against the reference sample with a 0/1 missing indicator;
 * categorical columns as 0/1 indicators of their 20 most frequent values plus "other". Its roc_auc
 * is the Mann-Whitney statistic of the out-of-fold scores (ties count half), with the Hanley-McNeil
 * normal interval: 0.5 means the windows cannot be told apart.
 *
 * <p>Which columns tell the windows apart: permutation importance, as scikit-learn's
 * {@code permutation_importance} (Breiman 2001; Fisher, Rudin and Dominici 2019): a column's
 * importance is the drop in roc_auc when its values are shuffled among the held-out rows of each
 * fold (all of a category's indicators moved together, as the column is one input), scored by that
 * fold's model, averaged over {@value #REPEATS} shuffles. Unlike summed weights, it does not grow
 * with a column's number of categories: an unchanged column scores about 0 whatever its width.
 */
public final class DomainCheck {
  public static final int DEFAULT_ROWS_PER_SIDE = 5_000;
  public static final int FOLDS = 5;
  static final int TOP_CATEGORIES = 20;

  private DomainCheck() {}

  /** Shuffles per column for its permutation importance (scikit-learn's {@code n_repeats} default is 5). */
  static final int REPEATS = 5;
  /** Columns listed as telling the windows apart most. */
  static final int TOP = 5;

  /**
   * A column's permutation importance: the out-of-fold roc_auc minus the roc_auc with the column
   * shuffled among each fold's held-out rows, the mean over {@value #REPEATS} shuffles.
   */
  public record ColumnImportance(String column, double aucDrop) {}

  /** The result; {@code drifted} when {@code low} is at or above {@code threshold}. */
  public record Result(String learner, int referenceRows, int currentRows, int folds, double rocAuc, double low, double high,
      double threshold, boolean drifted, List<ColumnImportance> topColumns) {
    /**
     * The rows it learned from, said in reports: "a seeded sample of 5,000 + 5,000 rows (of
     * 200,000 + 200,000)", or "all 3,000 + 2,000 rows" when the windows are within the sample size.
     */
    public String rowsSeen(long referenceWindow, long currentWindow) {
      String seen = Format.count(referenceRows) + " + " + Format.count(currentRows) + " rows";
      if (referenceRows >= referenceWindow && currentRows >= currentWindow) return "all " + seen;
      return "a seeded sample of " + seen + " (of " + Format.count(referenceWindow) + " + " + Format.count(currentWindow) + ")";
    }
  }

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
    DomainClassifier.Scorer[] models = new DomainClassifier.Scorer[FOLDS];
    double[] scores = new double[n];
    // Each fold's learner is seeded by its fold alone, so training them in parallel changes no figure.
    IntStream.range(0, FOLDS).parallel().forEach(f -> {
      int[] train = rowsWhere(fold, f, false);
      double[][] x = new double[train.length][];
      boolean[] y = new boolean[train.length];
      for (int k = 0; k < train.length; k++) {
        x[k] = rows[train[k]];
        y[k] = current[train[k]];
      }
      models[f] = classifier.train(x, y, features, seed + f);
      for (int i : rowsWhere(fold, f, true)) scores[i] = models[f].score(rows[i]);
    });
    double auc = Auc.rocAuc(scores, current);
    double[] ci = Auc.hanleyMcNeil(auc, curSample.length, refSample.length, confidence);
    List<ColumnImportance> top = importances(rows, current, owner, fold, models, auc, new SplittableRandom(seed ^ 0x5DEECE66DL));
    return new Result(classifier.description(), refSample.length, curSample.length, FOLDS, auc, ci[0], ci[1], threshold,
        ci[0] >= threshold, top);
  }

  /** Runs {@code task} on a new daemon thread, so a failure elsewhere never waits for the learner. */
  static void startDaemon(Runnable task) {
    Thread t = new Thread(task, "holdout-domain-classifier");
    t.setDaemon(true);
    t.start();
  }

  /** The result of a check run on another thread; a user's mistake or a learner's failure is rethrown as it was raised. */
  static Result joined(CompletableFuture<Result> task) {
    try {
      return task.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error r) throw r;
      throw e;
    }
  }

  /**
   * Permutation importance per column, the columns with a positive drop first by size (at most
   * {@value #TOP}); a column whose shuffling does not lower the roc_auc does not tell the windows apart.
   */
  static List<ColumnImportance> importances(double[][] rows, boolean[] current, List<String> owner, int[] fold,
      DomainClassifier.Scorer[] models, double auc, SplittableRandom random) {
    Map<String, List<Integer>> byColumn = new LinkedHashMap<>();
    for (int f = 0; f < owner.size(); f++) byColumn.computeIfAbsent(owner.get(f), k -> new ArrayList<>()).add(f);
    int[][] heldOut = new int[models.length][];
    for (int f = 0; f < models.length; f++) heldOut[f] = rowsWhere(fold, f, true);
    List<int[]> columns = new ArrayList<>();
    for (List<Integer> fs : byColumn.values()) columns.add(fs.stream().mapToInt(Integer::intValue).toArray());
    // The shuffles are drawn in one sequence, column by column, as before; the scoring then runs on all cores.
    int[][][][] from = new int[columns.size()][REPEATS][models.length][];
    for (int c = 0; c < columns.size(); c++) {
      for (int r = 0; r < REPEATS; r++) {
        for (int f = 0; f < models.length; f++) from[c][r][f] = permutation(heldOut[f], random);
      }
    }
    List<String> names = List.copyOf(byColumn.keySet());
    ColumnImportance[] found = new ColumnImportance[columns.size()];
    boolean linear = Arrays.stream(models).allMatch(m -> m instanceof DomainClassifier.Linear);
    double[] margins = linear ? margins(rows, models, heldOut) : null;
    IntStream.range(0, columns.size()).parallel().forEach(c -> {
      int[] cols = columns.get(c);
      double[] shuffled = new double[rows.length];
      double drop = 0;
      for (int r = 0; r < REPEATS; r++) {
        for (int f = 0; f < models.length; f++) {
          int[] held = heldOut[f];
          double[] w = linear ? ((DomainClassifier.Linear) models[f]).weights() : null;
          for (int k = 0; k < held.length; k++) {
            double[] row = rows[held[k]];
            double[] swapped = rows[from[c][r][f][k]];
            if (linear) {  // the margin changed by the column's features alone
              double m = margins[held[k]];
              for (int j : cols) m += w[j] * (swapped[j] - row[j]);
              shuffled[held[k]] = DomainClassifier.Linear.logistic(m);
              continue;
            }
            row = row.clone();
            for (int j : cols) row[j] = swapped[j];
            shuffled[held[k]] = models[f].score(row);
          }
        }
        drop += auc - Auc.rocAuc(shuffled, current);
      }
      found[c] = new ColumnImportance(names.get(c), drop / REPEATS);
    });
    List<ColumnImportance> out = new ArrayList<>(List.of(found));
    out.sort(Comparator.comparingDouble(ColumnImportance::aucDrop).reversed());
    List<ColumnImportance> positive = out.stream().filter(c -> c.aucDrop() > 0).toList();
    return List.copyOf(positive.subList(0, Math.min(TOP, positive.size())));
  }

  /** Each held-out row's margin under its fold's linear model. */
  private static double[] margins(double[][] rows, DomainClassifier.Scorer[] models, int[][] heldOut) {
    double[] m = new double[rows.length];
    for (int f = 0; f < models.length; f++) {
      double[] w = ((DomainClassifier.Linear) models[f]).weights();
      for (int i : heldOut[f]) m[i] = DomainClassifier.Linear.margin(w, rows[i]);
    }
    return m;
  }

  /** The rows of fold {@code f} ({@code in}) or of every other fold. */
  private static int[] rowsWhere(int[] fold, int f, boolean in) {
    int n = 0;
    for (int v : fold) if ((v == f) == in) n++;
    int[] out = new int[n];
    n = 0;
    for (int i = 0; i < fold.length; i++) if ((fold[i] == f) == in) out[n++] = i;
    return out;
  }

  /** {@code rows} in a uniformly random order (Fisher-Yates). */
  private static int[] permutation(int[] rows, SplittableRandom random) {
    int[] out = rows.clone();
    for (int i = out.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
    return out;
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
