package dev.holdout.drift;

import java.util.Arrays;
import java.util.Random;
import org.apache.datasketches.quantilescommon.IncludeMinMax;
import org.apache.datasketches.quantilescommon.InequalitySearch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;
import org.apache.datasketches.quantilescommon.QuantilesUtil;

/**
 * A KLL quantile sketch of doubles (Karnin, Lang and Liberty 2016) that draws its compaction coins
 * from a {@link Random} it is given, so a sketch is reproducible. The algorithm is Apache
 * DataSketches 7.0.1's {@code KllDoublesSketch} on the heap, step for step (level capacities
 * k·(2/3)^depth with a floor of m = 8, compaction of the lowest full level, merge by general
 * compaction, and the sorted view with the exact min and max put back), so its error is that
 * library's: a normalised rank error of {@link #rankError} at 99% confidence. DataSketches draws
 * its coins from one unseeded {@code Random} shared by every sketch in the JVM and offers no way to
 * seed it; here the caller owns the source. Given the same values in the same order and a source
 * in the same state, the result equals DataSketches' bit for bit. Up to k values it holds them all
 * and every answer is exact. Queries use the library's public search rules, so they answer as
 * {@code KllDoublesSketch} does. NaN must not be offered. Mutable and not thread-safe.
 */
final class QuantileSketch {
  /** The smallest level width, DataSketches' default m. */
  private static final int M = 8;
  /** 3^0 .. 3^30, for the level capacities. */
  private static final long[] POWERS_OF_THREE = new long[31];

  static {
    POWERS_OF_THREE[0] = 1;
    for (int i = 1; i < POWERS_OF_THREE.length; i++) POWERS_OF_THREE[i] = POWERS_OF_THREE[i - 1] * 3;
  }

  private final int k;
  private final Random coins;
  /** The retained items: level 0 from levels[0] (growing down from levels[1]), each higher level sorted. */
  private double[] items;
  /** Level boundaries; the number of levels is its length minus one. */
  private int[] levels;
  private long n;
  private double min = Double.NaN;
  private double max = Double.NaN;
  private boolean levelZeroSorted;
  /** The sorted view, made on first query after a change. */
  private double[] viewValues;
  private long[] viewWeights;

  QuantileSketch(int k, Random coins) {
    if (k < M || k > 65_535) throw new IllegalArgumentException("k must be in [8, 65535], got " + k);
    this.k = k;
    this.coins = coins;
    items = new double[k];
    levels = new int[] {k, k};
  }

  /**
   * The normalised rank error at 99% confidence of a sketch of size {@code k}: single-sided (one rank
   * or quantile), or double-sided for the mass between two points ({@code pmf}). DataSketches'
   * empirical fit for this algorithm: 2.296 / k^0.9723 and 2.446 / k^0.9433.
   */
  static double rankError(int k, boolean pmf) {
    return pmf ? 2.446 / Math.pow(k, 0.9433) : 2.296 / Math.pow(k, 0.9723);
  }

  /** Values offered (and merged in). */
  long n() {
    return n;
  }

  /** The exact smallest value offered; NaN when empty. */
  double min() {
    return min;
  }

  /** The exact largest value offered; NaN when empty. */
  double max() {
    return max;
  }

  /** True while the sketch holds every value offered, so every answer is exact. */
  boolean exact() {
    return levels.length == 2;
  }

  /** Adds {@code values[offset, offset + length)}, none NaN. */
  void update(double[] values, int offset, int length) {
    if (length == 0) return;
    if (n == 0) {
      min = values[offset];
      max = values[offset];
    }
    int count = 0;
    while (count < length) {
      if (levels[0] == 0) compressWhileUpdating();
      int free = levels[0];
      int copy = Math.min(length - count, free);
      int dst = free - copy;
      System.arraycopy(values, offset + count, items, dst, copy);
      for (int i = offset + count, end = i + copy; i < end; i++) {
        min = Math.min(min, values[i]);
        max = Math.max(max, values[i]);
      }
      count += copy;
      n += copy;
      levels[0] = dst;
    }
    levelZeroSorted = false;
    viewValues = null;
  }

