package dev.holdout.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdout.base.HoldoutException;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** The text generation keys of a suite: data.reference, predictions.output and context, assertions. */
class TextSuiteTest {
  private static final String BASE = """
      suite: holdout.suite/v1
      name: qa
      problem: Answer questions.
      task: text_generation
      data:
        path: eval.csv
        id: id
        reference: answer
      predictions:
        output: out
      """;

  private static Suite parse(String yaml) {
    return SuiteParser.parse("suite.yaml", yaml, Path.of("/buyer"));
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> refused(String yaml) {
    return assertThatThrownBy(() -> parse(yaml)).isInstanceOf(HoldoutException.BadSuite.class);
  }

  @Test
  void defaults_and_assertions() {
    Suite s = parse(BASE + "assertions:\n  - {contains: Paris}\n  - {id: json, json_valid: true}\n  - {regex: '^\\\\d+$'}\n  - {max_length: 50}\n");
    assertThat(s.primaryMetric()).isEqualTo("token_f1");
    assertThat(s.text().references()).containsExactly("answer");
    assertThat(s.text().usedContext()).isEmpty();
    assertThat(s.text().assertions()).extracting(Suite.Assertion::id).containsExactly("a1", "json", "a3", "a4");
    assertThat(s.text().assertions().get(3).maxLength()).isEqualTo(50);
    assertThat(s.baseline().kind()).isEqualTo(Suite.Baseline.Kind.NONE);
  }

  @Test
  void metrics_need_what_they_measure() {
    refused(BASE + "primary_metric: faithfulness\n")
        .hasMessage("suite.yaml line 11, primary_metric: faithfulness needs the passages the system used: add predictions.context naming their column(s)");
    refused(BASE + "primary_metric: pass_rate\n")
        .hasMessage("suite.yaml line 11, primary_metric: pass_rate needs assertions: add an 'assertions' list to the suite");
    refused(BASE + "assertions:\n  - {id: short, max_length: 9}\nprimary_metric: pass_rate:shrt\n")
        .hasMessage("suite.yaml line 13, primary_metric: no assertion has the id 'shrt'; did you mean 'short'?; the assertion ids are [short]");
    refused(BASE + "criteria:\n  - {metric: token_f1, min_lift: 0.1}\n")
        .hasMessageContaining("criteria[0].min_lift: min_lift needs a baseline");
    refused(BASE + "primary_metric: rouge\n")
        .hasMessage("suite.yaml line 11, primary_metric: unknown metric 'rouge' (text_generation metrics: exact_match, token_f1, rouge_l, chrf, answer_length, refusal_rate, consistency, probe_pass_rate:injection, probe_pass_rate:indirect_injection, probe_pass_rate:system_prompt_leak, probe_pass_rate:pii_leak, probe_pass_rate:jailbreak, probe_pass_rate:off_topic, probe_pass_rate:over_refusal)");
  }

  @Test
  void bad_assertions_name_the_line() {
    refused(BASE + "assertions:\n  - {regex: '(unclosed'}\n").hasMessageStartingWith("suite.yaml line 12, assertions[0].regex: not a valid regular expression (Unclosed group");
    refused(BASE + "assertions:\n  - {contains: a, max_length: 3}\n")
        .hasMessage("suite.yaml line 12, assertions[0]: give one check per assertion, found [contains, max_length]; split it into several assertions");
    refused(BASE + "assertions:\n  - {json_valid: yes please}\n").hasMessage("suite.yaml line 12, assertions[0].json_valid: write json_valid: true");
    refused(BASE + "assertions:\n  - {id: x, contains: a}\n  - {id: x, contains: b}\n")
        .hasMessage("suite.yaml line 13, assertions[1].id: assertion id 'x' is used twice; give each assertion its own id");
    refused(BASE + "assertions:\n  - {json_schema: {}}\n")
        .hasMessage("suite.yaml line 12, assertions[0].json_schema: give the path of a JSON Schema file, relative to the suite, e.g. json_schema: refund.schema.json");
  }

  @Test
  void an_empty_list_of_reference_or_context_columns_is_refused() {
    refused(BASE.replace("  reference: answer\n", "  reference: []\n"))
        .hasMessage("suite.yaml line 8, data.reference: the list is empty; name the column (or columns) with the reference answer");
    refused(BASE + "  context: []\n")
        .hasMessage("suite.yaml line 11, predictions.context: the list is empty; name the column (or columns) with the passages the answer used,"
            + " or remove the key");
  }

  @Test
  void keys_of_other_tasks_are_refused() {
    refused(BASE.replace("  reference: answer\n", "  label: answer\n"))
        .hasMessage("suite.yaml line 8, data.label: 'label' does not apply to text_generation (name the reference answer columns with 'reference'); remove it");
    refused(BASE.replace("  output: out\n", "  score: out\n"))
        .hasMessage("suite.yaml line 10, predictions.score: 'score' does not apply to text_generation; remove it");
    refused(BASE.replace("task: text_generation", "task: regression").replace("  reference: answer\n", "  label: y\n").replace("output: out", "value: v")
        + "assertions:\n  - {contains: a}\n")
        .hasMessage("suite.yaml line 12, assertions: assertions check generated text: they are for task: text_generation only; remove them");
  }

  @org.junit.jupiter.api.Test
  void a_json_schema_assertion_reads_its_schema_and_checks_answers(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    java.nio.file.Files.writeString(dir.resolve("refund.schema.json"), """
        {"type": "object", "required": ["amount", "currency"],
         "properties": {"amount": {"type": "number", "minimum": 0}, "currency": {"$ref": "#/$defs/currency"}},
         "$defs": {"currency": {"enum": ["EUR", "USD"]}}}
        """);
    Suite s = SuiteParser.parse("suite.yaml", BASE + "assertions:\n  - {id: refund, json_schema: refund.schema.json}\n", dir);
    Suite.Assertion a = s.text().assertions().get(0);
    assertThat(a.kind()).isEqualTo(Suite.Assertion.Kind.JSON_SCHEMA);
    assertThat(dev.holdout.evaluation.TextModelAccess.passes(a, "{\"amount\": 12.5, \"currency\": \"EUR\"}")).isTrue();
    assertThat(dev.holdout.evaluation.TextModelAccess.passes(a, "{\"amount\": \"12\", \"currency\": \"EUR\"}")).isFalse();
    assertThat(dev.holdout.evaluation.TextModelAccess.passes(a, "{\"amount\": 3, \"currency\": \"GBP\"}")).isFalse();
    assertThat(dev.holdout.evaluation.TextModelAccess.passes(a, "{\"amount\": 3}")).isFalse();
    assertThat(dev.holdout.evaluation.TextModelAccess.passes(a, "Refund of 12 EUR")).isFalse();

    java.nio.file.Files.writeString(dir.resolve("remote.json"), "{\"$ref\": \"https://example.com/s.json\"}");
    assertThatThrownBy(() -> SuiteParser.parse("suite.yaml", BASE + "assertions:\n  - {json_schema: remote.json}\n", dir))
        .isInstanceOf(HoldoutException.BadSuite.class).hasMessageContaining("points outside the file");
    java.nio.file.Files.writeString(dir.resolve("broken.json"), "{\n  \"type\": \n}");
    assertThatThrownBy(() -> SuiteParser.parse("suite.yaml", BASE + "assertions:\n  - {json_schema: broken.json}\n", dir))
        .isInstanceOf(HoldoutException.BadSuite.class).hasMessageContaining("line 3").hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> SuiteParser.parse("suite.yaml", BASE + "assertions:\n  - {json_schema: missing.json}\n", dir))
        .isInstanceOf(HoldoutException.BadSuite.class).hasMessageContaining("not found");
  }

