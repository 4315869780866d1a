package dev.holdout.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * One OpenAI-compatible chat completions endpoint ({@code POST URL} with {@code model} and
 * {@code messages}, temperature 0). A call is retried after a timeout, a connection failure, HTTP
 * 429 or a 5xx answer, waiting {@code backoff} and then twice as long each time; an answer that is
 * not the expected JSON is an error at once, since asking again would give the same. Thread-safe.
 */
public final class ChatEndpoint {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Endpoint settings: {@code apiKey} may be null (no Authorization header). */
  public record Settings(URI url, String model, String apiKey, Duration timeout, int retries, Duration backoff) {
    public Settings {
      if (retries < 0) throw new IllegalArgumentException("retries must be 0 or more: " + retries);
    }
  }

  /** An answer, or the error that stopped it; latency of the successful attempt, tokens as the endpoint counts them (-1 when it does not say). */
  public record Answer(String content, String error, long latencyMillis, long promptTokens, long completionTokens, int attempts) {}

  private final Settings settings;
  private final HttpClient http;

  public ChatEndpoint(Settings settings) {
    this.settings = settings;
    this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
  }

  public Answer ask(String system, String user) {
    String body = body(system, user);
    String lastError = null;
    long wait = settings.backoff().toMillis();
    for (int attempt = 1; attempt <= settings.retries() + 1; attempt++) {
      if (attempt > 1) {
        try {
          Thread.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return new Answer(null, "interrupted", 0, -1, -1, attempt - 1);
        }
        wait *= 2;
      }
      HttpRequest.Builder request = HttpRequest.newBuilder(settings.url()).timeout(settings.timeout())
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
      if (settings.apiKey() != null) request.header("Authorization", "Bearer " + settings.apiKey());
      long start = System.nanoTime();
      HttpResponse<String> response;
      try {
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (HttpTimeoutException e) {
        lastError = "no answer within " + settings.timeout().toMillis() + " ms";
        continue;
      } catch (IOException e) {
        lastError = "connection failed (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Answer(null, "interrupted", 0, -1, -1, attempt);
      }
      long latency = (System.nanoTime() - start) / 1_000_000;
      int status = response.statusCode();
      if (status == 429 || status >= 500) {
        lastError = "HTTP " + status;
        continue;
      }
      if (status != 200) return new Answer(null, "HTTP " + status + ": " + clip(response.body()), latency, -1, -1, attempt);
      return parse(response.body(), latency, attempt);
    }
    return new Answer(null, lastError + " after " + (settings.retries() + 1) + " attempts", 0, -1, -1, settings.retries() + 1);
  }

  private String body(String system, String user) {
    ObjectNode root = JSON.createObjectNode();
    if (settings.model() != null) root.put("model", settings.model());
    ArrayNode messages = root.putArray("messages");
    if (system != null) messages.addObject().put("role", "system").put("content", system);
    messages.addObject().put("role", "user").put("content", user);
    root.put("temperature", 0);
    return root.toString();
  }

  static Answer parse(String body, long latency, int attempts) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      return new Answer(null, "the endpoint's answer is not JSON: " + clip(body), latency, -1, -1, attempts);
    }
    JsonNode content = root == null ? null : root.path("choices").path(0).path("message").path("content");
    if (content == null || !content.isTextual()) {
      return new Answer(null, "the endpoint's answer has no choices[0].message.content text: " + clip(body), latency, -1, -1, attempts);
    }
    JsonNode usage = root.path("usage");
    return new Answer(content.asText(), null, latency, usage.path("prompt_tokens").asLong(-1), usage.path("completion_tokens").asLong(-1), attempts);
  }

  private static String clip(String s) {
    String one = s == null ? "" : s.replaceAll("\\s+", " ").strip();
    return one.length() <= 120 ? one : one.substring(0, 119) + "…";
  }
}
