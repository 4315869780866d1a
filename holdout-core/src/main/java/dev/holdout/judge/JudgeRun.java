package dev.holdout.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdout.base.AtomicFiles;
import dev.holdout.endpoint.ChatEndpoint;
import dev.holdout.endpoint.Endpoint;
import dev.holdout.endpoint.FanOut;
import dev.holdout.suite.Suite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Asks the judge to grade every answer {@code repeats} times, at most {@code concurrency} calls at
 * once, through {@link ChatEndpoint} (retries after timeouts, 429 and 5xx). A judgement whose reply
 * is readable is cached under {@code cache} by the SHA-256 of the prompt wording's version, the
 * endpoint, the model and both messages (which hold the rubric, the scale, the input, the
 * references, the answer and the repeat number), so a re-run sends nothing and gives the same
 * grades; failed judgements are not cached and are asked again next time. A call that fails or a
 * reply without a grade on the scale is an error of that judgement, never an exception.
 */
public final class JudgeRun {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JudgeRun() {}


  /**
   * One answer to grade: the row's id, what was asked, the reference answers, the answer (empty
   * for none) and the passages it used (empty when the submission names none).
   */
  public record Item(String id, String input, List<String> references, String answer, List<String> passages) {
    /** An answer without passages. */
    public Item(String id, String input, List<String> references, String answer) {
      this(id, input, references, answer, List.of());
    }
  }

  /**
   * Grades {@code items} (null items are rows not to judge) and writes every judgement to
   * {@code out} as JSON Lines, one line per row and repeat (no file when {@code out} is null).
   * {@code apiKey} may be null.
   */
  public static Judgements run(Suite.Judge judge, String apiKey, List<Item> items, Path cache, Path out) {
    return run(judge, apiKey, items, cache, out, done -> {});
  }

  /** As {@link #run(Suite.Judge, String, List, Path, Path)}, telling {@code progress} how many judgements are done. */
  public static Judgements run(Suite.Judge judge, String apiKey, List<Item> items, Path cache, Path out, IntConsumer progress) {
    ChatEndpoint endpoint = new ChatEndpoint(new Endpoint.Settings(judge.url(), judge.model(), apiKey, Duration.ofMillis(judge.timeoutMs()),
        judge.retries(), Duration.ofMillis(judge.backoffMs())));
    int n = items.size();
    int reps = judge.repeats();
    double[][] grades = new double[n][reps];
    String[][] reasons = new String[n][reps];
    String[][] errors = new String[n][reps];
    String[][] contents = new String[n][reps];
    boolean[][] fromCache = new boolean[n][reps];
    boolean[] judged = new boolean[n];
    List<String> ids = new ArrayList<>();
    List<int[]> asks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Item item = items.get(i);
      ids.add(item == null ? null : item.id());
      Arrays.fill(grades[i], Double.NaN);
      if (item == null) continue;
      judged[i] = true;
      for (int k = 0; k < reps; k++) asks.add(new int[] {i, k});
    }
    AtomicInteger finished = new AtomicInteger();
    String system = JudgePrompt.system(judge);
    FanOut.run("judge", judge.concurrency(), asks.size(), task -> {
      int row = asks.get(task)[0], rep = asks.get(task)[1];
      Item item = items.get(row);
      String user = JudgePrompt.user(judge, item, rep + 1);
      Path file = cache == null ? null : cacheFile(cache, judge, system, user);
      String content = file == null ? null : read(file);
      JudgeReply reply = content == null ? null : JudgeReply.parse(content, judge.min(), judge.max());
      if (reply != null && reply.ok()) {
        fromCache[row][rep] = true;
      } else {
        Endpoint.Answer a = endpoint.ask(system, user);
        content = a.content();
        reply = a.error() != null ? JudgeReply.failed(a.error()) : JudgeReply.parse(content, judge.min(), judge.max());
        if (reply.ok() && file != null) write(file, content);
      }
      contents[row][rep] = content;
      if (reply.ok()) {
        grades[row][rep] = reply.grade();
        reasons[row][rep] = reply.reason();
      } else {
        errors[row][rep] = reply.error();
      }
      progress.accept(finished.incrementAndGet());
    });
    int cached = 0;
    for (boolean[] row : fromCache) for (boolean c : row) if (c) cached++;
    if (out != null) writeJsonl(out, ids, grades, reasons, errors, contents, fromCache, judged);
    return new Judgements(ids, reps, grades, reasons, errors, judged, (int) endpoint.traffic().counts().requests(), cached, out);
  }

  /** One line per judged row and repeat: id, repeat (1-based), grade, reason, error, cached, and the judge's raw reply. */
  private static void writeJsonl(Path out, List<String> ids, double[][] grades, String[][] reasons, String[][] errors, String[][] contents,
      boolean[][] cached, boolean[] judged) {
    AtomicFiles.write(out, w -> {
      for (int i = 0; i < ids.size(); i++) {
        if (!judged[i]) continue;
        for (int k = 0; k < grades[i].length; k++) {
          ObjectNode line = JSON.createObjectNode();
          line.put("id", ids.get(i));
          line.put("repeat", k + 1);
          if (Double.isNaN(grades[i][k])) line.putNull("grade");
          else line.put("grade", (int) grades[i][k]);
          line.put("reason", reasons[i][k]);
          line.put("error", errors[i][k]);
          line.put("cached", cached[i][k]);
          line.put("reply", contents[i][k]);
          w.write(line.toString());
          w.write('\n');
        }
      }
    });
  }

  /** The cache file of one judgement. */
  static Path cacheFile(Path cache, Suite.Judge judge, String system, String user) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      for (String part : new String[] {JudgePrompt.VERSION, judge.url().toString(), String.valueOf(judge.model()), system, user}) {
        d.update(part.getBytes(StandardCharsets.UTF_8));
        d.update((byte) 0);
      }
      String hex = HexFormat.of().formatHex(d.digest());
      return cache.resolve(hex.substring(0, 2)).resolve(hex + ".json");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String read(Path file) {
    if (!Files.isRegularFile(file)) return null;
    try {
      JsonNode n = JSON.readTree(file.toFile());
      return n != null && n.path("content").isTextual() ? n.path("content").asText() : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static void write(Path file, String content) {
    ObjectNode n = JSON.createObjectNode();
    n.put("content", content);
    AtomicFiles.write(file, w -> w.write(n.toString()));
  }
}
