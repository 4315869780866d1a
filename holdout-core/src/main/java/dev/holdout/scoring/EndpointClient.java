package dev.holdout.scoring;

import dev.holdout.endpoint.Latencies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdout.base.HoldoutException;
import dev.holdout.data.RecordReader;
import dev.holdout.data.RecordReaders;
import dev.holdout.data.Values;
import dev.holdout.metric.Task;
import dev.holdout.result.Report;
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
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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
  /** One daemon thread for every client's body deadlines; a cancelled deadline is removed at once. */
  private static final ScheduledThreadPoolExecutor WATCHDOG = watchdog();

  private static ScheduledThreadPoolExecutor watchdog() {
    ScheduledThreadPoolExecutor w = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "holdout-endpoint-deadline");
      t.setDaemon(true);
      return t;
    });
    w.setRemoveOnCancelPolicy(true);
    return w;
  }

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

  /** The URL as reports show it: without user information or a query, which may carry credentials. */
  static String shown(URI u) {
    return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort()) + (u.getRawPath() == null ? "" : u.getRawPath());
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

  /** One batch ready to send: its first row's index, its ids and its request body. */
  private record Batch(int from, String[] ids, String body) {}

  /**
   * Calls the endpoint over the suite's evaluation inputs, streaming them from the file: at most
   * twice {@code concurrency} request bodies exist at a time, whatever the size of the set.
   */
  public Scored score() {
    List<String> columns = spec.columns() != null ? spec.columns() : Inputs.withoutLabel(suite);
    try (RecordReader r = RecordReaders.open(suite.data().path())) {
      int idCol = Values.column(r, suite.data().id(), "data.id in the suite");
      int[] cols = new int[columns.size()];
      for (int c = 0; c < cols.length; c++) {
        if (columns.get(c).equals(suite.data().label())) {
          throw new HoldoutException.BadSuite(suite.file() + ": endpoint.columns names the label '" + suite.data().label()
              + "'; the endpoint must never see the labels, remove it");
        }
        cols[c] = Values.column(r, columns.get(c), "an endpoint input column");
      }
      int batch = spec.batchSize();
      Iterator<Batch> batches = new Iterator<>() {
        int next = 0;
        boolean more = r.next();

        @Override
        public boolean hasNext() {
          return more;
        }

        @Override
        public Batch next() {
          List<String> ids = new ArrayList<>(batch);
          List<String[]> rows = new ArrayList<>(batch);
          while (more && ids.size() < batch) {
            ids.add(Values.required(r, idCol, "an id"));
            String[] row = new String[cols.length];
            for (int c = 0; c < cols.length; c++) row[c] = r.field(cols[c]);
            rows.add(row);
            more = r.next();
          }
          Batch b = new Batch(next, ids.toArray(String[]::new), body(columns, rows));
          next += ids.size();
          return b;
        }
      };
      return run(batches);
    }
  }

  /** Calls the endpoint over inputs already in memory. */
  public Scored score(Inputs.Text in) {
    int n = in.ids().length;
    int batch = spec.batchSize();
    Iterator<Batch> batches = new Iterator<>() {
      int from = 0;

      @Override
      public boolean hasNext() {
        return from < n;
      }

      @Override
      public Batch next() {
        int to = Math.min(n, from + batch);
        Batch b = new Batch(from, Arrays.copyOfRange(in.ids(), from, to), body(in.columns(), Arrays.asList(in.rows()).subList(from, to)));
        from = to;
        return b;
      }
    };
    return run(batches);
  }

  private Scored run(Iterator<Batch> batches) {
    int width = PredictionsWriter.width(suite);
    Latencies latencies = new Latencies();
    AtomicLong attempts = new AtomicLong();
    AtomicLong failedAttempts = new AtomicLong();
    AtomicLong rowsFailed = new AtomicLong();
    Set<String> errors = java.util.Collections.synchronizedSet(new LinkedHashSet<>());
    List<String[]> idChunks = new ArrayList<>();
    List<double[]> outChunks = new ArrayList<>();
    List<boolean[]> presentChunks = new ArrayList<>();
    Semaphore slots = new Semaphore(2 * spec.concurrency());
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(spec.concurrency(), r -> {
      Thread t = new Thread(r, "holdout-endpoint");
      t.setDaemon(true);
      return t;
    });
    int n = 0;
    try {
      List<Future<?>> work = new ArrayList<>();
      while (true) {
        slots.acquire();
        if (!batches.hasNext()) {
          slots.release();
          break;
        }
        Batch b;
        try {
          b = batches.next();
        } catch (RuntimeException e) {
          slots.release();
          throw e;
        }
        int rows = b.ids().length;
        n += rows;
        double[] out = new double[rows * width];
        boolean[] present = new boolean[rows];
        idChunks.add(b.ids());
        outChunks.add(out);
        presentChunks.add(present);
        work.add(pool.submit(() -> {
          try {
            int ok = call(b, width, out, present, latencies, attempts, failedAttempts, errors);
            rowsFailed.addAndGet(rows - ok);
          } finally {
            slots.release();
          }
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
    String[] ids = new String[n];
    double[] out = new double[n * width];
    boolean[] present = new boolean[n];
    int at = 0;
    for (int c = 0; c < idChunks.size(); c++) {
      int rows = idChunks.get(c).length;
      System.arraycopy(idChunks.get(c), 0, ids, at, rows);
      System.arraycopy(outChunks.get(c), 0, out, at * width, rows * width);
      System.arraycopy(presentChunks.get(c), 0, present, at, rows);
      at += rows;
    }
    int calls = idChunks.size();
    long att = attempts.get();
    Double cost = spec.pricePerCall() == null || n == 0 ? null : spec.pricePerCall() * att / n * 1000;
    List<String> firstErrors;
    synchronized (errors) {
      firstErrors = errors.stream().limit(5).toList();
    }
    Report.Serving serving = new Report.Serving("endpoint", shown(url), null, n, rowsFailed.get(), calls, failedAttempts.get(),
        att - calls, latencies.summary(), seconds, seconds > 0 ? n / seconds : 0, seconds > 0 ? att / seconds : 0,
        n == 0 ? 0 : (double) rowsFailed.get() / n, cost, spec.batchSize(), spec.concurrency(), firstErrors);
    return new Scored(ids, width, out, present, serving);
  }

  /** One batch with its retries; returns the rows that got a valid answer. */
  private int call(Batch b, int width, double[] out, boolean[] present, Latencies latencies,
      AtomicLong attempts, AtomicLong failedAttempts, Set<String> errors) {
    int rows = b.ids().length;
    String body = b.body();
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
        // The request's timeout covers the headers; a watchdog closes the body at the same deadline, so a
        // server that sends headers and then stalls cannot hang the run.
        HttpResponse<InputStream> resp = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
        byte[] bytes;
        java.util.concurrent.atomic.AtomicBoolean late = new java.util.concurrent.atomic.AtomicBoolean();
        try (InputStream in = resp.body()) {
          long left = Math.max(1, spec.timeoutMs() - (System.nanoTime() - t0) / 1_000_000);
          ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
            late.set(true);
            try {
              in.close();
            } catch (IOException ignored) {
              // closing is all the watchdog can do
            }
          }, left, TimeUnit.MILLISECONDS);
          try {
            bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
          } catch (IOException e) {
            if (late.get()) throw new HttpTimeoutException("timed out reading the answer");
            throw e;
          } finally {
            watchdog.cancel(false);
          }
        }
        if (late.get()) throw new HttpTimeoutException("timed out reading the answer");
        if (bytes.length > MAX_RESPONSE_BYTES) throw new TooLarge();
        latencies.add((System.nanoTime() - t0) / 1e6);
        int status = resp.statusCode();
        if (status / 100 != 2) {
          failure = "HTTP " + status + (bytes.length > 0 ? ": " + snippet(bytes) : "");
          retryable = status == 429 || status >= 500 || status == 408;
        } else {
          failure = parse(bytes, b.ids(), rows, width, out, present, errors);
          if (failure == null) {
            int ok = 0;
            for (boolean p : present) if (p) ok++;
            return ok;
          }
        }
      } catch (HttpTimeoutException e) {
        latencies.add((System.nanoTime() - t0) / 1e6);
        failure = "no answer within " + spec.timeoutMs() + " ms (endpoint.timeout_ms)";
      } catch (TooLarge e) {
        latencies.add((System.nanoTime() - t0) / 1e6);
        failure = "the answer exceeded " + (MAX_RESPONSE_BYTES >> 20) + " MiB";
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
  private String parse(byte[] bytes, String[] ids, int rows, int width, double[] out, boolean[] present, Set<String> errors) {
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
        errors.add("row id '" + ids[r] + "': " + bad);
        continue;
      }
      System.arraycopy(v, 0, out, r * width, width);
      present[r] = true;
    }
    return null;
  }

  private String body(List<String> columns, List<String[]> rows) {
    StringBuilder b = new StringBuilder(rows.size() * 16 * Math.max(1, columns.size()));
    b.append('[');
    for (int r = 0; r < rows.size(); r++) {
      if (r > 0) b.append(',');
      b.append('{');
      String[] row = rows.get(r);
      for (int c = 0; c < row.length; c++) {
        if (c > 0) b.append(',');
        quote(b, columns.get(c));
        b.append(':');
        String v = row[c];
        if (v == null) b.append("null");
        else if (isNumber(v)) b.append(v.strip());
        else quote(b, v);
      }
      b.append('}');
    }
    return spec.request().replace("$rows", b.append(']'));
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

  /** The answer was larger than {@link #MAX_RESPONSE_BYTES}. */
  private static final class TooLarge extends IOException {
    TooLarge() {
      super("response too large");
    }
  }

  private static String snippet(byte[] bytes) {
    String s = new String(bytes, 0, Math.min(bytes.length, 120), java.nio.charset.StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
    return "'" + s + (bytes.length > 120 ? "...'" : "'");
  }
}
