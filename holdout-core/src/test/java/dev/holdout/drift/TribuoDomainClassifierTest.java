package dev.holdout.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tribuo.classification.sgd.linear.LinearSGDModel;

class TribuoDomainClassifierTest {
  /** Rows as DomainCheck makes them: z-scores, a missing indicator, and a category's 0/1 indicators. */
  private static double[][] rows(int n, SplittableRandom r, boolean[] current) {
    double[][] x = new double[n][6];
    for (int i = 0; i < n; i++) {
      boolean cur = current != null && (current[i] = r.nextBoolean());
      x[i][0] = r.nextGaussian() + (cur ? 0.4 : 0);
      x[i][1] = r.nextDouble() < 0.1 ? 0 : r.nextGaussian();
      x[i][2] = r.nextDouble() < 0.1 ? 1 : 0;
      int category = r.nextInt(cur ? 3 : 2);  // the third category appears only in the current window
      x[i][3 + category] = 1;
    }
    return x;
  }

  @Test
  void the_array_scorer_equals_tribuos_prediction_to_the_last_bit() {
    SplittableRandom r = new SplittableRandom(11);
    boolean[] current = new boolean[2_000];
    double[][] train = rows(2_000, r, current);
    String[] names = {"a", "b", "b=(missing)", "c=x", "c=y", "c=z"};
    LinearSGDModel model = TribuoDomainClassifier.fit(train, current, names, 5);
    DomainClassifier.Scorer fast = new TribuoDomainClassifier.LinearScorer(model, names);
    double[][] test = rows(5_000, new SplittableRandom(12), null);
    test[0] = new double[6];  // every feature zero: only the constant and the bias
    for (double[] row : test) {
      assertThat(fast.score(row)).isEqualTo(TribuoDomainClassifier.tribuoScore(model, row, names));
    }
  }

  @Test
  void a_feature_the_model_never_saw_is_ignored_as_tribuo_ignores_it() {
    SplittableRandom r = new SplittableRandom(13);
    boolean[] current = new boolean[500];
    double[][] train = rows(500, r, current);
    for (double[] row : train) row[5] = 0;  // never non-zero in training: not in the model's feature map
    String[] names = {"a", "b", "b=(missing)", "c=x", "c=y", "c=z"};
    LinearSGDModel model = TribuoDomainClassifier.fit(train, current, names, 3);
    DomainClassifier.Scorer fast = new TribuoDomainClassifier.LinearScorer(model, names);
    double[] row = {0.5, -1, 0, 0, 0, 1};
    assertThat(fast.score(row)).isEqualTo(TribuoDomainClassifier.tribuoScore(model, row, names)).isBetween(0.0, 1.0);
    assertThat(new TribuoDomainClassifier().train(train, current, List.of(names), 3).score(row)).isEqualTo(fast.score(row));
  }
}
