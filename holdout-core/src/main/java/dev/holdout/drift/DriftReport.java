package dev.holdout.drift;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The {@code holdout.drift/v1} report: per-column drift, the domain classifier and the verdict.
 * Renderers present it; they compute nothing.
 *
 * @param verdict DRIFT or NO_DRIFT
 * @param reasons why DRIFT, one sentence per triggered rule (empty for NO_DRIFT)
 * @param featureColumns feature columns judged (not empty on a side)
 * @param driftedFeatures feature columns flagged
 * @param domainClassifier null when turned off, with {@code domainClassifierNote} saying why
 * @param notes what was not judged and why (a label absent from the current window, ...)
 * @param slices per slice column and group (the suite's categorical {@code data.slices}): the same
 *     judgement on the rows of that group in both windows, without the domain classifier; null when
 *     no slices were asked for
 */
public record DriftReport(
    String schema,
    Window reference,
    Window current,
    String verdict,
    List<String> reasons,
    String rule,
    double shareThreshold,
    int featureColumns,
    int driftedFeatures,
    Double driftedShare,
    List<ColumnDrift> columns,
    DomainCheck.Result domainClassifier,
    String domainClassifierNote,
    double confidence,
    int replicates,
    long seed,
    List<String> notes,
    Map<String, Map<String, SliceGroup>> slices) {

  public static final String SCHEMA = "holdout.drift/v1";

  /** One window: its file and row count. */
  public record Window(String path, long rows) {}

  /**
   * One slice group: its rows on each side, its verdict by the same rule (null, with {@code note},
   * when a side has no rows of the group), and its columns.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SliceGroup(long referenceRows, long currentRows, String verdict, List<String> reasons, Integer featureColumns,
      Integer driftedFeatures, List<String> driftedColumns, List<ColumnDrift> columns, String note) {}

  public boolean drift() {
    return verdict.equals("DRIFT");
  }
}
