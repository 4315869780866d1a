package dev.holdout.drift;

/**
 * One column's drift. {@code score} is the p-value for p-value methods and the distance otherwise;
 * {@code low}/{@code high} bound a distance at the report's confidence (null for p-values);
 * {@code drifted} is null, with {@code note} saying why, when a side has no values.
 *
 * @param role feature, prediction or label
 * @param kind numeric or categorical, as read from the reference
 * @param judgedAs numeric, or categorical (a numeric column with at most 5 distinct reference values is judged by its values' shares)
 * @param statistic the test statistic: KS D, chi-square, or the distance itself
 * @param pValue the test's own p-value (p-value methods), else null
 * @param adjustedPValue the p-value adjusted by Benjamini-Hochberg over every column of the report
 *     judged by a p-value ({@link dev.holdout.stats.FalseDiscovery}); it is the {@code score}
 *     compared with the threshold, so the report controls the false discovery rate over columns;
 *     null for distances
 * @param ksStatistic the Kolmogorov-Smirnov statistic of a column judged as numeric, whatever the method (reported, not judged); else null
 * @param computed how: {@code exact} (from every value), or {@code sketch} (from KLL or frequent-items sketches; see docs/drift.md for the error)
 * @param basis why this method and threshold: the default rule or the suite key that chose it
 */
public record ColumnDrift(
    String column,
    String role,
    String kind,
    String judgedAs,
    String method,
    Double statistic,
    Double pValue,
    Double adjustedPValue,
    Double ksStatistic,
    Double score,
    Double low,
    Double high,
    double threshold,
    Boolean drifted,
    long referenceRows,
    long currentRows,
    long referenceMissing,
    long currentMissing,
    String basis,
    String computed,
    String note) {

  /** A column as first judged, before any adjustment over the report's columns. */
  public ColumnDrift(String column, String role, String kind, String judgedAs, String method, Double statistic, Double pValue,
      Double ksStatistic, Double score, Double low, Double high, double threshold, Boolean drifted, long referenceRows,
      long currentRows, long referenceMissing, long currentMissing, String basis, String computed, String note) {
    this(column, role, kind, judgedAs, method, statistic, pValue, null, ksStatistic, score, low, high, threshold, drifted, referenceRows,
        currentRows, referenceMissing, currentMissing, basis, computed, note);
  }

  /** This column judged on {@code adjusted}, its p-value adjusted over the report's columns: drift below the threshold. */
  ColumnDrift adjusted(double adjusted) {
    return new ColumnDrift(column, role, kind, judgedAs, method, statistic, pValue, adjusted, ksStatistic, adjusted, low, high, threshold,
        adjusted < threshold, referenceRows, currentRows, referenceMissing, currentMissing, basis, computed, note);
  }
}
