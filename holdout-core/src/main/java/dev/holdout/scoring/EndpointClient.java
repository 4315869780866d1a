package dev.holdout.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdout.HoldoutException;
import dev.holdout.metric.Task;
import dev.holdout.report.Report;
import dev.holdout.suite.Suite;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Calls a vendor's HTTP JSON endpoint over the evaluation inputs: batches of rows, at most
 * {@code concurrency} calls in flight, a timeout per call, retries with exponential back-off on
 * network errors, timeouts, HTTP 429 and 5xx and unreadable answers. A row that still has no valid
 * answer is left without a prediction and counted, never guessed. Responses larger than
 * {@link #MAX_RESPONSE_BYTES} are refused, so a misbehaving endpoint cannot exhaust memory.
 */
public final class EndpointClient {
  /** The largest response read, in bytes (16 MiB). */
  public static final int MAX_RESPONSE_BYTES = 16 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Suite suite;
  private final Suite.Endpoint spec;
  private final URI url;
  private final HttpClient http;

  public EndpointClient(Suite suite, String url) {
    this.suite = suite;
    this.spec = suite.scoring().endpoint();
    this.url = uri(url);
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofMillis(spec.timeoutMs())).build();
  }

  private static URI uri(String url) {
    try {
      URI u = new URI(url);
      if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) throw new java.net.URISyntaxException(url, "not http");
      return u;
    } catch (java.net.URISyntaxException e) {
      throw new HoldoutException.BadData(url + ": not an http:// or https:// URL; give the endpoint's full address to --endpoint");
    }
  }

  /** Calls the endpoint over the suite's evaluation inputs. */
  public Scored score() {
    List<String> columns = spec.columns() != null ? spec.columns() : Inputs.withoutLabel(suite);
    return score(Inputs.text(suite, columns));
  }

  /** Calls the endpoint over inputs already in memory. */
  public Scored score(Inputs.Text in) {
    int n = in.ids().length;
    int width = PredictionsWriter.width(suite);
    double[] out = new double[n * width];
    boolean[] present = new boolean[n];
    Latencies latencies = new Latencies();
    AtomicLong attempts = new AtomicLong();
    AtomicLong failedAttempts = new AtomicLong();
    AtomicLong rowsFailed = new AtomicLong();
    Set<String> errors = java.util.Collections.synchronizedSet(new LinkedHashSet<>());
    int batch = spec.batchSize();
    int calls = (n + batch - 1) / batch;
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(spec.concurrency(), r -> {
      Thread t = new Thread(r, "holdout-endpoint");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> work = new ArrayList<>(calls);
      for (int c = 0; c < calls; c++) {
        int from = c * batch;
        int rows = Math.min(batch, n - from);
        work.add(pool.submit(() -> {
          int ok = call(in, from, rows, width, out, present, latencies, attempts, failedAttempts, errors);
          rowsFailed.addAndGet(rows - ok);
        }));
      }
      for (Future<?> f : work) f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HoldoutException("interrupted while calling " + url);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long att = attempts.get();
    Double cost = spec.pricePerCall() == null || n == 0 ? null : spec.pricePerCall() * att / n * 1000;
    List<String> firstErrors;
    synchronized (errors) {
      firstErrors = errors.stream().limit(5).toList();
    }
    Report.Serving serving = new Report.Serving("endpoint", url.toString(), null, n, rowsFailed.get(), calls, failedAttempts.get(),
        att - calls, latencies.summary(), seconds, seconds > 0 ? n / seconds : 0, seconds > 0 ? att / seconds : 0,
        n == 0 ? 0 : (double) rowsFailed.get() / n, cost, batch, spec.concurrency(), firstErrors);
    return new Scored(in.ids(), width, out, present, serving);
  }

  /** One batch with its retries; returns the rows that got a valid answer. */
  private int call(Inputs.Text in, int from, int rows, int width, double[] out, boolean[] present, Latencies latencies,
      AtomicLong attempts, AtomicLong failedAttempts, Set<String> errors) {
    String body = spec.request().replace("$rows", rowsJson(in, from, rows));
    for (int attempt = 0; ; attempt++) {
      attempts.incrementAndGet();
      long t0 = System.nanoTime();
      String failure;
      boolean retryable = true;
      try {
        HttpRequest.Builder req = HttpRequest.newBuilder(url).timeout(Duration.ofMillis(spec.timeoutMs()))
            .header("Content-Type", "application/json").header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
        spec.headers().forEach(req::header);
        HttpResponse<InputStream> resp = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
        byte[] bytes;
        try (InputStream s = resp.body()) {
          bytes = s.readNBytes(MAX_RESPONSE_BYTES + 1);
        }
        latencies.add((System.nanoTime() - t0) / 1e6);
        int status = resp.statusCode();
        if (status / 100 != 2) {
          failure = "HTTP " + status + (bytes.length > 0 ? ": " + snippet(bytes) : "");
          retryable = status == 429 || status >= 500 || status == 408;
        } else if (bytes.length > MAX_RESPONSE_BYTES) {
          failure = "the response exceeded " + (MAX_RESPONSE_BYTES >> 20) + " MiB";
        } else {
          failure = parse(bytes, in.ids(), from, rows, width, out, present, errors);
          if (failure == null) {
            int ok = 0;
            for (int r = from; r < from + rows; r++) if (present[r]) ok++;
            return ok;
          }
        }
      } catch (HttpTimeoutException e) {
        latencies.add((System.nanoTime() - t0) / 1e6);
        failure = "no answer within " + spec.timeoutMs() + " ms (endpoint.timeout_ms)";
      } catch (IOException e) {
        latencies.add((System.nanoTime() - t0) / 1e6);
        failure = "cannot reach the endpoint (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 0;
      }
      failedAttempts.incrementAndGet();
      if (!retryable || attempt >= spec.retries()) {
        errors.add(failure);
        return 0;
      }
      try {
        Thread.sleep((long) spec.backoffMs() << Math.min(attempt, 16));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 0;
      }
    }
  }

  /** Reads one answer; null when the batch was read (rows with an invalid value are left absent), else why it failed. */
  private String parse(byte[] bytes, String[] ids, int from, int rows, int width, double[] out, boolean[] present, Set<String> errors) {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (IOException e) {
      return "the answer is not JSON: " + snippet(bytes);
    }
    JsonNode answers = root;
    if (root != null) for (String step : spec.response().split("\\.")) answers = answers == null ? null : answers.get(step);
    if (answers == null || !answers.isArray()) {
      return "the answer has no array at '" + spec.response() + "' (endpoint.response): " + snippet(bytes);
    }
    if (answers.size() != rows) return "the answer has " + answers.size() + " predictions for " + rows + " rows";
    List<String> classes = suite.task() == Task.MULTICLASS_CLASSIFICATION ? PredictionsWriter.classes(suite) : null;
    for (int r = 0; r < rows; r++) {
      JsonNode a = answers.get(r);
      if (spec.field() != null) a = a == null ? null : a.get(spec.field());
      double[] v = new double[width];
      String bad = null;
      if (classes == null) {
        if (a == null || !a.isNumber()) bad = "expected a number, found " + a;
        else v[0] = a.doubleValue();
      } else {
        for (int c = 0; c < width && bad == null; c++) {
          JsonNode x = a == null ? null : a.isArray() ? a.get(c) : a.get(classes.get(c));
          if (x == null || !x.isNumber()) bad = "expected a probability for class '" + classes.get(c) + "', found " + a;
          else v[c] = x.doubleValue();
        }
      }
      for (int c = 0; c < width && bad == null; c++) {
        if (!Double.isFinite(v[c]) || (suite.task() != Task.REGRESSION && (v[c] < 0 || v[c] > 1))) bad = "expected a probability in [0, 1], found " + v[c];
      }
      if (bad != null) {
        errors.add("row id '" + ids[from + r] + "': " + bad);
        continue;
      }
      System.arraycopy(v, 0, out, (from + r) * width, width);
      present[from + r] = true;
    }
    return null;
  }

  private String rowsJson(Inputs.Text in, int from, int rows) {
    StringBuilder b = new StringBuilder(rows * 16 * Math.max(1, in.columns().size()));
    b.append('[');
    for (int r = from; r < from + rows; r++) {
      if (r > from) b.append(',');
      b.append('{');
      String[] row = in.rows()[r];
      for (int c = 0; c < row.length; c++) {
        if (c > 0) b.append(',');
        quote(b, in.columns().get(c));
        b.append(':');
        String v = row[c];
        if (v == null) b.append("null");
        else if (isNumber(v)) b.append(v.strip());
        else quote(b, v);
      }
      b.append('}');
    }
    return b.append(']').toString();
  }

  /** JSON numbers only: no leading '+', no leading zeros that JSON forbids, no NaN. */
  static boolean isNumber(String s) {
    String t = s.strip();
    return !t.isEmpty() && t.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
  }

  private static void quote(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (ch < 0x20) b.append(String.format("\\u%04x", (int) ch));
          else b.append(ch);
        }
      }
    }
    b.append('"');
  }

  private static String snippet(byte[] bytes) {
    String s = new String(bytes, 0, Math.min(bytes.length, 120), java.nio.charset.StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
    return "'" + s + (bytes.length > 120 ? "...'" : "'");
  }
}
