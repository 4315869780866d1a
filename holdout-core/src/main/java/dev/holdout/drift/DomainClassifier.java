package dev.holdout.drift;

import java.util.List;

/**
 * A learner that tells reference rows from current rows. Implementations must be deterministic for
 * a seed. Features arrive standardised (numeric: z-scores against the reference sample; categorical:
 * 0/1 indicators), so weights of different columns are comparable.
 */
public interface DomainClassifier {
  /**
   * Out-of-fold scores (higher means "more like the current window") for every row under
   * {@code folds}-fold cross-validation with the given fold of each row, and an importance per
   * feature from a model fit on all rows.
   */
  Fit fit(double[][] rows, boolean[] current, List<String> features, int[] fold, int folds, long seed);

  /** What learned, for the report: "Tribuo 4.3.2 logistic regression (...)". */
  String description();

  /** Scores and importances; {@code importance[f]} is non-negative. */
  record Fit(double[] outOfFold, double[] importance) {}
}
