package dev.holdout.evaluation;

import dev.holdout.metric.Direction;
import dev.holdout.metric.MetricValue;
import dev.holdout.verdict.Criterion;
import dev.holdout.verdict.Decider;
import dev.holdout.stats.Bootstrap;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One slice column's groups with their point metrics and bootstrap replicates, and the worst-group
 * and gap observations criteria need, with intervals simultaneous over the groups. Groups are
 * resampled independently; a replicate in which a group that has a value overall has none is left
 * out rather than judged without that group. The labels of a multilabel suite are compared the same
 * way as groups that share every replicate ({@link LabelResults}).
 */
final class SliceResult {
  final String column;
  final List<String> groups = new ArrayList<>();
  final List<Long> rows = new ArrayList<>();
  final List<Map<String, MetricValue>> point = new ArrayList<>();
  final List<double[][]> replicates = new ArrayList<>();
  private final Function<String, Direction> direction;
  /** What the groups are, in the plural, for messages: "groups", or "labels" when a multilabel suite's labels are compared. */
  private final String plural;

  /** A slice column's results; {@code direction} says for each metric whether higher is better. */
  SliceResult(String column, Function<String, Direction> direction) {
    this(column, direction, "groups");
  }

  /** Results of groups that are not a slice column's, such as the labels of a multilabel suite, called {@code plural} in messages. */
  SliceResult(String column, Function<String, Direction> direction, String plural) {
    this.column = column;
    this.direction = direction;
    this.plural = plural;
  }

  void add(String group, long groupRows, Map<String, MetricValue> metrics, double[][] reps) {
    groups.add(group);
    rows.add(groupRows);
    point.add(metrics);
    replicates.add(reps);
  }

  /**
   * The index of the group with the worst point value of {@code metric} by its direction: the first
   * in order on a tie, groups without a value left out; -1 when no group has a value. The report's
   * {@code worst_for} and the worst_min, worst_max and max_gap criteria all name this group.
   */
  int worst(String metric) {
    Direction dir = direction.apply(metric);
    int worst = -1;
    for (int g = 0; g < groups.size(); g++) {
      MetricValue v = point.get(g).get(metric);
      if (!v.defined()) continue;
      if (worst < 0 || dir.improvement(v.value(), point.get(worst).get(metric).value()) < 0) worst = g;
    }
    return worst;
  }

  /**
   * The worst group's value (worst_min, worst_max) or best minus worst (max_gap), with an interval
   * that holds for every group at once: the max-modulus bootstrap (Romano and Wolf 2005) widens
   * each group's interval to theta_g +- c * sd_g, with c the confidence quantile of the largest
   * standardised deviation among the groups in one replicate, so a criterion over many groups is
   * not decided by the one group that happened to look worst. {@code units} counts the independent
   * units behind the whole set, in {@code unit} (null for labeled rows).
   */
  Decider.Observation observe(Criterion c, int metric, long units, Decider.Unit unit) {
    Direction dir = direction.apply(c.metric());
    List<Integer> defined = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      MetricValue v = point.get(g).get(c.metric());
      if (v.defined()) defined.add(g); else skipped.add(groups.get(g) + " (" + v.undefined() + ")");
    }
    if (defined.isEmpty()) {
      return new Decider.Observation(null, new double[0], 0, null, units, unit,
          (plural.equals("groups") ? "no group of " + column : "none of " + column) + " has a " + c.metric() + ": " + String.join("; ", skipped),
          null, conf -> null);
    }
    boolean gap = c.kind() == Criterion.Kind.MAX_GAP;
    int k = defined.size();
    double[] theta = new double[k];
    int worst = defined.indexOf(worst(c.metric()));
    int best = 0;
    for (int j = 0; j < k; j++) {
      theta[j] = point.get(defined.get(j)).get(c.metric()).value();
      if (dir.improvement(theta[j], theta[best]) > 0) best = j;
    }
    int reps = replicates.get(defined.get(0)).length;
    // Replicates in which every group has a value: a group that vanished from a resample would
    // make the worst look better than it is.
    boolean[] complete = new boolean[reps];
    int counted = 0;
    for (int r = 0; r < reps; r++) {
      boolean all = true;
      for (int g : defined) all &= !Double.isNaN(replicates.get(g)[r][metric]);
      complete[r] = all;
      if (all) counted++;
    }
    int n = counted;
    double[] sd = new double[k];
    for (int j = 0; j < k; j++) {
      double sum = 0;
      double sq = 0;
      for (int r = 0; r < reps; r++) {
        if (!complete[r]) continue;
        double v = replicates.get(defined.get(j))[r][metric];
        sum += v;
        sq += v * v;
      }
      double mean = n == 0 ? 0 : sum / n;
      sd[j] = n < 2 ? 0 : Math.sqrt(Math.max(0, (sq - n * mean * mean) / (n - 1)));
    }
    double[] extreme = new double[n];
    double[] maxDeviation = new double[n];
    int at = 0;
    for (int r = 0; r < reps; r++) {
      if (!complete[r]) continue;
      double lo = Double.NaN;
      double hi = Double.NaN;
      double dev = 0;
      for (int j = 0; j < k; j++) {
        double v = replicates.get(defined.get(j))[r][metric];
        if (Double.isNaN(lo) || dir.improvement(v, lo) < 0) lo = v;
        if (Double.isNaN(hi) || dir.improvement(v, hi) > 0) hi = v;
        if (sd[j] > 0) dev = Math.max(dev, Math.abs(v - theta[j]) / sd[j]);
      }
      extreme[at] = gap ? Math.abs(hi - lo) : lo;
      maxDeviation[at++] = dev;
    }
    Arrays.sort(maxDeviation);
    boolean higher = dir == Direction.HIGHER_IS_BETTER;
    Decider.IntervalAt simultaneous = conf -> {
      if (n == 0) return null;
      double width = Bootstrap.quantile(maxDeviation, conf);
      double minLo = Double.POSITIVE_INFINITY;
      double maxLo = Double.NEGATIVE_INFINITY;
      double minHi = Double.POSITIVE_INFINITY;
      double maxHi = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < k; j++) {
        double lo = theta[j] - width * sd[j];
        double hi = theta[j] + width * sd[j];
        minLo = Math.min(minLo, lo);
        maxLo = Math.max(maxLo, lo);
        minHi = Math.min(minHi, hi);
        maxHi = Math.max(maxHi, hi);
      }
      if (gap) return new double[] {Math.max(0, maxLo - minHi), maxHi - minLo};
      return higher ? new double[] {minLo, minHi} : new double[] {maxLo, maxHi};
    };
    double observed = gap ? Math.abs(theta[best] - theta[worst]) : theta[worst];
    String group = gap ? groups.get(defined.get(best)) + " vs " + groups.get(defined.get(worst)) : groups.get(defined.get(worst));
    String note = (k > 1 ? "interval simultaneous over the " + k + " " + plural : null);
    if (!skipped.isEmpty()) note = (note == null ? "" : note + "; ") + plural + " without a value, left out: " + String.join("; ", skipped);
    return new Decider.Observation(observed, extreme, reps, group, units, unit, null, note, simultaneous);
  }
}
