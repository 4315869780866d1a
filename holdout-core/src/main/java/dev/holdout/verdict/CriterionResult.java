package dev.holdout.verdict;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * How one criterion was judged: the observed value (for slice criteria, the worst group's value
 * or the gap), its interval, the status, and for INCONCLUSIVE the estimated extra labeled rows.
 * {@code kind} is the suite key of the bar: min, max, worst_min, worst_max, max_gap or min_lift.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CriterionResult(
    String id,
    String description,
    String kind,
    String metric,
    String slice,
    String group,
    Status status,
    Double observed,
    double threshold,
    List<Double> ci,
    Long rowsToDecide,
    String reason) {}