  @Test
  void a_generic_json_endpoint_needs_a_response_pointer() {
    Suite s = parse(BASE + "prompt:\n  request: {q: \"{question}\", n: 2, opts: [true, null, 0.5]}\n  response: /answer\n  usage: {completion_tokens: /usage/out}\n");
    assertThat(s.text().prompt().template()).isNull();
    assertThat(s.text().prompt().request().body().toString()).isEqualTo("{\"q\":\"{question}\",\"n\":2,\"opts\":[true,null,0.5]}");
    assertThat(s.text().prompt().request().completionTokens()).isEqualTo("/usage/out");
    assertThat(s.text().prompt().request().promptTokens()).isNull();
    refused(BASE + "prompt:\n  request: {q: \"{question}\"}\n")
        .hasMessage("suite.yaml line 12, prompt: a request template needs 'response': the JSON Pointer of the answer text in the endpoint's reply, e.g. response: /output/text");
    refused(BASE + "prompt:\n  request: {q: \"{question}\"}\n  response: output.text\n")
        .hasMessage("suite.yaml line 13, prompt.response: expected a JSON Pointer such as /output/text or /choices/0/text (a slash before every key or index); found 'output.text'");
    refused(BASE + "prompt:\n  template: \"{question}\"\n  response: /answer\n")
        .hasMessageStartingWith("suite.yaml line 13, prompt.response: only a generic JSON endpoint (prompt.request) has a response path");
    refused(BASE + "prompt:\n  request: {q: \"{prompt}\"}\n  response: /answer\n")
        .hasMessageStartingWith("suite.yaml line 12, prompt.request: {prompt} stands for the rendered prompt.template, and there is none");
    refused(BASE + "prompt:\n  request: \"{question}\"\n  response: /answer\n")
        .hasMessageStartingWith("suite.yaml line 12, prompt.request: expected the JSON body to send as a mapping");
    refused(BASE + "prompt:\n  request: {q: a}\n  response: /answer\n  usage: {input_tokens: /u}\n")
        .hasMessageStartingWith("suite.yaml line 14, prompt.usage.input_tokens: unknown key 'input_tokens'");
  }

