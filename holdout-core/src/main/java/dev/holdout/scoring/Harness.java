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
import java.util.Arrays;
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
   * What a run did: rows, asks per row ({@code repeats}), asks answered from the cache, asks
   * without an answer ({@code errors}) and rows with at least one ({@code failedRows}), what was
   * sent to the endpoint ({@code traffic}: one call per ask not in the cache, its HTTP requests,
   * retries and failed requests), tokens, a few errors, the latency percentiles of the answered asks
   * (cached ones with the latency they had), and the wall-clock seconds.
   */
  public record Summary(int rows, int repeats, int cached, int errors, int failedRows, Traffic.Counts traffic, long promptTokens,
      long completionTokens, List<String> errorExamples, Report.Latency latency, double seconds) {
    /** HTTP requests sent, retries included. */
    public long requests() {
      return traffic.requests();
    }

    /** Asks without an answer over every ask ({@code rows × repeats}). */
    public double errorRate() {
      return rows == 0 ? 0 : (double) errors / ((long) rows * repeats);
    }

    private boolean answered() {
      return (long) rows * repeats - errors > 0;
    }

    /** The median latency of the answered asks in milliseconds; NaN when none was answered. */
    public double latencyP50() {
      return answered() ? latency.p50() : Double.NaN;
    }

    /** The 95th percentile latency of the answered asks in milliseconds; NaN when none was answered. */
    public double latencyP95() {
      return answered() ? latency.p95() : Double.NaN;
    }

    /**
     * The token cost per 1,000 rows (every ask of a row counted) at the prompt section's prices;
     * null without both prices or without rows.
     */
    public Double costPer1000(Suite.Prompt prices) {
      if (prices == null || !prices.priced() || rows == 0) return null;
      double total = promptTokens / 1000.0 * prices.pricePer1kPromptTokens() + completionTokens / 1000.0 * prices.pricePer1kCompletionTokens();
      return total / rows * 1000;
    }

    /**
     * The run as the report's serving section, so the suite's latency_p95_ms and error_rate
     * criteria are judged: {@code calls} are the asks sent (not those from the cache),
     * {@code requests} every HTTP request, {@code retries} and {@code failed_attempts} the requests
     * beyond each ask's first and those that failed, {@code cached} the asks from the cache,
     * cost_per_1000 (per 1,000 rows) when the prompt section gives token prices.
     */
    public Report.Serving serving(String kind, String target, int concurrency, Suite.Prompt prices) {
      return new Report.Serving(kind, target, null, rows, failedRows, traffic.calls(), traffic.failedRequests(), traffic.retries(), latency, seconds,
          seconds > 0 ? rows / seconds : 0, seconds > 0 ? traffic.requests() / seconds : 0, errorRate(), costPer1000(prices), 1, concurrency,
          errorExamples, traffic.requests(), cached, repeats);
    }
  }

  /** Asks {@code endpoint} every row of the suite's evaluation set and writes the answers to {@code out}; {@code cache} may be null. */
  public static Summary run(Suite suite, Endpoint endpoint, int concurrency, Path cache, Path out) {
    return run(suite, endpoint, concurrency, cache, out, Progress.NONE);
  }

  /** As {@link #run(Suite, Endpoint, int, Path, Path)}, telling {@code progress} of each question answered. */
  public static Summary run(Suite suite, Endpoint endpoint, int concurrency, Path cache, Path out, Progress progress) {
    return run(suite, endpoint, concurrency, cache, out, progress, 1);
  }

  /**
   * As {@link #run(Suite, Endpoint, int, Path, Path, Progress)}, asking every row {@code repeats}
   * times independently: each ask has its own cache entry (the first ask's is the one a run
   * without repeats uses), and the answers file gets a column {@code OUTPUT.askK} for asks 2 to N.
   */
  public static Summary run(Suite suite, Endpoint endpoint, int concurrency, Path cache, Path out, Progress progress, int repeats) {
    if (repeats < 1) throw new IllegalArgumentException("repeats must be 1 or more: " + repeats);
    List<String> ids = new ArrayList<>();
    List<String> bodies = new ArrayList<>();
    readRows(suite, endpoint, ids, bodies);
    int n = ids.size();
    int asks = n * repeats;
    Endpoint.Answer[] answers = new Endpoint.Answer[asks];
    boolean[] fromCache = new boolean[asks];
    long started = System.nanoTime();
    Traffic.Counts before = endpoint.traffic().counts();
    AtomicLong asked = new AtomicLong();
    String what = repeats == 1 ? "questions" : "asks";
    FanOut.run("endpoint", Math.max(1, concurrency), asks, t -> {
      String body = bodies.get(t / repeats);
      int ask = t % repeats;
      Path file = cache == null ? null : cacheFile(cache, endpoint.settings().url().toString(), ask == 0 ? body : body + "\u0000ask " + (ask + 1));
      Endpoint.Answer hit = file == null ? null : read(file);
      if (hit != null) {
        answers[t] = hit;
        fromCache[t] = true;
      } else {
        Endpoint.Answer a = endpoint.send(body);
        answers[t] = a;
        if (file != null && a.error() == null) write(file, a);
      }
      progress.count("asking the endpoint", asked.incrementAndGet(), asks, what);
    });
    progress.done();
    Traffic.Counts traffic = endpoint.traffic().counts().minus(before);
    double seconds = (System.nanoTime() - started) / 1e9;
    writeAnswers(suite, ids, repeats, answers, fromCache, out);
    int errors = 0, cached = 0, failedRows = 0;
    long promptTokens = 0, completionTokens = 0;
    List<String> examples = new ArrayList<>();
    Latencies answered = new Latencies();
    for (int i = 0; i < n; i++) {
      boolean failed = false;
      for (int k = 0; k < repeats; k++) {
        int t = i * repeats + k;
        Endpoint.Answer a = answers[t];
        if (fromCache[t]) cached++;
        if (a.error() != null) {
          errors++;
          failed = true;
          if (examples.size() < 3) examples.add(ids.get(i) + (repeats == 1 ? "" : " (ask " + (k + 1) + ")") + ": " + a.error());
          continue;
        }
        answered.add(a.latencyMillis());
        promptTokens += Math.max(0, a.promptTokens());
        completionTokens += Math.max(0, a.completionTokens());
      }
      if (failed) failedRows++;
    }
    return new Summary(n, repeats, cached, errors, failedRows, traffic, promptTokens, completionTokens, List.copyOf(examples), answered.summary(), seconds);
  }

  /** Reads the evaluation set's ids and makes each row's request body through the suite's prompt. */
  private static void readRows(Suite suite, Endpoint endpoint, List<String> ids, List<String> bodies) {
    Suite.Prompt prompt = suite.text() == null ? null : suite.text().prompt();
    if (prompt == null) {
      throw new HoldoutException.BadSuite(suite.file() + ": holdout run needs a 'prompt' section with a template, e.g. prompt: {template: \"Question: {question}\"}");
    }
    try (RecordReader r = RecordReaders.open(suite.data().path())) {
      int idCol = Values.column(r, suite.data().id(), "data.id in the suite");
      Set<String> names = new LinkedHashSet<>();
      if (prompt.template() != null) names.addAll(Template.names(prompt.template()));
      if (prompt.request() != null) names.addAll(TemplateEndpoint.columns(prompt.request()));
      if (prompt.conversation() != null) names.add(prompt.conversation());
      Map<String, Integer> cols = new LinkedHashMap<>();
      for (String name : names) {
        int c = r.header().indexOf(name);
        if (c < 0) {
          String where = name.equals(prompt.conversation()) ? "prompt.conversation"
              : prompt.template() != null && prompt.template().contains("{" + name + "}") ? "prompt.template" : "prompt.request";
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
        try {
          bodies.add(endpoint.body(prompt.system(), text, row));
        } catch (HoldoutException.BadData e) {
          throw new HoldoutException.BadData(Values.where(r, cols.get(prompt.conversation())) + ": " + e.getMessage());
        }
      }
    }
  }

  /** The answers file: each row's first ask in the suite's output column, its other asks in OUTPUT.ask2 ... (see {@link #run}). */
  private static void writeAnswers(Suite suite, List<String> ids, int repeats, Endpoint.Answer[] answers, boolean[] cached, Path out) {
    String output = suite.text().output();
    AtomicFiles.write(out, w -> {
      StringBuilder head = new StringBuilder(CsvCells.exact(suite.predictions().id()) + "," + CsvCells.exact(output));
      for (int k = 2; k <= repeats; k++) head.append(',').append(CsvCells.exact(suite.text().askColumn(k)));
      boolean tools = Arrays.stream(answers).anyMatch(a -> a.toolCalls() != null) || usesTools(suite);
      w.write(head + (tools ? ",tool_calls" : "") + ",latency_ms,prompt_tokens,completion_tokens,cached,error\n");
      for (int i = 0; i < ids.size(); i++) {
        Endpoint.Answer a = answers[i * repeats];
        StringBuilder line = new StringBuilder(CsvCells.exact(ids.get(i))).append(',').append(CsvCells.exact(a.content()));
        boolean allCached = cached[i * repeats];
        String error = a.error();
        for (int k = 1; k < repeats; k++) {
          Endpoint.Answer b = answers[i * repeats + k];
          line.append(',').append(CsvCells.exact(b.content()));
          allCached &= cached[i * repeats + k];
          if (error == null && b.error() != null) error = "ask " + (k + 1) + ": " + b.error();
        }
        if (tools) line.append(',').append(CsvCells.cell(a.toolCalls()));
        w.write(line + "," + a.latencyMillis() + "," + a.promptTokens() + "," + a.completionTokens() + "," + allCached + "," + CsvCells.cell(error) + "\n");
      }
    });
  }

  /** Whether the suite checks tool calls, so the answers file keeps a tool_calls column even when no reply called one. */
  private static boolean usesTools(Suite suite) {
    return suite.text().assertions().stream().anyMatch(a -> a.kind() == Suite.Assertion.Kind.TOOL_CALLED);
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
          n.path("completion_tokens").asLong(-1), 0, n.path("tool_calls").isTextual() ? n.path("tool_calls").asText() : null);
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
    if (a.toolCalls() != null) n.put("tool_calls", a.toolCalls());
    AtomicFiles.write(file, w -> w.write(n.toString()));
  }
}
