package dev.holdout.clicks;

import java.util.Arrays;

/**
 * The position-based click model (PBM; Chuklin, Markov and de Rijke, "Click Models for Web
 * Search", 2015, section 3.4): a result at position k is clicked when it is examined, with
 * probability {@code examination[k]} that depends on the position alone, and attractive, with
 * probability {@code attractiveness[pair]} that depends on the query and the document alone.
 * Fitted by expectation-maximization on the log (section 4.2): from 0.5 everywhere, at most
 * {@code maxIterations} rounds, stopping when no parameter moves by more than {@code tolerance}.
 * The likelihood depends on products examination times attractiveness only, so the fit is scaled
 * to examination 1 at the top position (the top result is always looked at) and attractiveness
 * is then the chance of a click at the top, capped at 1. Immutable.
 */
public final class PositionBasedModel {
  /** examination[k] for positions k = 1..max; examination[0] is unused. */
  final double[] examination;
  final double[] attractiveness;
  final int iterations;
  final boolean converged;

  private PositionBasedModel(double[] examination, double[] attractiveness, int iterations, boolean converged) {
    this.examination = examination;
    this.attractiveness = attractiveness;
    this.iterations = iterations;
    this.converged = converged;
  }

  /** The examination probability of position k (1 = top), relative to the top. */
  public double examination(int k) {
    return examination[k];
  }

  /** The attractiveness of (query, document) pair {@code pair}: the chance of a click when examined. */
  public double attractiveness(int pair) {
    return attractiveness[pair];
  }

  public int iterations() {
    return iterations;
  }

  public boolean converged() {
    return converged;
  }

  public static PositionBasedModel fit(ClickLog log, int maxIterations, double tolerance) {
    int positions = log.maxPosition;
    int pairs = log.pairs();
    double[] theta = new double[positions + 1];
    double[] gamma = new double[pairs];
    Arrays.fill(theta, 0.5);
    Arrays.fill(gamma, 0.5);
    long[] shownAt = new long[positions + 1];
    long[] shownPair = new long[pairs];
    for (int i = 0; i < log.rows; i++) {
      shownAt[log.position[i]]++;
      shownPair[log.pairOf[i]]++;
    }
    double[] sumTheta = new double[positions + 1];
    double[] sumGamma = new double[pairs];
    int it = 0;
    boolean converged = false;
    while (it < maxIterations && !converged) {
      it++;
      Arrays.fill(sumTheta, 0);
      Arrays.fill(sumGamma, 0);
      for (int i = 0; i < log.rows; i++) {
        int k = log.position[i];
        int p = log.pairOf[i];
        if (log.clicked[i]) {
          sumTheta[k] += 1;
          sumGamma[p] += 1;
        } else {
          double t = theta[k];
          double g = gamma[p];
          double none = 1 - t * g;
          // P(examined, not attractive | no click) and P(not examined, attractive | no click)
          sumTheta[k] += t * (1 - g) / none;
          sumGamma[p] += (1 - t) * g / none;
        }
      }
      // the likelihood is flat along (examination * c, attractiveness / c): judge convergence on the scaled values
      double before = theta[1];
      for (int k = 1; k <= positions; k++) if (shownAt[k] > 0) sumTheta[k] /= shownAt[k];
      double after = shownAt[1] > 0 ? sumTheta[1] : 1;
      double moved = 0;
      for (int k = 1; k <= positions; k++) {
        if (shownAt[k] == 0) continue;
        moved = Math.max(moved, Math.abs(sumTheta[k] / after - theta[k] / before));
        theta[k] = sumTheta[k];
      }
      for (int p = 0; p < pairs; p++) {
        double v = sumGamma[p] / shownPair[p];
        moved = Math.max(moved, Math.abs(v * after - gamma[p] * before));
        gamma[p] = v;
      }
      converged = moved <= tolerance;
    }
    double top = theta[1] > 0 ? theta[1] : 1;
    double[] examination = new double[positions + 1];
    for (int k = 1; k <= positions; k++) examination[k] = shownAt[k] == 0 ? Double.NaN : Math.min(1, theta[k] / top);
    double[] attractiveness = new double[pairs];
    for (int p = 0; p < pairs; p++) attractiveness[p] = Math.min(1, gamma[p] * top);
    return new PositionBasedModel(examination, attractiveness, it, converged);
  }
}
