package dev.holdout.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdout.base.HoldoutException;
import dev.holdout.metric.Task;
import dev.holdout.verdict.Criterion;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** The keys of a multilabel suite: labels joined in one column or a 0/1 column each, scores and thresholds per label, criteria on labels. */
class MultilabelSuiteTest {
  /** Line numbers matter: data.label is on line 8, predictions.scores on line 10, the criteria from line 12. */
  private static final String BASE = """
      suite: holdout.suite/v1
      name: tickets
      problem: Tag each ticket with every topic it raises.
      task: multilabel_classification
      data:
        path: eval.csv
        id: ticket_id
        label: topics
      predictions:
        scores: {billing: p_billing, refund: p_refund, login: p_login}
      criteria:
        - CRITERION
      """;

  private static Suite parse(String yaml) {
    return SuiteParser.parse("suite.yaml", yaml, Path.of("/buyer"));
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> refused(String yaml) {
    return assertThatThrownBy(() -> parse(yaml)).isInstanceOf(HoldoutException.BadSuite.class);
  }

  private static String with(String criterion) {
    return BASE.replace("CRITERION", criterion);
  }

  private static String without(String yaml) {
    return yaml.replace("criteria:\n  - CRITERION\n", "");
  }

  @Test
  void a_joined_label_column_takes_the_pipe_as_separator_the_labels_from_the_scores_and_threshold_0_5() {
    Suite s = parse(without(BASE));
    assertThat(s.task()).isEqualTo(Task.MULTILABEL_CLASSIFICATION);
    Suite.Multilabel m = s.multilabel();
    assertThat(m.labels()).containsExactly("billing", "refund", "login");
    assertThat(m.column()).isEqualTo("topics");
    assertThat(m.separator()).isEqualTo("|");
    assertThat(m.columns()).isEmpty();
    assertThat(m.thresholds()).containsExactly(Map.entry("billing", 0.5), Map.entry("refund", 0.5), Map.entry("login", 0.5));
    assertThat(s.primaryMetric()).isEqualTo("f1_micro");
    assertThat(s.baseline().kind()).isEqualTo(Suite.Baseline.Kind.PRIOR);
    assertThat(s.data().label()).isNull();
  }

  @Test
  void zero_one_columns_per_label_and_a_threshold_per_label() {
    Suite s = parse(without(BASE).replace("  label: topics\n", "  labels: {refund: is_refund, login: is_login, billing: is_billing}\n")
        .replace("p_login}\n", "p_login}\n  threshold: {billing: 0.4, refund: 0.6, login: 0.5}\n"));
    assertThat(s.multilabel().column()).isNull();
    assertThat(s.multilabel().columns()).containsEntry("refund", "is_refund").hasSize(3);
    assertThat(s.multilabel().thresholds()).containsExactly(Map.entry("billing", 0.4), Map.entry("refund", 0.6), Map.entry("login", 0.5));
    assertThat(parse(without(BASE).replace("  label: topics\n", "  label: topics\n  separator: ';'\n")).multilabel().separator()).isEqualTo(";");
    assertThat(parse(without(BASE).replace("p_login}\n", "p_login}\n  threshold: 0.3\n")).multilabel().thresholds()).containsValues(0.3, 0.3, 0.3);
  }

  @Test
  void labels_must_be_given_one_way_and_agree_with_the_scores() {
    refused(without(BASE).replace("  label: topics\n", ""))
        .hasMessageContaining("suite.yaml line 6, data: multilabel_classification needs the true labels: 'label'");
    refused(without(BASE).replace("  label: topics\n", "  label: topics\n  labels: {billing: b, refund: r, login: l}\n"))
        .hasMessageContaining("data.labels: give the labels one way");
    refused(without(BASE).replace("  label: topics\n", "  labels: {billing: b, refund: r}\n"))
        .hasMessageContaining("data.labels and predictions.scores must name the same labels; data.labels lacks [login]");
    refused(without(BASE).replace("  label: topics\n", "  labels: {billing: b, refund: r, login: l}\n  separator: ','\n"))
        .hasMessageContaining("data.separator: a separator splits data.label");
    refused(without(BASE).replace("p_refund, login: p_login", "p_billing, login: p_login"))
        .hasMessageContaining("predictions.scores.refund: column 'p_billing' is already the score column of label 'billing'");
    refused(without(BASE).replace("{billing: p_billing, refund: p_refund, login: p_login}", "{billing: p_billing}"))
        .hasMessageContaining("name a score column for each of at least 2 labels");
    refused(without(BASE).replace("  scores: {billing: p_billing, refund: p_refund, login: p_login}\n", "  score: p\n"))
        .hasMessageContaining("'score' does not apply to multilabel_classification");
  }

  @Test
  void a_threshold_per_label_names_every_label_once_and_lies_in_0_to_1() {
    refused(without(BASE).replace("p_login}\n", "p_login}\n  threshold: {billing: 0.4, refund: 0.6}\n"))
        .hasMessageContaining("predictions.threshold: give a threshold for every label, or one number for all; missing [login]");
    refused(without(BASE).replace("p_login}\n", "p_login}\n  threshold: {billing: 0.4, refunds: 0.6, login: 0.5}\n"))
        .hasMessageContaining("predictions.threshold.refunds: 'refunds' is not a label of predictions.scores [billing, refund, login]; did you mean 'refund'?");
    refused(without(BASE).replace("p_login}\n", "p_login}\n  threshold: {billing: 1.5, refund: 0.6, login: 0.5}\n"))
        .hasMessageContaining("predictions.threshold.billing: expected a probability threshold above 0 and at most 1");
  }

  @Test
  void multilabel_keys_are_refused_in_other_tasks_and_theirs_here() {
    String binary = "suite: holdout.suite/v1\nname: c\nproblem: p\ntask: binary_classification\ndata: {path: e.csv, id: i, label: y, separator: '|'}\n"
        + "predictions: {score: p}\n";
    assertThatThrownBy(() -> parse(binary)).hasMessageContaining("'separator' does not apply to binary_classification");
    assertThatThrownBy(() -> parse(binary.replace(", separator: '|'", "").replace("{score: p}", "{score: p, scores: {a: x, b: y}}")))
        .hasMessageContaining("'scores' does not apply to binary_classification");
    refused(without(BASE) + "costs: {tp: 1}\n").hasMessageContaining("a multilabel suite has no costs yet");
    refused(without(BASE) + "baseline: {kind: majority}\n").hasMessageContaining("expected one of [prior] for multilabel_classification");
    refused(without(BASE) + "budgets: [0.05]\n").hasMessageContaining("budgets (the top share of rows by score");
  }

  @Test
  void a_label_criterion_bounds_one_label_with_min() {
    Criterion c = parse(with("{metric: recall, label: refund, min: 0.7}")).criteria().get(0);
    assertThat(c.labels()).containsExactly("refund");
    assertThat(c.onLabels()).isTrue();
    assertThat(c.allLabels()).isFalse();
    assertThat(c.kind()).isEqualTo(Criterion.Kind.MIN);
    assertThat(c.describe(0.95)).isEqualTo("recall of label refund >= 0.7 (95% CI lower end)");
  }

  @Test
  void a_worst_label_criterion_compares_all_labels_or_those_listed() {
    Criterion all = parse(with("{metric: f1, labels: all, worst_min: 0.5}")).criteria().get(0);
    assertThat(all.labels()).containsExactly("billing", "refund", "login");
    assertThat(all.allLabels()).isTrue();
    assertThat(all.describe(0.95)).isEqualTo("worst label f1 >= 0.5 (95% CI lower end)");
    Criterion some = parse(with("{metric: roc_auc, labels: [login, billing], max_gap: 0.1}")).criteria().get(0);
    assertThat(some.labels()).containsExactly("login", "billing");
    assertThat(some.describe(0.95)).isEqualTo("label of login, billing gap in roc_auc (best minus worst) <= 0.1 (95% CI upper end)");
  }

  @Test
  void criteria_on_labels_are_refused_with_advice() {
    refused(with("{metric: recall, label: refunds, min: 0.7}"))
        .hasMessage("suite.yaml line 12, criteria[0].label: 'refunds' is not a label of predictions.scores [billing, refund, login]; did you mean 'refund'?");
    refused(with("{metric: recall, label: refund, worst_min: 0.7}"))
        .hasMessageContaining("criteria[0].label: worst_min compares labels: write labels: all (or a list of labels) instead of label");
    refused(with("{metric: recall, labels: all, min: 0.7}"))
        .hasMessageContaining("criteria[0].labels: min bounds one label: write label: NAME");
    refused(with("{metric: subset_accuracy, label: refund, min: 0.7}"))
        .hasMessageContaining("criteria[0].metric: 'subset_accuracy' is not a figure of one label; with label or labels use one of [precision, recall, f1, roc_auc, average_precision]");
    refused(with("{metric: recall, label: refund, max: 0.7}")).hasMessageContaining("recall is better when higher, so bound it with min");
    refused(with("{metric: recall, label: refund, min_lift: 0.1}")).hasMessageContaining("a label's lift is not measured");
    refused(with("{metric: recall, label: refund, min: 70}")).hasMessageContaining("if 70 is a percentage, write min: 0.7");
    refused(with("{metric: recall, labels: [refund], worst_min: 0.7}")).hasMessageContaining("compare at least 2 labels, or write labels: all");
    refused(with("{metric: recall, labels: [refund, refund, login], worst_min: 0.7}")).hasMessageContaining("label 'refund' is listed twice");
    refused(with("{metric: recall, label: refund, labels: all, min: 0.7}")).hasMessageContaining("give label (one label, with min) or labels");
    refused(with("{metric: f1_micro, worst_min: 0.7}"))
        .hasMessageContaining("worst_min compares slice groups: add 'slice: COLUMN' naming one of data.slices [], or 'labels: all' to compare the labels");
    refused(with("{metric: recall, min: 0.7}")).hasMessageContaining("criteria[0].metric: recall is a figure of one label: add 'label: NAME'"
        + " (with min), or 'labels: all' (with worst_min or max_gap); for the whole set use recall_micro, recall_macro, recall_weighted or recall_samples");
    refused(with("{metric: roc_auc, min: 0.7}")).hasMessageContaining("for the whole set use roc_auc_macro");
    refused(with("{metric: coverage_error, max: 4}")).hasMessageContaining("coverage_error is in [0, 3], so max: 4 can never fail");
  }

  @Test
  void label_keys_are_refused_outside_a_multilabel_suite() {
    String binary = "suite: holdout.suite/v1\nname: c\nproblem: p\ntask: binary_classification\ndata: {path: e.csv, id: i, label: y}\n"
        + "predictions: {score: p}\ncriteria:\n  - {metric: recall, label: yes, min: 0.5}\n";
    assertThatThrownBy(() -> parse(binary)).hasMessageContaining("criteria[0].label: label and labels name the labels of a multilabel_classification suite");
  }

  @Test
  void every_overall_metric_is_known_with_its_direction() {
    for (String metric : List.of("subset_accuracy", "jaccard_samples", "label_ranking_average_precision", "roc_auc_macro", "f1_weighted")) {
      assertThat(parse(without(BASE) + "primary_metric: " + metric + "\n").primaryMetric()).isEqualTo(metric);
    }
    assertThat(parse(with("{metric: hamming_loss, max: 0.1}")).criteria().get(0).kind()).isEqualTo(Criterion.Kind.MAX);
  }
}
