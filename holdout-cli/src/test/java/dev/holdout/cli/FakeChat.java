package dev.holdout.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * A chat completions endpoint on 127.0.0.1 whose behaviour is known prompt by prompt: the test's
 * function gets the user message and how many times it was received (1 for the first), and gives
 * the reply. It counts every request it received and every HTTP error status it sent, so a test
 * can hold Holdout's serving counters against the endpoint's own.
 */
final class FakeChat implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the endpoint sends: an HTTP status and, for 200, the answer's text (7 prompt and 2 completion tokens). */
  record Reply(int status, String content) {
    static Reply answer(String content) {
      return new Reply(200, content);
    }

    static Reply error(int status) {
      return new Reply(status, null);
    }
  }

  private final HttpServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(8);
  private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
  final AtomicInteger requests = new AtomicInteger();
  final AtomicInteger errors = new AtomicInteger();

  /** A behaviour that also reads the system message (empty when none was sent). */
  interface WithSystem {
    Reply reply(String system, String user, int n);
  }

  FakeChat(BiFunction<String, Integer, Reply> behaviour) throws IOException {
    this((system, user, n) -> behaviour.apply(user, n));
  }

  FakeChat(WithSystem behaviour) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(pool);
    server.createContext("/v1/chat/completions", exchange -> {
      requests.incrementAndGet();
      JsonNode body = JSON.readTree(exchange.getRequestBody());
      JsonNode messages = body.path("messages");
      String user = messages.path(messages.size() - 1).path("content").asText();
      String system = messages.size() > 1 && messages.path(0).path("role").asText().equals("system") ? messages.path(0).path("content").asText() : "";
      int n = seen.computeIfAbsent(user, k -> new AtomicInteger()).incrementAndGet();
      Reply r = behaviour.reply(system, user, n);
      String text;
      if (r.status() == 200) {
        var root = JSON.createObjectNode();
        root.putArray("choices").addObject().putObject("message").put("role", "assistant").put("content", r.content());
        root.putObject("usage").put("prompt_tokens", 7).put("completion_tokens", 2);
        text = root.toString();
      } else {
        errors.incrementAndGet();
        text = "{\"error\": \"on purpose\"}";
      }
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(r.status(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/chat/completions";
  }

  /** How many times the endpoint received {@code prompt}. */
  int received(String prompt) {
    AtomicInteger n = seen.get(prompt);
    return n == null ? 0 : n.get();
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
