package dev.holdout.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdout.base.HoldoutException;
import dev.holdout.metric.Task;
import dev.holdout.stats.Bootstrap;
import dev.holdout.verdict.Criterion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteParserTest {
  /** Line numbers matter to the assertions below: criteria[1].metric is on line 17. */
  private static final String BASE = """
      suite: holdout.suite/v1
      name: churn
      problem: Predict which subscribers cancel within 30 days.
      task: binary_classification
      data:
        path: eval.csv
        id: customer_id
        label: churned
        positive: "1"
        slices: [region]
      predictions:
        score: p_churn
        threshold: 0.5
      criteria:
        - metric: roc_auc
          min: 0.8
        - metric: recall
          min: 0.6
      """;

  private static final String REGRESSION = """
      suite: holdout.suite/v1
      name: demand
      problem: Forecast units.
      task: regression
      data:
        path: eval.csv
        id: row_id
        label: units
      predictions:
        value: units_pred
      criteria:
        - metric: mae
          max: 10
      """;

  @TempDir Path dir;

  private Path file(String yaml) throws IOException {
    return Files.writeString(dir.resolve("suite.yaml"), yaml);
  }

  private Suite parse(String yaml) throws IOException {
    return SuiteParser.parse(file(yaml));
  }

  private static String edit(String yaml, String from, String to) {
    assertThat(yaml).contains(from);
    return yaml.replace(from, to);
  }

  /** The message of parsing {@code yaml}, which must be refused as a bad suite. */
  private AbstractThrowableAssert<?, ? extends Throwable> refused(String yaml) throws IOException {
    Path f = file(yaml);
    return assertThatThrownBy(() -> SuiteParser.parse(f)).isInstanceOf(HoldoutException.BadSuite.class);
  }

  private String at(int line) {
    return dir.resolve("suite.yaml") + " line " + line + ", ";
  }

  @Test
  void a_complete_suite_parses_with_paths_resolved_against_its_folder() throws IOException {
    Suite s = parse(BASE + """
        costs: {tp: -40, fp: 10, fn: 60}
        baseline: {kind: column, column: rule_score}
        bootstrap: {replicates: 200, confidence: 0.9, seed: 7}
        primary_metric: recall
        """);
    assertThat(s.name()).isEqualTo("churn");
    assertThat(s.task()).isEqualTo(Task.BINARY_CLASSIFICATION);
    assertThat(s.data().path()).isEqualTo(dir.toAbsolutePath().resolve("eval.csv"));
    assertThat(s.data().id()).isEqualTo("customer_id");
    assertThat(s.data().positive()).isEqualTo("1");
    assertThat(s.data().slices()).containsExactly("region");
    assertThat(s.predictions().id()).isEqualTo("customer_id");
    assertThat(s.predictions().score()).isEqualTo("p_churn");
    assertThat(s.predictions().threshold()).isEqualTo(0.5);
    assertThat(s.primaryMetric()).isEqualTo("recall");
    assertThat(s.costs().tp()).isEqualTo(-40);
    assertThat(s.costs().tn()).isZero();
    assertThat(s.baseline()).isEqualTo(new Suite.Baseline(Suite.Baseline.Kind.COLUMN, "rule_score"));
    assertThat(s.bootstrap()).isEqualTo(new Bootstrap.Settings(200, 0.9, 7));
    assertThat(s.criteria()).extracting(Criterion::metric, Criterion::kind, Criterion::threshold, Criterion::line)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("roc_auc", Criterion.Kind.MIN, 0.8, 15),
            org.assertj.core.groups.Tuple.tuple("recall", Criterion.Kind.MIN, 0.6, 17));
  }

  @Test
  void optional_keys_take_their_documented_defaults() throws IOException {
    Suite s = parse(edit(edit(BASE, "  threshold: 0.5\n", ""), "  positive: \"1\"\n", ""));
    assertThat(s.predictions().threshold()).isEqualTo(0.5);
    assertThat(s.predictions().missing()).isEqualTo(Suite.Missing.WRONG);
    assertThat(s.data().positive()).isNull();
    assertThat(s.primaryMetric()).isEqualTo("roc_auc");
    assertThat(s.baseline().kind()).isEqualTo(Suite.Baseline.Kind.PRIOR);
    assertThat(s.bootstrap()).isEqualTo(Bootstrap.Settings.DEFAULT);
    assertThat(s.costs()).isNull();
    assertThat(s.criteria()).extracting(Criterion::id).containsExactly("c1", "c2");
    assertThat(s.criteria()).noneMatch(Criterion::atPoint);
  }

  @Test
  void the_bundled_examples_parse() {
    Suite churn = SuiteParser.parse(Path.of("../examples/churn/suite.yaml"));
    assertThat(churn.criteria()).hasSize(6);
    assertThat(SuiteParser.parse(Path.of("../examples/tickets/suite.yaml")).data().classes())
        .containsExactly("account", "billing", "other", "technical");
    assertThat(SuiteParser.parse(Path.of("../examples/daily-units/suite.yaml")).predictions().quantiles()).containsKeys(0.1, 0.9);
  }

  @Test
  void an_unknown_metric_names_the_file_line_and_key_and_suggests_the_nearest() throws IOException {
    refused(edit(BASE, "metric: recall", "metric: rocauc"))
        .hasMessageStartingWith(at(17) + "criteria[1].metric: unknown metric 'rocauc'; did you mean 'roc_auc'?")
        .hasMessageContaining("suite.yaml line 17, criteria[1].metric: unknown metric 'rocauc'; did you mean 'roc_auc'?");
    refused(BASE + "primary_metric: reacll\n")
        .hasMessageStartingWith(at(19) + "primary_metric: unknown metric 'reacll'; did you mean 'recall'?");
  }

  @Test
  void a_malformed_threshold_names_the_line_and_what_was_found() throws IOException {
    refused(edit(BASE, "min: 0.6", "min: high"))
        .hasMessage(at(18) + "criteria[1].min: expected a number, found the text 'high'");
    refused(edit(BASE, "threshold: 0.5", "threshold: half"))
        .hasMessage(at(13) + "predictions.threshold: expected a number, found the text 'half'");
  }

  @Test
  void a_quoted_number_is_text_and_the_message_says_to_drop_the_quotes() throws IOException {
    refused(edit(BASE, "min: 0.6", "min: '0.6'"))
        .hasMessage(at(18) + "criteria[1].min: expected a number, found the text '0.6'; write the number without quotes");
  }

  @Test
  void non_finite_and_unusual_yaml_numbers_are_messages_not_crashes() throws IOException {
    refused(edit(BASE, "min: 0.6", "min: .nan")).hasMessage(at(18) + "criteria[1].min: expected a finite number, found .nan");
    refused(edit(BASE, "min: 0.6", "min: -.inf")).hasMessage(at(18) + "criteria[1].min: expected a finite number, found -.inf");
    refused(edit(BASE, "min: 0.6", "min: 1e500")).hasMessage(at(18) + "criteria[1].min: expected a finite number, found 1e500");
    Suite s = parse(BASE + "bootstrap: {replicates: 1_000, seed: 0x10}\n");
    assertThat(s.bootstrap().replicates()).isEqualTo(1000);
    assertThat(s.bootstrap().seed()).isEqualTo(16);
  }

  @Test
  void bootstrap_stratify_label_is_for_binary_suites_without_data_group() throws IOException {
    assertThat(parse(BASE).bootstrap().stratify()).isEqualTo(Bootstrap.Stratify.NONE);
    Suite s = parse(BASE + "bootstrap: {stratify: label, replicates: 200}\n");
    assertThat(s.bootstrap()).isEqualTo(new Bootstrap.Settings(200, 0.95, 7, Bootstrap.Stratify.LABEL));
    assertThat(parse(BASE + "bootstrap: {stratify: none}\n").bootstrap().stratify()).isEqualTo(Bootstrap.Stratify.NONE);
    refused(BASE + "bootstrap: {stratify: lable}\n")
        .hasMessage(at(19) + "bootstrap.stratify: expected one of [none, label], found 'lable'; did you mean 'label'?");
    refused(REGRESSION + "bootstrap: {stratify: label}\n")
        .hasMessage(at(14) + "bootstrap.stratify: stratify: label keeps the number of positive and negative rows fixed in every replicate, "
            + "which only binary_classification has; remove it for regression");
    refused(edit(BASE, "  slices: [region]", "  slices: [region]\n  group: household") + "bootstrap: {stratify: label}\n")
        .hasMessage(at(20) + "bootstrap.stratify: stratify: label cannot be combined with data.group ('household'): a group can hold rows of "
            + "both labels, so resampling whole groups cannot keep each label's rows fixed, and the groups are what is independent; "
            + "keep data.group and remove stratify");
  }

  @Test
  void unknown_keys_at_every_level_suggest_the_nearest_and_list_the_allowed() throws IOException {
    refused(edit(BASE, "name: churn", "nmae: churn"))
        .hasMessageStartingWith(at(2) + "nmae: unknown key 'nmae'; did you mean 'name'? (allowed here: suite, name, problem,");
    refused(edit(BASE, "  label: churned", "  lable: churned"))
        .hasMessageStartingWith(at(8) + "data.lable: unknown key 'lable'; did you mean 'label'?");
    refused(edit(BASE, "  score: p_churn", "  scroe: p_churn"))
        .hasMessageStartingWith(at(12) + "predictions.scroe: unknown key 'scroe'; did you mean 'score'?");
    refused(edit(BASE, "  - metric: recall", "  - metrc: recall"))
        .hasMessageStartingWith(at(17) + "criteria[1].metrc: unknown key 'metrc'; did you mean 'metric'?");
    refused(BASE + "bootstrap: {replicate: 100}\n")
        .hasMessageStartingWith(at(19) + "bootstrap.replicate: unknown key 'replicate'; did you mean 'replicates'?");
    refused(BASE + "extra_stuff: 1\n")
        .hasMessage(at(19) + "extra_stuff: unknown key 'extra_stuff' (allowed here: suite, name, problem, task, data, predictions,"
            + " primary_metric, criteria, costs, baseline, bootstrap, top_k, drift, champion, model, endpoint, k, assertions, prompt, judge, verdict, budgets, forecast, monitor, framing, engagement)");
  }

  @Test
  void the_champion_section_names_a_metric_and_a_tolerance() throws IOException {
    Suite defaults = SuiteParser.parse("suite.yaml", BASE, Path.of("."));
    assertThat(defaults.champion()).isEqualTo(new Suite.Champion(defaults.primaryMetric(), Suite.Champion.DEFAULT_TOLERANCE));
    Suite set = SuiteParser.parse("suite.yaml", BASE + "champion: {metric: recall, tolerance: 0.02}\n", Path.of("."));
    assertThat(set.champion()).isEqualTo(new Suite.Champion("recall", 0.02));
    refused(BASE + "champion: {tolerance: -0.1}\n").hasMessageContaining("champion.tolerance: expected how much worse");
    refused(BASE + "champion: {metric: mae}\n").hasMessageContaining("champion.metric");
    refused(BASE + "champion: {margin: 0.1}\n").hasMessageContaining("unknown key 'margin'");
  }

  @Test
  void wrong_types_say_what_was_expected_and_what_was_found() throws IOException {
    refused(edit(BASE, "data:\n  path: eval.csv\n  id: customer_id\n  label: churned\n  positive: \"1\"\n  slices: [region]\n",
        "data: eval.csv\n"))
        .hasMessage(at(5) + "data: expected a mapping of keys to values, found the text 'eval.csv'");
    refused(edit(BASE, "name: churn", "name: [churn]")).hasMessage(at(2) + "name: expected a text value, found a list");
    refused(edit(BASE, "name: churn", "name:")).hasMessage(at(2) + "name: expected a text value, found nothing (null)");
    refused(edit(BASE, "slices: [region]", "slices: {region: x}"))
        .hasMessage(at(10) + "data.slices: expected a list like [a, b], found a mapping");
    refused(edit(BASE, "min: 0.6", "min: true")).hasMessage(at(18) + "criteria[1].min: expected a number, found true");
    refused(edit(BASE, "  - metric: recall\n    min: 0.6\n", "  - recall >= 0.6\n"))
        .hasMessage(at(17) + "criteria[1]: expected a mapping of keys to values, found the text 'recall >= 0.6'");
    refused(BASE.substring(0, BASE.indexOf("criteria:")) + "criteria: 3\n")
        .hasMessage(at(14) + "criteria: expected a list of criteria, found 3");
    refused(BASE + "bootstrap: {replicates: many}\n")
        .hasMessage(at(19) + "bootstrap.replicates: expected a whole number, found the text 'many'");
    refused(BASE + "bootstrap: {replicates: 50.5}\n")
        .hasMessage(at(19) + "bootstrap.replicates: expected a whole number, found 50.5");
  }

  @Test
  void settings_out_of_range_say_the_range() throws IOException {
    refused(BASE + "bootstrap: {replicates: 10}\n")
        .hasMessage(at(19) + "bootstrap.replicates: expected a whole number from 50 to 100000, found 10");
    refused(BASE + "bootstrap: {confidence: 95}\n")
        .hasMessage(at(19) + "bootstrap.confidence: expected a level in [0.5, 1) such as 0.95, found 95.0");
    refused(edit(BASE, "threshold: 0.5", "threshold: 1.5"))
        .hasMessage(at(13) + "predictions.threshold: expected a probability threshold above 0 and at most 1, such as 0.5; found 1.5");
  }

  @Test
  void a_threshold_of_zero_is_refused_because_it_predicts_every_row_positive() throws IOException {
    refused(edit(BASE, "threshold: 0.5", "threshold: 0"))
        .hasMessage(at(13) + "predictions.threshold: expected a probability threshold above 0 and at most 1, such as 0.5; found 0");
  }

  @Test
  void a_metric_that_does_not_fit_the_task_lists_the_task_metrics() throws IOException {
    refused(edit(REGRESSION, "metric: mae", "metric: roc_auc"))
        .hasMessage(at(12) + "criteria[0].metric: metric 'roc_auc' does not apply to regression;"
            + " use one of [mae, rmse, mape, smape, median_ae, max_error, r2, pinball_q0.9]");
    refused(edit(BASE, "metric: recall", "metric: mae"))
        .hasMessageStartingWith(at(17) + "criteria[1].metric: metric 'mae' does not apply to binary_classification; use one of [accuracy,");
    refused(edit(REGRESSION, "metric: mae", "metric: pinball_q0.9"))
        .hasMessage(at(12) + "criteria[0].metric: pinball_q0.9 needs a column for quantile 0.9 in predictions.quantiles, which has []");
  }

  @Test
  void a_criterion_slice_must_be_one_of_data_slices() throws IOException {
    refused(edit(BASE, "    min: 0.6", "    worst_min: 0.5\n    slice: regoin"))
        .hasMessage(at(19) + "criteria[1].slice: 'regoin' is not among data.slices [region]; did you mean 'region'?; add it to data.slices");
    refused(edit(BASE, "    min: 0.6", "    worst_min: 0.5\n    slice: plan"))
        .hasMessage(at(19) + "criteria[1].slice: 'plan' is not among data.slices [region]; add it to data.slices");
    refused(edit(BASE, "    min: 0.6", "    worst_min: 0.5"))
        .hasMessage(at(17) + "criteria[1]: worst_min compares slice groups: add 'slice: COLUMN' naming one of data.slices [region]");
  }

  @Test
  void a_bound_on_the_wrong_side_of_a_metric_says_which_key_to_use() throws IOException {
    refused(edit(BASE, "metric: recall", "metric: log_loss"))
        .hasMessage(at(18) + "criteria[1].min: log_loss is better when lower, so bound it with max");
    refused(edit(edit(BASE, "metric: recall", "metric: ece"), "    min: 0.6", "    worst_min: 0.1\n    slice: region"))
        .hasMessage(at(18) + "criteria[1].worst_min: ece is better when lower, so bound it with worst_max");
    refused(edit(BASE, "min: 0.6", "max: 0.6"))
        .hasMessage(at(18) + "criteria[1].max: recall is better when higher, so bound it with min");
  }

  @Test
  void a_criterion_needs_exactly_one_bar() throws IOException {
    refused(edit(BASE, "    min: 0.6", "    at: point"))
        .hasMessage(at(17) + "criteria[1]: say what the bar is with one of min, max, worst_min, worst_max, max_gap or min_lift");
    refused(edit(BASE, "    min: 0.6", "    min: 0.6\n    min_lift: 0.1"))
        .hasMessage(at(17) + "criteria[1]: give one bar per criterion, found [min, min_lift]; split it into several criteria");
    refused(edit(BASE, "    min: 0.6", "    min: 0.6\n    at: pointt"))
        .hasMessage(at(19) + "criteria[1].at: expected 'ci' (judge the confidence interval, the default) or 'point', found 'pointt'");
  }

  @Test
  void missing_required_keys_are_named_with_a_hint() throws IOException {
    refused(edit(BASE, "problem: Predict which subscribers cancel within 30 days.\n", ""))
        .hasMessage(at(1).replace(", ", ": ") + "missing required key 'problem'"
            + " (the problem in one sentence, e.g. 'Predict which subscribers cancel within 30 days')");
    refused(edit(BASE, "  label: churned\n", "")).hasMessage(at(6) + "data: missing required key 'label'");
    refused(edit(BASE, "  score: p_churn\n", ""))
        .hasMessage(at(12) + "predictions: binary_classification needs 'score': the column with the probability of the positive class");
    refused(edit(BASE, "  - metric: recall\n    min: 0.6\n", "  - min: 0.6\n"))
        .hasMessage(at(17) + "criteria[1]: missing 'metric': the metric this criterion judges, e.g. metric: roc_auc");
  }

  @Test
  void invalid_yaml_is_one_line_naming_the_file_line_and_column() throws IOException {
    refused(edit(BASE, "slices: [region]", "slices: [region"))
        .hasMessage(at(11).replace(", ", ", column 12: ") + "not valid YAML: expected ',' or ']', but got :"
            + " (while parsing a flow sequence that starts on line 10)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    refused(edit(BASE, "  id: customer_id", "\tid: customer_id"))
        .hasMessage(at(7).replace(", ", ", column 1: ") + "not valid YAML: a tab character; YAML indents with spaces, not tabs"
            + " (while scanning for the next token)");
  }

  @Test
  void an_empty_or_missing_suite_file_is_a_clear_error() throws IOException {
    refused("").hasMessage(dir.resolve("suite.yaml") + ": the suite is empty; start with 'suite: holdout.suite/v1'");
    refused("# only a comment\n").hasMessage(dir.resolve("suite.yaml") + ": the suite is empty; start with 'suite: holdout.suite/v1'");
    Path missing = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> SuiteParser.parse(missing))
        .isInstanceOf(HoldoutException.BadSuite.class)
        .hasMessage(missing + ": suite file not found; give the path of a suite YAML file");
    assertThatThrownBy(() -> SuiteParser.parse(dir))
        .isInstanceOf(HoldoutException.BadSuite.class)
        .hasMessage(dir + ": is a folder; give the path of a suite YAML file");
  }

  @Test
  void a_suite_that_is_not_utf_8_says_so() throws IOException {
    Path latin1 = Files.write(dir.resolve("suite.yaml"), BASE.replace("churn", "caf\u00e9").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> SuiteParser.parse(latin1))
        .isInstanceOf(HoldoutException.BadSuite.class)
        .hasMessage(latin1 + ": is not UTF-8 text; save the suite as UTF-8");
  }

  @Test
  void a_suite_that_is_not_a_mapping_is_refused() throws IOException {
    refused("- a\n- b\n").hasMessage(at(1) + "the suite: expected a mapping of keys to values, found a list");
  }

  @Test
  void a_key_given_twice_names_both_lines() throws IOException {
    refused(edit(BASE, "name: churn\n", "name: churn\nname: again\n"))
        .hasMessage(dir.resolve("suite.yaml") + " line 3: key 'name' appears twice in the same mapping (first on line 2); keep one");
  }

  @Test
  void a_criterion_id_used_twice_names_the_line_of_the_second() throws IOException {
    refused(edit(edit(BASE, "  - metric: roc_auc\n", "  - metric: roc_auc\n    id: bar\n"), "    min: 0.6\n", "    min: 0.6\n    id: bar\n"))
        .hasMessage(at(20) + "criteria[1].id: criterion id 'bar' is used twice; give each criterion its own id");
  }

  @Test
  void an_unknown_task_or_schema_is_refused_with_the_choices() throws IOException {
    refused(edit(BASE, "task: binary_classification", "task: binary"))
        .hasMessage(at(4) + "task: unknown task 'binary'; did you mean 'binary_classification'?"
            + " (tasks: binary_classification, multiclass_classification, multilabel_classification, regression, forecasting, retrieval, text_generation)");
    refused(edit(BASE, "suite: holdout.suite/v1", "suite: holdout.suite/v2"))
        .hasMessage(at(1) + "suite: expected 'holdout.suite/v1', found 'holdout.suite/v2'");
  }

  @Test
  void keys_of_another_task_are_refused() throws IOException {
    refused(edit(BASE, "  score: p_churn", "  score: p_churn\n  value: y"))
        .hasMessage(at(13) + "predictions.value: 'value' does not apply to binary_classification; remove it");
    refused(edit(REGRESSION, "  label: units", "  label: units\n  positive: yes"))
        .hasMessage(at(9) + "data.positive: only binary_classification has a positive class; remove it");
    refused(REGRESSION + "top_k: 2\n").hasMessage(at(14) + "top_k: top_k is for multiclass_classification only; remove it");
  }

  @Test
  void predictions_missing_takes_wrong_fail_or_ignore() throws IOException {
    assertThat(parse(edit(BASE, "  score: p_churn", "  score: p_churn\n  missing: ignore")).predictions().missing())
        .isEqualTo(Suite.Missing.IGNORE);
    assertThat(parse(edit(BASE, "  score: p_churn", "  score: p_churn\n  missing: fail")).predictions().missing())
        .isEqualTo(Suite.Missing.FAIL);
    refused(edit(BASE, "  score: p_churn", "  score: p_churn\n  missing: wrnog"))
        .hasMessage(at(13) + "predictions.missing: expected one of [wrong, fail, ignore], found 'wrnog'; did you mean 'wrong'?");
  }

  @Test
  void multiclass_probability_columns_must_name_exactly_the_declared_classes() throws IOException {
    String multi = """
        suite: holdout.suite/v1
        name: tickets
        problem: Route tickets.
        task: multiclass_classification
        data:
          path: eval.csv
          id: ticket_id
          label: topic
          classes: [account, billing, other]
        predictions:
          probabilities: {account: p_account, billing: p_billing}
        """;
    refused(multi).hasMessage(at(11) + "predictions.probabilities: the probability columns must name exactly the classes"
        + " [account, billing, other], found [account, billing]");
    Suite s = parse(edit(multi, "billing: p_billing}", "billing: p_billing, other: p_other}"));
    assertThat(s.data().classes()).containsExactly("account", "billing", "other");
    assertThat(s.primaryMetric()).isEqualTo("f1_macro");
  }

  @Test
  void two_classes_or_two_quantiles_reading_one_column_are_refused() throws IOException {
    String multi = """
        suite: holdout.suite/v1
        name: tickets
        problem: Route tickets.
        task: multiclass_classification
        data:
          path: eval.csv
          id: ticket_id
          label: topic
        predictions:
          probabilities:
            account: p_account
            billing: p_billing
            other: p_billing
        """;
    refused(multi).hasMessage(at(13) + "predictions.probabilities.other: column 'p_billing' is already the probability of class 'billing';"
        + " give each class its own column");
    refused(edit(REGRESSION, "  value: units_pred", "  value: units_pred\n  quantiles: {0.1: q10, 0.9: q10}"))
        .hasMessage(at(11) + "predictions.quantiles.0.9: column 'q10' is already quantile 0.1; give each quantile its own column");
    refused(edit(REGRESSION, "  value: units_pred", "  value: units_pred\n  quantiles: {0.9: q90, 0.90: q90b}"))
        .hasMessage(at(11) + "predictions.quantiles.0.90: quantile 0.90 is given twice (as 0.9); keep one");
    assertThat(parse(edit(REGRESSION, "  value: units_pred", "  value: units_pred\n  quantiles: {0.5: units_pred, 0.9: q90}"))
        .predictions().quantiles()).containsEntry(0.5, "units_pred").containsEntry(0.9, "q90");
  }

  @Test
  void parse_text_names_the_given_file_name_in_messages() {
    assertThatThrownBy(() -> SuiteParser.parse("inline.yaml", "suite: holdout.suite/v1\nname: x\n", dir))
        .isInstanceOf(HoldoutException.BadSuite.class)
        .hasMessageStartingWith("inline.yaml line 1: missing required key 'problem'");
  }
}
