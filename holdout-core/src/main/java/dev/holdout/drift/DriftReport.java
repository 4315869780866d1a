package dev.holdout.drift;

import java.util.List;

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
    List<String> notes) {

  public static final String SCHEMA = "holdout.drift/v1";

  /** One window: its file and row count. */
  public record Window(String path, long rows) {}

  public boolean drift() {
    return verdict.equals("DRIFT");
  }
}
