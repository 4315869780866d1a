package dev.holdout.verdict;

/**
 * How a suite's criteria share the error rate ({@code verdict.adjust}): each judged alone at the
 * suite's confidence ({@code none}, the default), or as one family by Holm's step-down procedure
 * ({@code holm}), so the chance of any wrong PASS or FAIL among them is at most the one-sided
 * level (1 - confidence) / 2 however many criteria there are.
 */
public enum Adjustment {
  NONE("none"),
  HOLM("holm");

  private final String key;

  Adjustment(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }
}
