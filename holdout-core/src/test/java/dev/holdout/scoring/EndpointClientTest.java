package dev.holdout.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.holdout.suite.Suite;
import dev.holdout.suite.SuiteParser;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndpointClientTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  HttpServer server;
  final AtomicInteger inFlight = new AtomicInteger();
  final AtomicInteger maxInFlight = new AtomicInteger();
  final AtomicInteger requests = new AtomicInteger();

  interface Handler {
    void handle(HttpExchange ex, JsonNode body) throws Exception;
  }

  String start(Handler h) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(16));
    server.createContext("/predict", ex -> {
      int now = inFlight.incrementAndGet();
      maxInFlight.accumulateAndGet(now, Math::max);
      requests.incrementAndGet();
      try {
        h.handle(ex, JSON.readTree(ex.getRequestBody()));
      } catch (Exception e) {
        send(ex, 500, "boom");
      } finally {
        inFlight.decrementAndGet();
        ex.close();
      }
    });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/predict";
  }

  @AfterEach
  void stop() {
    if (server != null) server.stop(0);
  }

  static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
  }

  /** The vendor's model: sigmoid(x1 - x2). */
  static double model(double x1, double x2) {
    return 1 / (1 + Math.exp(-(x1 - x2)));
  }

  /** Answers {"output": {"scores": [{"p": ...}, ...]}} for {"instances": [...]}. */
  static void good(HttpExchange ex, JsonNode body) throws IOException {
    StringBuilder b = new StringBuilder("{\"output\": {\"scores\": [");
    JsonNode rows = body.get("instances");
    for (int i = 0; i < rows.size(); i++) {
      if (i > 0) b.append(',');
      b.append("{\"p\": ").append(model(rows.get(i).get("x1").asDouble(), rows.get(i).get("x2").asDouble())).append('}');
    }
    send(ex, 200, b.append("]}}").toString());
  }

  Suite suite(int rows, String endpoint) throws IOException {
    StringBuilder b = new StringBuilder("id,x1,x2,region,churned\n");
    java.util.Random rnd = new java.util.Random(1);
    for (int i = 0; i < rows; i++) {
      b.append(String.format(Locale.ROOT, "r%d,%.3f,%.3f,%s,%d%n", i, rnd.nextGaussian(), rnd.nextGaussian(), i % 3 == 0 ? "north" : "south", i % 2));
    }
    Files.writeString(dir.resolve("eval.csv"), b);
    Files.writeString(dir.resolve("suite.yaml"), """
        suite: holdout.suite/v1
        name: churn
        problem: Predict churn.
        task: binary_classification
        data: {path: eval.csv, id: id, label: churned, positive: "1"}
        predictions: {score: p_churn}
        endpoint:
        """ + endpoint);
    return SuiteParser.parse(dir.resolve("suite.yaml"));
  }

  @Test
  void a_good_endpoint_answers_every_row_in_batches_with_the_models_numbers() throws IOException {
    String url = start(EndpointClientTest::good);
    Suite s = suite(103, """
          request: '{"instances": $rows}'
          response: output.scores
          field: p
          batch_size: 10
          concurrency: 3
          price_per_call: 0.002
        """);
    Scored scored = new EndpointClient(s, url).score();
    var lines = Files.readAllLines(dir.resolve("eval.csv"));
    for (int i = 0; i < 103; i++) {
      String[] f = lines.get(i + 1).split(",");
      assertThat(scored.present()[i]).isTrue();
      assertThat(scored.values()[i]).isCloseTo(model(Double.parseDouble(f[1]), Double.parseDouble(f[2])), within(1e-12));
    }
    var sv = scored.serving();
    assertThat(sv.calls()).isEqualTo(11);
    assertThat(requests.get()).isEqualTo(11);
    assertThat(sv.rowsFailed()).isZero();
    assertThat(sv.errorRate()).isZero();
    assertThat(sv.retries()).isZero();
    assertThat(sv.latencyMs().p95()).isPositive().isLessThanOrEqualTo(sv.latencyMs().max());
    // 11 calls at 0.002 for 103 rows: 0.022 / 103 * 1000
    assertThat(sv.costPer1000()).isCloseTo(0.022 / 103 * 1000, within(1e-12));
    assertThat(maxInFlight.get()).isLessThanOrEqualTo(3);
  }

  @Test
  void the_label_is_never_sent_to_the_endpoint() throws IOException {
    var seen = ConcurrentHashMap.<String>newKeySet();
    String url = start((ex, body) -> {
      body.get("rows").forEach(r -> r.fieldNames().forEachRemaining(seen::add));
      StringBuilder b = new StringBuilder("{\"predictions\": [");
      for (int i = 0; i < body.get("rows").size(); i++) b.append(i > 0 ? "," : "").append("0.5");
      send(ex, 200, b.append("]}").toString());
    });
    Scored scored = new EndpointClient(suite(5, "  batch_size: 2\n"), url).score();
    assertThat(seen).containsExactlyInAnyOrder("id", "x1", "x2", "region");
    assertThat(scored.serving().rowsFailed()).isZero();
  }

  @Test
  void concurrency_is_bounded_while_the_server_is_slow() throws IOException {
    String url = start((ex, body) -> {
      Thread.sleep(30);
      good(ex, body);
    });
    Scored scored = new EndpointClient(suite(40, "  request: '{\"instances\": $rows}'\n  response: output.scores\n  field: p\n  batch_size: 2\n  concurrency: 4\n"), url).score();
    assertThat(scored.serving().rowsFailed()).isZero();
    assertThat(maxInFlight.get()).isBetween(2, 4);
  }

  @Test
  void a_server_that_fails_once_per_batch_is_retried_and_every_row_is_answered() throws IOException {
    var failedOnce = ConcurrentHashMap.<String>newKeySet();
    String url = start((ex, body) -> {
      String first = body.get("instances").get(0).get("id").asText();
      if (failedOnce.add(first)) {
        send(ex, 503, "busy");
        return;
      }
      good(ex, body);
    });
    Scored scored = new EndpointClient(suite(20, "  request: '{\"instances\": $rows}'\n  response: output.scores\n  field: p\n  batch_size: 5\n  backoff_ms: 1\n  price_per_call: 1\n"), url).score();
    var sv = scored.serving();
    assertThat(sv.calls()).isEqualTo(4);
    assertThat(sv.failedAttempts()).isEqualTo(4);
    assertThat(sv.retries()).isEqualTo(4);
    assertThat(sv.rowsFailed()).isZero();
    // every attempt is paid for: 8 calls for 20 rows
    assertThat(sv.costPer1000()).isCloseTo(400.0, within(1e-9));
  }

  @Test
  void an_endpoint_answering_garbage_leaves_the_rows_missing_and_says_why() throws IOException {
    String url = start((ex, body) -> send(ex, 200, "<html>oops</html>"));
    Scored scored = new EndpointClient(suite(10, "  batch_size: 5\n  retries: 1\n  backoff_ms: 1\n"), url).score();
    var sv = scored.serving();
    assertThat(scored.present()).containsOnly(false);
    assertThat(sv.rowsFailed()).isEqualTo(10);
    assertThat(sv.errorRate()).isEqualTo(1.0);
    assertThat(sv.failedAttempts()).isEqualTo(4);
    assertThat(sv.errors()).singleElement().asString().contains("not JSON").contains("<html>oops</html>");
  }

  @Test
  void an_endpoint_that_hangs_times_out_and_the_run_ends() throws IOException {
    String url = start((ex, body) -> Thread.sleep(5_000));
    Scored scored = new EndpointClient(suite(4, "  batch_size: 2\n  timeout_ms: 150\n  retries: 1\n  backoff_ms: 1\n"), url).score();
    assertThat(scored.serving().rowsFailed()).isEqualTo(4);
    assertThat(scored.serving().errors()).singleElement().asString().contains("no answer within 150 ms");
  }

  @Test
  void an_endpoint_that_sends_headers_then_stalls_times_out_too() throws IOException {
    String url = start((ex, body) -> {
      ex.sendResponseHeaders(200, 0);
      ex.getResponseBody().write("{\"predictions\": [".getBytes(StandardCharsets.UTF_8));
      ex.getResponseBody().flush();
      Thread.sleep(5_000);
    });
    long t0 = System.nanoTime();
    Scored scored = new EndpointClient(suite(2, "  batch_size: 2\n  timeout_ms: 200\n  retries: 0\n"), url).score();
    assertThat((System.nanoTime() - t0) / 1e9).isLessThan(4.0);
    assertThat(scored.serving().errors()).singleElement().asString().contains("no answer within 200 ms");
  }

  @Test
  void an_answer_larger_than_the_limit_is_refused_without_holding_it() throws IOException {
    String url = start((ex, body) -> {
      ex.sendResponseHeaders(200, 0);
      byte[] junk = new byte[1 << 20];
      java.util.Arrays.fill(junk, (byte) ' ');
      try {
        for (int i = 0; i < 40; i++) ex.getResponseBody().write(junk);
      } catch (IOException closedByClient) {
        // the client stopped reading: what the test expects
      }
    });
    Scored scored = new EndpointClient(suite(2, "  retries: 0\n"), url).score();
    assertThat(scored.serving().errors()).singleElement().asString().contains("exceeded 16 MiB");
  }

  @Test
  void an_answer_with_the_wrong_count_or_an_invalid_score_fails_only_what_it_must() throws IOException {
    String url = start((ex, body) -> {
      int n = body.get("rows").size();
      if (n == 3) {
        send(ex, 200, "{\"predictions\": [0.1, 0.2]}");
      } else {
        send(ex, 200, "{\"predictions\": [0.3, \"high\"]}");
      }
    });
    Scored scored = new EndpointClient(suite(5, "  batch_size: 3\n  retries: 0\n"), url).score();
    assertThat(scored.present()).containsExactly(false, false, false, true, false);
    assertThat(scored.serving().rowsFailed()).isEqualTo(4);
    assertThat(scored.serving().errors()).anyMatch(e -> e.contains("2 predictions for 3 rows"))
        .anyMatch(e -> e.contains("row id 'r4'") && e.contains("expected a number"));
  }

  @Test
  void a_client_error_is_not_retried() throws IOException {
    String url = start((ex, body) -> send(ex, 400, "{\"error\": \"bad field\"}"));
    Scored scored = new EndpointClient(suite(2, "  retries: 3\n  backoff_ms: 1\n"), url).score();
    assertThat(requests.get()).isEqualTo(1);
    assertThat(scored.serving().errors()).singleElement().asString().startsWith("HTTP 400");
  }

  @Test
  void a_multiclass_endpoint_answers_class_probabilities_by_name_or_in_order() throws IOException {
    String url = start((ex, body) -> {
      JsonNode rows = body.get("rows");
      StringBuilder b = new StringBuilder("{\"predictions\": [");
      for (int i = 0; i < rows.size(); i++) {
        if (i > 0) b.append(',');
        // even rows by name, odd rows as an array in the suite's class order
        b.append(i % 2 == 0 ? "{\"dog\": 0.2, \"cat\": 0.7, \"bird\": 0.1}" : "[0.6, 0.3, 0.1]");
      }
      send(ex, 200, b.append("]}").toString());
    });
    Files.writeString(dir.resolve("eval.csv"), "id,x,animal\na,1,cat\nb,2,bird\nc,3,dog\n");
    Files.writeString(dir.resolve("suite.yaml"), """
        suite: holdout.suite/v1
        name: animals
        problem: Which animal.
        task: multiclass_classification
        data: {path: eval.csv, id: id, label: animal, classes: [bird, cat, dog]}
        predictions: {probabilities: {bird: p_bird, cat: p_cat, dog: p_dog}, label: predicted}
        endpoint: {batch_size: 3}
        """);
    Suite s = SuiteParser.parse(dir.resolve("suite.yaml"));
    Scored scored = new EndpointClient(s, url).score();
    assertThat(scored.width()).isEqualTo(3);
    assertThat(scored.values()).containsExactly(0.1, 0.7, 0.2, 0.6, 0.3, 0.1, 0.1, 0.7, 0.2);
    Path out = dir.resolve("pred.csv");
    PredictionsWriter.write(s, scored, out);
    assertThat(Files.readAllLines(out)).containsExactly("id,p_bird,p_cat,p_dog,predicted", "a,0.1,0.7,0.2,cat", "b,0.6,0.3,0.1,bird",
        "c,0.1,0.7,0.2,cat");
  }
}
