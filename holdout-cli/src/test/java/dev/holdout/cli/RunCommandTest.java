package dev.holdout.cli;

import static dev.holdout.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code holdout run} against a local fake chat endpoint (never the network) that answers
 * deterministically, once with HTTP 500 before answering, too slowly, and with malformed JSON.
 */
class RunCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private HttpServer server;
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private String url;
  private final List<JsonNode> generic = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    server.createContext("/v1/chat/completions", exchange -> {
      JsonNode body = JSON.readTree(exchange.getRequestBody());
      String user = body.path("messages").path(1).path("content").asText();
      int n = calls.computeIfAbsent(user, k -> new AtomicInteger()).incrementAndGet();
      int status = 200;
      String answer;
      if (user.contains("flaky") && n == 1) {
        status = 500;
        answer = "{\"error\": \"overloaded\"}";
      } else if (user.contains("broken")) {
        status = 503;
        answer = "{\"error\": \"down\"}";
      } else if (user.contains("slow")) {
        try {
          Thread.sleep(1500);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        answer = reply("too late");
      } else if (user.contains("garbage")) {
        answer = "<html>oops";
      } else {
        answer = reply(user.contains("capital") ? "Paris" : "25 days");
      }
      byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      } catch (IOException ignored) {
        // the client gave up on a slow answer
      }
    });
    server.createContext("/generate", exchange -> {
      JsonNode body = JSON.readTree(exchange.getRequestBody());
      generic.add(body);
      String input = body.path("input").asText();
      String answer = input.contains("garbage") ? "{\"output\": {}}"
          : JSON.createObjectNode().<com.fasterxml.jackson.databind.node.ObjectNode>set("output",
              JSON.createObjectNode().put("text", input.contains("capital") ? "Paris" : "25 days"))
              .<com.fasterxml.jackson.databind.node.ObjectNode>set("meta", JSON.createObjectNode().put("in", 11).put("out", 3)).toString();
      byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/chat/completions";
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static String reply(String content) {
    return "{\"choices\": [{\"message\": {\"role\": \"assistant\", \"content\": \"" + content + "\"}}], \"usage\": {\"prompt_tokens\": 7, \"completion_tokens\": 2}}";
  }

  private Path suite() throws IOException {
    Files.writeString(dir.resolve("eval.csv"), "id,question,answer\n"
        + "q1,What is the capital of France?,Paris\nq2,How much leave (flaky)?,25 days\nq3,A slow question,x\nq4,A garbage question,y\n");
    return Files.writeString(dir.resolve("suite.yaml"), """
        suite: holdout.suite/v1
        name: run-test
        problem: Answer questions.
        task: text_generation
        data: {path: eval.csv, id: id, reference: answer}
        predictions: {output: answer}
        prompt:
          system: Answer briefly.
          template: "Question: {question}"
          model: fake-1
        criteria:
          - {metric: exact_match, min: 0.4, at: point}
        bootstrap: {replicates: 50, seed: 1}
        """);
  }

  @Test
  void a_suite_whose_answers_carry_passages_is_run_with_grounding_not_measured() throws Exception {
    Files.writeString(dir.resolve("eval.csv"), "id,question,answer\nq1,What is the capital of France?,Paris\nq2,How much leave?,25 days\n");
    Path suite = Files.writeString(dir.resolve("suite.yaml"), """
        suite: holdout.suite/v1
        name: rag-run
        problem: Answer questions from the documents.
        task: text_generation
        data: {path: eval.csv, id: id, reference: answer}
        predictions: {output: answer, context: passages}
        prompt: {template: "Question: {question}", model: fake-1}
        criteria:
          - {id: f1, metric: token_f1, min: 0.5, at: point}
          - {id: grounded, metric: faithfulness, min: 0.8}
        bootstrap: {replicates: 50, seed: 1}
        """);
    Path json = dir.resolve("report.json");
    Cli r = run("run", "--out-dir", dir, suite, "--endpoint", url, "--timeout", "2", "--retries", "0", "--json", json);
    assertThat(r.err()).doesNotContain("no column");
    assertThat(r.exit()).as(r.err() + r.out()).isEqualTo(3);  // INCONCLUSIVE: grounding cannot be judged from the endpoint's answers
    JsonNode report = JSON.readTree(json.toFile());
    JsonNode grounded = null;
    for (JsonNode c : report.path("criteria")) if (c.path("id").asText().equals("grounded")) grounded = c;
    assertThat(grounded).isNotNull();
    assertThat(grounded.path("status").asText()).isEqualTo("INCONCLUSIVE");
    assertThat(r.out()).contains("passages");
  }

  @Test
  void answers_retries_errors_and_the_cache() throws Exception {
    Path suite = suite();
    Path answers = dir.resolve("answers.csv");
    // q1 and q4 once each, q2 twice (HTTP 500, then an answer), q3 twice (two timeouts): 6 requests.
    Cli first = run("run", "--out-dir", dir, suite, "--endpoint", url, "--timeout", "0.5", "--retries", "1", "--backoff-ms", "10", "--concurrency", "4");
    assertThat(first.exit()).as(first.err()).isEqualTo(0);
    assertThat(first.out()).contains(": 4 rows, 6 requests, 0 answers from the cache, 2 errors (error rate 0.5000)")
        .contains("Tokens: 14 prompt, 4 completion")
        .contains("  error q3: no answer within 500 ms after 2 attempts")
        .contains("  error q4: the endpoint's answer is not JSON: <html>oops")
        .contains("Verdict: ACCEPTED");
    List<String> lines = Files.readAllLines(answers);
    assertThat(lines.get(0)).isEqualTo("id,answer,latency_ms,prompt_tokens,completion_tokens,cached,error");
    assertThat(lines.get(1)).startsWith("q1,Paris,");
    assertThat(lines.get(2)).startsWith("q2,25 days,");
    assertThat(lines.get(3)).startsWith("q3,,0,-1,-1,false,no answer within 500 ms after 2 attempts");
    assertThat(calls.get("Question: How much leave (flaky)?").get()).isEqualTo(2);
    assertThat(calls.get("Question: A garbage question").get()).as("malformed JSON is not retried").isEqualTo(1);

    Cli second = run("run", "--out-dir", dir, suite, "--endpoint", url, "--timeout", "0.5", "--retries", "0", "--concurrency", "2");
    assertThat(second.out()).contains(": 4 rows, 2 requests, 2 answers from the cache, 2 errors");
    assertThat(calls.get("Question: What is the capital of France?").get()).isEqualTo(1);
  }

  @Test
  void the_serving_counters_are_what_the_endpoint_received() throws Exception {
    Path suite = suite();
    Files.writeString(dir.resolve("eval.csv"), "id,question,answer\n"
        + "q1,What is the capital of France?,Paris\nq2,How much leave (flaky)?,25 days\nq3,A broken question,x\nq4,A garbage question,y\n");
    Path json = dir.resolve("run.json");
    Cli first = run("run", "--out-dir", dir, suite, "--endpoint", url, "--timeout", "30", "--retries", "1", "--backoff-ms", "10", "--concurrency", "4",
        "--json", json);
    assertThat(first.exit()).as(first.err()).isEqualTo(0);
    int received = calls.values().stream().mapToInt(AtomicInteger::get).sum();
    JsonNode serving = JSON.readTree(json.toFile()).path("serving");
    // q1 answers; q2 fails with HTTP 500 once, then answers; q3 fails with HTTP 503 twice; q4's garbage is refused, not retried
    assertThat(received).as("%s", calls).isEqualTo(6);
    assertThat(serving.path("calls").asLong()).as("one call per row sent").isEqualTo(4);
    assertThat(serving.path("retries").asLong()).isEqualTo(2);
    assertThat(serving.path("failed_attempts").asLong()).as("q2's 500, q3's two 503s, q4's garbage").isEqualTo(4);
    assertThat(serving.path("rows_failed").asLong()).isEqualTo(2);
    assertThat(first.out()).contains(": 4 rows, 6 requests, 0 answers from the cache, 2 errors")
        .contains("  error q3: HTTP 503: {\"error\": \"down\"} after 2 attempts");

    Cli again = run("run", "--out-dir", dir, suite, "--endpoint", url, "--timeout", "30", "--retries", "0", "--json", json);
    assertThat(again.exit()).as(again.err()).isEqualTo(0);
    JsonNode cached = JSON.readTree(json.toFile()).path("serving");
    // q1 and q2 come from the cache; q3 and q4 are asked once each
    assertThat(calls.values().stream().mapToInt(AtomicInteger::get).sum() - received).isEqualTo(2);
    assertThat(cached.path("calls").asLong()).isEqualTo(2);
    assertThat(cached.path("retries").asLong()).isZero();
    assertThat(cached.path("failed_attempts").asLong()).isEqualTo(2);
  }

  @Test
  void a_users_mistake_met_while_asking_exits_2_with_its_message_not_70() throws Exception {
    Path suite = suite();
    // the answer cache is asked for a folder; a file there cannot hold it, which a worker finds when it stores an answer
    Path notAFolder = Files.writeString(dir.resolve("cache.txt"), "not a folder\n");
    Cli r = run("run", "--out-dir", dir, suite, "--endpoint", url, "--timeout", "0.5", "--retries", "0", "--cache", notAFolder);
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).startsWith("holdout: " + notAFolder).contains("cannot be written").contains("check the folder exists and is writable")
        .doesNotContain("IllegalStateException").doesNotContain("internal error");
  }

  @Test
  void latency_and_error_rate_criteria_are_judged_on_the_run() throws Exception {
    Path suite = suite();
    Files.writeString(suite, Files.readString(suite).replace("  - {metric: exact_match, min: 0.4, at: point}\n",
        "  - {metric: exact_match, min: 0.4, at: point}\n  - {id: fast, metric: latency_p95_ms, max: 5000}\n  - {id: errors, metric: error_rate, max: 0.1}\n"
            + "  - {id: cost, metric: cost_per_1000, max: 5}\n")
        .replace("  model: fake-1\n", "  model: fake-1\n  price_per_1k_prompt_tokens: 1.0\n  price_per_1k_completion_tokens: 2.0\n"));
    Path json = dir.resolve("run.json");
    Cli r = run("run", "--out-dir", dir, suite, "--endpoint", url, "--timeout", "0.5", "--retries", "0", "--concurrency", "4", "--json", json);
    assertThat(r.exit()).as(r.err() + r.out()).isEqualTo(1);
    JsonNode report = JSON.readTree(json.toFile());
    JsonNode serving = report.path("serving");
    assertThat(serving.path("kind").asText()).isEqualTo("chat_endpoint");
    assertThat(serving.path("rows").asLong()).isEqualTo(4);
    // without retries the flaky question fails with HTTP 500 too: the slow, the garbage and the flaky one
    assertThat(serving.path("rows_failed").asLong()).isEqualTo(3);
    assertThat(serving.path("error_rate").asDouble()).isEqualTo(0.75);
    assertThat(serving.path("latency_ms").path("p95").asDouble()).isBetween(0.0, 5000.0);
    Map<String, String> status = new java.util.HashMap<>();
    report.path("criteria").forEach(c -> status.put(c.path("id").asText(), c.path("status").asText()));
    // one answered row (7 prompt and 2 completion tokens) over 4 rows: (0.007 + 0.004) / 4 * 1000
    assertThat(serving.path("cost_per_1000").asDouble()).isCloseTo(2.75, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(status).containsEntry("fast", "PASS").containsEntry("errors", "FAIL").containsEntry("cost", "PASS");
  }

  @Test
  void answers_and_the_cache_go_to_the_working_folder_not_beside_the_suite() throws Exception {
    Path suite = suite();
    Path work = dir.resolve("work").resolve("run-1");
    Cli r = run("run", "--out-dir", work, suite, "--endpoint", url, "--timeout", "0.5", "--retries", "0");
    assertThat(r.exit()).as(r.err()).isIn(0, 1, 3);
    assertThat(work.resolve("answers.csv")).exists();
    assertThat(work.resolve(".holdout-cache")).isDirectory();
    assertThat(dir.resolve("answers.csv")).doesNotExist();
    assertThat(dir.resolve(".holdout-cache")).doesNotExist();
    assertThat(r.out()).contains("Answers written to " + work.resolve("answers.csv"));
  }

  @Test
  void run_writes_html_and_junit_like_evaluate() throws Exception {
    Path html = dir.resolve("run.html");
    Path junit = dir.resolve("run.xml");
    Cli r = run("run", "--out-dir", dir, suite(), "--endpoint", url, "--timeout", "0.5", "--retries", "0", "--html", html, "--junit", junit);
    assertThat(r.exit()).as(r.err()).isIn(0, 1, 3);
    assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("data-verdict=");
    assertThat(Files.readString(junit)).contains("<testsuite", "<testcase");
  }

  @Test
  void on_a_terminal_the_questions_asked_are_counted_on_standard_error() throws Exception {
    System.setProperty(TerminalProgress.FORCE, "always");
    try {
      Path json = dir.resolve("r.json");
      Cli r = run("run", "--out-dir", dir, suite(), "--endpoint", url, "--timeout", "0.5", "--retries", "0", "--json", json);
      assertThat(r.err()).contains("asking the endpoint: 4 of 4 questions").endsWith("\r\033[K");
      assertThat(r.out()).doesNotContain("asking the endpoint").doesNotContain("\r");
    } finally {
      System.clearProperty(TerminalProgress.FORCE);
    }
  }

  @Test
  void bad_endpoints_and_suites_without_a_prompt_exit_2() throws Exception {
    Path suite = suite();
    Cli bad = run("run", "--out-dir", dir, suite, "--endpoint", "localhost:80");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).isEqualTo("holdout: --endpoint 'localhost:80': expected an http:// or https:// URL of the endpoint\n");
    Files.writeString(suite, Files.readString(suite).replaceAll("(?s)prompt:.*model: fake-1\n", ""));
    Cli none = run("run", "--out-dir", dir, suite, "--endpoint", url);
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).contains("holdout run needs a 'prompt' section with a template");
  }

  @Test
  void a_generic_json_endpoint_gets_the_request_template_and_answers_at_the_response_pointer() throws Exception {
    Path suite = suite();
    Files.writeString(dir.resolve("eval.csv"), "id,question,answer\n"
        + "q1,\"What is the capital of \"\"France\"\"?\",Paris\nq2,How much leave?,25 days\nq4,A garbage question,y\n");
    Files.writeString(suite, Files.readString(suite).replace("  model: fake-1\n", """
          model: fake-1
          request: {input: "{prompt}", meta: {row: "{id}", model: "{model}", instructions: "{system}"}, max_tokens: 64, stream: false}
          response: /output/text
          usage: {prompt_tokens: /meta/in, completion_tokens: /meta/out}
        """));
    String endpoint = url.replace("/v1/chat/completions", "/generate");
    Path json = dir.resolve("run.json");
    Cli r = run("run", "--out-dir", dir, suite, "--endpoint", endpoint, "--retries", "0", "--concurrency", "2", "--json", json);
    assertThat(r.exit()).as(r.err() + r.out()).isEqualTo(0);
    assertThat(r.out()).contains(": 3 rows, 3 requests, 0 answers from the cache, 1 errors")
        .contains("Tokens: 22 prompt, 6 completion")
        .contains("error q4: the endpoint's answer has no text at /output/text: {\"output\": {}}");
    JsonNode first = generic.stream().filter(b -> b.path("meta").path("row").asText().equals("q1")).findFirst().orElseThrow();
    // values are filled as JSON text (the quotes in the question stay escaped), numbers and booleans are sent as written
    assertThat(first.path("input").asText()).isEqualTo("Question: What is the capital of \"France\"?");
    assertThat(first.path("meta").path("model").asText()).isEqualTo("fake-1");
    assertThat(first.path("meta").path("instructions").asText()).isEqualTo("Answer briefly.");
    assertThat(first.path("max_tokens").isInt()).isTrue();
    assertThat(first.path("stream").isBoolean()).isTrue();
    List<String> lines = Files.readAllLines(dir.resolve("answers.csv"));
    assertThat(lines.get(1)).startsWith("q1,Paris,").endsWith(",11,3,false,");
    assertThat(lines.get(2)).startsWith("q2,25 days,");
    assertThat(JSON.readTree(json.toFile()).path("serving").path("kind").asText()).isEqualTo("json_endpoint");

    Cli again = run("run", "--out-dir", dir, suite, "--endpoint", endpoint, "--retries", "0");
    assertThat(again.out()).as("the cache is keyed by the request body").contains(": 3 rows, 1 requests, 2 answers from the cache");
  }

  @Test
  void a_request_template_naming_an_unknown_column_exits_2() throws Exception {
    Path suite = suite();
    Files.writeString(suite, Files.readString(suite).replace("  model: fake-1\n",
        "  model: fake-1\n  request: {input: \"{prompt}\", topic: \"{questoin}\"}\n  response: /output/text\n"));
    Cli r = run("run", "--out-dir", dir, suite, "--endpoint", url.replace("/v1/chat/completions", "/generate"));
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("prompt.request: {questoin} is not a column of eval.csv; did you mean 'question'?");
    assertThat(generic).isEmpty();
  }
}
