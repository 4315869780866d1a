package dev.holdout.audit;

import static dev.holdout.audit.Findings.pct;

/** Findings on the id column: rows without an id and rows repeating an earlier id, both blockers (predictions are joined by id). */
final class IdCheck {
  private IdCheck() {}

  /** Checks the id column {@code id} of a file of {@code rows} rows with {@code distinct} distinct ids. */
  static AuditReport.Ids check(String id, long rows, Tally missing, Tally duplicated, long distinct, Findings out) {
    if (missing.count() > 0) {
      out.add(Severity.BLOCKER, "ids.missing", id, missing.count() + " rows have no id (" + pct(missing.count() / (double) rows) + ")",
          missing.examples(), "give every row an id: predictions are joined to labels by id");
    }
    if (duplicated.count() > 0) {
      out.add(Severity.BLOCKER, "ids.duplicated", id, duplicated.count() + " rows repeat an id seen earlier (" + pct(duplicated.count() / (double) rows) + ")",
          duplicated.examples(), "make ids unique: a repeated id makes the join to predictions ambiguous");
    }
    return new AuditReport.Ids(missing.count(), duplicated.count(), distinct);
  }
}
