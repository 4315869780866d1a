package dev.holdout.drift;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The domain classifier as a logistic regression on arrays: one weight per feature and a bias,
 * fit by AdaGrad (learning rate 1.0, epsilon 0.1) over {@value #EPOCHS} epochs of single-row steps
 * in a seeded order, the settings of the Tribuo learner it replaces. Written out because the
 * learner is a few dozen multiply-adds per row: Tribuo built, sorted and looked up an object per
 * row and per step, which was most of {@code holdout drift}'s time at its defaults. Linear, so it
 * finds shifts of location and of category shares, not a change of spread alone (the per-column
 * statistics catch those).
 */
public final class LogisticDomainClassifier implements DomainClassifier {
  static final int EPOCHS = 10;
  static final double LEARNING_RATE = 1.0;
  static final double EPSILON = 0.1;

  @Override
  public String description() {
    return "logistic regression (AdaGrad, " + EPOCHS + " epochs)";
  }

  @Override
  public Scorer train(double[][] rows, boolean[] current, List<String> features, long seed) {
    int p = features.size();
    double[] w = new double[p + 1];  // the bias last
    double[] squares = new double[p + 1];
    int[] order = new int[rows.length];
    for (int i = 0; i < order.length; i++) order[i] = i;
    SplittableRandom random = new SplittableRandom(seed);
    for (int epoch = 0; epoch < EPOCHS; epoch++) {
      shuffle(order, random);
      for (int i : order) {
        double[] x = rows[i];
        double g = Linear.logistic(Linear.margin(w, x)) - (current[i] ? 1 : 0);  // d(log loss)/d(margin)
        if (g == 0) continue;
        // AdaGrad: each coordinate's step scaled by the root of its summed squared gradients. A zero
        // feature has a zero gradient and so moves nothing; the loop has no branch, so it vectorises.
        for (int j = 0; j < p; j++) {
          double gj = g * x[j];
          squares[j] += gj * gj;
          w[j] -= LEARNING_RATE * gj / (EPSILON + Math.sqrt(squares[j]));
        }
        squares[p] += g * g;
        w[p] -= LEARNING_RATE * g / (EPSILON + Math.sqrt(squares[p]));
      }
    }
    return (Linear) () -> w;
  }

  private static void shuffle(int[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
