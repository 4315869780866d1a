package dev.holdout.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local chat completions endpoint for timing the whole {@code holdout run} process (issue 24):
 * writes {@code DIR/eval.csv} (ROWS questions) and {@code DIR/suite.yaml} (a row-templated
 * assertion and two criteria), serves on 127.0.0.1 until killed, and writes its URL to
 * {@code DIR/url} once listening. Row N is answered "item N", except every tenth row, answered
 * "I do not know", after DELAY_MS milliseconds; {@code GET /count} gives the requests received.
 *
 * <pre>java -cp holdout-bench/target/classes:holdout-bench/target/lib/* dev.holdout.bench.FakeChatServer DIR ROWS [DELAY_MS]</pre>
 */
public final class FakeChatServer {
  private static final Pattern ITEM = Pattern.compile("item (\\d+)\\?");

  private FakeChatServer() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    int rows = Integer.parseInt(args[1]);
    long delay = args.length > 2 ? Long.parseLong(args[2]) : 0;
    Files.createDirectories(dir);
    StringBuilder eval = new StringBuilder("id,question,answer\n");
    for (int i = 0; i < rows; i++) eval.append('r').append(i).append(",What is item ").append(i).append("?,item ").append(i).append('\n');
    Files.writeString(dir.resolve("eval.csv"), eval);
    Files.writeString(dir.resolve("suite.yaml"), """
        suite: holdout.suite/v1
        name: run-bench
        problem: Throughput and memory of the whole holdout run process.
        task: text_generation
        data: {path: eval.csv, id: id, reference: answer}
        predictions: {output: answer}
        prompt: {template: "Question: {question}", model: fake}
        assertions:
          - {id: names-reference, contains: "{answer}"}
        primary_metric: exact_match
        criteria:
          - {metric: exact_match, min: 0.85}
          - {metric: pass_rate:names-reference, min: 0.85}
        bootstrap: {replicates: 1000, seed: 1}
        """);
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
    server.setExecutor(Executors.newFixedThreadPool(delay > 0 ? 64 : 8));
    AtomicLong count = new AtomicLong();
    server.createContext("/v1/chat/completions", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      count.incrementAndGet();
      Matcher m = ITEM.matcher(body);
      String n = m.find() ? m.group(1) : "?";
      String content = n.endsWith("0") ? "I do not know" : "item " + n;
      if (delay > 0) {
        try {
          Thread.sleep(delay);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      byte[] reply = ("{\"choices\": [{\"message\": {\"role\": \"assistant\", \"content\": \"" + content
          + "\"}}], \"usage\": {\"prompt_tokens\": 9, \"completion_tokens\": 2}}").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, reply.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(reply);
      }
    });
    server.createContext("/count", exchange -> {
      byte[] reply = (count.get() + "\n").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, reply.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(reply);
      }
    });
    server.start();
    Files.writeString(dir.resolve("url"), "http://127.0.0.1:" + server.getAddress().getPort());
  }
}
