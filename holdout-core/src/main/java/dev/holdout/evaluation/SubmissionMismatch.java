package dev.holdout.evaluation;

import dev.holdout.base.HoldoutException;
import java.util.List;

/**
 * A submission file that does not fit the evaluation set: none of its ids is in the set, ids are
 * missing under {@code predictions.missing: fail}, or a predicted class is not one of the set's.
 * The message (for the set's owner) may name the set's ids and classes; {@link #facts()} holds only
 * what the file itself says, so a caller that must not reveal the set (the server, to a vendor) can
 * word its own message from them.
 */
public final class SubmissionMismatch extends HoldoutException.BadData {
  /** What did not fit. */
  public enum Kind {
    /** No id of the file is in the set. */
    NO_ID_MATCHES,
    /** Some ids of the set have no row in the file, and the suite says {@code missing: fail}. */
    IDS_MISSING,
    /** A predicted class is not one of the set's classes. */
    UNKNOWN_CLASS,
    /** An id of the file (a retrieval query) is not in the set, which the task refuses rather than counts as extra. */
    UNKNOWN_ID
  }

  /**
   * Facts about the file alone: its rows with an id, how many of them matched the set, up to five
   * of its own ids the set lacks, and for {@link Kind#UNKNOWN_CLASS} and {@link Kind#UNKNOWN_ID} the file position (such as
   * {@code line 3, column 'label'}) and the value found there (else null).
   */
  public record Facts(Kind kind, long rows, long matched, List<String> unknownIds, String position, String value) {
    public Facts {
      unknownIds = List.copyOf(unknownIds);
    }
  }

  private final Facts facts;

  SubmissionMismatch(String message, Facts facts) {
    super(message);
    this.facts = facts;
  }

  public Facts facts() {
    return facts;
  }
}
