package dev.holdout.audit;

import static dev.holdout.audit.Findings.pct;

import dev.holdout.base.Format;
import java.util.List;

/**
 * Findings on evaluation rows the vendor's training file already holds: the same id, exactly the
 * same feature values, or a text with Jaccard similarity of word shingles at least {@link
 * #NEAR_DUPLICATE} to the same column of a training row. Blockers once {@link #BLOCKER_SHARE} of the
 * rows overlap in any way, warnings below.
 */
final class ContaminationCheck {
  /** Jaccard similarity of word shingles from which two texts are near-duplicates. */
  static final double NEAR_DUPLICATE = 0.9;
  /** Share of overlapping rows from which contamination is a blocker (any overlap is a warning). */
  static final double BLOCKER_SHARE = 0.01;

  private ContaminationCheck() {}

  /**
   * Checks the overlaps of an evaluation set of {@code rows} rows with training file {@code train}
   * (its name), compared on id column {@code id}, feature columns {@code features} and text columns
   * {@code texts}.
   */
  static AuditReport.Contamination check(String train, String id, long rows, Overlaps o, List<String> features, List<String> texts, Findings out) {
    double share = o.any / (double) Math.max(1, rows);
    Severity sev = share >= BLOCKER_SHARE ? Severity.BLOCKER : Severity.WARNING;
    if (o.sameId.count() > 0) {
      out.add(sev, "contamination.same_id", id, Format.count(o.sameId.count(), "evaluation row") + " (" + pct(o.sameId.count() / (double) rows) + ") " + (o.sameId.count() == 1 ? "has " : "have ") + "an id found in "
          + train, o.sameId.examples(), "remove them from the evaluation set, or ask the vendor to retrain without them");
    }
    if (o.sameFeatures.count() > 0) {
      out.add(sev, "contamination.same_features", null, Format.count(o.sameFeatures.count(), "evaluation row") + " (" + pct(o.sameFeatures.count() / (double) rows)
          + ") " + (o.sameFeatures.count() == 1 ? "has " : "have ") + "exactly the feature values of a training row (columns " + features + ")", o.sameFeatures.examples(),
          "remove them from the evaluation set; if the features have few values, check whether the matches are chance");
    }
    if (o.nearText.count() > 0) {
      out.add(sev, "contamination.near_duplicate_text", null, Format.count(o.nearText.count(), "evaluation row") + " (" + pct(o.nearText.count() / (double) rows)
          + ") " + (o.nearText.count() == 1 ? "has " : "have ") + "a text with Jaccard similarity >= " + NEAR_DUPLICATE + " to the same column of a training row (columns " + texts + ")",
          o.nearText.examples(), "remove them from the evaluation set: a model that saw near copies is scored on memory, not skill");
    }
    return new AuditReport.Contamination(o.sameId.count(), o.sameFeatures.count(), o.nearText.count(), o.any, share, features, texts);
  }
}
