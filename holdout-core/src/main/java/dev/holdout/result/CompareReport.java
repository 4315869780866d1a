package dev.holdout.result;

import dev.holdout.verdict.Verdict;
import java.util.List;

/**
 * Several submissions on the same suite, {@code holdout.compare/v1}: ranked by the primary metric,
 * with the paired difference of every pair (first minus second) so the buyer sees which gaps are real.
 */
public record CompareReport(
    String schema,
    Report.SuiteInfo suite,
    String primaryMetric,
    List<Ranked> ranking,
    List<Pair> pairs,
    List<Report> reports,
    Report.Provenance provenance) {

  public static final String SCHEMA = "holdout.compare/v1";

  public record Ranked(int rank, String name, Report.Estimate primary, Verdict verdict) {}

  public record Pair(String a, String b, long rows, Report.Estimate difference) {}
}
