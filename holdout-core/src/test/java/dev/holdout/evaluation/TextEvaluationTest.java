package dev.holdout.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.holdout.Holdout;
import dev.holdout.base.HoldoutException;
import dev.holdout.render.HtmlReport;
import dev.holdout.result.Report;
import dev.holdout.render.TerminalReport;
import dev.holdout.suite.Suite;
import dev.holdout.verdict.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** task: text_generation end to end on three answers worked out by hand. */
class TextEvaluationTest {
  private static final String SUITE = """
      suite: holdout.suite/v1
      name: tiny-qa
      problem: Answer questions from the policy.
      task: text_generation
      data:
        path: eval.csv
        id: id
        reference: [answer, alt]
        slices: [grp]
      predictions:
        output: out
        context: ctx
      assertions:
        - {id: short, max_length: 6}
        - {id: polite, not_contains: sorry}
      criteria:
        - {metric: token_f1, min: 0.5, at: point}
        - {metric: pass_rate:short, min: 0.5, at: point}
      bootstrap: {replicates: 100, seed: 2}
      """;

  private static final String EVAL = "id,answer,alt,grp\nr1,Paris,,x\nr2,25 days,25 working days,x\nr3,form E-12,,y\n";

  private static final String PRED = "id,out,ctx\nr1,Paris.,Paris is the capital.\nr2,in 25 days,New employees receive 25 working days.\nr3,I'm sorry,\n";

  @TempDir Path dir;

  private Report evaluate(String suite, String eval, String pred) throws IOException {
    Files.writeString(dir.resolve("suite.yaml"), suite);
    Files.writeString(dir.resolve("eval.csv"), eval);
    return Holdout.evaluate(dir.resolve("suite.yaml"), Files.writeString(dir.resolve("pred.csv"), pred));
  }

  private static double value(Report r, String m) {
    return r.metrics().get(m).value();
  }

  /**
   * r1 "Paris." is exact (F1 1). r2 "in 25 days": against "25 days" 2 of 3 tokens, F1 0.8; against
   * "25 working days" F1 2/3; best 0.8. r3 "I'm sorry" shares nothing with "form E-12" and is a
   * refusal. Means: exact_match 1/3, token_f1 1.8/3 = 0.6, refusal_rate 1/3, answer_length
   * (1 + 3 + 2)/3 = 2. Grounding: r1 and r2 find every content word of the answer and of a reference
   * in their passages, r3 has no passage: faithfulness and context_recall 2/3. Assertions: short
   * (at most 6 characters) passes only "Paris.", polite fails only r3; all of them pass only for r1.
   */
  @Test
  void means_over_answers_worked_by_hand() throws IOException {
    Report r = evaluate(SUITE, EVAL, PRED);
    assertThat(r.metrics().keySet()).containsExactly("exact_match", "token_f1", "rouge_l", "chrf", "answer_length", "refusal_rate",
        "context_recall", "faithfulness", "pass_rate", "pass_rate:short", "pass_rate:polite");
    assertThat(value(r, "exact_match")).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(value(r, "token_f1")).isCloseTo(0.6, within(1e-12));
    assertThat(value(r, "refusal_rate")).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(value(r, "answer_length")).isCloseTo(2.0, within(1e-12));
    assertThat(value(r, "faithfulness")).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(value(r, "context_recall")).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(value(r, "pass_rate:short")).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(value(r, "pass_rate:polite")).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(value(r, "pass_rate")).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(r.criteria()).extracting(c -> c.status()).containsExactly(Status.PASS, Status.FAIL);
    assertThat(r.slices().get("grp").get("x").metrics().get("token_f1").value()).isCloseTo(0.9, within(1e-12));
    assertThat(TerminalReport.render(r)).contains("* token_f1").contains("pass_rate:short");
    assertThat(HtmlReport.render(r)).contains("pass_rate:polite");
  }

  @Test
  void a_row_without_an_answer_is_an_empty_answer() throws IOException {
    Report r = evaluate(SUITE, EVAL, "id,out,ctx\nr1,Paris.,Paris\n");
    assertThat(r.rows().missingPredictions()).isEqualTo(2);
    assertThat(value(r, "token_f1")).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(value(r, "refusal_rate")).isCloseTo(2.0 / 3, within(1e-12));
  }

