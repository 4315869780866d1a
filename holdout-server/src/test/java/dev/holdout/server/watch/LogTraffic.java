package dev.holdout.server.watch;

import dev.holdout.server.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;

/** Generated production traffic for a {@link TestServer} project, and a client that posts it as named batches. */
final class LogTraffic {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private LogTraffic() {}

  /** The test suite with a monitor section cutting the log into windows of {@code window}. */
  static String suite(String window) {
    return TestServer.Data.suite() + "monitor: {window: " + window + "}\n";
  }

  /**
   * {@code rows} log rows numbered from {@code from}: id, time (one row a minute from
   * 2026-01-05), region, tenure and the score; {@code shift} adds to tenure (a covariate shift).
   */
  static String batch(int from, int rows, double shift, long seed) {
    StringBuilder sb = new StringBuilder("id,time,region,tenure,p\n");
    Random r = new Random(seed);
    for (int i = from; i < from + rows; i++) {
      long minute = i;
      String time = java.time.Instant.ofEpochSecond(1_767_571_200L + minute * 60).toString();
      sb.append("r").append(i).append(',').append(time).append(',').append(r.nextInt(3) == 0 ? "north" : "south").append(',')
          .append(Math.round(r.nextInt(60) + shift)).append(',').append(String.format(Locale.ROOT, "%.4f", 0.1 + 0.8 * r.nextDouble())).append('\n');
    }
    return sb.toString();
  }

  record Answer(int status, String body, String replay) {}

  static Answer post(TestServer s, String path, String token, String batchId, String contentType, String body) {
    try {
      return post(s.base(), path, token, batchId, contentType, body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Posts to the API at {@code base}; a connection that fails (a killed server) throws. */
  static Answer post(String base, String path, String token, String batchId, String contentType, String body) throws IOException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", contentType);
    if (token != null) b.header("Authorization", "Bearer " + token);
    if (batchId != null) b.header("Idempotency-Key", batchId);
    try {
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body(), r.headers().firstValue("Idempotent-Replay").orElse(null));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
