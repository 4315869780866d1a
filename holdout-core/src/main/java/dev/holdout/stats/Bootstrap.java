package dev.holdout.stats;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The Poisson bootstrap over weighted cells (Hanley and MacGibbon 2006; Chamandy et al. 2012):
 * each replicate gives every row an independent Poisson(1) weight, so a cell of m rows receives a
 * Poisson(m) weight, exactly. Replicates run in parallel, each from its own seeded stream, so a
 * seed gives the same replicates whatever the thread count.
 */
public final class Bootstrap {
  private Bootstrap() {}

  /**
   * The settings of a suite's {@code bootstrap} section; {@code stratify} says whether replicates
   * keep the number of rows of each label fixed ({@link Strata}).
   */
  public record Settings(int replicates, double confidence, long seed, Stratify stratify) {
    public static final Settings DEFAULT = new Settings(1000, 0.95, 7);

    public Settings {
      if (replicates < 1) throw new IllegalArgumentException("replicates must be positive: " + replicates);
      if (!(confidence > 0 && confidence < 1)) throw new IllegalArgumentException("confidence must be in (0, 1): " + confidence);
      if (stratify == null) throw new IllegalArgumentException("stratify is null; use Stratify.NONE");
    }

    /** Settings whose replicates resample rows (or groups) without strata. */
    public Settings(int replicates, double confidence, long seed) {
      this(replicates, confidence, seed, Stratify.NONE);
    }
  }

  /** What a replicate keeps fixed: nothing ({@code none}, the default) or the rows of each label ({@code label}, binary only). */
  public enum Stratify {
    NONE("none"),
    LABEL("label");

    private final String key;

    Stratify(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }
  }

  /**
   * Runs {@code replicates} replicates of {@code statistic} (weights in, values out, NaN for
   * undefined) over cells whose row counts are {@code counts}. Returns values[replicate][k]. The
   * weights array is reused from replicate to replicate: the statistic reads it and keeps no reference.
   */
  public static double[][] run(double[] counts, int replicates, long seed, String stream, Function<double[], double[]> statistic) {
    return run(counts, null, replicates, seed, stream, statistic);
  }

  /**
   * As {@link #run(double[], int, long, String, Function)}, resampling the groups of
   * {@code clusters} instead of rows when it is not null: every row of a group gets the group's
   * weight, so rows that are not independent (several per customer, question or series) cannot
   * make the interval narrower than the groups allow.
   */
  public static double[][] run(double[] counts, Clusters clusters, int replicates, long seed, String stream, Function<double[], double[]> statistic) {
    return run(counts, clusters, null, replicates, seed, stream, statistic);
  }

  /**
   * As {@link #run(double[], Clusters, int, long, String, Function)}, keeping each stratum's rows
   * fixed in every replicate when {@code strata} is not null (the stratified bootstrap). Groups and
   * strata do not combine: a group may hold rows of both strata.
   */
  public static double[][] run(double[] counts, Clusters clusters, Strata strata, int replicates, long seed, String stream,
      Function<double[], double[]> statistic) {
    if (clusters != null && clusters.cells() != counts.length) {
      throw new IllegalArgumentException("clusters over " + clusters.cells() + " cells for " + counts.length + " cells");
    }
    if (strata != null && (clusters != null || strata.cells() != counts.length)) {
      throw new IllegalArgumentException(clusters != null ? "groups and strata together" : "strata over " + strata.cells() + " cells for " + counts.length);
    }
    long base = mix(seed) ^ streamHash(stream);
    double[][] out = new double[replicates][];
    Poisson.Means means = clusters == null && strata == null ? new Poisson.Means(counts) : null;
    // Replicates run in blocks that share one weight array (every draw overwrites all of it): a
    // fresh array per replicate was most of a monitor run's garbage (2 GB for 10 windows).
    int blocks = (replicates + BLOCK - 1) / BLOCK;
    IntStream.range(0, blocks).parallel().forEach(block -> {
      double[] w = new double[counts.length];
      for (int r = block * BLOCK; r < Math.min(replicates, (block + 1) * BLOCK); r++) {
        SplittableRandom random = new SplittableRandom(mix(base + r * 0x9E3779B97F4A7C15L));
        if (clusters != null) clusters.draw(random, w);
        else if (strata != null) strata.draw(random, w);
        else means.draw(random, w);
        out[r] = statistic.apply(w);
      }
    });
    return out;
  }

  /** Replicates per block of {@link #run}: enough to spread 50 replicates over the cores, few enough to share an array often. */
  private static final int BLOCK = 8;

  /** A 64-bit hash of the stream name, so views never share replicates by a String hash collision. */
  private static long streamHash(String stream) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < stream.length(); i++) {
      h ^= stream.charAt(i);
      h *= 0x100000001b3L;
    }
    return mix(h);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Column {@code k} of replicate values, with undefined (NaN) replicates dropped. */
  public static double[] column(double[][] values, int k) {
    return Arrays.stream(values).mapToDouble(v -> v[k]).filter(x -> !Double.isNaN(x)).toArray();
  }

  /**
   * The percentile interval of {@code values} at {@code confidence}, by numpy's default linear
   * interpolation between order statistics. Null when there are no values.
   */
  public static double[] percentileInterval(double[] values, double confidence) {
    if (values.length == 0) return null;
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double alpha = (1 - confidence) / 2;
    return new double[] {quantile(sorted, alpha), quantile(sorted, 1 - alpha)};
  }

  /** The q-quantile of sorted values (numpy's "linear" method). */
  public static double quantile(double[] sorted, double q) {
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  /**
   * One-sided p-value that an improvement is not above zero: the share of replicates with an
   * improvement of zero or less, with the usual +1 correction so it is never exactly 0.
   */
  public static double pValueNotPositive(double[] improvements) {
    long notPositive = Arrays.stream(improvements).filter(d -> d <= 0).count();
    return (notPositive + 1.0) / (improvements.length + 1.0);
  }

  /**
   * Two-sided p-value that a paired difference is zero, from its replicates: twice the smaller
   * share of replicates on either side of zero (zero counting on both), each with the +1
   * correction, at most 1. It is the level at which the percentile interval just reaches zero.
   */
  public static double pValueTwoSided(double[] differences) {
    long atMost = 0;
    long atLeast = 0;
    for (double d : differences) {
      if (d <= 0) atMost++;
      if (d >= 0) atLeast++;
    }
    double n = differences.length + 1.0;
    return Math.min(1, 2 * Math.min((atMost + 1) / n, (atLeast + 1) / n));
  }
}
