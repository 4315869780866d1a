package dev.holdout.cli;

import static dev.holdout.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdout.base.Format;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code holdout run}'s serving section against {@link FakeChat}, which counts what it received:
 * 40 questions, 30 answered at once, 5 failing once with HTTP 500, 3 failing always, 2 refused.
 */
class RunServingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private FakeChat chat;

  @BeforeEach
  void start() throws IOException {
    chat = new FakeChat((q, n) -> {
      if (q.startsWith("fail-once") && n == 1) return FakeChat.Reply.error(500);
      if (q.startsWith("fail-always")) return FakeChat.Reply.error(500);
      if (q.startsWith("refuse")) return FakeChat.Reply.answer("I cannot help with that.");
      return FakeChat.Reply.answer("Paris");
    });
  }

  @AfterEach
  void stop() {
    chat.close();
  }

  private Path suite(String criteria, String prices) throws IOException {
    StringBuilder csv = new StringBuilder("id,question,answer\n");
    for (int i = 0; i < 40; i++) {
      String kind = i < 30 ? "right" : i < 35 ? "fail-once" : i < 38 ? "fail-always" : "refuse";
      csv.append("q").append(i).append(',').append(kind).append(" question ").append(i).append(",Paris\n");
    }
    Files.writeString(dir.resolve("eval.csv"), csv);
    return Files.writeString(dir.resolve("suite.yaml"), """
        suite: holdout.suite/v1
        name: serving-test
        problem: Answer questions.
        task: text_generation
        data: {path: eval.csv, id: id, reference: answer}
        predictions: {output: answer}
        prompt:
          template: "{question}"
          model: fake-1
        """ + prices + """
        criteria:
          - {id: em, metric: exact_match, min: 0.5, at: point}
        """ + criteria + """
        bootstrap: {replicates: 50, seed: 1}
        """);
  }

  @Test
  void requests_retries_failed_rows_and_cached_answers_are_what_the_endpoint_received() throws Exception {
    Path suite = suite("", "");
    Path json = dir.resolve("run.json");
    Cli first = run("run", "--out-dir", dir, suite, "--endpoint", chat.url(), "--retries", "2", "--backoff-ms", "1", "--concurrency", "6",
        "--json", json);
    assertThat(first.exit()).as(first.err() + first.out()).isEqualTo(0);
    JsonNode s = JSON.readTree(json.toFile()).path("serving");
    // 30 + 2 refused once each, 5 twice (500, then an answer), 3 three times (three 500s): 32 + 10 + 9
    assertThat(chat.requests.get()).isEqualTo(51);
    assertThat(chat.errors.get()).isEqualTo(14);
    assertThat(s.path("requests").asLong()).isEqualTo(chat.requests.get());
    assertThat(s.path("calls").asLong()).as("one per row").isEqualTo(40);
    assertThat(s.path("retries").asLong()).as("requests beyond each row's first").isEqualTo(51 - 40);
    assertThat(s.path("failed_attempts").asLong()).as("every HTTP 500 the endpoint sent").isEqualTo(chat.errors.get());
    assertThat(s.path("failed_rows").asLong()).isEqualTo(3);
    assertThat(s.path("rows_failed").asLong()).isEqualTo(3);
    assertThat(s.path("cached").asLong()).isZero();
    assertThat(s.path("repeats").asInt()).isEqualTo(1);
    assertThat(s.path("error_rate").asDouble()).isEqualTo(3 / 40.0);
    assertThat(first.out()).contains(": 40 rows, 51 requests, 0 answers from the cache, 3 errors (error rate 0.0750)")
        .contains("requests 51, failed attempts 14, retries 11");

    Cli again = run("run", "--out-dir", dir, suite, "--endpoint", chat.url(), "--retries", "2", "--backoff-ms", "1", "--json", json);
    assertThat(again.exit()).as(again.err()).isEqualTo(0);
    JsonNode c = JSON.readTree(json.toFile()).path("serving");
    // only the 3 rows that failed are asked again, three times each
    assertThat(chat.requests.get()).isEqualTo(51 + 9);
    assertThat(c.path("requests").asLong()).isEqualTo(9);
    assertThat(c.path("calls").asLong()).isEqualTo(3);
    assertThat(c.path("retries").asLong()).isEqualTo(6);
    assertThat(c.path("failed_attempts").asLong()).isEqualTo(9);
    assertThat(c.path("cached").asLong()).isEqualTo(37);
    assertThat(c.path("failed_rows").asLong()).isEqualTo(3);
    assertThat(again.out()).contains(": 40 rows, 9 requests, 37 answers from the cache, 3 errors")
        .contains("answers from the cache 37");
  }

  @Test
  void the_printed_cost_per_1000_rows_is_the_criterions_figure() throws Exception {
    Path suite = suite("  - {id: cost, metric: cost_per_1000, max: 1}\n",
        "  price_per_1k_prompt_tokens: 0.01\n  price_per_1k_completion_tokens: 0.02\n");
    Path json = dir.resolve("run.json");
    Cli r = run("run", "--out-dir", dir, suite, "--endpoint", chat.url(), "--retries", "2", "--backoff-ms", "1", "--json", json);
    assertThat(r.exit()).as(r.err() + r.out()).isEqualTo(0);
    // 37 answered rows of 7 prompt and 2 completion tokens: (259 * 0.01 + 74 * 0.02) / 1000 / 40 rows * 1000
    double expected = (259 * 0.01 + 74 * 0.02) / 1000 / 40 * 1000;
    JsonNode report = JSON.readTree(json.toFile());
    assertThat(report.path("serving").path("cost_per_1000").asDouble()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
    Matcher printed = Pattern.compile("cost ([-0-9.e+]+) per 1,000 rows").matcher(r.out());
    assertThat(printed.find()).as(r.out()).isTrue();
    Matcher observed = Pattern.compile("cost_per_1000 .*\\n\\s+observed ([-0-9.e+]+)").matcher(r.out());
    assertThat(observed.find()).as(r.out()).isTrue();
    assertThat(printed.group(1)).isEqualTo(observed.group(1)).isEqualTo(Format.number(expected)).isNotEqualTo("0.00");
  }
}
