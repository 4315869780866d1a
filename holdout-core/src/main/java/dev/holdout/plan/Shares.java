package dev.holdout.plan;

import dev.holdout.base.Format;

/**
 * Metrics that are the share of rows (or queries, or answers) with a hit: multiclass accuracy and
 * top_k_accuracy; and, as a bound, metrics that are means of per-row values between 0 and 1
 * (retrieval's recall@k or ndcg@k, text generation's token_f1 ...). Each row is a hit with
 * probability equal to the expected value. For a mean of values in [0, 1] that is the most
 * variable row a mean of that size can have, so the rows it asks for are an upper bound: rows with
 * partial credit need fewer.
 */
final class Shares implements Scenario {
  private final double share;
  private final boolean bound;

  Shares(double share, boolean bound) {
    this.share = share;
    this.bound = bound;
  }

  @Override
  public double[] probabilities() {
    return new double[] {share, 1 - share};
  }

  @Override
  public int[] strata() {
    return null;
  }

  @Override
  public double metric(double[] w) {
    double total = w[0] + w[1];
    return total > 0 ? w[0] / total : Double.NaN;
  }

  @Override
  public String describe() {
    return bound ? "each row's value 0 or 1 with mean " + Format.plain(share) + ": the most variable rows with that mean, so an upper bound"
        : "each row right with probability " + Format.plain(share);
  }
}
