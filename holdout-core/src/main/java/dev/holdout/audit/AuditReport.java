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
    Repeats repeats,
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

  /**
   * Rows that are not independent ({@link RepeatsCheck}): the suite's data.group (or null), each
   * column whose values repeat an entity, and inputs repeated exactly or nearly.
   *
   * @param inputClusters distinct inputs once exact and near-duplicate repeats are merged
   */
  public record Repeats(String group, List<Grouping> groupings, long duplicateInputRows, long nearDuplicateInputRows, long inputClusters,
      double inputDesignEffect, double inputEffectiveRows) {}

  /**
   * Rows grouped by one column (or by repeated inputs): the groups, the largest, the size-weighted
   * mean size m = Σ size² / rows, the label's intraclass correlation (null: not estimated, taken as
   * 1), Kish's design effect 1 + (m − 1)·ρ and the effective independent rows, rows / design effect.
   *
   * @param source data.group, named like an id, or repeated or near-duplicate inputs
   */
  public record Grouping(String column, String source, long groups, long largest, double meanSize, Double intraclassCorrelation,
      double designEffect, double effectiveRows) {}

  /** Evaluation rows also found in the training file. */
  public record Contamination(long sameId, long sameFeatures, long nearDuplicateText, long anyOverlap, double share,
      List<String> featureColumns, List<String> textColumns) {}

  /** Rows in one slice group against the rows needed for the target interval half-width. */
  public record SliceGroup(String slice, String group, long rows, long counted, long needed, boolean tooSmall) {}
}
