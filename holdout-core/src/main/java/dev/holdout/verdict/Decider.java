package dev.holdout.verdict;

import dev.holdout.base.Format;
import dev.holdout.stats.Bootstrap;
import dev.holdout.stats.RowsToDecide;
import java.util.List;
import java.util.OptionalLong;

/** Judges one criterion from its observed value and bootstrap replicates. */
public final class Decider {
  private Decider() {}

  /**
   * What was observed for a criterion: the point value (null when undefined, with the reason), the
   * replicates (NaN entries dropped), the slice group it came from, and the rows behind it.
   */
  public record Observation(Double point, double[] replicates, int totalReplicates, String group, long rows, String undefined, String note) {}

  public static CriterionResult judge(Criterion c, Observation o, double confidence) {
    String description = c.describe(confidence);
    if (o.point() == null) {
      return new CriterionResult(c.id(), description, c.kind().key(), c.metric(), c.slice(), o.group(), Status.INCONCLUSIVE, null, c.threshold(),
          null, null, "cannot be judged: " + o.undefined() + note(o));
    }
    double point = o.point();
    double t = c.threshold();
    boolean atLeast = c.kind().atLeast();
    if (c.atPoint()) {
      boolean pass = atLeast ? point >= t : point <= t;
      double[] ci = Bootstrap.percentileInterval(o.replicates(), confidence);
      return new CriterionResult(c.id(), description, c.kind().key(), c.metric(), c.slice(), o.group(), pass ? Status.PASS : Status.FAIL, point, t,
          ci == null ? null : List.of(ci[0], ci[1]), null,
          "the point estimate " + (pass ? "meets" : "misses") + " the bound " + Format.plain(t) + note(o));
    }
    if (o.replicates().length * 2 < o.totalReplicates()) {
      return new CriterionResult(c.id(), description, c.kind().key(), c.metric(), c.slice(), o.group(), Status.INCONCLUSIVE, point, t, null, null,
          "only " + o.replicates().length + " of " + o.totalReplicates()
              + " bootstrap replicates had a value, too few for an interval; more labeled rows are needed" + note(o));
    }
    double[] ci = Bootstrap.percentileInterval(o.replicates(), confidence);
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
            + (extra.isPresent() ? "about " + Format.count(extra.getAsLong()) + " more labeled rows (at the current mix) would likely decide it"
                : "the observed value equals the threshold, so more rows may not decide it");
      }
    }
    return new CriterionResult(c.id(), description, c.kind().key(), c.metric(), c.slice(), o.group(), status, point, t, List.of(lo, hi), more, reason + note(o));
  }

  private static String note(Observation o) {
    return o.note() == null ? "" : "; " + o.note();
  }
}
