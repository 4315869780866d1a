package dev.holdout.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hand-written learner against scikit-learn 1.2.1's unpenalised {@code LogisticRegression} on
 * the deterministic rows of {@link #rows}. Reference made with Debian's /usr/bin/python3:
 * <pre>
 * X, y = the rows below (numpy); m = LogisticRegression(penalty=None, max_iter=10000, tol=1e-10).fit(X, y)
 * roc_auc_score(y, m.decision_function(X))  # 0.775205
 * m.coef_, m.intercept_  # [1.4477, -0.8880, 0.9710, 0.0043], [-0.7815]
 * </pre>
 */
class LogisticDomainClassifierTest {
  static final int N = 2000;
  static final double SKLEARN_AUC = 0.775205;
  static final double[] SKLEARN_WEIGHTS = {1.4477454756344874, -0.8879651160651697, 0.9709501839044667, 0.004345774137488886, -0.7815374322374674};
  static final List<String> NAMES = List.of("a", "b", "c", "noise");

  static boolean[] current() {
    boolean[] y = new boolean[N];
    for (int i = 0; i < N; i++) y[i] = i % 2 == 1;
    return y;
  }

  static double[][] rows() {
    double[][] x = new double[N][4];
    for (int i = 0; i < N; i++) {
      boolean cur = i % 2 == 1;
      x[i][0] = (i * 7919 % 1000) / 500.0 - 1 + (cur ? 0.5 : 0);
      x[i][1] = (i * 104729 % 997) / 498.5 - 1 - (cur ? 0.3 : 0);
      x[i][2] = (i * 31 % 5 == 0) != (cur && i % 3 == 0) ? 1 : 0;
      x[i][3] = (i * 613 % 211) / 105.5 - 1;
    }
    return x;
  }

  @Test
  void ranks_rows_as_scikit_learns_maximum_likelihood_fit_does_with_weights_near_its() {
    double[][] x = rows();
    boolean[] y = current();
    DomainClassifier.Scorer s = new LogisticDomainClassifier().train(x, y, NAMES, 7);
    double[] score = new double[N];
    for (int i = 0; i < N; i++) score[i] = s.score(x[i]);
    assertThat(Auc.rocAuc(score, y)).isCloseTo(SKLEARN_AUC, within(0.003));
    // stochastic steps end near the optimum, not on it
    double[] w = ((DomainClassifier.Linear) s).weights();
    for (int j = 0; j < w.length; j++) assertThat(w[j]).as("weight " + j).isCloseTo(SKLEARN_WEIGHTS[j], within(0.3));
    assertThat(Math.abs(w[3])).isLessThan(0.15);
    for (double v : score) assertThat(v).isBetween(0.0, 1.0);
  }

  @Test
  void the_same_seed_gives_the_same_model_and_another_seed_another() {
    double[][] x = rows();
    boolean[] y = current();
    var learner = new LogisticDomainClassifier();
    double[] a = ((DomainClassifier.Linear) learner.train(x, y, NAMES, 3)).weights();
    double[] b = ((DomainClassifier.Linear) learner.train(x, y, NAMES, 3)).weights();
    double[] c = ((DomainClassifier.Linear) learner.train(x, y, NAMES, 4)).weights();
    assertThat(b).containsExactly(a);
    assertThat(c).isNotEqualTo(a);
  }

  @Test
  void the_report_says_which_rows_it_learned_from() {
    var r = new DomainCheck.Result("l", 5000, 5000, 5, 0.6, 0.59, 0.61, 0.55, true, List.of());
    assertThat(r.rowsSeen(200_000, 200_000)).isEqualTo("a seeded sample of 5,000 + 5,000 rows (of 200,000 + 200,000)");
    var all = new DomainCheck.Result("l", 3000, 2000, 5, 0.5, 0.49, 0.51, 0.55, false, List.of());
    assertThat(all.rowsSeen(3000, 2000)).isEqualTo("all 3,000 + 2,000 rows");
  }
}
