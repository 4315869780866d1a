package dev.holdout.bench;

import com.sun.net.httpserver.HttpServer;
import dev.holdout.onnx.LogisticOnnx;
import dev.holdout.onnx.OnnxScorer;
import dev.holdout.scoring.EndpointClient;
import dev.holdout.scoring.Inputs;
import dev.holdout.scoring.Scored;
import dev.holdout.suite.Suite;
import dev.holdout.suite.SuiteParser;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;

/**
 * The serving benchmark of issue 7 (docs/benchmarks.md), timed inside one JVM after warm-up runs:
 * {@code onnx [ROWS] [BATCH...]} scores a 30-input logistic ONNX model over ROWS in-memory rows
 * (default 1,000,000) per batch size; {@code endpoint [REQUESTS] [CONCURRENCY]} calls a local JSON
 * endpoint one row per request (default 20,000 requests, 8 in flight) and reports requests per
 * second and the heap's peak use.
 */
public final class ServingBenchmark {
  private ServingBenchmark() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "onnx";
    if (mode.equals("onnx")) {
      int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
      List<Integer> batches = new ArrayList<>();
      for (int i = 2; i < args.length; i++) batches.add(Integer.parseInt(args[i]));
      if (batches.isEmpty()) batches = List.of(1024, 4096, 16384);
      onnx(rows, batches);
    } else if (mode.equals("files")) {
      files(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000);
    } else if (mode.equals("endpoint")) {
      endpoint(args.length > 1 ? Integer.parseInt(args[1]) : 20_000, args.length > 2 ? Integer.parseInt(args[2]) : 8);
    } else {
      System.err.println("usage: ServingBenchmark onnx [ROWS] [BATCH...] | endpoint [REQUESTS] [CONCURRENCY] | files DIR [ROWS]");
      System.exit(2);
    }
  }

  static Suite suite(Path dir, String extra) throws Exception {
    Files.writeString(dir.resolve("eval.csv"), "id,y\na,1\n");
    return SuiteParser.parse("bench.yaml", """
        suite: holdout.suite/v1
        name: bench
        problem: Benchmark.
        task: binary_classification
        data: {path: eval.csv, id: id, label: y}
        predictions: {score: p}
        """ + extra, dir);
  }

  static void onnx(int rows, List<Integer> batches) throws Exception {
    int k = 30;
    Path dir = Files.createTempDirectory("holdout-bench-onnx");
    double[] w = new double[k];
    SplittableRandom rnd = new SplittableRandom(7);
    for (int j = 0; j < k; j++) w[j] = rnd.nextDouble(-1, 1);
    Path model = dir.resolve("logistic30.onnx");
    LogisticOnnx.write(model, w, 0.1);
    String[] ids = new String[rows];
    double[] values = new double[rows * k];
    for (int i = 0; i < rows; i++) ids[i] = "r" + i;
    for (int i = 0; i < values.length; i++) values[i] = rnd.nextDouble(-3, 3);
    List<String> columns = new ArrayList<>();
    for (int j = 0; j < k; j++) columns.add("x" + j);
    Inputs.Numeric in = new Inputs.Numeric(ids, columns, values);
    System.out.printf(Locale.ROOT, "ONNX logistic model, %d inputs, %,d rows in memory; %d cores; ONNX Runtime default threads%n", k, rows,
        Runtime.getRuntime().availableProcessors());
    for (int batch : batches) {
      Suite s = suite(dir, "model: {batch_size: " + batch + "}\n");
      try (OnnxScorer scorer = OnnxScorer.open(model)) {
        for (int warm = 0; warm < 2; warm++) scorer.score(s, in);
        double best = 0;
        List<String> runs = new ArrayList<>();
        for (int run = 0; run < 5; run++) {
          long t0 = System.nanoTime();
          Scored scored = scorer.score(s, in);
          double secs = (System.nanoTime() - t0) / 1e9;
          double rate = rows / secs;
          best = Math.max(best, rate);
          runs.add(String.format(Locale.ROOT, "%,.0f", rate));
          if (scored.values()[0] <= 0) throw new IllegalStateException("no score");
        }
        System.out.printf(Locale.ROOT, "batch %6d: best %,.0f rows/s; 5 runs: %s rows/s%n", batch, best, String.join(", ", runs));
      }
    }
  }

  /**
   * Writes DIR/eval.csv (ROWS rows: id, x0..x29, label drawn from the model), DIR/model.onnx (the
   * same 30-input logistic model as the onnx mode) and DIR/suite.yaml, for timing the whole
   * {@code holdout score DIR/suite.yaml --model DIR/model.onnx} process.
   */
  static void files(Path dir, int rows) throws Exception {
    int k = 30;
    Files.createDirectories(dir);
    double[] w = new double[k];
    SplittableRandom rnd = new SplittableRandom(7);
    for (int j = 0; j < k; j++) w[j] = rnd.nextDouble(-1, 1);
    LogisticOnnx.write(dir.resolve("model.onnx"), w, 0.1);
    try (var out = Files.newBufferedWriter(dir.resolve("eval.csv"))) {
      StringBuilder line = new StringBuilder("id");
      for (int j = 0; j < k; j++) line.append(",x").append(j);
      out.write(line.append(",y\n").toString());
      for (int i = 0; i < rows; i++) {
        line.setLength(0);
        line.append('r').append(i);
        double z = 0.1;
        for (int j = 0; j < k; j++) {
          double x = Math.round(rnd.nextDouble(-3, 3) * 1000) / 1000.0;
          z += w[j] * x;
          line.append(',').append(x);
        }
        line.append(',').append(rnd.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0).append('\n');
        out.write(line.toString());
      }
    }
    Files.writeString(dir.resolve("suite.yaml"), """
        suite: holdout.suite/v1
        name: serving-bench
        problem: Score a 30-input logistic model over the evaluation set.
        task: binary_classification
        data: {path: eval.csv, id: id, label: y, positive: "1"}
        predictions: {score: p}
        criteria:
          - {metric: roc_auc, min: 0.7}
          - {metric: latency_p95_ms, max: 200}
          - {metric: error_rate, max: 0}
        """);
  }

  static void endpoint(int requests, int concurrency) throws Exception {
    // The JDK's test server otherwise waits for Nagle's algorithm and the client's delayed ACK: about 40 ms per small answer.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    Path dir = Files.createTempDirectory("holdout-bench-endpoint");
    byte[] answer = "{\"predictions\": [0.5]}".getBytes(StandardCharsets.UTF_8);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
    server.setExecutor(Executors.newFixedThreadPool(concurrency));
    server.createContext("/predict", ex -> {
      try (InputStream body = ex.getRequestBody()) {
        body.readAllBytes();
      }
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, answer.length);
      ex.getResponseBody().write(answer);
      ex.close();
    });
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/predict";
    int k = 30;
    List<String> columns = new ArrayList<>();
    for (int j = 0; j < k; j++) columns.add("x" + j);
    SplittableRandom rnd = new SplittableRandom(3);
    String[] ids = new String[requests];
    String[][] rows = new String[requests][k];
    for (int i = 0; i < requests; i++) {
      ids[i] = "r" + i;
      for (int j = 0; j < k; j++) rows[i][j] = String.format(Locale.ROOT, "%.4f", rnd.nextDouble(-3, 3));
    }
    Inputs.Text in = new Inputs.Text(ids, columns, rows);
    Suite s = suite(dir, "endpoint: {batch_size: 1, concurrency: " + concurrency + ", timeout_ms: 5000, retries: 2}\n");
    System.out.printf(Locale.ROOT, "JSON endpoint on this machine, one row of %d columns per request, %d in flight, %,d requests; %d cores%n", k,
        concurrency, requests, Runtime.getRuntime().availableProcessors());
    EndpointClient client = new EndpointClient(s, url);
    client.score(new Inputs.Text(Arrays.copyOf(ids, 2000), columns, Arrays.copyOf(rows, 2000)));
    System.gc();
    resetPeaks();
    long before = heapUsed();
    for (int run = 0; run < 3; run++) {
      Scored scored = client.score(in);
      var sv = scored.serving();
      System.out.printf(Locale.ROOT, "run %d: %,.0f requests/s, %,d failed rows, latency p50 %.3f ms, p95 %.3f ms, p99 %.3f ms%n", run + 1,
          sv.callsPerSecond(), sv.rowsFailed(), sv.latencyMs().p50(), sv.latencyMs().p95(), sv.latencyMs().p99());
    }
    System.out.printf(Locale.ROOT, "heap in use before the runs %.0f MiB; peak heap during them %.0f MiB (max heap %.0f MiB)%n", before / 1048576.0,
        peakHeap() / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0);
    server.stop(0);
    System.exit(0);
  }

  static long heapUsed() {
    return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
  }

  static void resetPeaks() {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) p.resetPeakUsage();
  }

  static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) sum += p.getPeakUsage().getUsed();
    return sum;
  }
}
