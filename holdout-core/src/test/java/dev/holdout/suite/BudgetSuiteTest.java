package dev.holdout.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdout.base.HoldoutException;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** {@code budgets} and the binary metrics at a budget (precision@5%, recall@5%, lift@5%) that criteria name. */
class BudgetSuiteTest {
  /** Line numbers matter: budgets is on line 7, the first criterion's metric on line 9. */
  private static final String BASE = """
      suite: holdout.suite/v1
      name: churn
      problem: Call the subscribers about to cancel.
      task: binary_classification
      data: {path: eval.csv, id: customer_id, label: churned}
      predictions: {score: p_churn}
      budgets: BUDGETS
      criteria:
        - metric: METRIC
          BAR
      """;

  private static Suite parse(String yaml) {
    return SuiteParser.parse("suite.yaml", yaml, Path.of("/buyer"));
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> refused(String yaml) {
    return assertThatThrownBy(() -> parse(yaml)).isInstanceOf(HoldoutException.BadSuite.class);
  }

  private static String suite(String budgets, String metric, String bar) {
    return BASE.replace("BUDGETS", budgets).replace("METRIC", metric).replace("BAR", bar);
  }

  @Test
  void budgets_are_shares_in_increasing_order_and_name_their_metrics() {
    Suite s = parse(suite("[0.1, 0.05]", "recall@5%", "min: 0.4"));
    assertThat(s.budgets()).containsExactly(0.05, 0.1);
    assertThat(s.criteria().get(0).metric()).isEqualTo("recall@5%");
    assertThat(parse(suite("0.05", "lift@5.0%", "min: 2")).criteria().get(0).metric()).isEqualTo("lift@5%");
    assertThat(parse(suite("[0.05]", "precision@5%", "min: 0.5") + "primary_metric: recall@5%\n").primaryMetric()).isEqualTo("recall@5%");
    assertThat(parse(suite("[0.05]", "roc_auc", "min: 0.5")).budgets()).containsExactly(0.05);
  }

  @Test
  void a_suite_without_budgets_has_none() {
    assertThat(parse(BASE.replace("budgets: BUDGETS\n", "").replace("METRIC", "roc_auc").replace("BAR", "min: 0.7")).budgets()).isEmpty();
  }

  @Test
  void a_budget_outside_0_to_1_is_refused_and_a_percentage_named_as_such() {
    refused(suite("[5]", "roc_auc", "min: 0.5")).hasMessage("suite.yaml line 7, budgets[0]: a budget is the share of rows taken from the top by score,"
        + " above 0 and at most 1, such as 0.05 for the top 5%; found 5; if 5 is a percentage, write 0.05");
    refused(suite("[0]", "roc_auc", "min: 0.5")).hasMessageContaining("above 0 and at most 1");
    refused(suite("[0.05, 0.05]", "roc_auc", "min: 0.5")).hasMessageContaining("budgets[1]: the budget 0.05 is listed twice");
    refused(suite("[0.123456789]", "roc_auc", "min: 0.5")).hasMessageContaining("at most 8 decimals");
    refused(suite("[]", "roc_auc", "min: 0.5")).hasMessageContaining("give at least one share");
    refused(suite("['5%']", "roc_auc", "min: 0.5")).hasMessageContaining("expected a number");
  }

  @Test
  void a_metric_at_a_budget_the_suite_does_not_name_is_refused_with_the_budgets_to_write() {
    refused(suite("[0.1]", "recall@5%", "min: 0.4")).hasMessage("suite.yaml line 9, criteria[0].metric: recall@5% needs the budget 0.05 in the suite's"
        + " budgets, which are [0.1]; add it, e.g. budgets: [0.05, 0.1]");
    refused(BASE.replace("budgets: BUDGETS\n", "").replace("METRIC", "recall@5%").replace("BAR", "min: 0.4"))
        .hasMessageContaining("recall@5% needs the budget 0.05 in the suite's budgets, which are not given; add it, e.g. budgets: [0.05]");
  }

  @Test
  void lift_at_a_budget_reaches_at_most_one_over_the_share() {
    refused(suite("[0.05]", "lift@5%", "min: 25")).hasMessageContaining("lift@5% is in [0, 20], so min: 25 can never pass");
    assertThat(parse(suite("[0.05]", "lift@5%", "min: 3")).criteria().get(0).threshold()).isEqualTo(3.0);
    refused(suite("[0.05]", "precision@5%", "max: 0.9")).hasMessageContaining("precision@5% is better when higher, so bound it with min");
  }

  @Test
  void budgets_belong_to_binary_suites_and_budget_names_to_binary_metrics() {
    String regression = "suite: holdout.suite/v1\nname: d\nproblem: p\ntask: regression\ndata: {path: e.csv, id: i, label: y}\npredictions: {value: v}\n";
    assertThatThrownBy(() -> parse(regression + "budgets: [0.05]\n")).hasMessageContaining("are for binary_classification only");
    assertThatThrownBy(() -> parse(regression + "criteria:\n  - {metric: recall@5%, min: 0.5}\n"))
        .hasMessageContaining("metric 'recall@5%' does not apply to regression");
  }
}
