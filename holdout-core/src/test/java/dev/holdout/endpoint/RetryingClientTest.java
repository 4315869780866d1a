package dev.holdout.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The retrying client against a fake endpoint on 127.0.0.1 that behaves by the request body:
 * "ok" answers, "flaky" fails with HTTP 500 the first time, "down" always fails with HTTP 503,
 * "busy" answers 429 once, "bad" is refused with HTTP 400, "garbled" answers text that is not the
 * expected JSON, "slow" answers after 2 s. The server counts what it received, so every counter of
 * {@link Traffic} is checked against the endpoint's own count.
 */
class RetryingClientTest {
  private HttpServer server;
  private URI url;
  private final AtomicInteger received = new AtomicInteger();
  private final Map<String, AtomicInteger> perBody = new ConcurrentHashMap<>();
  private final List<String> authorization = java.util.Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/", this::handle);
    server.start();
    url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/answer");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    received.incrementAndGet();
    authorization.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
    int n = perBody.computeIfAbsent(body, k -> new AtomicInteger()).incrementAndGet();
    switch (body) {
      case "flaky" -> send(ex, n == 1 ? 500 : 200, n == 1 ? "overloaded" : "yes");
      case "down" -> send(ex, 503, "down for maintenance");
      case "busy" -> send(ex, n == 1 ? 429 : 200, n == 1 ? "" : "yes");
      case "bad" -> send(ex, 400, "{\"error\": \"bad field\"}");
      case "garbled" -> send(ex, 200, "<html>oops</html>");
      case "slow" -> {
        try {
          Thread.sleep(2_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        send(ex, 200, "yes");
      }
      default -> send(ex, 200, "yes");
    }
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    } catch (IOException ignored) {
      // the client gave up on a slow answer
    }
  }

  private RetryingClient client(int retries, Map<String, String> headers) {
    return new RetryingClient(url, headers, new RetryingClient.Policy(Duration.ofMillis(500), retries, Duration.ofMillis(1), null));
  }

  /** Accepts "yes"; anything else is garbled (retried) when {@code retryGarbled}, else refused. */
  private static RetryingClient.Reader<String> yes(boolean retryGarbled) {
    return (bytes, latency) -> {
      String s = new String(bytes, StandardCharsets.UTF_8);
      if (s.equals("yes")) return RetryingClient.Reading.of(s);
      return retryGarbled ? RetryingClient.Reading.garbled("not yes: " + s) : RetryingClient.Reading.refused("not yes: " + s);
    };
  }

  @Test
  void an_answer_on_the_first_request_is_one_call_one_request_and_no_retry() {
    RetryingClient c = client(3, Map.of());
    RetryingClient.Outcome<String> o = c.post("ok", yes(false));
    assertThat(o.ok()).isTrue();
    assertThat(o.value()).isEqualTo("yes");
    assertThat(o.attempts()).isEqualTo(1);
    assertThat(c.traffic().counts()).isEqualTo(new Traffic.Counts(1, 1, 0, 0));
    assertThat(c.traffic().latencies().count()).isEqualTo(1);
  }

  @Test
  void a_500_then_an_answer_is_one_retry_and_one_failed_request() {
    RetryingClient c = client(3, Map.of());
    RetryingClient.Outcome<String> o = c.post("flaky", yes(false));
    assertThat(o.value()).isEqualTo("yes");
    assertThat(o.attempts()).isEqualTo(2);
    assertThat(c.traffic().counts()).isEqualTo(new Traffic.Counts(1, 2, 1, 1));
    assertThat(received.get()).isEqualTo(2);
  }

  @Test
  void a_429_is_retried_like_a_5xx() {
    RetryingClient c = client(1, Map.of());
    assertThat(c.post("busy", yes(false)).value()).isEqualTo("yes");
    assertThat(perBody.get("busy").get()).isEqualTo(2);
  }

  @Test
  void an_endpoint_that_is_always_down_gets_every_retry_and_the_error_says_how_many() {
    RetryingClient c = client(2, Map.of());
    RetryingClient.Outcome<String> o = c.post("down", yes(false));
    assertThat(o.ok()).isFalse();
    assertThat(o.error()).isEqualTo("HTTP 503: down for maintenance after 3 attempts");
    assertThat(o.attempts()).isEqualTo(3);
    assertThat(o.latencyMillis()).isZero();
    assertThat(c.traffic().counts()).isEqualTo(new Traffic.Counts(1, 3, 2, 3));
    assertThat(received.get()).isEqualTo(3);
  }

  @Test
  void a_client_error_ends_the_call_at_once() {
    RetryingClient c = client(3, Map.of());
    RetryingClient.Outcome<String> o = c.post("bad", yes(false));
    assertThat(o.error()).isEqualTo("HTTP 400: {\"error\": \"bad field\"}");
    assertThat(c.traffic().counts()).isEqualTo(new Traffic.Counts(1, 1, 0, 1));
    assertThat(received.get()).isEqualTo(1);
  }

