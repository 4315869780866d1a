package dev.holdout.scoring;

import dev.holdout.endpoint.TemplateEndpoint;
import dev.holdout.endpoint.Endpoint;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdout.base.HoldoutException;
import dev.holdout.base.Names;
import dev.holdout.data.RecordReader;
import dev.holdout.data.RecordReaders;
import dev.holdout.data.Values;
import dev.holdout.base.AtomicFiles;
import dev.holdout.base.CsvCells;
import dev.holdout.result.Report;
import dev.holdout.stats.Bootstrap;
import dev.holdout.suite.Suite;
import dev.holdout.suite.Template;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends every row of a text generation suite's evaluation set to the vendor's endpoint through
 * the suite's prompt, at most {@code concurrency} at a time, and writes the answers as a submission
 * (the suite's id and output columns, then latency_ms, prompt_tokens, completion_tokens, cached and
 * error). Ids and answers are written exactly, since the file is evaluated as the submission; the
 * error column passes the formula guard ({@link CsvCells}). Answers are cached in {@code cache} by
 * endpoint URL and request body, so a re-run sends only what failed or changed. A row whose call
 * failed gets an empty answer and its error; the evaluation scores it as an empty answer.
 */
public final class Harness {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Harness() {}

  /** What a run did: requests sent, answers from the cache, failed rows, and latency percentiles of the answered rows. */
  public record Summary(int rows, int requests, int cached, int errors, double latencyP50, double latencyP95, long promptTokens,
      long completionTokens, List<String> errorExamples, Report.Latency latency, double seconds) {
    public double errorRate() {
      return rows == 0 ? 0 : (double) errors / rows;
    }

    /**
     * The run as the report's serving section, so the suite's latency_p95_ms and error_rate
     * criteria are judged; cost_per_1000 (per 1,000 rows) when the prompt section gives token prices.
     */
    public Report.Serving serving(String kind, String target, int concurrency, Suite.Prompt prices) {
      Double cost = null;
      if (prices != null && prices.priced() && rows > 0) {
        double total = promptTokens / 1000.0 * prices.pricePer1kPromptTokens() + completionTokens / 1000.0 * prices.pricePer1kCompletionTokens();
        cost = total / rows * 1000;
      }
      return new Report.Serving(kind, target, null, rows, errors, requests, errors, 0, latency, seconds,
          seconds > 0 ? rows / seconds : 0, seconds > 0 ? requests / seconds : 0, errorRate(), cost, 1, concurrency, errorExamples);
    }
  }

