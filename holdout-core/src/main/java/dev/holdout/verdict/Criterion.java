package dev.holdout.verdict;

import dev.holdout.base.Format;

/**
 * One contractual bar from a suite: {@code roc_auc >= 0.80}, {@code worst region recall >= 0.5},
 * {@code best minus worst region recall <= 0.10}, {@code roc_auc lift over the baseline >= 0.05}.
 * Judged on the confidence interval unless {@code atPoint}.
 */
public record Criterion(String id, String metric, Kind kind, double threshold, String slice, boolean atPoint, int line) {

  /** The suite key that names the bar, and whether the observed value must be at least or at most it. */
  public enum Kind {
    MIN("min", true),
    MAX("max", false),
    WORST_MIN("worst_min", true),
    WORST_MAX("worst_max", false),
    MAX_GAP("max_gap", false),
    MIN_LIFT("min_lift", true);

    private final String key;
    private final boolean atLeast;

    Kind(String key, boolean atLeast) {
      this.key = key;
      this.atLeast = atLeast;
    }

    public String key() {
      return key;
    }

    /** True when the observed value must be at least the threshold. */
    public boolean atLeast() {
      return atLeast;
    }
  }

  /** A one-line statement of the bar, e.g. "roc_auc >= 0.8 (95% CI lower end)". */
  public String describe(double confidence) {
    String op = kind.atLeast() ? ">=" : "<=";
    String subject = switch (kind) {
      case MIN, MAX -> metric;
      case WORST_MIN, WORST_MAX -> "worst " + slice + " " + metric;
      case MAX_GAP -> slice + " gap in " + metric + " (best minus worst)";
      case MIN_LIFT -> metric + " lift over the baseline";
    };
    String judged = atPoint ? "point estimate"
        : Format.level(confidence) + " CI " + (kind.atLeast() ? "lower" : "upper") + " end";
    return subject + " " + op + " " + Format.plain(threshold) + " (" + judged + ")";
  }
}
