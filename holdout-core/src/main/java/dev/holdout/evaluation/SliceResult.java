package dev.holdout.evaluation;

import dev.holdout.metric.Direction;
import dev.holdout.metric.MetricValue;
import dev.holdout.verdict.Criterion;
import dev.holdout.verdict.Decider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One slice column's groups with their point metrics and bootstrap replicates, and the worst-group
 * and gap observations criteria need. Groups are resampled independently, so replicate r of the
 * worst value is the worst of the groups' replicates r; a replicate in which a group that has a
 * value overall has none is left out rather than judged without that group.
 */
final class SliceResult {
  final String column;
  final List<String> groups = new ArrayList<>();
  final List<Long> rows = new ArrayList<>();
  final List<Map<String, MetricValue>> point = new ArrayList<>();
  final List<double[][]> replicates = new ArrayList<>();
  private final TaskModel model;

  SliceResult(String column, TaskModel model) {
    this.column = column;
    this.model = model;
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
    Direction dir = model.direction(metric);
    int worst = -1;
    for (int g = 0; g < groups.size(); g++) {
      MetricValue v = point.get(g).get(metric);
      if (!v.defined()) continue;
      if (worst < 0 || dir.improvement(v.value(), point.get(worst).get(metric).value()) < 0) worst = g;
    }
    return worst;
  }

  /** The worst group's value (worst_min, worst_max) or best minus worst (max_gap), with replicates. */
  Decider.Observation observe(Criterion c, int metric, long totalRows) {
    Direction dir = model.direction(c.metric());
    List<Integer> defined = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      MetricValue v = point.get(g).get(c.metric());
      if (v.defined()) defined.add(g); else skipped.add(groups.get(g) + " (" + v.undefined() + ")");
    }
    if (defined.isEmpty()) {
      return new Decider.Observation(null, new double[0], 0, null, totalRows, "no group of " + column + " has a " + c.metric() + ": " + String.join("; ", skipped), null);
    }
    boolean gap = c.kind() == Criterion.Kind.MAX_GAP;
    int worst = worst(c.metric());
    int best = defined.get(0);
    for (int g : defined) {
      if (dir.improvement(point.get(g).get(c.metric()).value(), point.get(best).get(c.metric()).value()) > 0) best = g;
    }
    double worstValue = point.get(worst).get(c.metric()).value();
    double bestValue = point.get(best).get(c.metric()).value();
    int reps = replicates.get(defined.get(0)).length;
    double[] out = new double[reps];
    int n = 0;
    for (int r = 0; r < reps; r++) {
      double lo = Double.NaN;
      double hi = Double.NaN;
      boolean complete = true;
      for (int g : defined) {
        double v = replicates.get(g)[r][metric];
        if (Double.isNaN(v)) {
          // A group that vanished from this resample would make the worst look better than it is.
          complete = false;
          break;
        }
        if (Double.isNaN(lo) || dir.improvement(v, lo) < 0) lo = v;
        if (Double.isNaN(hi) || dir.improvement(v, hi) > 0) hi = v;
      }
      if (!complete) continue;
      out[n++] = gap ? Math.abs(hi - lo) : lo;
    }
    double observed = gap ? Math.abs(bestValue - worstValue) : worstValue;
    String group = gap ? groups.get(best) + " vs " + groups.get(worst) : groups.get(worst);
    String note = skipped.isEmpty() ? null : "groups without a value, left out: " + String.join("; ", skipped);
    return new Decider.Observation(observed, java.util.Arrays.copyOf(out, n), reps, group, totalRows, null, note);
  }
}