  /** Adds one value, not NaN: the path a merge takes for the other sketch's level 0. */
  private void update(double value) {
    if (n == 0) {
      min = value;
      max = value;
    } else {
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
    if (levels[0] == 0) compressWhileUpdating();
    n++;
    levelZeroSorted = false;
    levels[0]--;
    items[levels[0]] = value;
  }

  /** Adds {@code other}'s values; {@code other} is unchanged (its level 0 may be sorted in place). */
  void merge(QuantileSketch other) {
    if (other.n == 0) return;
    boolean wasEmpty = n == 0;
    double myMin = min;
    double myMax = max;
    long finalN = Math.addExact(n, other.n);
    int otherLevels = other.levels.length - 1;
    for (int i = other.levels[0]; i < other.levels[1]; i++) update(other.items[i]);
    if (otherLevels > 1) {
      int myLevels = levels.length - 1;
      int space = (levels[myLevels] - levels[0]) + (other.levels[otherLevels] - other.levels[1]);
      double[] work = new double[space];
      int provisional = Math.max(myLevels, otherLevels);
      int ub = Math.max(1 + Long.numberOfTrailingZeros(Long.highestOneBit(finalN)), provisional);
      int[] workLevels = new int[ub + 2];
      int[] outLevels = new int[ub + 2];
      populateWork(work, workLevels, provisional, other);
      int[] result = generalCompress(provisional, work, workLevels, outLevels);
      int newLevels = result[0];
      int target = result[1];
      int current = result[2];
      double[] newItems = target == items.length ? items : new double[target];
      int freeAtBottom = target - current;
      System.arraycopy(work, outLevels[0], newItems, freeAtBottom, current);
      int shift = freeAtBottom - outLevels[0];
      int[] newLevelsArr = new int[Math.max(levels.length, newLevels + 1)];
      for (int lvl = 0; lvl < newLevels + 1; lvl++) newLevelsArr[lvl] = outLevels[lvl] + shift;
      levels = newLevelsArr;
      items = newItems;
    }
    n = finalN;
    if (wasEmpty) {
      min = other.min;
      max = other.max;
    } else {
      min = Math.min(myMin, other.min);
      max = Math.max(myMax, other.max);
    }
    viewValues = null;
  }

  /** The retained values in order, each with its cumulative weight ({@link #cumulativeWeights}); the exact min and max included. */
  double[] sortedValues() {
    view();
    return viewValues.clone();
  }

  /** The cumulative weights of {@link #sortedValues}; the last is {@link #n}. */
  long[] cumulativeWeights() {
    view();
    return viewWeights.clone();
  }

  /** The inclusive quantile at each normalised rank in [0, 1]: the smallest value whose cumulative weight reaches rank·n. */
  double[] quantiles(double[] ranks) {
    if (n == 0) throw new IllegalArgumentException("empty sketch");
    view();
    double[] out = new double[ranks.length];
    int last = viewWeights.length - 1;
    for (int i = 0; i < ranks.length; i++) {
      QuantilesUtil.checkNormalizedRankBounds(ranks[i]);
      double natural = QuantilesUtil.getNaturalRank(ranks[i], n, QuantileSearchCriteria.INCLUSIVE);
      int index = InequalitySearch.find(viewWeights, 0, last, natural, InequalitySearch.GE);
      out[i] = index == -1 ? viewValues[last] : viewValues[index];
    }
    return out;
  }

  /**
   * The share of the values at most ({@code inclusive}) or below each of the increasing {@code points},
   * followed by 1.
   */
  double[] cdf(double[] points, boolean inclusive) {
    if (n == 0) throw new IllegalArgumentException("empty sketch");
    QuantilesUtil.checkDoublesSplitPointsOrder(points);
    view();
    double[] out = new double[points.length + 1];
    int last = viewValues.length - 1;
    for (int i = 0; i < points.length; i++) {
      int index = InequalitySearch.find(viewValues, 0, last, points[i], inclusive ? InequalitySearch.LE : InequalitySearch.LT);
      out[i] = index == -1 ? 0 : (double) viewWeights[index] / n;
    }
    out[points.length] = 1.0;
    return out;
  }

  private void view() {
    if (viewValues != null) return;
    if (n == 0) throw new IllegalArgumentException("empty sketch");
    if (!levelZeroSorted) {
      Arrays.sort(items, levels[0], levels[1]);
      levelZeroSorted = true;
    }
    int retained = levels[levels.length - 1] - levels[0];
    double[] values = Arrays.copyOfRange(items, levels[0], levels[0] + retained);
    long[] weights = new long[retained];
    int[] bounds = new int[levels.length];
    int offset = levels[0];
    int used = 0;
    long weight = 1;
    for (int lvl = 0; lvl < levels.length - 1; lvl++, weight *= 2) {
      int from = levels[lvl] - offset;
      int to = levels[lvl + 1] - offset;
      if (from < to) {
        Arrays.fill(weights, from, to, weight);
        bounds[used] = from;
        bounds[used + 1] = to;
        used++;
      }
    }
    if (used > 1) {
      mergeSortRecursion(values.clone(), weights.clone(), values, weights, bounds, 0, used);
    }
    long total = 0;
    for (int i = 0; i < weights.length; i++) weights[i] = total += weights[i];
    IncludeMinMax.DoublesPair pair = IncludeMinMax.includeDoublesMinMax(values, weights, max, min);
    viewValues = pair.quantiles;
    viewWeights = pair.cumWeights;
  }

  /** Merges the sorted runs {@code bounds[start..start + runs]} into {@code dst}, ping-ponging with {@code src}. */
  private static void mergeSortRecursion(double[] srcV, long[] srcW, double[] dstV, long[] dstW, int[] bounds, int start, int runs) {
    if (runs == 1) return;
    int runs1 = runs / 2;
    int runs2 = runs - runs1;
    mergeSortRecursion(dstV, dstW, srcV, srcW, bounds, start, runs1);
    mergeSortRecursion(dstV, dstW, srcV, srcW, bounds, start + runs1, runs2);
    int i1 = bounds[start];
    int end1 = bounds[start + runs1];
    int i2 = bounds[start + runs1];
    int end2 = bounds[start + runs];
    int d = i1;
    while (i1 < end1 && i2 < end2) {
      if (srcV[i1] < srcV[i2]) {
        dstV[d] = srcV[i1];
        dstW[d++] = srcW[i1++];
      } else {
        dstV[d] = srcV[i2];
        dstW[d++] = srcW[i2++];
      }
    }
    if (i1 < end1) {
      System.arraycopy(srcV, i1, dstV, d, end1 - i1);
      System.arraycopy(srcW, i1, dstW, d, end1 - i1);
    } else if (i2 < end2) {
      System.arraycopy(srcV, i2, dstV, d, end2 - i2);
      System.arraycopy(srcW, i2, dstW, d, end2 - i2);
    }
  }

  /** The capacity of {@code level} in a sketch of {@code numLevels} levels: k·(2/3)^depth rounded, at least m. */
  static int levelCapacity(int k, int numLevels, int level) {
    int depth = numLevels - level - 1;
    long capacity;
    if (depth <= 30) {
      capacity = capacityAt(k, depth);
    } else {
      int half = depth / 2;
      capacity = capacityAt(capacityAt(k, half), depth - half);
    }
    return (int) Math.max(M, capacity);
  }

  private static long capacityAt(long k, int depth) {
    long twoK = k << 1;
    long tmp = (twoK << depth) / POWERS_OF_THREE[depth];
    return (tmp + 1L) >>> 1;
  }

  private static int totalCapacity(int k, int numLevels) {
    long total = 0;
    for (int level = 0; level < numLevels; level++) total += levelCapacity(k, numLevels, level);
    return (int) total;
  }

  /** Level 0 is full and a value arrives: compacts the lowest level at or over its capacity. */
  private void compressWhileUpdating() {
    int numLevels = levels.length - 1;
    int level = 0;
    while (levels[level + 1] - levels[level] < levelCapacity(k, numLevels, level)) level++;
    if (level == numLevels - 1) addEmptyTopLevel();
    int rawBeg = levels[level];
    int rawEnd = levels[level + 1];
    int popAbove = levels[level + 2] - rawEnd;
    int rawPop = rawEnd - rawBeg;
    boolean oddPop = (rawPop & 1) == 1;
    int adjBeg = oddPop ? rawBeg + 1 : rawBeg;
    int adjPop = oddPop ? rawPop - 1 : rawPop;
    int halfAdjPop = adjPop / 2;
    if (level == 0) Arrays.sort(items, adjBeg, adjBeg + adjPop);
    if (popAbove == 0) {
      halveUp(items, adjBeg, adjPop);
    } else {
      halveDown(items, adjBeg, adjPop);
      mergeSorted(items, adjBeg, halfAdjPop, items, rawEnd, popAbove, items, adjBeg + halfAdjPop);
    }
    levels[level + 1] -= halfAdjPop;
    if (oddPop) {
      levels[level] = levels[level + 1] - 1;
      items[levels[level]] = items[rawBeg];
    } else {
      levels[level] = levels[level + 1];
    }
    if (level > 0) System.arraycopy(items, levels[0], items, levels[0] + halfAdjPop, rawBeg - levels[0]);
    for (int lvl = 0; lvl < level; lvl++) levels[lvl] += halfAdjPop;
  }

  /** Grows a completely full sketch by one level on top and a new level 0's capacity at the bottom. */
  private void addEmptyTopLevel() {
    int numLevels = levels.length - 1;
    int total = levels[numLevels];
    int delta = levelCapacity(k, numLevels + 1, 0);
    int[] grown = Arrays.copyOf(levels, numLevels + 2);
    for (int level = 0; level <= numLevels; level++) grown[level] += delta;
    grown[numLevels + 1] = total + delta;
    double[] more = new double[total + delta];
    System.arraycopy(items, 0, more, delta, total);
    levels = grown;
    items = more;
  }

  /** Keeps every other value of the sorted run, starting at a random one of the first two, in its lower half. */
  private void halveDown(double[] buf, int start, int length) {
    int half = length / 2;
    int j = start + coins.nextInt(2);
    for (int i = start; i < start + half; i++, j += 2) buf[i] = buf[j];
  }

  /** As {@link #halveDown}, into the run's upper half. */
  private void halveUp(double[] buf, int start, int length) {
    int half = length / 2;
    int j = start + length - 1 - coins.nextInt(2);
    for (int i = start + length - 1; i >= start + half; i--, j -= 2) buf[i] = buf[j];
  }

  private static void mergeSorted(double[] a, int startA, int lenA, double[] b, int startB, int lenB, double[] c, int startC) {
    int limA = startA + lenA;
    int limB = startB + lenB;
    int i = startA;
    int j = startB;
    for (int o = startC, lim = startC + lenA + lenB; o < lim; o++) {
      if (i == limA) c[o] = b[j++];
      else if (j == limB) c[o] = a[i++];
      else if (a[i] < b[j]) c[o] = a[i++];
      else c[o] = b[j++];
    }
  }

  /** This sketch's levels (its level 0 already holds the other's) and the other's levels above 0, merged level by level into {@code work}. */
  private void populateWork(double[] work, int[] workLevels, int provisional, QuantileSketch other) {
    int myLevels = levels.length - 1;
    int otherLevels = other.levels.length - 1;
    workLevels[0] = 0;
    int selfZero = levels[1] - levels[0];
    System.arraycopy(items, levels[0], work, 0, selfZero);
    workLevels[1] = selfZero;
    for (int lvl = 1; lvl < provisional; lvl++) {
      int selfPop = lvl < myLevels ? levels[lvl + 1] - levels[lvl] : 0;
      int otherPop = lvl < otherLevels ? other.levels[lvl + 1] - other.levels[lvl] : 0;
      workLevels[lvl + 1] = workLevels[lvl] + selfPop + otherPop;
      if (selfPop > 0 && otherPop == 0) {
        System.arraycopy(items, levels[lvl], work, workLevels[lvl], selfPop);
      } else if (selfPop == 0 && otherPop > 0) {
        System.arraycopy(other.items, other.levels[lvl], work, workLevels[lvl], otherPop);
      } else if (selfPop > 0) {
        mergeSorted(items, levels[lvl], selfPop, other.items, other.levels[lvl], otherPop, work, workLevels[lvl]);
      }
    }
  }

  /**
   * Compacts every level that is over capacity while the whole is, bottom up, in place in {@code buf};
   * returns {numLevels, target item count, current item count}.
   */
  private int[] generalCompress(int numLevelsIn, double[] buf, int[] inLevels, int[] outLevels) {
    int numLevels = numLevelsIn;
    int current = inLevels[numLevels] - inLevels[0];
    int target = totalCapacity(k, numLevels);
    outLevels[0] = 0;
    for (int level = 0; ; level++) {
      if (level == numLevels - 1) inLevels[level + 2] = inLevels[level + 1];
      int rawBeg = inLevels[level];
      int rawLim = inLevels[level + 1];
      int rawPop = rawLim - rawBeg;
      if (current < target || rawPop < levelCapacity(k, numLevels, level)) {
        System.arraycopy(buf, rawBeg, buf, outLevels[level], rawPop);
        outLevels[level + 1] = outLevels[level] + rawPop;
      } else {
        int popAbove = inLevels[level + 2] - rawLim;
        boolean oddPop = (rawPop & 1) == 1;
        int adjBeg = oddPop ? 1 + rawBeg : rawBeg;
        int adjPop = oddPop ? rawPop - 1 : rawPop;
        int halfAdjPop = adjPop / 2;
        if (oddPop) {
          buf[outLevels[level]] = buf[rawBeg];
          outLevels[level + 1] = outLevels[level] + 1;
        } else {
          outLevels[level + 1] = outLevels[level];
        }
        if (level == 0 && !levelZeroSorted) Arrays.sort(buf, adjBeg, adjBeg + adjPop);
        if (popAbove == 0) {
          halveUp(buf, adjBeg, adjPop);
        } else {
          halveDown(buf, adjBeg, adjPop);
          mergeSorted(buf, adjBeg, halfAdjPop, buf, rawLim, popAbove, buf, adjBeg + halfAdjPop);
        }
        current -= halfAdjPop;
        inLevels[level + 1] -= halfAdjPop;
        if (level == numLevels - 1) {
          numLevels++;
          target += levelCapacity(k, numLevels, 0);
        }
      }
      if (level == numLevels - 1) return new int[] {numLevels, target, current};
    }
  }
}
