package dev.holdout.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.holdout.drift.DriftReport;
import dev.holdout.result.Report;
import dev.holdout.verdict.CriterionResult;
import java.util.List;
import java.util.Map;

/**
 * The {@code holdout.monitor/v1} report: one entry per window of the log (drift against the
 * reference, realized performance where outcomes are known, CBPE estimates for binary
 * classifiers), the alerts, and what was not judged. Renderers present it; they compute nothing.
 *
 * @param status ALERT when any window raised an alert, else OK
 * @param thresholds the bars each chart draws: per metric, the suite's min or max criteria on it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MonitorReport(
    String schema,
    Source log,
    Source reference,
    Source outcomes,
    SuiteInfo suite,
    WindowInfo window,
    long rows,
    long labeledRows,
    List<WindowResult> windows,
    List<Alert> alerts,
    String status,
    List<Threshold> thresholds,
    String cbpeAssumption,
    double confidence,
    int replicates,
    long seed,
    List<String> notes,
    Report.Provenance provenance) {

  public static final String SCHEMA = "holdout.monitor/v1";

  /** A file and its row count. */
  public record Source(String path, long rows) {}

  /** The suite: name, task, primary metric, file and the problem sentence (null in reports written before it was kept). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SuiteInfo(String name, String task, String primaryMetric, String file, String problem) {}

  /** How windows are cut: {@code day}, {@code week}, {@code month} or {@code rows}; the row count; the time column. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record WindowInfo(String kind, Long size, String timeColumn) {}

  /** A bar drawn on a metric's chart: a suite criterion on that metric. */
  public record Threshold(String metric, String criterion, String kind, double value) {}

  /**
   * One window. {@code start}/{@code end}: ISO dates (end exclusive) for calendar windows, row
   * numbers (both inclusive) for row windows. An empty window has no drift, metrics or estimates.
   *
   * @param drift the window's {@code holdout.drift/v1} report against the reference (sketched; no domain classifier)
   * @param slices the same judgement per group of the suite's categorical slice columns (informative, never an alert)
   * @param metrics realized performance on the window's labeled rows, as {@code holdout evaluate} computes it
   * @param criteria the suite's criteria judged on the labeled rows
   * @param verdict ACCEPTED, REJECTED or INCONCLUSIVE on the labeled rows
   * @param estimated CBPE estimates from the scores of every row (binary classification)
   * @param challenger the shadow challenger beside the champion on the window's labeled rows (null without one)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record WindowResult(
      int index,
      String label,
      String start,
      String end,
      long rows,
      long labeledRows,
      boolean empty,
      String driftVerdict,
      Integer driftedFeatures,
      Integer featureColumns,
      DriftReport drift,
      Map<String, Map<String, DriftReport.SliceGroup>> slices,
      Map<String, Report.Estimate> metrics,
      List<CriterionResult> criteria,
      String verdict,
      Map<String, Report.Estimate> estimated,
      List<String> alerts,
      Challenger challenger) {
    /** A window without a shadow challenger. */
    public WindowResult(int index, String label, String start, String end, long rows, long labeledRows, boolean empty, String driftVerdict,
        Integer driftedFeatures, Integer featureColumns, DriftReport drift, Map<String, Map<String, DriftReport.SliceGroup>> slices,
        Map<String, Report.Estimate> metrics, List<CriterionResult> criteria, String verdict, Map<String, Report.Estimate> estimated, List<String> alerts) {
      this(index, label, start, end, rows, labeledRows, empty, driftVerdict, driftedFeatures, featureColumns, drift, slices, metrics, criteria, verdict,
          estimated, alerts, null);
    }
  }

  /**
   * A shadow challenger on a window's labeled rows, paired with the champion: the primary metric of
   * each and the difference challenger − champion with its paired bootstrap interval and the
   * one-sided p-value that the challenger is no better; {@code verdict}: challenger better, champion
   * better (the interval excludes 0) or no difference shown.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Challenger(String name, String column, String championColumn, String metric, long labeledRows, Report.Estimate champion,
      Report.Estimate challenger, Report.Estimate difference, String verdict) {}

  /**
   * One alert: the window, its kind ({@code drift}, {@code performance}: a criterion FAILed on
   * the labeled rows, {@code estimated_performance}: a CBPE estimate crossed a criterion's bar in
   * a window without outcomes), what crossed and a sentence.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Alert(String window, String kind, String subject, Double observed, Double threshold, String message) {}

  public boolean alert() {
    return !alerts.isEmpty();
  }
}