  @Test
  void json_valid_needs_the_whole_answer_to_be_json() {
    Suite.Assertion json = new Suite.Assertion("j", Suite.Assertion.Kind.JSON_VALID, null, null, 0, 1);
    assertThat(TextModel.passes(json, " {\"a\": [1, 2]} ")).isTrue();
    assertThat(TextModel.passes(json, "{\"a\": 1} and more")).isFalse();
    assertThat(TextModel.passes(json, "```json\n{}\n```")).isFalse();
    assertThat(TextModel.passes(json, "")).isFalse();
  }

  @Test
  void a_row_without_a_reference_is_refused() throws IOException {
    Files.writeString(dir.resolve("suite.yaml"), SUITE);
    Files.writeString(dir.resolve("eval.csv"), EVAL + "r4,,,y\n");
    Path p = Files.writeString(dir.resolve("pred.csv"), PRED);
    assertThatThrownBy(() -> Holdout.evaluate(dir.resolve("suite.yaml"), p)).isInstanceOf(HoldoutException.BadData.class)
        .hasMessage(dir.resolve("eval.csv") + " line 5, columns [answer, alt]: no reference answer for id 'r4'; every row needs one to score"
            + " exact_match, token_f1, rouge_l and chrf: write one or remove the row");
  }

  @Test
  void an_answer_given_twice_is_refused() throws IOException {
    Files.writeString(dir.resolve("suite.yaml"), SUITE);
    Files.writeString(dir.resolve("eval.csv"), EVAL);
    Path p = Files.writeString(dir.resolve("pred.csv"), PRED + "r1,Rome,\n");
    assertThatThrownBy(() -> Holdout.evaluate(dir.resolve("suite.yaml"), p)).isInstanceOf(HoldoutException.BadData.class)
        .hasMessage(p + " line 5, column 'id': id 'r1' already has an answer on line 2; send one answer per id");
  }

  /**
   * The answers given today as the baseline. Column "today": r1 "Paris" (exact), r2 "25 days"
   * (exact), r3 "see the handbook" (F1 0 against "form E-12"): exact_match 2/3 against the
   * submission's 1/3, so the paired difference is -1/3, and a min_lift criterion on exact_match
   * fails. The column names no used passages: its grounding scores are undefined, not 0.
   */
  @Test
  void a_column_baseline_is_the_answer_given_today() throws IOException {
    String eval = "id,answer,alt,grp,today\nr1,Paris,,x,Paris\nr2,25 days,25 working days,x,25 days\nr3,form E-12,,y,see the handbook\n";
    String suite = SUITE.replace("bootstrap:", "baseline: {kind: column, column: today}\nbootstrap:")
        .replace("  - {metric: pass_rate:short, min: 0.5, at: point}\n", "  - {id: lift, metric: exact_match, min_lift: 0, at: point}\n");
    Report r = evaluate(suite, eval, PRED);
    Report.BaselineResult b = r.baseline();
    assertThat(b.name()).isEqualTo("column:today");
    assertThat(b.metrics().get("exact_match").value()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(b.metrics().get("token_f1").value()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(b.difference().get("exact_match").value()).isCloseTo(-1.0 / 3, within(1e-12));
    assertThat(b.metrics().get("faithfulness").value()).isNull();
    assertThat(b.metrics().get("faithfulness").undefined()).contains("the answers carry no passages");
    assertThat(r.criteria()).filteredOn(c -> c.id().equals("lift")).singleElement().extracting(c -> c.status()).isEqualTo(Status.FAIL);
  }

  /** A run baseline reads a file in the submission's shape; with the passage columns, its grounding is scored too. */
  @Test
  void a_run_baseline_reads_the_answers_file() throws IOException {
    Files.writeString(dir.resolve("today.csv"), "id,out,ctx\nr1,Paris,Paris is the capital.\nr2,25 days,\nr3,form E-12,\n");
    Report r = evaluate(SUITE.replace("bootstrap:", "baseline: {kind: run, path: today.csv}\nbootstrap:"), EVAL, PRED);
    Report.BaselineResult b = r.baseline();
    assertThat(b.description()).isEqualTo("the answers of today.csv (the answers given today)");
    assertThat(b.metrics().get("exact_match").value()).isCloseTo(1.0, within(1e-12));
    // only r1's answer is found in its passages
    assertThat(b.metrics().get("faithfulness").value()).isCloseTo(1.0 / 3, within(1e-12));
  }
}
