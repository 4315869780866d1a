package dev.holdout.engagement;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.List;

/**
 * One delivery's engagement in money, from {@link CostModel}: the measured expected cost per 1,000
 * decisions (negative is a net gain) and the baseline's, the savings a year over the baseline, the
 * one-off and yearly costs, the total cost of ownership, the net value over the years and the
 * months to break even, with the intervals the bootstrap gives. {@code savingsPerYear},
 * {@code netValue} and {@code breakEvenMonths} are null when the suite has no costs; a
 * {@code breakEvenMonths} value or end that is null means never (the yearly savings do not cover
 * the yearly run cost). {@code basis} says what the savings are counted against;
 * {@code businessCase} compares {@code expected_savings} with the measured interval.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Economics(
    String vendor,
    String currency,
    @JsonProperty("cost_per_1000") Range costPer1000,
    @JsonProperty("baseline_per_1000") Double baselinePer1000,
    Range savingsPerYear,
    double buildPrice,
    double dataPreparation,
    double runPerYear,
    int years,
    double decisionsPerYear,
    double totalCost,
    Range netValue,
    Range breakEvenMonths,
    String basis,
    String businessCase,
    List<String> notes) {

  /**
   * A point value and its interval; null entries mean the value does not exist (never breaks even)
   * and {@code ci} is null when no interval was measured.
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Range(Double value, List<Double> ci) {
    static Range of(Double value, Double low, Double high) {
      return new Range(value, low == null && high == null ? null : Arrays.asList(low, high));
    }
  }
}
