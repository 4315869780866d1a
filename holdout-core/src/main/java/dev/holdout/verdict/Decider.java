package dev.holdout.verdict;

import dev.holdout.base.Format;
import dev.holdout.stats.Bootstrap;
import dev.holdout.stats.RowsToDecide;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * Judges criteria from their observed values and bootstrap replicates: each alone at the suite's
 * confidence, or, with {@code verdict.adjust: holm}, the family of interval-judged criteria by
 * Holm's step-down procedure (Holm 1979) so the chance of any wrong PASS or FAIL among them stays
 * at the one-sided level (1 - confidence) / 2.
 */
public final class Decider {
  private Decider() {}

  /** An interval at a confidence level: {lower, upper}, or null when there is none. */
  @FunctionalInterface
  public interface IntervalAt {
    double[] at(double confidence);

    /** The percentile interval of {@code replicates} (NaN already dropped), sorted once. */
    static IntervalAt percentile(double[] replicates) {
      double[] sorted = replicates.clone();
      Arrays.sort(sorted);
      return confidence -> sorted.length == 0 ? null
          : new double[] {Bootstrap.quantile(sorted, (1 - confidence) / 2), Bootstrap.quantile(sorted, 1 - (1 - confidence) / 2)};
    }
  }

  /** What the "more ... would decide it" estimate counts, in the singular and the plural. */
  public record Unit(String one, String many) {
    public static final Unit ROWS = new Unit("labeled row", "labeled rows");

    /** The groups of a data.group column. */
    public static Unit groupsOf(String column) {
      return new Unit("group of '" + column + "'", "groups of '" + column + "'");
    }

    String of(long count) {
      return count == 1 ? one : many;
    }
  }

  /**
   * What was observed for a criterion: the point value (null when undefined, with the reason), the
   * replicates (NaN entries dropped) out of {@code totalReplicates} (0 when the interval is not a
   * bootstrap's), the slice group it came from, the independent units behind it ({@code rows}
   * counted in {@code unit}), and how its interval is formed at any confidence.
   */
  public record Observation(Double point, double[] replicates, int totalReplicates, String group, long rows, Unit unit, String undefined,
      String note, IntervalAt interval) {
    /** Labeled rows as the unit, and the percentile interval of the replicates. */
    public Observation(Double point, double[] replicates, int totalReplicates, String group, long rows, String undefined, String note) {
      this(point, replicates, totalReplicates, group, rows, Unit.ROWS, undefined, note, IntervalAt.percentile(replicates));
    }

    String units(long count) {
      return (unit == null ? Unit.ROWS : unit).of(count);
    }
  }

  /** Judges one criterion alone at {@code confidence}. */
  public static CriterionResult judge(Criterion c, Observation o, double confidence) {
    return judge(c, o, confidence, null);
  }

  /**
   * Judges every criterion: alone at {@code confidence}, or with {@code holm} the interval-judged
   * ones (not {@code at: point}, with a value and enough replicates) as one family, each at the
   * level its rank in Holm's procedure gives; the others alone.
   */
  public static List<CriterionResult> judgeAll(List<Criterion> criteria, List<Observation> observations, double confidence, boolean holm) {
    List<CriterionResult> out = new ArrayList<>();
    for (int i = 0; i < criteria.size(); i++) out.add(judge(criteria.get(i), observations.get(i), confidence, null));
    if (!holm) return out;
    List<Integer> family = new ArrayList<>();
    for (int i = 0; i < criteria.size(); i++) if (testable(criteria.get(i), observations.get(i))) family.add(i);
    int m = family.size();
    if (m <= 1) return out;
    double alpha = (1 - confidence) / 2;
    double[] p = new double[criteria.size()];
    for (int i : family) p[i] = pValue(criteria.get(i), observations.get(i));
    family.sort(Comparator.comparingDouble(i -> p[i]));
    boolean stopped = false;
    double level = confidence;
    for (int k = 0; k < m; k++) {
      int i = family.get(k);
      if (!stopped) level = 1 - 2 * alpha / (m - k);
      String holmNote = "Holm over " + m + " criteria: judged at the " + percent(level) + " level, rank " + (k + 1) + " of " + m;
      CriterionResult r = judge(criteria.get(i), observations.get(i), level, holmNote);
      if (stopped && r.status() != Status.INCONCLUSIVE) {
        r = new CriterionResult(r.id(), r.description(), r.kind(), r.metric(), r.slice(), r.group(), Status.INCONCLUSIVE, r.observed(),
            r.threshold(), r.ci(), null, "a criterion before it in Holm's order was not decided, so this one is not either; " + holmNote);
      }
      if (r.status() == Status.INCONCLUSIVE) stopped = true;
      out.set(i, r);
    }
    return out;
  }

