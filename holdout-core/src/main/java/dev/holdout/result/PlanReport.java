package dev.holdout.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code holdout plan}'s answer, {@code holdout.plan/v1}: for each criterion, how many labeled
 * rows (or groups, with data.group) the evaluation set needs so that it is decided (PASS or FAIL,
 * not INCONCLUSIVE) in at least {@code power} of simulated evaluations when the metric's true value
 * is the expected one. {@code rowsNeeded} at the top is the largest over the criteria planned.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlanReport(
    String schema,
    Report.SuiteInfo suite,
    double power,
    String unit,
    Population population,
    Simulation simulation,
    List<CriterionPlan> criteria,
    Long rowsNeeded,
    Report.Provenance provenance) {

  public static final String SCHEMA = "holdout.plan/v1";

  /**
   * Where the population's shape came from: {@code source} is the evaluation set's file name or
   * "none"; its rows and groups; the positive rate used for binary suites and a note on any
   * assumption made.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Population(String source, Long rows, Long groups, Double positiveRate, String note) {}

  /**
   * How each size was tried: simulated evaluations per size, bootstrap replicates and confidence
   * of each (the suite's), the level criteria were judged at, the seed, and the search.
   */
  public record Simulation(int evaluations, int replicates, double confidence, double level, String adjust, long seed, String search) {}

  /**
   * One criterion's plan: the expected value, the rows needed and, at that size, the shares of
   * simulated evaluations decided, PASS and FAIL, with the model simulated; or {@code notPlanned}
   * saying why there is no number (no --expect for its metric, a slice criterion, a point
   * criterion that is always decided, a value on the bar ...).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CriterionPlan(String id, String description, String metric, Double expected, Long rowsNeeded, Double decided, Double pass,
      Double fail, String model, String notPlanned) {}
}
