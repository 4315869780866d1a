package dev.holdout.verdict;

import dev.holdout.base.Format;
import java.util.List;

/**
 * One contractual bar from a suite: {@code roc_auc >= 0.80}, {@code worst region recall >= 0.5},
 * {@code best minus worst region recall <= 0.10}, {@code roc_auc lift over the baseline >= 0.05};
 * in a multilabel suite also {@code recall of label billing >= 0.6} and {@code worst label f1 >= 0.5}:
 * {@code labels} names the label (min, max) or the labels compared (worst_min, worst_max, max_gap),
 * every label when {@code allLabels}; null for other criteria. Judged on the confidence interval
 * unless {@code atPoint}.
 */
public record Criterion(String id, String metric, Kind kind, double threshold, String slice, boolean atPoint, int line, List<String> labels,
    boolean allLabels) {

  public Criterion {
    labels = labels == null ? null : List.copyOf(labels);
  }

  /** A criterion on the whole set or a slice, not on labels. */
  public Criterion(String id, String metric, Kind kind, double threshold, String slice, boolean atPoint, int line) {
    this(id, metric, kind, threshold, slice, atPoint, line, null, false);
  }

  /** Whether the criterion bounds labels of a multilabel suite ({@code label:} or {@code labels:}), not the whole set. */
  public boolean onLabels() {
    return labels != null;
  }

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
    String groups = onLabels() ? (allLabels ? "label" : "label of " + String.join(", ", labels)) : slice;
    String subject = switch (kind) {
      case MIN, MAX -> onLabels() ? metric + " of label " + labels.get(0) : metric;
      case WORST_MIN, WORST_MAX -> "worst " + groups + " " + metric;
      case MAX_GAP -> groups + " gap in " + metric + " (best minus worst)";
      case MIN_LIFT -> metric + " lift over the baseline";
    };
    String judged = atPoint ? "point estimate"
        : Format.level(confidence) + " CI " + (kind.atLeast() ? "lower" : "upper") + " end";
    return subject + " " + op + " " + Format.plain(threshold) + " (" + judged + ")";
  }
}
