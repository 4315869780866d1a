package dev.holdout.endpoint;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

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
  }

  /** An answer, or the error that stopped it; latency of the successful attempt, tokens as the endpoint counts them (-1 when it does not say). */
  record Answer(String content, String error, long latencyMillis, long promptTokens, long completionTokens, int attempts) {}

  Settings settings();

  /** The request body for one row: the rendered prompt, the system message and the row's values by column. */
  String body(String system, String prompt, Map<String, String> row);

  /** Sends a body made by {@link #body}, with the retries of {@link Http#post}. */
  Answer send(String body);

  /** The report's name for this kind of endpoint: chat_endpoint or json_endpoint. */
  String kind();

  /** Asks one prompt that needs no row values (a judge, a smoke test). */
  default Answer ask(String system, String prompt) {
    return send(body(system, prompt, Map.of()));
  }
}
