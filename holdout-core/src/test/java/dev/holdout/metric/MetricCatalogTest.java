package dev.holdout.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MetricCatalogTest {
  @Test
  void every_named_metric_of_every_task_has_a_direction_and_a_range() {
    for (Task task : Task.values()) {
      for (String name : MetricCatalog.names(task)) {
        assertThat(MetricCatalog.direction(task, name)).as(task + " " + name).isPresent();
        MetricCatalog.Bounds b = MetricCatalog.bounds(task, name);
        assertThat(b.lower()).as(task + " " + name).isLessThanOrEqualTo(b.upper());
      }
    }
  }

  @Test
  void shares_lie_in_zero_to_one_correlations_in_minus_one_to_one_and_errors_at_zero_or_more() {
    assertThat(MetricCatalog.bounds(Task.BINARY_CLASSIFICATION, "roc_auc")).isEqualTo(new MetricCatalog.Bounds(0, 1));
    assertThat(MetricCatalog.bounds(Task.BINARY_CLASSIFICATION, "mcc")).isEqualTo(new MetricCatalog.Bounds(-1, 1));
    assertThat(MetricCatalog.bounds(Task.MULTICLASS_CLASSIFICATION, "cohen_kappa")).isEqualTo(new MetricCatalog.Bounds(-1, 1));
    assertThat(MetricCatalog.bounds(Task.REGRESSION, "mae")).isEqualTo(new MetricCatalog.Bounds(0, Double.POSITIVE_INFINITY));
    assertThat(MetricCatalog.bounds(Task.REGRESSION, "pinball_q0.9")).isEqualTo(new MetricCatalog.Bounds(0, Double.POSITIVE_INFINITY));
    assertThat(MetricCatalog.bounds(Task.REGRESSION, "smape")).isEqualTo(new MetricCatalog.Bounds(0, 2));
    assertThat(MetricCatalog.bounds(Task.REGRESSION, "r2")).isEqualTo(new MetricCatalog.Bounds(Double.NEGATIVE_INFINITY, 1));
    assertThat(MetricCatalog.bounds(Task.RETRIEVAL, "ndcg@7")).isEqualTo(new MetricCatalog.Bounds(0, 1));
    assertThat(MetricCatalog.bounds(Task.TEXT_GENERATION, "pass_rate:short")).isEqualTo(new MetricCatalog.Bounds(0, 1));
    // costs may be rewards, and the judge's scale is the suite's
    assertThat(MetricCatalog.bounds(Task.BINARY_CLASSIFICATION, "expected_cost")).isEqualTo(MetricCatalog.Bounds.ANY);
    assertThat(MetricCatalog.bounds(Task.TEXT_GENERATION, "judge_score")).isEqualTo(MetricCatalog.Bounds.ANY);
    assertThat(MetricCatalog.bounds(Task.REGRESSION, "roc_auc")).isEqualTo(MetricCatalog.Bounds.ANY);
  }

  @Test
  void budget_names_give_their_share_back_in_one_spelling() {
    assertThat(MetricCatalog.budgetNames(List.of(0.05, 0.125))).containsExactly("precision@5%", "recall@5%", "lift@5%", "precision@12.5%",
        "recall@12.5%", "lift@12.5%");
    assertThat(MetricCatalog.budget("recall@5%")).contains(0.05);
    assertThat(MetricCatalog.budget("lift@0.5%")).contains(0.005);
    assertThat(MetricCatalog.budget("precision@100%")).contains(1.0);
    assertThat(MetricCatalog.canonicalBudget("recall@5.00%")).isEqualTo("recall@5%");
    assertThat(MetricCatalog.canonicalBudget("recall@10")).isEqualTo("recall@10");
    assertThat(MetricCatalog.budget("precision@0%")).isEmpty();
    assertThat(MetricCatalog.budget("precision@101%")).isEmpty();
    assertThat(MetricCatalog.budget("ndcg@5%")).isEmpty();
    for (double q : new double[] {0.01, 0.05, 0.07, 0.1, 0.125, 0.333333, 1.0}) {
      assertThat(MetricCatalog.budget(MetricCatalog.budgetName("recall", q))).as("%s", q).contains(q);
    }
  }

  @Test
  void budget_metrics_are_binary_shares_better_higher_and_lift_reaches_one_over_the_share() {
    assertThat(MetricCatalog.direction(Task.BINARY_CLASSIFICATION, "precision@5%")).contains(Direction.HIGHER_IS_BETTER);
    assertThat(MetricCatalog.bounds(Task.BINARY_CLASSIFICATION, "recall@5%")).isEqualTo(new MetricCatalog.Bounds(0, 1));
    assertThat(MetricCatalog.bounds(Task.BINARY_CLASSIFICATION, "lift@5%")).isEqualTo(new MetricCatalog.Bounds(0, 20));
    assertThat(MetricCatalog.direction(Task.MULTICLASS_CLASSIFICATION, "precision@5%")).isEmpty();
  }

  @Test
  void multilabel_metrics_and_per_label_figures_have_directions_and_ranges() {
    assertThat(MetricCatalog.names(Task.MULTILABEL_CLASSIFICATION)).startsWith("subset_accuracy", "hamming_loss", "precision_micro")
        .contains("f1_samples", "jaccard_samples", "label_ranking_average_precision", "coverage_error", "roc_auc_macro");
    assertThat(MetricCatalog.direction(Task.MULTILABEL_CLASSIFICATION, "hamming_loss")).contains(Direction.LOWER_IS_BETTER);
    assertThat(MetricCatalog.direction(Task.MULTILABEL_CLASSIFICATION, "coverage_error")).contains(Direction.LOWER_IS_BETTER);
    assertThat(MetricCatalog.direction(Task.MULTILABEL_CLASSIFICATION, "recall")).isEmpty();
    for (String figure : MetricCatalog.PER_LABEL) {
      assertThat(MetricCatalog.labelDirection(figure)).contains(Direction.HIGHER_IS_BETTER);
      assertThat(MetricCatalog.labelBounds(figure)).isEqualTo(new MetricCatalog.Bounds(0, 1));
    }
    assertThat(MetricCatalog.labelDirection("subset_accuracy")).isEmpty();
  }

  @Test
  void bounds_describe_themselves_in_words() {
    assertThat(new MetricCatalog.Bounds(0, 1).describe()).isEqualTo("in [0, 1]");
    assertThat(new MetricCatalog.Bounds(0, Double.POSITIVE_INFINITY).describe()).isEqualTo("0 or more");
    assertThat(new MetricCatalog.Bounds(Double.NEGATIVE_INFINITY, 1).describe()).isEqualTo("at most 1");
    assertThat(MetricCatalog.Bounds.ANY.describe()).isEqualTo("any number");
    assertThat(new MetricCatalog.Bounds(0, 1).contains(1)).isTrue();
    assertThat(new MetricCatalog.Bounds(0, 1).contains(1.0000001)).isFalse();
    assertThatThrownBy(() -> new MetricCatalog.Bounds(1, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void each_task_has_a_default_primary_metric_it_knows() {
    assertThat(MetricCatalog.defaultPrimary(Task.BINARY_CLASSIFICATION, List.of())).isEqualTo("roc_auc");
    assertThat(MetricCatalog.defaultPrimary(Task.MULTICLASS_CLASSIFICATION, List.of())).isEqualTo("f1_macro");
    assertThat(MetricCatalog.defaultPrimary(Task.MULTILABEL_CLASSIFICATION, List.of())).isEqualTo("f1_micro");
    assertThat(MetricCatalog.defaultPrimary(Task.REGRESSION, List.of())).isEqualTo("mae");
    assertThat(MetricCatalog.defaultPrimary(Task.TEXT_GENERATION, List.of())).isEqualTo("token_f1");
    assertThat(MetricCatalog.defaultPrimary(Task.RETRIEVAL, MetricCatalog.DEFAULT_CUTOFFS)).isEqualTo("ndcg@10");
    assertThat(MetricCatalog.defaultPrimary(Task.RETRIEVAL, List.of(3, 20))).isEqualTo("ndcg@20");
    for (Task task : Task.values()) {
      assertThat(MetricCatalog.direction(task, MetricCatalog.defaultPrimary(task, MetricCatalog.DEFAULT_CUTOFFS))).as(task.key()).isPresent();
    }
  }

  @Test
  void cbpe_estimates_only_binary_metrics_that_are_better_higher() {
    for (String m : MetricCatalog.CBPE) {
      assertThat(MetricCatalog.direction(Task.BINARY_CLASSIFICATION, m)).as(m).contains(Direction.HIGHER_IS_BETTER);
    }
  }

  @Test
  void binary_and_regression_values_on_random_data_lie_in_their_catalog_range() {
    SplittableRandom random = new SplittableRandom(15);
    for (int trial = 0; trial < 200; trial++) {
      int n = 2 + random.nextInt(40);
      boolean[] positive = new boolean[n];
      double[] score = new double[n];
      double[] actual = new double[n];
      double[] predicted = new double[n];
      double[] q90 = new double[n];
      for (int i = 0; i < n; i++) {
        positive[i] = random.nextDouble() < 0.3;
        score[i] = random.nextDouble();
        actual[i] = random.nextDouble() * 200 - 100;
        predicted[i] = random.nextDouble() < 0.1 ? actual[i] : random.nextDouble() * 200 - 100;
        q90[i] = predicted[i] + random.nextDouble() * 20;
      }
      BinaryCells b = BinaryCells.ofRows(positive, score);
      assertInRange(Task.BINARY_CLASSIFICATION, BinaryMetrics.compute(b, 0, b.counts(), random.nextDouble(), new BinaryMetrics.Costs(-1, 2, 3, 0)));
      RegressionCells r = RegressionCells.ofRows(actual, new double[] {0.9}, new double[][] {predicted}, new double[][][] {{q90}});
      assertInRange(Task.REGRESSION, RegressionMetrics.compute(r, 0, r.counts()));
    }
  }

  private static void assertInRange(Task task, Map<String, MetricValue> values) {
    values.forEach((name, v) -> {
      if (v.defined()) assertThat(MetricCatalog.bounds(task, name).contains(v.value())).as(name + " = " + v.value()).isTrue();
    });
  }
}
