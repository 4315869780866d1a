package dev.holdout.plan;

/**
 * A model of the evaluation rows for one metric at its expected value: the population as a fixed
 * set of cells with probabilities, so a simulated evaluation set of any size is a multinomial draw
 * over the same cells and costs the same whatever its size.
 */
interface Scenario {
  /** The population's cells: their probabilities (summing to 1). */
  double[] probabilities();

  /**
   * Each cell's stratum when the suite keeps the rows of each label fixed
   * ({@code bootstrap.stratify: label}), else null.
   */
  int[] strata();

  /** The metric under cell weights (rows per cell); NaN when undefined. */
  double metric(double[] weights);

  /** One sentence on the model, for the plan. */
  String describe();
}