  @Test
  void a_text_baseline_is_a_column_or_a_run() {
    assertThat(parse(BASE + "baseline: {kind: column, column: today}\n").baseline()).isEqualTo(new Suite.Baseline(Suite.Baseline.Kind.COLUMN, "today"));
    assertThat(parse(BASE + "baseline: {kind: run, path: today.csv}\n").baseline().path()).isEqualTo(Path.of("/buyer/today.csv"));
    refused(BASE + "baseline: {kind: majority}\n")
        .hasMessage("suite.yaml line 11, baseline.kind: expected one of [none, column, run] for text_generation, found 'majority'");
    refused(BASE + "baseline: {kind: run}\n")
        .hasMessage("suite.yaml line 11, baseline: kind: run needs 'path': a file of the answers given today (by the current system or staff), in the submission's shape");
    refused(BASE + "criteria:\n  - {metric: token_f1, min_lift: 0.1}\n")
        .hasMessage("suite.yaml line 12, criteria[0].min_lift: min_lift needs a baseline to lift over: add baseline: {kind: column, column: NAME} or {kind: run, path: FILE} with the answers given today");
  }

  private static final String JUDGE = """
      judge:
        url: http://127.0.0.1:9/v1/chat/completions
        model: grader-1
        rubric: Is the answer correct and complete?
        scale: {min: 1, max: 5}
        input: "{question}"
      """;

  @Test
  void a_judge_has_defaults_and_adds_its_metrics() {
    Suite s = parse(BASE + JUDGE + "primary_metric: judge_score\ncriteria:\n  - {metric: judge_score, min: 3.5}\n  - {metric: judge_error_rate, max: 0.1}\n");
    Suite.Judge j = s.text().judge();
    assertThat(j.url().toString()).isEqualTo("http://127.0.0.1:9/v1/chat/completions");
    assertThat(j.model()).isEqualTo("grader-1");
    assertThat(j.apiKeyEnv()).isNull();
    assertThat(j.min()).isEqualTo(1);
    assertThat(j.max()).isEqualTo(5);
    assertThat(j.repeats()).isEqualTo(3);
    assertThat(j.timeoutMs()).isEqualTo(60_000);
    assertThat(j.concurrency()).isEqualTo(4);
    assertThat(j.retries()).isEqualTo(2);
    assertThat(j.line()).isEqualTo(12);
    assertThat(s.primaryMetric()).isEqualTo("judge_score");
    assertThat(s.criteria()).hasSize(2);
  }

  @Test
  void the_judge_input_defaults_to_the_prompt_template() {
    Suite s = parse(BASE + "prompt: {template: \"Q: {question}\"}\n" + JUDGE.replace("  input: \"{question}\"\n", "") + "  repeats: 5\n  api_key_env: JUDGE_KEY\n");
    assertThat(s.text().judge().input()).isEqualTo("Q: {question}");
    assertThat(s.text().judge().repeats()).isEqualTo(5);
    assertThat(s.text().judge().apiKeyEnv()).isEqualTo("JUDGE_KEY");
  }

  @Test
  void a_rubric_without_a_scale_is_refused_with_its_line() {
    refused(BASE + JUDGE.replace("  scale: {min: 1, max: 5}\n", ""))
        .hasMessage("suite.yaml line 12, judge: missing required key 'scale': the rubric's grades as whole numbers, e.g. scale: {min: 1, max: 5}; "
            + "the judge must answer with one of them");
  }

