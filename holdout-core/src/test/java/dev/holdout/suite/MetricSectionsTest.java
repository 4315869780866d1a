package dev.holdout.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdout.base.HoldoutException;
import dev.holdout.verdict.Criterion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bars of criteria against the range of their metric, and slices named in another case. */
class MetricSectionsTest {
  /** Line numbers matter: the first criterion's bar is on line 13. */
  private static final String BINARY = """
      suite: holdout.suite/v1
      name: churn
      problem: Predict which subscribers cancel.
      task: binary_classification
      data:
        path: eval.csv
        id: customer_id
        label: churned
        slices: [Region]
      predictions: {score: p_churn}
      criteria:
        - metric: roc_auc
          BAR
      """;

  private static final String REGRESSION = """
      suite: holdout.suite/v1
      name: demand
      problem: Forecast units.
      task: regression
      data: {path: eval.csv, id: row_id, label: units}
      predictions: {value: units_pred}
      criteria:
        - metric: mae
          BAR
      """;

  private static Suite parse(String yaml) {
    return SuiteParser.parse("suite.yaml", yaml, Path.of("/buyer"));
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> refused(String yaml) {
    return assertThatThrownBy(() -> parse(yaml)).isInstanceOf(HoldoutException.BadSuite.class);
  }

  private static String binary(String metric, String bar) {
    return BINARY.replace("metric: roc_auc", "metric: " + metric).replace("BAR", bar);
  }

  @Test
  void a_percentage_on_a_share_metric_is_refused_naming_the_line_and_key_with_the_share_meant() {
    refused(binary("roc_auc", "min: 80"))
        .hasMessage("suite.yaml line 13, criteria[0].min: roc_auc is in [0, 1], so min: 80 can never pass; if 80 is a percentage, write min: 0.8");
  }

  @Test
  void a_bar_that_can_never_fail_is_refused_too() {
    refused(binary("brier", "max: 5"))
        .hasMessage("suite.yaml line 13, criteria[0].max: brier is in [0, 1], so max: 5 can never fail; if 5 is a percentage, write max: 0.05");
    refused(binary("mcc", "min: -2"))
        .hasMessage("suite.yaml line 13, criteria[0].min: mcc is in [-1, 1], so min: -2 can never fail; give a bar that is in [-1, 1]");
  }

  @Test
  void an_error_metric_below_zero_is_refused_with_its_range() {
    refused(REGRESSION.replace("BAR", "max: -1"))
        .hasMessage("suite.yaml line 9, criteria[0].max: mae is 0 or more, so max: -1 can never pass; give a bar that is 0 or more");
    refused(REGRESSION.replace("metric: mae", "metric: r2").replace("BAR", "min: 2"))
        .hasMessage("suite.yaml line 9, criteria[0].min: r2 is at most 1, so min: 2 can never pass; if 2 is a percentage, write min: 0.02");
  }

  @Test
  void a_lift_or_a_gap_wider_than_the_metric_range_is_refused() {
    refused(binary("roc_auc", "min_lift: 50"))
        .hasMessage("suite.yaml line 13, criteria[0].min_lift: roc_auc is in [0, 1] and its lift over the baseline in [-1, 1],"
            + " so min_lift: 50 can never pass; if 50 is a percentage, write min_lift: 0.5");
    refused(binary("recall", "max_gap: 10\n    slice: Region"))
        .hasMessage("suite.yaml line 13, criteria[0].max_gap: recall is in [0, 1] and the gap between its best and worst slice group in [0, 1],"
            + " so max_gap: 10 can never fail; if 10 is a percentage, write max_gap: 0.1");
  }

  @Test
  void bars_at_the_ends_of_the_range_and_on_unbounded_sides_are_kept() {
    assertThat(parse(binary("roc_auc", "min: 1")).criteria()).extracting(Criterion::threshold).containsExactly(1.0);
    assertThat(parse(binary("recall", "worst_min: 0\n    slice: Region")).criteria()).extracting(Criterion::threshold).containsExactly(0.0);
    assertThat(parse(binary("roc_auc", "min_lift: -0.02")).criteria()).extracting(Criterion::threshold).containsExactly(-0.02);
    assertThat(parse(binary("log_loss", "max: 40")).criteria()).extracting(Criterion::threshold).containsExactly(40.0);
    assertThat(parse(REGRESSION.replace("metric: mae", "metric: r2").replace("BAR", "min: -3")).criteria())
        .extracting(Criterion::threshold).containsExactly(-3.0);
    assertThat(parse(REGRESSION.replace("BAR", "max: 1e6")).criteria()).extracting(Criterion::threshold).containsExactly(1e6);
  }

  @Test
  void a_judge_score_bar_outside_the_judge_scale_is_refused() {
    String text = """
        suite: holdout.suite/v1
        name: qa
        problem: Answer questions.
        task: text_generation
        data: {path: eval.csv, id: id, reference: answer}
        predictions: {output: out}
        judge:
          url: https://judge.example/v1/chat/completions
          rubric: Is the answer correct?
          scale: {min: 1, max: 5}
          input: "{question}"
        criteria:
          - {metric: judge_score, min: 8}
        """;
    refused(text).hasMessage("suite.yaml line 13, criteria[0].min: judge_score is in [1, 5], so min: 8 can never pass; give a bar that is in [1, 5]");
    assertThat(parse(text.replace("min: 8", "min: 3.5")).criteria()).extracting(Criterion::threshold).containsExactly(3.5);
  }

  @Test
  void a_slice_that_differs_from_data_slices_only_in_case_says_which_spelling_data_slices_uses() {
    refused(binary("recall", "worst_min: 0.5\n    slice: region"))
        .hasMessage("suite.yaml line 14, criteria[0].slice: 'region' is not among data.slices [Region], which spells it 'Region';"
            + " column names are case-sensitive; write the evaluation set's own spelling of the column in both places")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("did you mean").doesNotContain("add it to data.slices"));
  }

  @Test
  void with_the_evaluation_set_at_hand_the_case_mismatch_names_the_fix_where_the_typo_is(@TempDir Path folder) throws IOException {
    Files.writeString(folder.resolve("eval.csv"), "customer_id,region,churned\nc1,north,1\n");
    String yaml = binary("recall", "worst_min: 0.5\n    slice: region");
    // the typo is in data.slices ('Region'): the fix is there, not in the criterion
    assertThatThrownBy(() -> SuiteParser.parse("suite.yaml", yaml, folder)).isInstanceOf(HoldoutException.BadSuite.class)
        .hasMessage("suite.yaml line 14, criteria[0].slice: 'region' is not among data.slices [Region], which spells it 'Region';"
            + " column names are case-sensitive, and the evaluation set's column is 'region': write data.slices: [region]");
    // the typo is in the criterion: the fix is the declared name
    Files.writeString(folder.resolve("eval.csv"), "customer_id,Region,churned\nc1,north,1\n");
    assertThatThrownBy(() -> SuiteParser.parse("suite.yaml", yaml, folder)).isInstanceOf(HoldoutException.BadSuite.class)
        .hasMessageEndingWith("and the evaluation set's column is 'Region': write slice: Region here");
  }

  @Test
  void a_misspelled_slice_still_gets_the_nearest_name() {
    refused(binary("recall", "worst_min: 0.5\n    slice: Regoin"))
        .hasMessage("suite.yaml line 14, criteria[0].slice: 'Regoin' is not among data.slices [Region]; did you mean 'Region'?; add it to data.slices");
  }
}
