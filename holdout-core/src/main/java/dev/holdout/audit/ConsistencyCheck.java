package dev.holdout.audit;

import static dev.holdout.audit.Findings.pct;

import dev.holdout.base.Format;
import java.util.List;

/**
 * Findings on rows that share every feature value: with a different label (a warning: no model can
 * score them all) and as plain repeats (a warning from {@link #DUPLICATE_WARNING} of the rows, info
 * below: they count one case twice and narrow intervals falsely).
 */
final class ConsistencyCheck {
  /** Share of repeated feature rows from which they are a warning. */
  static final double DUPLICATE_WARNING = 0.01;

  private ConsistencyCheck() {}

  /**
   * Checks a file of {@code rows} rows over the feature columns {@code features}: {@code conflicting}
   * rows share their features with a row of another label ({@code conflictExamples}), and {@code
   * duplicates} counts rows repeating an earlier row's features.
   */
  static AuditReport.Consistency check(List<String> features, long rows, long conflicting, List<String> conflictExamples, Tally duplicates,
      Findings out) {
    if (conflicting > 0) {
      out.add(Severity.WARNING, "consistency.conflicting_labels", null, conflicting + " rows (" + pct(conflicting / (double) rows)
          + ") share every feature value with a row of a different label", conflictExamples,
          "check the labelling; if both labels are right, the features cannot tell these rows apart and no model can score them all");
    }
    if (duplicates.count() > 0) {
      double share = duplicates.count() / (double) rows;
      out.add(share >= DUPLICATE_WARNING ? Severity.WARNING : Severity.INFO, "consistency.duplicate_rows", null, Format.count(duplicates.count(), "row") + " (" + pct(share)
          + ") " + (duplicates.count() == 1 ? "repeats" : "repeat") + " the feature values of an earlier row", duplicates.examples(),
          "remove true duplicates: they count the same case twice and narrow the intervals falsely");
    }
    return new AuditReport.Consistency(features, duplicates.count(), conflicting, conflicting / (double) Math.max(1, rows));
  }
}
