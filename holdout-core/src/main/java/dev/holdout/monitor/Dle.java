package dev.holdout.monitor;

/**
 * Direct loss estimation (DLE) for a regression model, as NannyML defines it: on the reference,
 * where outcomes are known, a second model learns each row's loss (the absolute error for mae, the
 * squared error for mse and rmse) from the features and the model's prediction; on a window without
 * outcomes, the estimated mae is the mean of the predicted absolute errors, the estimated rmse the
 * square root of the mean predicted squared error. The loss model is {@link LossTrees}
 * (gradient-boosted trees, as NannyML's LightGBM). Unlike CBPE it needs no calibrated
 * probabilities, but it shares CBPE's other assumption: no concept drift (the relation between
 * inputs and outcome, hence between inputs and error, is as it was in the reference); what it sees
 * is a shift towards inputs where the model was already worse or better.
 */
public final class Dle {
  /** What the loss model learns. */
  public enum Loss {
    /** |y − ŷ|: estimates mae. */
    ABSOLUTE,
    /** (y − ŷ)²: estimates mse, and rmse as its root. */
    SQUARED
  }

  private final Loss loss;
  private final LossTrees model;

  private Dle(Loss loss, LossTrees model) {
    this.loss = loss;
    this.model = model;
  }

  /** Fits the loss model on the reference: features (rows × columns, NaN for missing), predictions and outcomes. */
  public static Dle fit(double[][] features, double[] predictions, double[] actuals, Loss loss) {
    int n = actuals.length;
    if (n < 2 * LossTrees.MIN_LEAF) throw new IllegalArgumentException("DLE needs at least " + 2 * LossTrees.MIN_LEAF + " reference rows, found " + n);
    double[] target = new double[n];
    for (int i = 0; i < n; i++) {
      double e = actuals[i] - predictions[i];
      target[i] = loss == Loss.ABSOLUTE ? Math.abs(e) : e * e;
    }
    return new Dle(loss, LossTrees.fit(withPrediction(features, predictions), target));
  }

  /** Each row's predicted loss (never below 0). */
  public double[] losses(double[][] features, double[] predictions) {
    double[][] x = withPrediction(features, predictions);
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) out[i] = Math.max(0, model.predict(x[i]));
    return out;
  }

  /** The estimated mae (absolute loss) or rmse (squared loss) of the rows; NaN without rows. */
  public double estimate(double[][] features, double[] predictions) {
    double[] l = losses(features, predictions);
    if (l.length == 0) return Double.NaN;
    double sum = 0;
    for (double v : l) sum += v;
    double mean = sum / l.length;
    return loss == Loss.ABSOLUTE ? mean : Math.sqrt(mean);
  }

  private static double[][] withPrediction(double[][] features, double[] predictions) {
    double[][] x = new double[predictions.length][];
    for (int i = 0; i < x.length; i++) {
      int d = features.length == 0 ? 0 : features[i].length;
      x[i] = new double[d + 1];
      if (d > 0) System.arraycopy(features[i], 0, x[i], 0, d);
      x[i][d] = predictions[i];
    }
    return x;
  }
}
