package dev.holdout.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.holdout.verdict.CriterionResult;
import dev.holdout.verdict.Verdict;
import java.util.List;
import java.util.Map;

/** One submission evaluated against one suite: the {@code holdout.report/v1} contract. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Report(
    String schema,
    SuiteInfo suite,
    SubmissionInfo submission,
    Rows rows,
    Map<String, Estimate> metrics,
    ConfusionMatrix confusionMatrix,
    Map<String, ClassFigures> perClass,
    CostSummary costs,
    Map<String, Map<String, SliceGroup>> slices,
    BaselineResult baseline,
    List<CriterionResult> criteria,
    Verdict verdict,
    BootstrapInfo bootstrap,
    Provenance provenance) {

  public static final String SCHEMA = "holdout.report/v1";

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SuiteInfo(String name, String problem, String task, String primaryMetric, String file, String sha256,
      String data, String dataSha256) {}

  public record SubmissionInfo(String name, String file, String sha256) {}

  /** Rows evaluated; predictions missing for evaluation ids; predictions for ids not in the set; rows left out by {@code missing: ignore}. */
  public record Rows(long evaluated, long missingPredictions, long extraPredictions, long ignored) {}

  /**
   * A value with its interval; or no value and the reason. {@code pValue} appears on differences;
   * {@code undefinedReplicates} counts bootstrap replicates where the metric had no value.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Estimate(Double value, List<Double> ci, String undefined, Double pValue, Integer undefinedReplicates) {}

  /** Counts by true label (rows) then predicted label (columns); binary adds the threshold. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ConfusionMatrix(List<String> labels, List<List<Double>> counts, Double threshold) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ClassFigures(Estimate precision, Estimate recall, Estimate f1, double support) {}

  /** Expected cost per decision and per 1,000, and for binary the cost-optimal threshold. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CostSummary(double perDecision, double per1000, Double optimalThreshold, Double optimalPer1000, String note) {}

  public record SliceGroup(long rows, Map<String, Estimate> metrics) {}

  /**
   * The baseline (its kind: majority, prior, mean, median or column:NAME, and what it predicts),
   * its metrics, and the submission minus baseline with paired intervals and one-sided p-values.
   */
  public record BaselineResult(String name, String description, Map<String, Estimate> metrics, Map<String, Estimate> difference) {}

  public record BootstrapInfo(String method, int replicates, double confidence, long seed, int maxCells, String note) {}

  public record Provenance(String holdoutVersion, String java, String createdAt) {}
}