  private static boolean testable(Criterion c, Observation o) {
    return !c.atPoint() && o.point() != null && o.replicates().length * 2 >= o.totalReplicates() && o.interval().at(0.5) != null;
  }

  /**
   * The smallest one-sided level at which the criterion is decided (PASS or FAIL): the largest
   * confidence at which its interval excludes the threshold, found by bisection to 1e-9; 0.5 when
   * it is not decided even by the point estimate.
   */
  static double pValue(Criterion c, Observation o) {
    double lo = 0;
    double hi = 0.5;
    if (!decided(c, o, 1 - 2 * hi)) return 0.5;
    for (int step = 0; step < 60 && hi - lo > 1e-9; step++) {
      double mid = (lo + hi) / 2;
      if (decided(c, o, 1 - 2 * mid)) hi = mid; else lo = mid;
    }
    return hi;
  }

  private static boolean decided(Criterion c, Observation o, double confidence) {
    double[] ci = o.interval().at(Math.max(confidence, 0));
    if (ci == null) return false;
    double t = c.threshold();
    return c.kind().atLeast() ? ci[0] >= t || ci[1] < t : ci[1] <= t || ci[0] > t;
  }

  private static CriterionResult judge(Criterion c, Observation o, double confidence, String holm) {
    String description = c.describe(confidence);
    String note = note(o) + (holm == null ? "" : "; " + holm);
    if (o.point() == null) {
      return new CriterionResult(c.id(), description, c.kind().key(), c.metric(), c.slice(), o.group(), Status.INCONCLUSIVE, null, c.threshold(),
          null, null, "cannot be judged: " + o.undefined() + note);
    }
    double point = o.point();
    double t = c.threshold();
    boolean atLeast = c.kind().atLeast();
    if (c.atPoint()) {
      boolean pass = atLeast ? point >= t : point <= t;
      double[] ci = o.interval().at(confidence);
      return new CriterionResult(c.id(), description, c.kind().key(), c.metric(), c.slice(), o.group(), pass ? Status.PASS : Status.FAIL, point, t,
          ci == null ? null : List.of(ci[0], ci[1]), null,
          "the point estimate " + (pass ? "meets" : "misses") + " the bound " + Format.plain(t) + note);
    }
    if (o.replicates().length * 2 < o.totalReplicates()) {
      return new CriterionResult(c.id(), description, c.kind().key(), c.metric(), c.slice(), o.group(), Status.INCONCLUSIVE, point, t, null, null,
          "only " + o.replicates().length + " of " + o.totalReplicates()
              + " bootstrap replicates had a value, too few for an interval; more " + o.units(2) + " are needed" + note);
    }
    double[] ci = o.interval().at(confidence);
    double lo = ci[0];
    double hi = ci[1];
    Status status;
    String reason;
    if (atLeast) {
      status = lo >= t ? Status.PASS : hi < t ? Status.FAIL : Status.INCONCLUSIVE;
    } else {
      status = hi <= t ? Status.PASS : lo > t ? Status.FAIL : Status.INCONCLUSIVE;
    }
    Long more = null;
    switch (status) {
      case PASS -> reason = "the whole interval is " + (atLeast ? "at or above " : "at or below ") + Format.plain(t);
      case FAIL -> reason = "the whole interval is " + (atLeast ? "below " : "above ") + Format.plain(t);
      default -> {
        boolean pointOk = atLeast ? point >= t : point <= t;
        double halfWidth = (pointOk == atLeast) ? point - lo : hi - point;
        OptionalLong extra = RowsToDecide.estimate(o.rows(), point, t, halfWidth);
        more = extra.isPresent() ? extra.getAsLong() : null;
        reason = "the interval contains " + Format.plain(t) + "; "
            + (extra.isPresent() ? "about " + Format.count(extra.getAsLong()) + " more " + o.units(extra.getAsLong())
                + " (at the current mix) would likely decide it"
                : "the observed value equals the threshold, so more " + o.units(2) + " may not decide it");
      }
    }
    return new CriterionResult(c.id(), description, c.kind().key(), c.metric(), c.slice(), o.group(), status, point, t, List.of(lo, hi), more, reason + note);
  }

  private static String percent(double confidence) {
    return Format.plain(Math.round(confidence * 10_000) / 100.0) + "%";
  }

  private static String note(Observation o) {
    return o.note() == null ? "" : "; " + o.note();
  }
}
