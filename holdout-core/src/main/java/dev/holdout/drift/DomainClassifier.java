package dev.holdout.drift;

import java.util.List;

/**
 * A learner that tells reference rows from current rows. Implementations must be deterministic for
 * a seed. Features arrive standardised (numeric: z-scores against the reference sample; categorical:
 * 0/1 indicators). {@link DomainCheck} cross-validates it and measures each column's importance by
 * permutation, so a learner only trains and scores.
 */
public interface DomainClassifier {
  /** A model fit on {@code rows}, {@code current[i]} telling which window row i came from. */
  Scorer train(double[][] rows, boolean[] current, List<String> features, long seed);

  /** What learned, for the report: "Tribuo 4.3.2 logistic regression (...)". */
  String description();

  /** A fitted model: higher scores mean "more like the current window". Called from several threads at once, so it must keep no state between calls. */
  @FunctionalInterface
  interface Scorer {
    double score(double[] row);
  }

  /**
   * A scorer that is the logistic of a weighted sum, {@code 1 / (1 + exp(-(w·row + bias)))}: the
   * permutation importance then rescores a row with one column's values swapped from the sums of
   * that column's features alone, instead of the whole row.
   */
  interface Linear extends Scorer {
    /** The weights per feature, the bias last; not to be changed. */
    double[] weights();

    @Override
    default double score(double[] row) {
      return logistic(margin(weights(), row));
    }

    /** The weighted sum of {@code row}'s features plus the bias. */
    static double margin(double[] w, double[] row) {
      int p = w.length - 1;
      double m = w[p];
      for (int j = 0; j < p; j++) m += w[j] * row[j];
      return m;
    }

    static double logistic(double margin) {
      return 1 / (1 + Math.exp(-margin));
    }
  }
}