  @Test
  void bad_judge_sections_name_the_line() {
    refused(BASE + JUDGE.replace("{min: 1, max: 5}", "{min: 5, max: 1}")).hasMessage("suite.yaml line 15, judge.scale.max: max must be above min (5), found 1");
    refused(BASE + JUDGE.replace("{min: 1, max: 5}", "{min: 0, max: 100}"))
        .hasMessageStartingWith("suite.yaml line 15, judge.scale: a judge scale has at most 11 grades, found 101");
    refused(BASE + JUDGE.replace("{min: 1, max: 5}", "{min: 1, max: 4.5}")).hasMessage("suite.yaml line 15, judge.scale.max: expected a whole number, found 4.5");
    refused(BASE + JUDGE.replace("{min: 1, max: 5}", "{max: 5}")).hasMessage("suite.yaml line 15, judge.scale: missing required key 'min'; write scale: {min: 1, max: 5}");
    refused(BASE + JUDGE.replace("  rubric: Is the answer correct and complete?\n", "")).hasMessage("suite.yaml line 12, judge: missing required key 'rubric'");
    refused(BASE + JUDGE.replace("http://127.0.0.1:9/v1/chat/completions", "localhost:9"))
        .hasMessageStartingWith("suite.yaml line 12, judge.url: expected the http:// or https:// URL");
    refused(BASE + JUDGE.replace("  input: \"{question}\"\n", ""))
        .hasMessageStartingWith("suite.yaml line 12, judge: the judge must see what was asked: add input:");
    refused(BASE + JUDGE + "  api_key_env: sk-abc123\n")
        .hasMessageStartingWith("suite.yaml line 17, judge.api_key_env: expected the name of an environment variable such as OPENAI_API_KEY");
    refused(BASE + JUDGE + "  repeats: 0\n").hasMessage("suite.yaml line 17, judge.repeats: expected a whole number from 1 to 20, found 0");
    refused(BASE + JUDGE + "  rubrik: x\n").hasMessageStartingWith("suite.yaml line 17, judge.rubrik: unknown key 'rubrik'; did you mean 'rubric'?");
  }

  @Test
  void judge_metrics_need_a_judge_and_a_judge_needs_text() {
    refused(BASE + "primary_metric: judge_score\n")
        .hasMessage("suite.yaml line 11, primary_metric: judge_score needs a judge: add a 'judge' section with url, rubric and scale (docs/suite.md, Judged answers)");
    refused(BASE.replace("task: text_generation", "task: regression").replace("  reference: answer\n", "  label: y\n").replace("output: out", "value: v") + JUDGE)
        .hasMessage("suite.yaml line 12, judge: a judge grades generated text: it is for task: text_generation only; remove it");
  }

  @Test
  void row_templated_assertions_name_columns_of_the_evaluation_set(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    java.nio.file.Files.writeString(dir.resolve("eval.csv"), "id,question,answer,code\nq1,Where?,Paris,A.1\n");
    Suite s = SuiteParser.parse("suite.yaml", BASE + "assertions:\n  - {contains: '{answer}'}\n  - {regex: '^{code}-\\d{3}$'}\n"
        + "  - {equals_reference: true}\n", dir);
    assertThat(s.text().assertions().get(0).columns()).containsExactly("answer");
    // {3} is the regex quantifier, not a column
    assertThat(s.text().assertions().get(1).columns()).containsExactly("code");
    assertThat(RowTemplates.fill("^{code}-\\d{3}$", true, c -> "A.1")).isEqualTo("^\\QA.1\\E-\\d{3}$");
    assertThat(RowTemplates.pattern(s.text().assertions().get(1), c -> "A.1").matcher("A.1-123").find()).isTrue();
    assertThat(RowTemplates.pattern(s.text().assertions().get(1), c -> "A.1").matcher("AX1-123").find()).as("the value is quoted").isFalse();
    assertThat(s.text().assertions().get(2).kind()).isEqualTo(Suite.Assertion.Kind.EQUALS_REFERENCE);

    assertThatThrownBy(() -> SuiteParser.parse("suite.yaml", BASE + "assertions:\n  - {id: ref, contains: 'says {answr}'}\n", dir))
        .isInstanceOf(HoldoutException.BadSuite.class)
        .hasMessage("suite.yaml line 12, column 25, assertions[0].contains: {answr} is not a column of eval.csv; did you mean 'answer'?"
            + " (columns: [id, question, answer, code])");
    assertThatThrownBy(() -> SuiteParser.parse("suite.yaml", BASE + "assertions:\n  - {equals_reference: 'answer'}\n", dir))
        .isInstanceOf(HoldoutException.BadSuite.class).hasMessageContaining("write equals_reference: true");
  }
}
