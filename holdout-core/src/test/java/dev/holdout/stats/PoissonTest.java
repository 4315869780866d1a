package dev.holdout.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Poisson variates: mean and variance within five standard errors of lambda (seeded, so the test
 * is deterministic; a correct sampler fails a 5-sigma bound about once in 1.7 million seeds), and
 * frequencies of single values within five standard errors of the probability mass function.
 */
class PoissonTest {
  private static final int N = 200_000;

  @Test
  void mean_and_variance_are_lambda_for_small_and_large_means() {
    double[] lambdas = {0.5, 1, 3, 9.99, 10, 50, 1e6}; // 1: the bootstrap's usual mean, with its own table
    for (int j = 0; j < lambdas.length; j++) {
      double lambda = lambdas[j];
      SplittableRandom random = new SplittableRandom(100 + j);
      double sum = 0;
      double sumSq = 0;
      for (int i = 0; i < N; i++) {
        double k = Poisson.sample(random, lambda);
        sum += k;
        sumSq += k * k;
      }
      double mean = sum / N;
      double variance = (sumSq - N * mean * mean) / (N - 1);
      // SE of the mean sqrt(lambda / N); of the sample variance sqrt((mu4 - sigma^4) / N) with
      // mu4 = lambda (1 + 3 lambda), sigma^4 = lambda^2.
      double seMean = Math.sqrt(lambda / N);
      double seVariance = Math.sqrt((lambda + 2 * lambda * lambda) / N);
      assertThat(mean).as("mean for lambda %s", lambda).isCloseTo(lambda, within(5 * seMean));
      assertThat(variance).as("variance for lambda %s", lambda).isCloseTo(lambda, within(5 * seVariance));
    }
  }

  @Test
  void frequencies_follow_the_probability_mass_function_on_both_sides_of_the_method_switch() {
    for (double lambda : new double[] {0.5, 1, 3, 9.5, 12, 50, 63, 64}) { // tables for whole means below 64, PTRS from 10 otherwise
      SplittableRandom random = new SplittableRandom(Double.hashCode(lambda));
      int top = (int) (lambda + 8 * Math.sqrt(lambda) + 10);
      long[] freq = new long[top + 1];
      for (int i = 0; i < N; i++) {
        long k = Poisson.sample(random, lambda);
        assertThat(k).isNotNegative();
        if (k <= top) freq[(int) k]++;
      }
      for (int k = 0; k <= top; k++) {
        double pmf = Math.exp(-lambda + k * Math.log(lambda) - Poisson.logFactorial(k));
        if (pmf * N < 10) continue; // too rare to judge one value at a time
        double se = Math.sqrt(pmf * (1 - pmf) / N);
        assertThat((double) freq[k] / N).as("P(%d) for lambda %s", k, lambda).isCloseTo(pmf, within(5 * se));
      }
    }
  }

  @Test
  void a_mean_of_zero_or_less_gives_zero() {
    SplittableRandom random = new SplittableRandom(1);
    assertThat(Poisson.sample(random, 0)).isZero();
    assertThat(Poisson.sample(random, -3)).isZero();
  }

  @Test
  void the_same_seed_gives_the_same_draws() {
    SplittableRandom a = new SplittableRandom(42);
    SplittableRandom b = new SplittableRandom(42);
    for (int i = 0; i < 1000; i++) {
      double lambda = i % 2 == 0 ? 1.0 : 40.0;
      assertThat(Poisson.sample(a, lambda)).isEqualTo(Poisson.sample(b, lambda));
    }
  }

  @Test
  void log_factorial_is_exact_in_the_table_and_stirling_agrees_above_it() {
    assertThat(Poisson.logFactorial(0)).isEqualTo(0.0);
    assertThat(Poisson.logFactorial(1)).isEqualTo(0.0);
    assertThat(Poisson.logFactorial(5)).isCloseTo(Math.log(120), within(1e-14));
    double direct = 0;
    for (int k = 1; k <= 5000; k++) {
      direct += Math.log(k);
      if (k >= 250) {
        assertThat(Poisson.logFactorial(k)).as("ln %d!", k).isCloseTo(direct, within(1e-12 * direct));
      }
    }
    // math.lgamma(1e6 + 1) == 12815518.384658169
    assertThat(Poisson.logFactorial(1_000_000)).isCloseTo(12815518.384658169, within(1e-7));
  }

  @Test
  void a_whole_mean_draws_the_same_count_as_a_full_search_of_its_cumulative_probabilities() {
    // The guide table only says where to start: every draw must equal the least k with u <= P(X <= k).
    SplittableRandom random = new SplittableRandom(2026);
    SplittableRandom same = new SplittableRandom(2026);
    for (int m = 1; m < 64; m++) {
      Poisson.Means means = new Poisson.Means(new double[] {m});
      int len = (int) Math.ceil(m + 12 * Math.sqrt(m) + 25);
      double[] cdf = new double[len];
      double p = Math.exp(-m);
      double sum = 0;
      for (int k = 0; k < len; k++) {
        sum += p;
        cdf[k] = sum;
        p *= m / (double) (k + 1);
      }
      for (int draw = 0; draw < 20_000; draw++) {
        double u = same.nextDouble();
        int expected = 0;
        while (expected < len - 1 && u > cdf[expected]) expected++;
        assertThat(means.draw(random, 0)).as("mean %d, u %s", m, u).isEqualTo(expected);
      }
    }
  }
}