  /** Asks {@code endpoint} every row of the suite's evaluation set and writes the answers to {@code out}; {@code cache} may be null. */
  public static Summary run(Suite suite, Endpoint endpoint, int concurrency, Path cache, Path out) {
    Suite.Prompt prompt = suite.text() == null ? null : suite.text().prompt();
    if (prompt == null) {
      throw new HoldoutException.BadSuite(suite.file() + ": holdout run needs a 'prompt' section with a template, e.g. prompt: {template: \"Question: {question}\"}");
    }
    List<String> ids = new ArrayList<>();
    List<String> bodies = new ArrayList<>();
    try (RecordReader r = RecordReaders.open(suite.data().path())) {
      int idCol = Values.column(r, suite.data().id(), "data.id in the suite");
      Set<String> names = new LinkedHashSet<>();
      if (prompt.template() != null) names.addAll(Template.names(prompt.template()));
      if (prompt.request() != null) names.addAll(TemplateEndpoint.columns(prompt.request()));
      Map<String, Integer> cols = new LinkedHashMap<>();
      for (String name : names) {
        int c = r.header().indexOf(name);
        if (c < 0) {
          String where = prompt.template() != null && prompt.template().contains("{" + name + "}") ? "prompt.template" : "prompt.request";
          throw new HoldoutException.BadSuite(suite.file() + ", " + where + ": {" + name + "} is not a column of " + r.path().getFileName()
              + Names.didYouMean(name, r.header()) + " (columns: " + r.header() + ")");
        }
        cols.put(name, c);
      }
      while (r.next()) {
        ids.add(Values.required(r, idCol, "an id").strip());
        Map<String, String> row = new HashMap<>();
        cols.forEach((name, c) -> {
          String v = r.field(c);
          row.put(name, v == null ? "" : v.strip());
        });
        String text = prompt.template() == null ? null : Template.render(prompt.template(), row::get);
        bodies.add(endpoint.body(prompt.system(), text, row));
      }
    }
    int n = ids.size();
    Endpoint.Answer[] answers = new Endpoint.Answer[n];
    boolean[] fromCache = new boolean[n];
    AtomicInteger requests = new AtomicInteger();
    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, concurrency), runnable -> {
      Thread t = new Thread(runnable, "holdout-run");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int row = i;
        work.add(pool.submit(() -> {
          Path file = cache == null ? null : cacheFile(cache, endpoint.settings().url().toString(), bodies.get(row));
          Endpoint.Answer hit = file == null ? null : read(file);
          if (hit != null) {
            answers[row] = hit;
            fromCache[row] = true;
            return;
          }
          Endpoint.Answer a = endpoint.send(bodies.get(row));
          requests.addAndGet(a.attempts());
          answers[row] = a;
          if (file != null && a.error() == null) write(file, a);
        }));
      }
      for (Future<?> f : work) f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HoldoutException("interrupted while waiting for the endpoint");
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    writeAnswers(suite, ids, answers, fromCache, out);
    int errors = 0, cached = 0;
    long promptTokens = 0, completionTokens = 0;
    List<String> examples = new ArrayList<>();
    double[] latencies = new double[n];
    dev.holdout.endpoint.Latencies all = new dev.holdout.endpoint.Latencies();
    int answered = 0;
    for (int i = 0; i < n; i++) {
      Endpoint.Answer a = answers[i];
      if (fromCache[i]) cached++;
      if (a.error() != null) {
        errors++;
        if (examples.size() < 3) examples.add(ids.get(i) + ": " + a.error());
        continue;
      }
      latencies[answered++] = a.latencyMillis();
      all.add(a.latencyMillis());
      promptTokens += Math.max(0, a.promptTokens());
      completionTokens += Math.max(0, a.completionTokens());
    }
    double[] sorted = Arrays.copyOf(latencies, answered);
    Arrays.sort(sorted);
    double p50 = answered == 0 ? Double.NaN : Bootstrap.quantile(sorted, 0.5);
    double p95 = answered == 0 ? Double.NaN : Bootstrap.quantile(sorted, 0.95);
    return new Summary(n, requests.get(), cached, errors, p50, p95, promptTokens, completionTokens, List.copyOf(examples), all.summary(),
        (System.nanoTime() - started) / 1e9);
  }

  private static void writeAnswers(Suite suite, List<String> ids, Endpoint.Answer[] answers, boolean[] cached, Path out) {
    AtomicFiles.write(out, w -> {
      w.write(CsvCells.exact(suite.predictions().id()) + "," + CsvCells.exact(suite.text().output()) + ",latency_ms,prompt_tokens,completion_tokens,cached,error\n");
      for (int i = 0; i < ids.size(); i++) {
        Endpoint.Answer a = answers[i];
        w.write(CsvCells.exact(ids.get(i)) + "," + CsvCells.exact(a.content()) + "," + a.latencyMillis() + "," + a.promptTokens() + ","
            + a.completionTokens() + "," + cached[i] + "," + CsvCells.cell(a.error()) + "\n");
      }
    });
  }

  /** The cache file of one request: the SHA-256 of the endpoint's URL and the body sent. */
  static Path cacheFile(Path cache, String url, String body) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(url.getBytes(StandardCharsets.UTF_8));
      d.update((byte) 0);
      d.update(body.getBytes(StandardCharsets.UTF_8));
      String hex = HexFormat.of().formatHex(d.digest());
      return cache.resolve(hex.substring(0, 2)).resolve(hex + ".json");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Endpoint.Answer read(Path file) {
    if (!Files.isRegularFile(file)) return null;
    try {
      var n = JSON.readTree(file.toFile());
      return new Endpoint.Answer(n.path("content").asText(), null, n.path("latency_ms").asLong(), n.path("prompt_tokens").asLong(-1),
          n.path("completion_tokens").asLong(-1), 0);
    } catch (IOException e) {
      return null;
    }
  }

  private static void write(Path file, Endpoint.Answer a) {
    ObjectNode n = JSON.createObjectNode();
    n.put("content", a.content());
    n.put("latency_ms", a.latencyMillis());
    n.put("prompt_tokens", a.promptTokens());
    n.put("completion_tokens", a.completionTokens());
    AtomicFiles.write(file, w -> w.write(n.toString()));
  }
}
