package dev.holdout.audit;

import static dev.holdout.audit.Findings.pct;

import java.util.List;

/**
 * Findings on each column's profile: empty columns (warning), a feature holding one value (warning)
 * or one value in 99% of rows (info), numbers mixed with text (warning), and missing values in half
 * the rows or more (warning) or in 5% or more (info). The id and label are checked for emptiness only.
 */
final class ProfileCheck {
  /** Share of missing values from which a column is a warning; from {@link #MISSING_INFO} it is info. */
  static final double MISSING_WARNING = 0.5;
  static final double MISSING_INFO = 0.05;

  private ProfileCheck() {}

  /** Checks {@code profiles} (one per column, in header order); {@code idCol} and {@code labelCol} are -1 when absent. */
  static void check(List<ColumnProfile> profiles, int idCol, int labelCol, Findings out) {
    for (int c = 0; c < profiles.size(); c++) {
      ColumnProfile p = profiles.get(c);
      if (p.type() == ColumnType.EMPTY) {
        out.add(Severity.WARNING, "profile.empty", p.name(), "column '" + p.name() + "' has no values in " + p.rows() + " rows", List.of(),
            "drop the column or fill it; an empty column tells a model nothing");
        continue;
      }
      if (c == idCol || c == labelCol) continue;
      if (p.constant()) {
        out.add(Severity.WARNING, "profile.constant", p.name(), "column '" + p.name() + "' holds one value only ('" + p.topCategories().get(0).value() + "')",
            List.of(), "drop it from the inputs, or check the export: a real feature varies");
      } else if (p.nearConstant()) {
        ColumnProfile.Category top = p.topCategories().get(0);
        out.add(Severity.INFO, "profile.near_constant", p.name(), "column '" + p.name() + "' is '" + top.value() + "' in " + pct(top.share())
            + " of rows", List.of(), "check the rare values are real; such a column carries little signal");
      }
      if (p.mixedTypes()) {
        long minority = Math.min(p.nonNumeric(), p.rows() - p.missing() - p.nonNumeric());
        out.add(Severity.WARNING, "profile.mixed_types", p.name(), "column '" + p.name() + "' mixes numbers and text: " + minority
            + " of " + (p.rows() - p.missing()) + " values are the odd kind, first '" + p.firstMinorityValue() + "' at " + p.firstMinorityPosition(),
            List.of(p.firstMinorityValue() + " (" + p.firstMinorityPosition() + ")"), "fix or blank the odd values so the column has one type");
      }
      if (p.missingShare() >= MISSING_WARNING) {
        out.add(Severity.WARNING, "profile.missing", p.name(), "column '" + p.name() + "' is missing in " + pct(p.missingShare()) + " of rows",
            List.of(), "find out why; if missingness depends on the outcome it leaks it");
      } else if (p.missingShare() >= MISSING_INFO) {
        out.add(Severity.INFO, "profile.missing", p.name(), "column '" + p.name() + "' is missing in " + pct(p.missingShare()) + " of rows",
            List.of(), "check that vendors will see the same missingness in production");
      }
    }
  }
}
