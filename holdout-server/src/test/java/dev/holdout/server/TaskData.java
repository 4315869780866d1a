package dev.holdout.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Projects of every task for the server's tests: the bundled examples' suites and files
 * (tagging, rag-retrieval, qa) and generated forecasting data with many series, so a split by
 * series leaves both parts with series whatever the project's secret seed.
 */
final class TaskData {
  private TaskData() {}

  static final Path EXAMPLES = Path.of("..", "examples");

  static String example(String name) {
    try {
      return Files.readString(EXAMPLES.resolve(name).resolve("suite.yaml"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path exampleFile(String name, String file) {
    return EXAMPLES.resolve(name).resolve(file);
  }

  static String forecastSuite() {
    return """
        suite: holdout.suite/v1
        name: weekly-units
        problem: Forecast weekly units per store one to three weeks ahead.
        task: forecasting
        data:
          path: actuals.csv
          history: history.csv
          series: store
          time: week
          label: units
          slices: [region]
        predictions:
          value: forecast
          origin: origin
        forecast:
          season: 4
          horizon: 3
          origins: ["60", "63"]
        baseline: {kind: seasonal_naive}
        primary_metric: mae
        criteria:
          - metric: mase
            max: 1.0
          - metric: mae
            min_lift: 0
        bootstrap: {replicates: 200, seed: 5}
        """;
  }

  private static double units(int store, int week) {
    return mean(store, week) + new Random(store * 7919L + week * 104_729L).nextGaussian() * 4;
  }

  /** A level per store, a trend of 1.5 units a week (which the seasonal naive forecast misses) and a season of 4 weeks. */
  private static double mean(int store, int week) {
    return 100 + 3 * store + 1.5 * week + 20 * Math.sin(2 * Math.PI * week / 4.0);
  }

  /** The history (weeks 1 to 60) and actual values (weeks 61 to 66) of {@code stores} stores. */
  static Path[] forecastData(Path dir, int stores) {
    StringBuilder history = new StringBuilder("store,region,week,units\n");
    StringBuilder actuals = new StringBuilder("store,region,week,units\n");
    for (int s = 0; s < stores; s++) {
      for (int w = 1; w <= 66; w++) {
        (w <= 60 ? history : actuals).append(store(s)).append(',').append(s % 2 == 0 ? "north" : "south").append(',').append(w).append(',')
            .append(String.format(Locale.ROOT, "%.1f", units(s, w))).append('\n');
      }
    }
    return new Path[] {TestServer.Data.write(dir.resolve("history.csv"), history.toString()),
        TestServer.Data.write(dir.resolve("actuals.csv"), actuals.toString())};
  }

  static String store(int s) {
    return String.format(Locale.ROOT, "S%02d", s);
  }

  /** Forecasts from both origins: the true level and season plus noise of {@code noise} units. */
  static Path forecasts(Path dir, String name, int stores, double noise) {
    StringBuilder sb = new StringBuilder("store,origin,week,forecast\n");
    Random r = new Random(name.hashCode());
    for (int s = 0; s < stores; s++) {
      for (int origin : new int[] {60, 63}) {
        for (int h = 1; h <= 3; h++) {
          int w = origin + h;
          sb.append(store(s)).append(',').append(origin).append(',').append(w).append(',')
              .append(String.format(Locale.ROOT, "%.2f", mean(s, w) + r.nextGaussian() * noise)).append('\n');
        }
      }
    }
    return TestServer.Data.write(dir.resolve(name + ".csv"), sb.toString());
  }

  /** A document collection for the retrieval example: one line per document id it ranks. */
  static Path documents(Path dir) {
    StringBuilder sb = new StringBuilder("doc_id,text\n");
    for (int d = 0; d < 2000; d++) sb.append(String.format(Locale.ROOT, "D%04d", d)).append(",policy passage ").append(d).append('\n');
    return TestServer.Data.write(dir.resolve("documents.csv"), sb.toString());
  }

  /**
   * An OpenAI-compatible judge on 127.0.0.1 that grades every answer 4 and records the
   * Authorization header of each request.
   */
  static final class FakeJudge implements AutoCloseable {
    final HttpServer server;
    final List<String> authorizations = new CopyOnWriteArrayList<>();

    FakeJudge() throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/v1/chat/completions", exchange -> {
        exchange.getRequestBody().readAllBytes();
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(auth == null ? "" : auth);
        byte[] body = "{\"choices\": [{\"message\": {\"content\": \"{\\\"grade\\\": 4, \\\"reason\\\": \\\"close to the reference\\\"}\"}}]}"
            .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
      });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/chat/completions";
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
