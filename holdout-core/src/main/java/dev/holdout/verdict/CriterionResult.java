package dev.holdout.verdict;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * How one criterion was judged: the observed value (for slice criteria, the worst group's value
 * or the gap), its interval, the status, and for INCONCLUSIVE the estimated extra labeled rows.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CriterionResult(
    String id,
    String description,
    String metric,
    String slice,
    String group,
    Status status,
    Double observed,
    double threshold,
    List<Double> ci,
    Long rowsToDecide,
    String reason) {}
