package dev.holdout.audit;

import java.util.List;
import java.util.Map;

/**
 * The audit's result, serialised as {@code holdout.audit/v1} (keys in snake_case; docs/audit.md).
 * Sections for checks that did not run (no label, no --train, no suite, no --time) are null.
 */
public record AuditReport(
    String schema,
    Source data,
    Source train,
    Roles roles,
    List<ColumnProfile> columns,
    Ids ids,
    Labels labels,
    Consistency consistency,
    Contamination contamination,
    List<Shift.ColumnShift> shift,
    List<SliceGroup> slices,
    TimeCoverage.Result time,
    List<Finding> findings,
    Map<String, Integer> findingCounts,
    String verdict) {

  public static final String SCHEMA = "holdout.audit/v1";

  /** A file read: path, SHA-256, rows and columns. */
  public record Source(String path, String sha256, long rows, List<String> columns) {}

  /** Which columns mean what, and the task (given or inferred). */
  public record Roles(String id, String label, String task, String positive, List<String> slices, String time) {}

  /** Missing and repeated ids. */
  public record Ids(long missing, long duplicateRows, long distinct) {}

  /** Label coverage and distribution; classes empty for regression. */
  public record Labels(long missing, List<ColumnProfile.Category> classes, Double imbalanceRatio, List<String> tooRare) {}

  /** Rows sharing all feature values: duplicates, and those whose labels disagree. */
  public record Consistency(List<String> featureColumns, long duplicateFeatureRows, long conflictingRows, double conflictingShare) {}

  /** Evaluation rows also found in the training file. */
  public record Contamination(long sameId, long sameFeatures, long nearDuplicateText, long anyOverlap, double share,
      List<String> featureColumns, List<String> textColumns) {}

  /** Rows in one slice group against the rows needed for the target interval half-width. */
  public record SliceGroup(String slice, String group, long rows, long counted, long needed, boolean tooSmall) {}
}
