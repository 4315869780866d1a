package dev.holdout.endpoint;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The vendor's system behind HTTP, asked one prompt at a time: an OpenAI-compatible chat
 * completions endpoint ({@link ChatEndpoint}) or any JSON endpoint described by a request template
 * and a response path ({@link TemplateEndpoint}). The body a row sends is also its cache key.
 * Implementations are thread-safe.
 */
public sealed interface Endpoint permits ChatEndpoint, TemplateEndpoint {

  /** Endpoint settings: {@code apiKey} may be null (no Authorization header). */
  record Settings(URI url, String model, String apiKey, Duration timeout, int retries, Duration backoff) {
    public Settings {
      if (retries < 0) throw new IllegalArgumentException("retries must be 0 or more: " + retries);
    }

    /** The retrying client these settings describe; the API key, when there is one, goes as a Bearer token. */
    RetryingClient client() {
      Map<String, String> headers = new HashMap<>();
      if (apiKey != null) headers.put("Authorization", "Bearer " + apiKey);
      return new RetryingClient(url, headers, new RetryingClient.Policy(timeout, retries, backoff, null));
    }
  }

  /** An answer, or the error that stopped it; latency of the successful attempt, tokens as the endpoint counts them (-1 when it does not say). */
  record Answer(String content, String error, long latencyMillis, long promptTokens, long completionTokens, int attempts, String toolCalls) {
    /** An answer that calls no tool ({@code toolCalls}: the calls as {@link ToolCalls#of} writes them, null for none). */
    public Answer(String content, String error, long latencyMillis, long promptTokens, long completionTokens, int attempts) {
      this(content, error, latencyMillis, promptTokens, completionTokens, attempts, null);
    }

    /** Posts {@code body} through {@code http}; {@code parse} reads a 2xx answer's text (UTF-8) and its latency. */
    static Answer post(RetryingClient http, String body, BiFunction<String, Long, RetryingClient.Reading<Answer>> parse) {
      RetryingClient.Outcome<Answer> o = http.post(body, (bytes, latency) -> parse.apply(new String(bytes, StandardCharsets.UTF_8), latency));
      if (!o.ok()) return new Answer(null, o.error(), o.latencyMillis(), -1, -1, o.attempts());
      Answer a = o.value();
      return new Answer(a.content(), null, a.latencyMillis(), a.promptTokens(), a.completionTokens(), o.attempts(), a.toolCalls());
    }

    /** A read answer (one attempt; {@link #post} sets the attempts the call took). */
    static RetryingClient.Reading<Answer> read(String content, long latencyMillis, long promptTokens, long completionTokens) {
      return read(content, latencyMillis, promptTokens, completionTokens, null);
    }

    static RetryingClient.Reading<Answer> read(String content, long latencyMillis, long promptTokens, long completionTokens, String toolCalls) {
      return RetryingClient.Reading.of(new Answer(content, null, latencyMillis, promptTokens, completionTokens, 1, toolCalls));
    }
  }

  Settings settings();

  /** What this endpoint was sent so far: calls, requests, retries, failures. */
  Traffic traffic();

  /** The request body for one row: the rendered prompt, the system message and the row's values by column. */
  String body(String system, String prompt, Map<String, String> row);

  /** Sends a body made by {@link #body}, with the retries of {@link RetryingClient#post}. */
  Answer send(String body);

  /** The report's name for this kind of endpoint: chat_endpoint or json_endpoint. */
  String kind();

  /**
   * An endpoint's URL as reports show it: scheme, host, port and path, without user information or
   * a query, which may carry credentials.
   */
  static String shown(URI u) {
    return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort()) + (u.getRawPath() == null ? "" : u.getRawPath());
  }

  /** Asks one prompt that needs no row values (a judge, a smoke test). */
  default Answer ask(String system, String prompt) {
    return send(body(system, prompt, Map.of()));
  }
}
