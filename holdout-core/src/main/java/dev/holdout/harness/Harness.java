package dev.holdout.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdout.HoldoutException;
import dev.holdout.Names;
import dev.holdout.data.RecordReader;
import dev.holdout.data.RecordReaders;
import dev.holdout.data.Values;
import dev.holdout.report.AtomicFiles;
import dev.holdout.report.Report;
import dev.holdout.stats.Bootstrap;
import dev.holdout.suite.Suite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends every row of a text generation suite's evaluation set to a chat endpoint through the
 * suite's prompt, at most {@code concurrency} at a time, and writes the answers as a submission
 * (the suite's id and output columns, then latency_ms, prompt_tokens, completion_tokens, cached and
 * error). Answers are cached in {@code cache} by endpoint, model, system message and prompt, so a
 * re-run sends only what failed or changed. A row whose call failed gets an empty answer and its
 * error; the evaluation scores it as an empty answer.
 */
public final class Harness {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]+)}");
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
    public Report.Serving serving(String target, int concurrency, Suite.Prompt prices) {
      Double cost = null;
      if (prices != null && prices.priced() && rows > 0) {
        double total = promptTokens / 1000.0 * prices.pricePer1kPromptTokens() + completionTokens / 1000.0 * prices.pricePer1kCompletionTokens();
        cost = total / rows * 1000;
      }
      return new Report.Serving("chat_endpoint", target, null, rows, errors, requests, errors, 0, latency, seconds,
          seconds > 0 ? rows / seconds : 0, seconds > 0 ? requests / seconds : 0, errorRate(), cost, 1, concurrency, errorExamples);
    }
  }

  public static Summary run(Suite suite, ChatEndpoint.Settings settings, int concurrency, Path cache, Path out) {
    Suite.Prompt prompt = suite.text() == null ? null : suite.text().prompt();
    if (prompt == null) {
      throw new HoldoutException.BadSuite(suite.file() + ": holdout run needs a 'prompt' section with a template, e.g. prompt: {template: \"Question: {question}\"}");
    }
    List<String> ids = new ArrayList<>();
    List<String> prompts = new ArrayList<>();
    try (RecordReader r = RecordReaders.open(suite.data().path())) {
      int idCol = Values.column(r, suite.data().id(), "data.id in the suite");
      List<String> names = new ArrayList<>();
      Matcher m = PLACEHOLDER.matcher(prompt.template());
      while (m.find()) names.add(m.group(1));
      int[] cols = new int[names.size()];
      for (int k = 0; k < cols.length; k++) {
        cols[k] = r.header().indexOf(names.get(k));
        if (cols[k] < 0) {
          throw new HoldoutException.BadSuite(suite.file() + ", prompt.template: {" + names.get(k) + "} is not a column of " + r.path().getFileName()
              + Names.didYouMean(names.get(k), r.header()) + " (columns: " + r.header() + ")");
        }
      }
      while (r.next()) {
        ids.add(Values.required(r, idCol, "an id").strip());
        Matcher f = PLACEHOLDER.matcher(prompt.template());
        StringBuilder text = new StringBuilder();
        int k = 0;
        while (f.find()) {
          String v = r.field(cols[k++]);
          f.appendReplacement(text, Matcher.quoteReplacement(v == null ? "" : v.strip()));
        }
        f.appendTail(text);
        prompts.add(text.toString());
      }
    }
    int n = ids.size();
    ChatEndpoint endpoint = new ChatEndpoint(settings);
    ChatEndpoint.Answer[] answers = new ChatEndpoint.Answer[n];
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
          Path file = cache == null ? null : cacheFile(cache, settings, prompt.system(), prompts.get(row));
          ChatEndpoint.Answer hit = file == null ? null : read(file);
          if (hit != null) {
            answers[row] = hit;
            fromCache[row] = true;
            return;
          }
          ChatEndpoint.Answer a = endpoint.ask(prompt.system(), prompts.get(row));
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
    dev.holdout.scoring.Latencies all = new dev.holdout.scoring.Latencies();
    int answered = 0;
    for (int i = 0; i < n; i++) {
      ChatEndpoint.Answer a = answers[i];
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

  private static void writeAnswers(Suite suite, List<String> ids, ChatEndpoint.Answer[] answers, boolean[] cached, Path out) {
    AtomicFiles.write(out, w -> {
      w.write(csv(suite.predictions().id()) + "," + csv(suite.text().output()) + ",latency_ms,prompt_tokens,completion_tokens,cached,error\n");
      for (int i = 0; i < ids.size(); i++) {
        ChatEndpoint.Answer a = answers[i];
        w.write(csv(ids.get(i)) + "," + csv(a.content() == null ? "" : a.content()) + "," + a.latencyMillis() + "," + a.promptTokens() + ","
            + a.completionTokens() + "," + cached[i] + "," + csv(a.error() == null ? "" : a.error()) + "\n");
      }
    });
  }

  /** The cache file of one request: the SHA-256 of endpoint, model, system message and prompt. */
  static Path cacheFile(Path cache, ChatEndpoint.Settings s, String system, String prompt) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      for (String part : new String[] {s.url().toString(), String.valueOf(s.model()), String.valueOf(system), prompt}) {
        d.update(part.getBytes(StandardCharsets.UTF_8));
        d.update((byte) 0);
      }
      String hex = HexFormat.of().formatHex(d.digest());
      return cache.resolve(hex.substring(0, 2)).resolve(hex + ".json");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ChatEndpoint.Answer read(Path file) {
    if (!Files.isRegularFile(file)) return null;
    try {
      var n = JSON.readTree(file.toFile());
      return new ChatEndpoint.Answer(n.path("content").asText(), null, n.path("latency_ms").asLong(), n.path("prompt_tokens").asLong(-1),
          n.path("completion_tokens").asLong(-1), 0);
    } catch (IOException e) {
      return null;
    }
  }

  private static void write(Path file, ChatEndpoint.Answer a) {
    ObjectNode n = JSON.createObjectNode();
    n.put("content", a.content());
    n.put("latency_ms", a.latencyMillis());
    n.put("prompt_tokens", a.promptTokens());
    n.put("completion_tokens", a.completionTokens());
    AtomicFiles.write(file, w -> w.write(n.toString()));
  }

  private static String csv(String s) {
    boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
    return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
  }
}
