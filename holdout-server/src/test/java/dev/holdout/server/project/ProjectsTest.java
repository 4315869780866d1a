package dev.holdout.server.project;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdout.suite.Suite;
import dev.holdout.suite.SuiteParser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which columns vendors' inputs leave out: the label, the baseline and the reference answers, unless the suite shares them. */
class ProjectsTest {
  private static Suite suite(String extra) {
    return SuiteParser.parse("suite.yaml", """
        suite: holdout.suite/v1
        name: churn
        problem: Which customers cancel.
        task: binary_classification
        data: {path: eval.csv, id: id, label: churned, positive: "1"%s}
        predictions: {id: id, score: p}
        baseline: {kind: column, column: rule_score}
        """.formatted(extra), Path.of("."));
  }

  private static List<String> inputs(Suite suite, List<String> header) {
    boolean[] hidden = Projects.hiddenColumns(suite, header);
    return java.util.stream.IntStream.range(0, header.size()).filter(i -> !hidden[i]).mapToObj(header::get).toList();
  }

  @Test
  void inputs_leave_out_the_label_and_the_baseline_column() {
    assertThat(inputs(suite(""), List.of("id", "region", "rule_score", "churned"))).containsExactly("id", "region");
  }

  @Test
  void a_column_listed_under_share_with_vendors_stays_in_the_inputs() {
    assertThat(inputs(suite(", share_with_vendors: [rule_score]"), List.of("id", "region", "rule_score", "churned"))).containsExactly("id", "region", "rule_score");
  }

  @Test
  void text_suites_leave_out_their_reference_answers_and_baseline_answers() {
    Suite text = SuiteParser.parse("suite.yaml", """
        suite: holdout.suite/v1
        name: qa
        problem: Answer questions.
        task: text_generation
        data: {path: eval.csv, id: id, reference: answer}
        predictions: {output: answer}
        baseline: {kind: column, column: faq}
        """, Path.of("."));
    assertThat(inputs(text, List.of("id", "question", "answer", "faq"))).containsExactly("id", "question");
  }

  @Test
  void multilabel_suites_leave_out_every_label_column() {
    Suite tagging = SuiteParser.parse("suite.yaml", """
        suite: holdout.suite/v1
        name: topics
        problem: Tag tickets.
        task: multilabel_classification
        data: {path: eval.csv, id: id, labels: {billing: is_billing, refund: is_refund}}
        predictions: {scores: {billing: p_billing, refund: p_refund}}
        """, Path.of("."));
    assertThat(inputs(tagging, List.of("id", "subject", "is_billing", "is_refund"))).containsExactly("id", "subject");
  }
}
