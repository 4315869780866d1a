package dev.holdout.cli;

import static dev.holdout.cli.Cli.example;
import static dev.holdout.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The qa example through the command: the verdict, the pass rates in the JSON report, and a reference-less row. */
class TextGenerationCommandTest {
  @TempDir Path dir;

  @Test
  void the_qa_example_is_rejected_for_ungrounded_answers_and_disclaimers() throws Exception {
    Path json = dir.resolve("qa.json");
    Cli r = run("evaluate", example("qa/suite.yaml"), "-p", example("qa/vendor.csv"), "--json", json, "--html", dir.resolve("qa.html"));
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).startsWith("Holdout · hr-policy-assistant (text_generation)\n")
        .contains("* token_f1 ")
        .contains("FAIL          grounded: faithfulness >= 0.8 (95% CI lower end)")
        .contains("PASS          beats-faq: token_f1 lift over the baseline >= 0.1 (95% CI lower end)")
        .endsWith("Verdict: REJECTED (1 passed, 2 failed, 2 inconclusive of 5 criteria)\n");
    JsonNode j = new ObjectMapper().readTree(json.toFile());
    assertThat(j.path("suite").path("task").asText()).isEqualTo("text_generation");
    assertThat(j.path("metrics").path("pass_rate:no-ai").path("value").asDouble()).isBetween(0.85, 0.95);
    assertThat(j.path("metrics").path("chrf").path("ci")).hasSize(2);
    // the FAQ search pastes whole policy sentences: never an exact match, and grounding is not measured for it
    assertThat(j.path("baseline").path("metrics").path("exact_match").path("value").asDouble()).isEqualTo(0.0);
    assertThat(j.path("baseline").path("metrics").path("faithfulness").path("undefined").asText()).contains("carry no passages");
  }

  @Test
  void per_row_values_list_every_answer_and_are_refused_for_classification() throws Exception {
    Path rows = dir.resolve("rows.csv");
    Cli r = run("evaluate", example("qa/suite.yaml"), "-p", example("qa/vendor.csv"), "--per-row", rows, "-q");
    assertThat(r.exit()).isEqualTo(1);
    java.util.List<String> lines = java.nio.file.Files.readAllLines(rows);
    assertThat(lines).hasSize(241);
    assertThat(lines.get(0)).isEqualTo("id,has_prediction,exact_match,token_f1,rouge_l,chrf,answer_length,refusal_rate,"
        + "context_recall,faithfulness,pass_rate,pass_rate:no-ai,pass_rate:short");
    Cli churn = run("evaluate", example("churn/suite.yaml"), "-p", example("churn/vendor-a.csv"), "--per-row", dir.resolve("x.csv"));
    assertThat(churn.exit()).isEqualTo(2);
    assertThat(churn.err()).startsWith("holdout: --per-row lists per-row metric values of retrieval and text_generation suites");
  }
}
