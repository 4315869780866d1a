package dev.holdout.judge;

import dev.holdout.stats.Probability;

/**
 * Prediction-powered inference for a mean (Angelopoulos et al., Science 2023; the power-tuned PPI++
 * of Angelopoulos, Duchi and Zrnic 2024): the mean grade people would give every answer, estimated
 * from the judge's grades on all answers, corrected by the differences between people and judge on
 * the answers people graded. With {@code n} graded and {@code N} ungraded answers, judge grades f
 * and human grades y:
 *
 * <pre>
 *   theta = mean(y) + lambda * (mean(f, ungraded) - mean(f, graded))
 *   lambda = cov(y, f) / ((1 + n / N) * var(f)), clipped to [0, 1]
 *   se^2 = var(y - lambda * f, graded) / n + lambda^2 * var(f, ungraded) / N
 * </pre>
 *
 * The interval theta +- z * se is valid whatever the judge's quality: a poor judge only widens it
 * (lambda near 0 falls back to the human grades alone), which is why a criterion on this figure
 * needs no agreement check, unlike one on the judge's own mean grade.
 */
public record Ppi(double value, double se, double lambda, int graded, int ungraded) {

  /** The estimate from judge grades of the ungraded answers and judge and human grades of the graded ones; null when fewer than two are graded. */
  public static Ppi of(double[] judgeUngraded, double[] judgeGraded, double[] human) {
    int n = human.length;
    int bigN = judgeUngraded.length;
    if (judgeGraded.length != n) throw new IllegalArgumentException(judgeGraded.length + " judge grades for " + n + " human grades");
    if (n < 2) return null;
    double meanY = mean(human);
    double meanFl = mean(judgeGraded);
    if (bigN == 0) return new Ppi(meanY, Math.sqrt(variance(human, meanY) / n), 0, n, 0);
    double meanFu = mean(judgeUngraded);
    double cov = 0;
    for (int i = 0; i < n; i++) cov += (human[i] - meanY) * (judgeGraded[i] - meanFl);
    cov /= n - 1;
    double[] all = new double[n + bigN];
    System.arraycopy(judgeGraded, 0, all, 0, n);
    System.arraycopy(judgeUngraded, 0, all, n, bigN);
    double varF = variance(all, mean(all));
    double lambda = varF == 0 ? 0 : Math.max(0, Math.min(1, cov / ((1 + (double) n / bigN) * varF)));
    double[] residual = new double[n];
    for (int i = 0; i < n; i++) residual[i] = human[i] - lambda * judgeGraded[i];
    double varR = variance(residual, mean(residual));
    double varFu = bigN < 2 ? 0 : variance(judgeUngraded, meanFu);
    double se = Math.sqrt(varR / n + lambda * lambda * varFu / bigN);
    return new Ppi(meanY + lambda * (meanFu - meanFl), se, lambda, n, bigN);
  }

  /** The normal interval {lower, upper} at {@code confidence}. */
  public double[] interval(double confidence) {
    double z = Probability.normalQuantile(1 - (1 - confidence) / 2);
    return new double[] {value - z * se, value + z * se};
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) s += x;
    return s / v.length;
  }

  private static double variance(double[] v, double mean) {
    if (v.length < 2) return 0;
    double s = 0;
    for (double x : v) s += (x - mean) * (x - mean);
    return s / (v.length - 1);
  }
}
