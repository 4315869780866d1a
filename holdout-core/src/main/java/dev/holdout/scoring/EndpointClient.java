package dev.holdout.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdout.base.HoldoutException;
import dev.holdout.data.RecordReader;
import dev.holdout.data.RecordReaders;
import dev.holdout.data.Values;
import dev.holdout.endpoint.Endpoint;
import dev.holdout.endpoint.FanOut;
import dev.holdout.endpoint.RetryingClient;
import dev.holdout.endpoint.Traffic;
import dev.holdout.metric.Task;
import dev.holdout.result.Report;
import dev.holdout.suite.Suite;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scores the evaluation inputs through a vendor's HTTP JSON endpoint: rows in batches of
 * {@code batch_size}, each batch's JSON body built from the suite's request template, at most
 * {@code concurrency} batches in flight ({@link FanOut}), each sent by the {@link RetryingClient}
 * (a timeout per call, retries with exponential back-off on network errors, timeouts, HTTP 408, 429
 * and 5xx, and answers that are not the expected JSON). A row that still has no valid answer is left
 * without a prediction and counted, never guessed. Answers larger than
 * {@link RetryingClient#MAX_RESPONSE_BYTES} are refused, so a misbehaving endpoint cannot exhaust memory.
 */
public final class EndpointClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Suite suite;
  private final Suite.Endpoint spec;
  private final URI url;

  public EndpointClient(Suite suite, String url) {
    this.suite = suite;
    this.spec = suite.scoring().endpoint();
    this.url = uri(url);
  }

  private static URI uri(String url) {
    try {
      URI u = new URI(url);
      if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) throw new URISyntaxException(url, "not http");
      return u;
    } catch (URISyntaxException e) {
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

  /** Sends every batch through a client of its own, so the serving figures are this run's. */
  private Scored run(Iterator<Batch> batches) {
    int width = PredictionsWriter.width(suite);
    Set<String> errors = Collections.synchronizedSet(new LinkedHashSet<>());
    List<String[]> idChunks = new ArrayList<>();
    List<double[]> outChunks = new ArrayList<>();
    List<boolean[]> presentChunks = new ArrayList<>();
    AtomicLong rowsFailed = new AtomicLong();
    RetryingClient http = new RetryingClient(url, spec.headers(), new RetryingClient.Policy(Duration.ofMillis(spec.timeoutMs()), spec.retries(),
        Duration.ofMillis(spec.backoffMs()), "endpoint.timeout_ms"));
    long start = System.nanoTime();
    int[] n = {0};
    // The producer (this thread) builds a batch's body only when the pool has room for it.
    FanOut.run("endpoint", spec.concurrency(), new Iterator<Runnable>() {
      @Override
      public boolean hasNext() {
        return batches.hasNext();
      }

      @Override
      public Runnable next() {
        Batch b = batches.next();
        int rows = b.ids().length;
        n[0] += rows;
        double[] out = new double[rows * width];
        boolean[] present = new boolean[rows];
        idChunks.add(b.ids());
        outChunks.add(out);
        presentChunks.add(present);
        return () -> {
          RetryingClient.Outcome<Integer> o = http.post(b.body(), (bytes, latency) -> parse(bytes, b.ids(), width, out, present, errors));
          if (!o.ok()) errors.add(o.error());
          rowsFailed.addAndGet(rows - (o.ok() ? o.value() : 0));
        };
      }
    });
    double seconds = (System.nanoTime() - start) / 1e9;
    int rows = n[0];
    String[] ids = new String[rows];
    double[] out = new double[rows * width];
    boolean[] present = new boolean[rows];
    int at = 0;
    for (int c = 0; c < idChunks.size(); c++) {
      int k = idChunks.get(c).length;
      System.arraycopy(idChunks.get(c), 0, ids, at, k);
      System.arraycopy(outChunks.get(c), 0, out, at * width, k * width);
      System.arraycopy(presentChunks.get(c), 0, present, at, k);
      at += k;
    }
    Traffic.Counts sent = http.traffic().counts();
    Double cost = spec.pricePerCall() == null || rows == 0 ? null : spec.pricePerCall() * sent.requests() / rows * 1000;
    List<String> firstErrors;
    synchronized (errors) {
      firstErrors = errors.stream().limit(5).toList();
    }
    Report.Serving serving = new Report.Serving("endpoint", Endpoint.shown(url), null, rows, rowsFailed.get(), sent.calls(), sent.failedRequests(),
        sent.retries(), http.traffic().latencies().summary(), seconds, seconds > 0 ? rows / seconds : 0,
        seconds > 0 ? sent.requests() / seconds : 0, rows == 0 ? 0 : (double) rowsFailed.get() / rows, cost, spec.batchSize(),
        spec.concurrency(), firstErrors);
    return new Scored(ids, width, out, present, serving);
  }

  /**
   * Reads one batch's answer into {@code out} and {@code present}: the rows answered, or garbled
   * (retried) when it is not JSON, has no array at endpoint.response or the wrong number of
   * predictions. A row with an invalid value is left absent and its error noted.
   */
  private RetryingClient.Reading<Integer> parse(byte[] bytes, String[] ids, int width, double[] out, boolean[] present, Set<String> errors) {
    int rows = ids.length;
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (IOException e) {
      return RetryingClient.Reading.garbled("the answer is not JSON: " + RetryingClient.clip(bytes));
    }
    JsonNode answers = root;
    if (root != null) for (String step : spec.response().split("\\.")) answers = answers == null ? null : answers.get(step);
    if (answers == null || !answers.isArray()) {
      return RetryingClient.Reading.garbled("the answer has no array at '" + spec.response() + "' (endpoint.response): " + RetryingClient.clip(bytes));
    }
    if (answers.size() != rows) return RetryingClient.Reading.garbled("the answer has " + answers.size() + " predictions for " + rows + " rows");
    List<String> classes = suite.task() == Task.MULTICLASS_CLASSIFICATION ? PredictionsWriter.classes(suite) : null;
    int ok = 0;
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
      ok++;
    }
    return RetryingClient.Reading.of(ok);
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
}
