package dev.holdout.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.holdout.verdict.Verdict;
import java.util.List;

/**
 * Several submissions on the same suite, {@code holdout.compare/v1}: ranked by the primary metric,
 * with the paired difference and the paired test of every pair (first minus second) so the buyer
 * sees which gaps are real, and tiers of submissions that cannot be told apart.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompareReport(
    String schema,
    Report.SuiteInfo suite,
    String primaryMetric,
    List<Ranked> ranking,
    List<Pair> pairs,
    List<Report> reports,
    Report.Provenance provenance,
    Tiering tiering) {

  public static final String SCHEMA = "holdout.compare/v1";

  /** A comparison without tiers (written before issue 15). */
  public CompareReport(String schema, Report.SuiteInfo suite, String primaryMetric, List<Ranked> ranking, List<Pair> pairs, List<Report> reports,
      Report.Provenance provenance) {
    this(schema, suite, primaryMetric, ranking, pairs, reports, provenance, null);
  }

  /**
   * One submission's place: its rank by the point value, and its tier (1 for the best; a
   * submission shares the tier of those it cannot be told apart from, see {@link Tiering}); no tier
   * when its primary metric has no value.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Ranked(int rank, String name, Report.Estimate primary, Verdict verdict, Integer tier) {
    public Ranked(int rank, String name, Report.Estimate primary, Verdict verdict) {
      this(rank, name, primary, verdict, null);
    }
  }

  /** Two submissions on the rows both were scored on: a − b with its paired interval, and the paired test. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Pair(String a, String b, long rows, Report.Estimate difference, Test test) {
    public Pair(String a, String b, long rows, Report.Estimate difference) {
      this(a, b, rows, difference, null);
    }
  }

  /**
   * The two-sided paired test of a pair on the primary metric: {@code name} is a key
   * ({@code delong}, {@code delong_clustered}, {@code mcnemar_exact}, {@code mcnemar_chi_square},
   * {@code mcnemar_clustered}, {@code paired_bootstrap}, {@code paired_cluster_bootstrap}),
   * {@code description} says it in words with its source; {@code statistic} is z (DeLong), the
   * smaller discordant count (exact McNemar) or chi-square (the others; none for the bootstrap);
   * {@code pHolm} the p-value after Holm's adjustment over every pair tested, and {@code different}
   * whether that is at most the comparison's alpha. Without a value, {@code undefined} says why.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Test(String name, String description, Double statistic, Double pValue, Double pHolm, Boolean different, String detail,
      String undefined) {}

  /**
   * How tiers were formed: walking the ranking best first, a submission joins the current tier
   * unless the test of it against the tier's best says it differs ({@code p_holm <= alpha}), and
   * then starts the next tier. {@code alpha} is 1 − the suite's confidence (two-sided);
   * {@code pairs} the number of pairs in Holm's family.
   */
  public record Tiering(String test, double alpha, int pairs, String adjust, String rule) {}
}
