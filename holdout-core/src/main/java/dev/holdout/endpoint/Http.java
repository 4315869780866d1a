package dev.holdout.endpoint;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.function.BiFunction;

/**
 * One POST of a JSON body with retries: after a timeout, a connection failure, HTTP 429 or a 5xx
 * answer it waits {@code backoff}, then twice as long each time. An answer that is not what the
 * endpoint should say is an error at once, since asking again would give the same.
 */
final class Http {
  private final Endpoint.Settings settings;
  private final HttpClient client;

  Http(Endpoint.Settings settings) {
    this.settings = settings;
    this.client = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
  }

  /** Posts {@code body}; {@code parse} turns a 200 answer's text and its latency into an Answer (attempts filled in afterwards). */
  Endpoint.Answer post(String body, BiFunction<String, Long, Endpoint.Answer> parse) {
    String lastError = null;
    long wait = settings.backoff().toMillis();
    for (int attempt = 1; attempt <= settings.retries() + 1; attempt++) {
      if (attempt > 1) {
        try {
          Thread.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return new Endpoint.Answer(null, "interrupted", 0, -1, -1, attempt - 1);
        }
        wait *= 2;
      }
      HttpRequest.Builder request = HttpRequest.newBuilder(settings.url()).timeout(settings.timeout())
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
      if (settings.apiKey() != null) request.header("Authorization", "Bearer " + settings.apiKey());
      long start = System.nanoTime();
      HttpResponse<String> response;
      try {
        response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (HttpTimeoutException e) {
        lastError = "no answer within " + settings.timeout().toMillis() + " ms";
        continue;
      } catch (IOException e) {
        lastError = "connection failed (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Endpoint.Answer(null, "interrupted", 0, -1, -1, attempt);
      }
      long latency = (System.nanoTime() - start) / 1_000_000;
      int status = response.statusCode();
      if (status == 429 || status >= 500) {
        lastError = "HTTP " + status;
        continue;
      }
      if (status != 200) return new Endpoint.Answer(null, "HTTP " + status + ": " + clip(response.body()), latency, -1, -1, attempt);
      Endpoint.Answer a = parse.apply(response.body(), latency);
      return new Endpoint.Answer(a.content(), a.error(), a.latencyMillis(), a.promptTokens(), a.completionTokens(), attempt);
    }
    return new Endpoint.Answer(null, lastError + " after " + (settings.retries() + 1) + " attempts", 0, -1, -1, settings.retries() + 1);
  }

  /** A reply shortened to one line for an error message. */
  static String clip(String s) {
    String one = s == null ? "" : s.replaceAll("\\s+", " ").strip();
    return one.length() <= 120 ? one : one.substring(0, 119) + "…";
  }
}