  @Test
  void a_refused_answer_is_not_asked_again_and_a_garbled_one_is() {
    RetryingClient refusing = client(2, Map.of());
    RetryingClient.Outcome<String> refused = refusing.post("garbled", yes(false));
    assertThat(refused.error()).isEqualTo("not yes: <html>oops</html>");
    assertThat(refusing.traffic().counts()).isEqualTo(new Traffic.Counts(1, 1, 0, 1));

    RetryingClient retrying = client(2, Map.of());
    RetryingClient.Outcome<String> garbled = retrying.post("garbled", yes(true));
    assertThat(garbled.error()).isEqualTo("not yes: <html>oops</html> after 3 attempts");
    assertThat(retrying.traffic().counts()).isEqualTo(new Traffic.Counts(1, 3, 2, 3));
    assertThat(perBody.get("garbled").get()).isEqualTo(4);
  }

  @Test
  void a_slow_endpoint_times_out_and_the_message_names_the_setting() {
    RetryingClient c = new RetryingClient(url, Map.of(), new RetryingClient.Policy(Duration.ofMillis(200), 1, Duration.ofMillis(1), "endpoint.timeout_ms"));
    RetryingClient.Outcome<String> o = c.post("slow", yes(false));
    assertThat(o.error()).isEqualTo("no answer within 200 ms (endpoint.timeout_ms) after 2 attempts");
    assertThat(c.traffic().counts()).isEqualTo(new Traffic.Counts(1, 2, 1, 2));
    assertThat(c.traffic().latencies().count()).as("a timed-out request has a latency too").isEqualTo(2);
  }

  @Test
  void an_endpoint_nobody_listens_on_cannot_be_reached() throws IOException {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    RetryingClient c = new RetryingClient(URI.create("http://127.0.0.1:" + port + "/answer"), Map.of(),
        new RetryingClient.Policy(Duration.ofMillis(500), 1, Duration.ofMillis(1), null));
    RetryingClient.Outcome<String> o = c.post("ok", yes(false));
    assertThat(o.error()).startsWith("cannot reach the endpoint (").endsWith(" after 2 attempts");
    assertThat(c.traffic().counts()).isEqualTo(new Traffic.Counts(1, 2, 1, 2));
  }

  @Test
  void counts_add_up_over_calls_from_many_threads() {
    RetryingClient c = client(1, Map.of());
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 38; i++) bodies.add("ok" + i);
    bodies.add("flaky");
    bodies.add("down");
    FanOut.run("test", 8, bodies.size(), i -> c.post(bodies.get(i), yes(false)));
    // 40 calls; "flaky" fails once then answers, "down" fails twice: 42 requests, 2 retries, 3 failed
    assertThat(c.traffic().counts()).isEqualTo(new Traffic.Counts(40, 42, 2, 3));
    assertThat(received.get()).isEqualTo(42);
  }

  @Test
  void headers_go_with_every_request() {
    RetryingClient c = client(1, Map.of("Authorization", "Bearer k1"));
    c.post("flaky", yes(false));
    assertThat(authorization).containsExactly("Bearer k1", "Bearer k1");
  }

  @Test
  void the_wait_doubles_before_each_retry_and_stops_doubling_at_two_to_the_sixteenth() {
    RetryingClient.Policy p = new RetryingClient.Policy(Duration.ofSeconds(1), 20, Duration.ofMillis(100), null);
    assertThat(p.waitBeforeRetry(1)).isEqualTo(100);
    assertThat(p.waitBeforeRetry(2)).isEqualTo(200);
    assertThat(p.waitBeforeRetry(4)).isEqualTo(800);
    assertThat(p.waitBeforeRetry(17)).isEqualTo(100L << 16);
    assertThat(p.waitBeforeRetry(20)).isEqualTo(100L << 16);
  }

  @Test
  void a_policy_refuses_negative_retries_and_a_zero_timeout() {
    assertThatThrownBy(() -> new RetryingClient.Policy(Duration.ofSeconds(1), -1, Duration.ZERO, null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> new RetryingClient.Policy(Duration.ZERO, 1, Duration.ZERO, null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_long_reply_is_clipped_to_one_line_of_120_characters() {
    assertThat(RetryingClient.clip("a\n  b\tc")).isEqualTo("a b c");
    String clipped = RetryingClient.clip("x".repeat(500));
    assertThat(clipped).hasSize(120).endsWith("…");
    assertThat(RetryingClient.clip("y".repeat(500).getBytes(StandardCharsets.UTF_8))).hasSize(120);
  }
}
