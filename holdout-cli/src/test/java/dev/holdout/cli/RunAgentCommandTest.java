package dev.holdout.cli;

import static dev.holdout.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multi-turn rows and tool-call checks against a local fake agent: it reads the city from the
 * earlier turns it is sent (so a right call proves the turns arrived, in order, before the
 * question) and answers in OpenAI's tool_calls shape. Row by row: a1 calls get_weather for the
 * right city, a2 for the wrong one, a3 (no earlier turns) asks back in text, a4 calls another
 * tool, a5 calls get_weather with arguments that are not JSON.
 */
class RunAgentCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private HttpServer server;
  private String url;
  private final List<String> bodies = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/agent", this::agent);
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort() + "/agent";
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void agent(HttpExchange exchange) throws IOException {
    JsonNode body = JSON.readTree(exchange.getRequestBody());
    bodies.add(body.toString());
    JsonNode messages = body.path("messages");
    JsonNode last = messages.path(messages.size() - 1);
    if (!last.path("role").asText().equals("user") || !last.path("content").asText().startsWith("Q: ")) {
      send(exchange, 400, "{\"error\": \"the question must come last\"}");
      return;
    }
    String earlier = messages.size() > 1 ? messages.path(0).path("content").asText() : "";
    ObjectNode message = JSON.createObjectNode().put("role", "assistant");
    if (earlier.contains("Paris")) {
      message.putNull("content");
      call(message, "get_weather", "{\"city\": \"Paris\", \"days\": 2}");
    } else if (earlier.contains("Berlin")) {
      message.putNull("content");
      call(message, "get_weather", "{\"city\": \"Munich\"}");
    } else if (earlier.contains("Rome")) {
      message.put("content", "Checking the time.");
      call(message, "get_time", "{\"city\": \"Rome\"}");
    } else if (earlier.contains("Oslo")) {
      message.putNull("content");
      call(message, "get_weather", "city=Oslo");
    } else {
      message.put("content", "Which city?");
    }
    ObjectNode root = JSON.createObjectNode();
    root.putArray("choices").addObject().set("message", message);
    send(exchange, 200, root.toString());
  }

  private static void call(ObjectNode message, String name, String arguments) {
    ObjectNode c = message.putArray("tool_calls").addObject().put("id", "call_1").put("type", "function");
    c.putObject("function").put("name", name).put("arguments", arguments);
  }

  private static void send(HttpExchange exchange, int status, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private Path suite(String a1Turns) throws IOException {
    Files.writeString(dir.resolve("eval.csv"), "id,question,turns,city,answer\n"
        + "a1,Weather?," + a1Turns + ",Paris,sunny\n"
        + "a2,Weather?,\"[{\"\"role\"\": \"\"user\"\", \"\"content\"\": \"\"I am in Berlin\"\"}]\",Berlin,rain\n"
        + "a3,Weather?,,Lyon,fog\n"
        + "a4,Weather?,\"[{\"\"role\"\": \"\"user\"\", \"\"content\"\": \"\"I am in Rome\"\"}]\",Rome,hot\n"
        + "a5,Weather?,\"[{\"\"role\"\": \"\"user\"\", \"\"content\"\": \"\"I am in Oslo\"\"}]\",Oslo,snow\n");
    return Files.writeString(dir.resolve("suite.yaml"), """
        suite: holdout.suite/v1
        name: agent
        problem: Call the weather tool for the city the user gave earlier.
        task: text_generation
        data: {path: eval.csv, id: id, reference: answer}
        predictions: {output: out}
        prompt: {template: "Q: {question}", conversation: turns}
        assertions:
          - {id: weather, tool_called: get_weather}
          - {id: weather-city, tool_called: get_weather, arguments: {city: "{city}"}}
          - {id: two-days, tool_called: get_weather, arguments: {days: "2"}}
        primary_metric: pass_rate:weather-city
        criteria:
          - {metric: pass_rate:weather-city, min: 0.1, at: point}
        bootstrap: {replicates: 100, seed: 1}
        """);
  }

  private static final String PARIS = "\"[{\"\"role\"\": \"\"user\"\", \"\"content\"\": \"\"I am in Paris\"\"}, "
      + "{\"\"role\"\": \"\"assistant\"\", \"\"content\"\": \"\"Noted.\"\"}]\"";

  @Test
  void earlier_turns_are_sent_and_tool_calls_are_checked_row_by_row() throws Exception {
    Path suite = suite(PARIS);
    Path json = dir.resolve("report.json");
    Cli r = run("run", suite, "--endpoint", url, "--out-dir", dir.resolve("out"), "--json", json);
    assertThat(r.exit()).as(r.err() + r.out()).isZero();
    assertThat(bodies).hasSize(5);
    // a1: the two earlier turns, then the question
    JsonNode a1 = bodies.stream().map(RunAgentCommandTest::tree).filter(b -> b.toString().contains("Paris")).findFirst().orElseThrow();
    assertThat(a1.path("messages").size()).isEqualTo(3);
    assertThat(a1.path("messages").path(1).path("role").asText()).isEqualTo("assistant");
    assertThat(a1.path("messages").path(1).path("content").asText()).isEqualTo("Noted.");
    JsonNode report = JSON.readTree(json.toFile());
    JsonNode metrics = report.path("metrics");
    // get_weather is called by a1, a2 and a5; for the row's city by a1 only; with days 2 (a number, compared as its JSON text) by a1.
    assertThat(metrics.path("pass_rate:weather").path("value").asDouble()).isCloseTo(0.6, within(1e-12));
    assertThat(metrics.path("pass_rate:weather-city").path("value").asDouble()).isCloseTo(0.2, within(1e-12));
    assertThat(metrics.path("pass_rate:two-days").path("value").asDouble()).isCloseTo(0.2, within(1e-12));
    assertThat(report.path("criteria").get(0).path("status").asText()).isEqualTo("PASS");
    // The answers file keeps the calls, so evaluate re-scores them alike.
    String answers = Files.readString(dir.resolve("out").resolve("answers.csv"));
    assertThat(answers.lines().findFirst().orElseThrow()).isEqualTo("id,out,tool_calls,latency_ms,prompt_tokens,completion_tokens,cached,error");
    assertThat(answers).contains("a1,,\"[{\"\"name\"\":\"\"get_weather\"\",\"\"arguments\"\":{\"\"city\"\":\"\"Paris\"\",\"\"days\"\":2}}]\"");
    assertThat(answers).contains("a3,Which city?,,");
    Path again = dir.resolve("again.json");
    Cli e = run("evaluate", suite, "-p", dir.resolve("out").resolve("answers.csv"), "--json", again);
    assertThat(e.exit()).as(e.err() + e.out()).isZero();
    assertThat(JSON.readTree(again.toFile()).path("metrics").path("pass_rate:weather").path("value").asDouble()).isCloseTo(0.6, within(1e-12));
    // A second run answers from the cache, tool calls included.
    Path cached = dir.resolve("cached.json");
    r = run("run", suite, "--endpoint", url, "--out-dir", dir.resolve("out"), "--json", cached);
    assertThat(r.exit()).as(r.err() + r.out()).isZero();
    assertThat(bodies).hasSize(5);
    assertThat(JSON.readTree(cached.toFile()).path("metrics").path("pass_rate:weather-city").path("value").asDouble()).isCloseTo(0.2, within(1e-12));
  }

  @Test
  void a_conversation_that_is_not_a_list_of_turns_exits_2_with_its_line() throws Exception {
    Path suite = suite("\"{\"\"role\"\": \"\"user\"\"}\"");
    Cli r = run("run", suite, "--endpoint", url, "--out-dir", dir.resolve("out"));
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("eval.csv line 2, column 'turns': a conversation must be a JSON array of");
    assertThat(bodies).isEmpty();
  }

  @Test
  void arguments_without_a_tool_are_refused() throws Exception {
    Path suite = suite(PARIS);
    Files.writeString(suite, Files.readString(suite).replace("  - {id: weather, tool_called: get_weather}\n",
        "  - {id: weather, contains: sun, arguments: {city: Paris}}\n"));
    Cli r = run("run", suite, "--endpoint", url, "--out-dir", dir.resolve("out"));
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("assertions[0].arguments: arguments are checked on a tool call; write tool_called: NAME beside them");
  }

  private static JsonNode tree(String s) {
    try {
      return JSON.readTree(s);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
