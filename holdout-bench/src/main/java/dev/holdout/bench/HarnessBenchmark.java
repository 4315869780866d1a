package dev.holdout.bench;

import com.sun.net.httpserver.HttpServer;
import dev.holdout.endpoint.ChatEndpoint;
import dev.holdout.endpoint.Endpoint;
import dev.holdout.scoring.Harness;
import dev.holdout.suite.Suite;
import dev.holdout.suite.SuiteParser;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;

/**
 * Requests per second of {@code holdout run}'s harness against a local chat endpoint that answers
 * at once (issue 8's bar: at least 500 per second), without the cache, and the heap in use after.
 *
 * <pre>java -cp holdout-bench/target/classes:holdout-bench/target/lib/* dev.holdout.bench.HarnessBenchmark DIR ROWS CONCURRENCY</pre>
 */
public final class HarnessBenchmark {
  private HarnessBenchmark() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    int rows = Integer.parseInt(args[1]);
    int concurrency = Integer.parseInt(args[2]);
    Files.createDirectories(dir);
    StringBuilder eval = new StringBuilder("id,question,answer\n");
    for (int i = 0; i < rows; i++) eval.append('r').append(i).append(",What is item ").append(i).append("?,item ").append(i).append('\n');
    Files.writeString(dir.resolve("eval.csv"), eval);
    Files.writeString(dir.resolve("suite.yaml"), """
        suite: holdout.suite/v1
        name: harness-bench
        problem: Requests per second of holdout run.
        task: text_generation
        data: {path: eval.csv, id: id, reference: answer}
        predictions: {output: answer}
        prompt: {template: "Question: {question}", model: fake}
        """);
    byte[] reply = "{\"choices\": [{\"message\": {\"role\": \"assistant\", \"content\": \"item\"}}], \"usage\": {\"prompt_tokens\": 5, \"completion_tokens\": 1}}"
        .getBytes(StandardCharsets.UTF_8);
    // Without TCP_NODELAY the JDK's HTTP server and client meet the 40 ms delayed-ACK stall on every
    // request, which measures the fake endpoint rather than the harness.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
    var serverThreads = Executors.newFixedThreadPool(8);
    server.setExecutor(serverThreads);
    server.createContext("/v1/chat/completions", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(200, reply.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(reply);
      }
    });
    server.start();
    try {
      Suite suite = SuiteParser.parse(dir.resolve("suite.yaml"));
      URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/chat/completions");
      Endpoint.Settings settings = new Endpoint.Settings(url, "fake", null, Duration.ofSeconds(10), 3, Duration.ofMillis(100));
      long start = System.nanoTime();
      Harness.Summary s = Harness.run(suite, new ChatEndpoint(settings), concurrency, null, dir.resolve("answers.csv"));
      double seconds = (System.nanoTime() - start) / 1e9;
      Runtime rt = Runtime.getRuntime();
      System.out.printf(Locale.ROOT, "%,d rows, %,d requests, %d errors in %.2f s: %,.0f requests/s at concurrency %d; latency p50 %.0f ms, p95 %.0f ms; heap in use %d MB%n",
          s.rows(), s.requests(), s.errors(), seconds, s.requests() / seconds, concurrency, s.latencyP50(), s.latencyP95(),
          (rt.totalMemory() - rt.freeMemory()) >> 20);
    } finally {
      server.stop(0);
      serverThreads.shutdownNow();
    }
  }
}
