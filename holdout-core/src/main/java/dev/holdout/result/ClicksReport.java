package dev.holdout.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * {@code holdout clicks}' answer, {@code holdout.clicks/v1}: the click log read, the position-based
 * model fitted to it (examination by position), the graded judgements written, and, with a new
 * ranking, the inverse-propensity-scored estimate of its clicks beside the logged ranking's.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClicksReport(String schema, Log log, Model model, Judgements judgements, Counterfactual counterfactual, Report.Provenance provenance) {
  public static final String SCHEMA = "holdout.clicks/v1";

  /** The log: rows (results shown), sessions (shown lists), queries, (query, document) pairs, clicks; {@code dwell} says how clicks were counted. */
  public record Log(String file, String sha256, long rows, long sessions, long queries, long pairs, long clicks, String dwell) {}

  /** The fitted click model and each position's examination probability relative to the top. */
  public record Model(String name, int iterations, boolean converged, List<Position> examination) {}

  public record Position(int position, double examination, long shown, long clicks) {}

  /**
   * The judgements file: pairs shown at least {@code minShown} times get a grade, the number of
   * {@code thresholds} their attractiveness reaches (0 to thresholds.size()); {@code grades} counts
   * pairs per grade.
   */
  public record Judgements(String file, long minShown, List<Double> thresholds, long judged, long tooFewShown, Map<String, Long> grades) {}

  /**
   * A new ranking's estimated clicks in its top {@code k} per session, from the logged clicks by
   * inverse propensity scoring with each weight capped at {@code clip}; {@code metrics} holds
   * ips_ctr@k and ips_dcg@k of the new ranking, logged_ctr@k of the logged one and lift_ctr@k
   * (new minus logged, paired), each with an interval that resamples {@code unit}s.
   */
  public record Counterfactual(String ranking, String sha256, int k, double clip, String unit, long units, long sessions, long sessionsUnranked,
      Map<String, Report.Estimate> metrics, int replicates, double confidence, long seed, String note) {}
}
