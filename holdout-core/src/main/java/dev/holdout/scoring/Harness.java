package dev.holdout.scoring;

import dev.holdout.base.Progress;
import dev.holdout.endpoint.Endpoint;
import dev.holdout.endpoint.FanOut;
import dev.holdout.endpoint.Latencies;
import dev.holdout.endpoint.TemplateEndpoint;
import dev.holdout.endpoint.Traffic;
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
import dev.holdout.suite.Suite;
import dev.holdout.suite.Template;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Map;
import java.util.Set;

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

  /**
   * What a run did: rows, answers from the cache, rows without an answer ({@code errors}), what was
   * sent to the endpoint ({@code traffic}: one call per row not in the cache, its HTTP requests,
   * retries and failed requests), tokens, a few errors, the latency percentiles of the answered rows
   * (cached ones with the latency they had), and the wall-clock seconds.
   */
  public record Summary(int rows, int cached, int errors, Traffic.Counts traffic, long promptTokens, long completionTokens,
      List<String> errorExamples, Report.Latency latency, double seconds) {
    /** HTTP requests sent, retries included. */
    public long requests() {
      return traffic.requests();
    }

    public double errorRate() {
      return rows == 0 ? 0 : (double) errors / rows;
    }

    /** The median latency of the answered rows in milliseconds; NaN when none was answered. */
    public double latencyP50() {
      return rows - errors == 0 ? Double.NaN : latency.p50();
    }

    /** The 95th percentile latency of the answered rows in milliseconds; NaN when none was answered. */
    public double latencyP95() {
      return rows - errors == 0 ? Double.NaN : latency.p95();
    }

    /**
     * The run as the report's serving section, so the suite's latency_p95_ms and error_rate
     * criteria are judged: {@code calls} are the rows sent (not those from the cache),
     * {@code retries} and {@code failed_attempts} the endpoint's requests beyond each row's first
     * and those that failed; cost_per_1000 (per 1,000 rows) when the prompt section gives token prices.
     */
    public Report.Serving serving(String kind, String target, int concurrency, Suite.Prompt prices) {
      Double cost = null;
      if (prices != null && prices.priced() && rows > 0) {
        double total = promptTokens / 1000.0 * prices.pricePer1kPromptTokens() + completionTokens / 1000.0 * prices.pricePer1kCompletionTokens();
        cost = total / rows * 1000;
      }
      return new Report.Serving(kind, target, null, rows, errors, traffic.calls(), traffic.failedRequests(), traffic.retries(), latency, seconds,
          seconds > 0 ? rows / seconds : 0, seconds > 0 ? traffic.requests() / seconds : 0, errorRate(), cost, 1, concurrency, errorExamples);
    }
  }

  /** Asks {@code endpoint} every row of the suite's evaluation set and writes the answers to {@code out}; {@code cache} may be null. */
  public static Summary run(Suite suite, Endpoint endpoint, int concurrency, Path cache, Path out) {
    return run(suite, endpoint, concurrency, cache, out, Progress.NONE);
  }

  /** As {@link #run(Suite, Endpoint, int, Path, Path)}, telling {@code progress} of each question answered. */
  public static Summary run(Suite suite, Endpoint endpoint, int concurrency, Path cache, Path out, Progress progress) {
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
    long started = System.nanoTime();
    Traffic.Counts before = endpoint.traffic().counts();
    AtomicLong asked = new AtomicLong();
    FanOut.run("endpoint", Math.max(1, concurrency), n, row -> {
      Path file = cache == null ? null : cacheFile(cache, endpoint.settings().url().toString(), bodies.get(row));
      Endpoint.Answer hit = file == null ? null : read(file);
      if (hit != null) {
        answers[row] = hit;
        fromCache[row] = true;
        progress.count("asking the endpoint", asked.incrementAndGet(), n, "questions");
        return;
      }
      Endpoint.Answer a = endpoint.send(bodies.get(row));
      answers[row] = a;
      if (file != null && a.error() == null) write(file, a);
      progress.count("asking the endpoint", asked.incrementAndGet(), n, "questions");
    });
    progress.done();
    Traffic.Counts traffic = endpoint.traffic().counts().minus(before);
    double seconds = (System.nanoTime() - started) / 1e9;
    writeAnswers(suite, ids, answers, fromCache, out);
    int errors = 0, cached = 0;
    long promptTokens = 0, completionTokens = 0;
    List<String> examples = new ArrayList<>();
    Latencies answered = new Latencies();
    for (int i = 0; i < n; i++) {
      Endpoint.Answer a = answers[i];
      if (fromCache[i]) cached++;
      if (a.error() != null) {
        errors++;
        if (examples.size() < 3) examples.add(ids.get(i) + ": " + a.error());
        continue;
      }
      answered.add(a.latencyMillis());
      promptTokens += Math.max(0, a.promptTokens());
      completionTokens += Math.max(0, a.completionTokens());
    }
    return new Summary(n, cached, errors, traffic, promptTokens, completionTokens, List.copyOf(examples), answered.summary(), seconds);
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
