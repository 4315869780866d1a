package dev.holdout.cli;

import static dev.holdout.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.holdout.Holdout;
import dev.holdout.base.HoldoutException;
import dev.holdout.evaluation.Judging;
import dev.holdout.base.Progress;
import dev.holdout.result.Report;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Judged answers against a local fake judge (never the network) that grades by the answer it is
 * shown and the repeat number: steady grades, a grade that varies between repeats, a reply that
 * is not JSON, a reply too slow for the timeout, a grade off the scale, a fenced reply, a grade
 * written as text, and one repeat refused with HTTP 400. Every figure is worked out by hand below.
 */
class JudgeCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ANSWER = Pattern.compile("(?s)Answer to grade:\n(.*)\n\nJudgement (\\d+) of (\\d+)\\.");

  @TempDir Path dir;
  private HttpServer server;
  private ExecutorService pool;
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final Map<String, String> authorization = new ConcurrentHashMap<>();
  private String url;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    pool = Executors.newFixedThreadPool(16, r -> {
      Thread t = new Thread(r, "fake-judge");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(pool);
    server.createContext("/judge", this::judge);
    server.createContext("/judge-down", exchange -> {
      exchange.getRequestBody().readAllBytes();
      send(exchange, 503, "{\"error\": \"down\"}");
    });
    server.createContext("/vendor", exchange -> {
      exchange.getRequestBody().readAllBytes();
      send(exchange, 200, reply("Paris"));
    });
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    pool.shutdownNow();
  }

  private void judge(HttpExchange exchange) throws IOException {
    JsonNode body = JSON.readTree(exchange.getRequestBody());
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (auth != null) authorization.put("last", auth);
    String user = body.path("messages").path(1).path("content").asText();
    Matcher m = ANSWER.matcher(user);
    if (!body.path("model").asText().equals("grader-1") || !body.path("messages").path(0).path("content").asText().contains("\"grade\"") || !m.find()) {
      send(exchange, 400, "{\"error\": \"unexpected request\"}");
      return;
    }
    String answer = m.group(1);
    int repeat = Integer.parseInt(m.group(2));
    calls.computeIfAbsent(answer + "#" + repeat, k -> new AtomicInteger()).incrementAndGet();
    switch (answer) {
      case "Paris" -> send(exchange, 200, reply("{\"grade\": 5, \"reason\": \"Correct.\"}"));
      case "25 days" -> send(exchange, 200, reply("{\"grade\": " + (repeat == 3 ? 3 : 4) + ", \"reason\": \"Right, missing the detail.\"}"));
      case "garbage" -> send(exchange, 200, "<html>oops");
      case "slow" -> {
        try {
          Thread.sleep(20_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        send(exchange, 200, reply("{\"grade\": 1}"));
      }
      case "boast" -> send(exchange, 200, reply("{\"grade\": 9, \"reason\": \"Amazing.\"}"));
      case "fenced" -> send(exchange, 200, reply("```json\n{\"grade\": 2, \"reason\": \"Vague.\"}\n```"));
      case "stringy" -> send(exchange, 200, reply("{\"grade\": \"3\", \"reason\": \"Partly right.\"}"));
      case "half" -> {
        if (repeat == 1) send(exchange, 400, "{\"error\": \"bad request\"}");
        else send(exchange, 200, reply("{\"grade\": 2, \"reason\": \"Mostly wrong.\"}"));
      }
      default -> send(exchange, 200, reply("{\"grade\": 1, \"reason\": \"Unknown answer.\"}"));
    }
  }

  private static String reply(String content) {
    ObjectNode root = JSON.createObjectNode();
    root.putArray("choices").addObject().putObject("message").put("role", "assistant").put("content", content);
    return root.toString();
  }

  private static void send(HttpExchange exchange, int status, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    } catch (IOException ignored) {
      // the client gave up on a slow answer
    }
  }

  private Path suite(String extraJudgeKeys) throws IOException {
    Files.writeString(dir.resolve("eval.csv"), "id,question,answer\n"
        + "q1,Capital of France?,Paris\nq2,Days of leave?,25 days\nq3,Q3?,x\nq4,Q4?,x\nq5,Q5?,x\nq6,Q6?,x\nq7,Q7?,x\nq8,Q8?,x\n");
    Files.writeString(dir.resolve("vendor.csv"), "id,out\n"
        + "q1,Paris\nq2,25 days\nq3,garbage\nq4,slow\nq5,boast\nq6,fenced\nq7,stringy\nq8,half\n");
    return Files.writeString(dir.resolve("suite.yaml"), """
        suite: holdout.suite/v1
        name: judged
        problem: Answer questions.
        task: text_generation
        data: {path: eval.csv, id: id, reference: answer}
        predictions: {output: out}
        judge:
          url: %s/judge
          model: grader-1
          rubric: Grade how correct the answer is.
          scale: {min: 1, max: 5}
          input: "{question}"
          timeout_ms: 1000
          retries: 0
          concurrency: 4
        %sprimary_metric: judge_score
        criteria:
          - {id: judged, metric: judge_score, min: 3, at: point}
          - {id: judge-errors, metric: judge_error_rate, max: 0.5, at: point}
        bootstrap: {replicates: 100, seed: 5}
        """.formatted(url, extraJudgeKeys));
  }

  private Path humanGrades(String rows) throws IOException {
    return Files.writeString(dir.resolve("human.csv"), "id,grade\n" + rows);
  }

  @Test
  void every_answer_is_judged_three_times_and_the_report_holds_the_figures() throws Exception {
    Path suite = suite("");
    Path json = dir.resolve("report.json");
    Path html = dir.resolve("report.html");
    Path human = humanGrades("q1,5\nq2,4\nq3,2\nq6,1\nq7,3\nq8,2\n");
    Cli r = run("evaluate", suite, "-p", dir.resolve("vendor.csv"), "--json", json, "--html", html, "--human-grades", human,
        "--per-row", dir.resolve("rows.csv"));
    assertThat(r.exit()).as(r.err() + r.out()).isEqualTo(0);
    // Row means: q1 5, q2 (4 + 4 + 3) / 3, q6 2, q7 3, q8 2 (repeat 1 failed); q3, q4 and q5 have no grade.
    double score = (5 + 11.0 / 3 + 2 + 3 + 2) / 5;
    JsonNode report = JSON.readTree(json.toFile());
    assertThat(report.path("metrics").path("judge_score").path("value").asDouble()).isCloseTo(score, within(1e-12));
    assertThat(report.path("metrics").path("judge_score").path("ci").size()).isEqualTo(2);
    assertThat(report.path("metrics").path("judge_error_rate").path("value").asDouble()).isEqualTo(3.0 / 8);

    JsonNode judge = report.path("judge");
    assertThat(judge.path("url").asText()).isEqualTo(url + "/judge");
    assertThat(judge.path("model").asText()).isEqualTo("grader-1");
    assertThat(judge.path("scale").path("min").asInt()).isEqualTo(1);
    assertThat(judge.path("scale").path("max").asInt()).isEqualTo(5);
    assertThat(judge.path("repeats").asInt()).isEqualTo(3);
    assertThat(judge.path("judgements_file").asText()).isEqualTo("vendor.judgements.jsonl");
    assertThat(judge.path("rows").asLong()).isEqualTo(8);
    assertThat(judge.path("errors").asLong()).isEqualTo(3);
    // q3, q4 and q5 three times each, q8 once.
    assertThat(judge.path("failed_judgements").asLong()).isEqualTo(10);
    assertThat(judge.path("requests").asLong()).isEqualTo(24);
    assertThat(judge.path("cached").asLong()).isZero();
    // Two or more grades: q1 5 5 5, q2 4 4 3, q6 2 2 2, q7 3 3 3, q8 2 2. All equal in 4 of 5, spread (0 + 1 + 0 + 0 + 0) / 5.
    // Krippendorff: 14 values, sum 45, squares 163; within q2 4 pairs of 1 over (3 - 1) = 2, D_o = 2/14;
    // all pairs 2 * (14 * 163 - 45^2) = 514, D_e = 514 / (14 * 13); alpha = 1 - (2/14) * (182/514) = 244/257.
    JsonNode agreement = judge.path("agreement");
    assertThat(agreement.path("rows").asLong()).isEqualTo(5);
    assertThat(agreement.path("exact").path("value").asDouble()).isEqualTo(0.8);
    assertThat(agreement.path("mean_spread").path("value").asDouble()).isCloseTo(0.2, within(1e-12));
    assertThat(agreement.path("krippendorff_alpha").path("value").asDouble()).isCloseTo(244.0 / 257, within(1e-12));
    // Judge rounded mean vs human: q1 5/5, q2 4/4 (3.67 rounds to 4), q6 2/1, q7 3/3, q8 2/2; q3 has no judge grade.
    // p_o = 4/5, p_e = (2 + 1 + 1 + 1) / 25, kappa = (0.8 - 0.2) / 0.8 = 0.75; quadratic 1 - 1/17 = 16/17
    // (scikit-learn 1.2.1 cohen_kappa_score with labels 1..5 gives 0.75 and 0.9411764705882353).
    JsonNode h = judge.path("human");
    assertThat(h.path("file").asText()).isEqualTo("human.csv");
    assertThat(h.path("graded").asLong()).isEqualTo(6);
    assertThat(h.path("rows").asLong()).isEqualTo(5);
    assertThat(h.path("cohen_kappa").path("value").asDouble()).isCloseTo(0.75, within(1e-12));
    assertThat(h.path("cohen_kappa_quadratic").path("value").asDouble()).isCloseTo(16.0 / 17, within(1e-12));
    assertThat(h.path("cohen_kappa").path("ci").size()).isEqualTo(2);

    assertThat(r.out()).contains("* judge_score")
        .contains("Judge " + url + "/judge (grader-1): grades 1 to 5, 3 per answer; 8 rows judged, 3 without a grade (every repeat failed), "
            + "10 failed judgements; 24 requests, 0 from the cache")
        .contains("every grade and reason: vendor.judgements.jsonl")
        .contains("agreement between repeats (5 rows): all equal 0.8000, mean spread 0.2000, Krippendorff's alpha 0.9494")
        .contains("judge vs human grades (human.csv: 5 rows compared of 6 graded): Cohen's kappa 0.7500")
        .contains("Verdict: ACCEPTED");

    List<String> lines = Files.readAllLines(dir.resolve("vendor.judgements.jsonl"));
    assertThat(lines).hasSize(24);
    JsonNode first = JSON.readTree(lines.get(0));
    assertThat(first.path("id").asText()).isEqualTo("q1");
    assertThat(first.path("repeat").asInt()).isEqualTo(1);
    assertThat(first.path("grade").asInt()).isEqualTo(5);
    assertThat(first.path("reason").asText()).isEqualTo("Correct.");
    assertThat(first.path("cached").asBoolean()).isFalse();
    assertThat(JSON.readTree(lines.get(6)).path("error").asText()).startsWith("the endpoint's answer is not JSON: <html>oops");
    assertThat(JSON.readTree(lines.get(9)).path("error").asText()).isEqualTo("no answer within 1000 ms after 1 attempts");
    assertThat(JSON.readTree(lines.get(12)).path("grade").isNull()).isTrue();
    assertThat(JSON.readTree(lines.get(12)).path("error").asText()).isEqualTo("the judge's grade 9 is outside the scale 1 to 5");
    assertThat(JSON.readTree(lines.get(15)).path("reason").asText()).isEqualTo("Vague.");
    assertThat(JSON.readTree(lines.get(21)).path("error").asText()).startsWith("HTTP 400");

    List<String> rows = Files.readAllLines(dir.resolve("rows.csv"));
    assertThat(rows.get(0)).endsWith(",judge_score,judge_error_rate");
    assertThat(rows.get(1)).endsWith(",5,0");
    assertThat(rows.get(3)).endsWith(",,1");

    String page = Files.readString(html);
    assertThat(page).contains("id=\"judge\"").contains("Krippendorff").contains("Cohen's kappa 0.7500 [").contains("vendor.judgements.jsonl");
    // The saved JSON draws the same page again: the judge section survives the round trip.
    Path again = dir.resolve("again.html");
    assertThat(run("report", json, "--html", again).exit()).isZero();
    assertThat(Files.readString(again)).isEqualTo(page);
  }

  @Test
  void a_judge_that_is_down_leaves_judge_score_undefined_not_zero() throws Exception {
    Path suite = suite("");
    Files.writeString(suite, Files.readString(suite).replace(url + "/judge\n", url + "/judge-down\n"));
    Path json = dir.resolve("down.json");
    Cli r = run("evaluate", suite, "-p", dir.resolve("vendor.csv"), "--json", json);
    assertThat(r.exit()).as(r.err() + r.out()).isEqualTo(1);
    JsonNode report = JSON.readTree(json.toFile());
    assertThat(report.path("metrics").path("judge_score").path("value").isMissingNode()).isTrue();
    assertThat(report.path("metrics").path("judge_score").path("undefined").asText()).startsWith("no row has a value");
    assertThat(report.path("metrics").path("judge_error_rate").path("value").asDouble()).isEqualTo(1.0);
    assertThat(report.path("judge").path("errors").asLong()).isEqualTo(8);
    assertThat(report.path("judge").path("error_examples").get(0).asText()).isEqualTo("q1 repeat 1: HTTP 503: {\"error\": \"down\"} after 1 attempts");
    assertThat(report.path("judge").path("agreement").path("exact").path("undefined").asText()).isEqualTo("no answer has two successful judgements");
    assertThat(report.path("criteria").get(0).path("status").asText()).isEqualTo("INCONCLUSIVE");
    assertThat(report.path("criteria").get(1).path("status").asText()).isEqualTo("FAIL");
    assertThat(r.out()).contains("agreement between repeats: no answer has two successful judgements");
  }

  /**
   * People grade q1, q2, q6, q7 and q8 the opposite way to the judge (1, 1, 5, 5, 5 against 5, 4, 2,
   * 3, 2): quadratic kappa is negative, so the judge's own mean decides nothing. The mean human
   * grade by prediction-powered inference needs no agreement: with every judged answer graded it is
   * the human mean 3.4, with standard error sd(1, 1, 5, 5, 5) / sqrt(5) = sqrt(4.8 / 5).
   */
  @Test
  void a_judge_that_disagrees_with_people_decides_nothing_but_the_corrected_score_does() throws Exception {
    Path suite = suite("");
    Files.writeString(suite, Files.readString(suite).replace("  - {id: judge-errors, metric: judge_error_rate, max: 0.5, at: point}\n",
        "  - {id: corrected, metric: judge_score_ppi, min: 1.2}\n"));
    Path json = dir.resolve("disagree.json");
    Cli r = run("evaluate", suite, "-p", dir.resolve("vendor.csv"), "--json", json, "--human-grades", humanGrades("q1,1\nq2,1\nq6,5\nq7,5\nq8,5\n"));
    assertThat(r.exit()).as(r.err() + r.out()).isEqualTo(3);
    JsonNode report = JSON.readTree(json.toFile());
    JsonNode judged = report.path("criteria").get(0);
    assertThat(judged.path("status").asText()).isEqualTo("INCONCLUSIVE");
    assertThat(judged.path("reason").asText()).contains("the judge agrees with people too little: quadratic kappa -");
    assertThat(report.path("judge").path("validated").asBoolean()).isFalse();
    JsonNode ppi = report.path("judge").path("ppi");
    assertThat(ppi.path("value").asDouble()).isCloseTo(3.4, within(1e-12));
    assertThat(ppi.path("se").asDouble()).isCloseTo(Math.sqrt(4.8 / 5), within(1e-12));
    assertThat(ppi.path("graded").asLong()).isEqualTo(5);
    assertThat(report.path("metrics").path("judge_score_ppi").path("value").asDouble()).isCloseTo(3.4, within(1e-12));
    JsonNode corrected = report.path("criteria").get(1);
    assertThat(corrected.path("status").asText()).isEqualTo("PASS");
    assertThat(corrected.path("ci").get(0).asDouble()).isCloseTo(3.4 - 1.959963984540054 * Math.sqrt(4.8 / 5), within(1e-9));
  }

  @Test
  void a_second_run_reads_the_cache_and_gives_the_same_numbers() throws Exception {
    Path suite = suite("");
    Path first = dir.resolve("first.json");
    Path second = dir.resolve("second.json");
    // Without human grades the judge is unchecked, so its criterion is INCONCLUSIVE (exit 3) both times.
    assertThat(run("evaluate", suite, "-p", dir.resolve("vendor.csv"), "--json", first).exit()).isEqualTo(3);
    Cli again = run("evaluate", suite, "-p", dir.resolve("vendor.csv"), "--json", second);
    assertThat(again.exit()).isEqualTo(3);
    JsonNode a = JSON.readTree(first.toFile());
    JsonNode b = JSON.readTree(second.toFile());
    assertThat(b.path("metrics")).isEqualTo(a.path("metrics"));
    assertThat(b.path("judge").path("agreement")).isEqualTo(a.path("judge").path("agreement"));
    // Only the 10 failed judgements are asked again; the 14 good ones come from the cache.
    assertThat(b.path("judge").path("cached").asLong()).isEqualTo(14);
    assertThat(b.path("judge").path("requests").asLong()).isEqualTo(10);
    assertThat(calls.get("Paris#1").get()).isEqualTo(1);
    assertThat(calls.get("half#1").get()).isEqualTo(2);
    assertThat(calls.get("half#2").get()).isEqualTo(1);
    // Each repeat is its own request: the repeat number is part of it.
    assertThat(calls).containsKeys("Paris#1", "Paris#2", "Paris#3");
    assertThat(Files.isDirectory(dir.resolve(".holdout-cache").resolve("judge"))).isTrue();
  }

  @Test
  void the_api_key_comes_from_the_environment_variable_the_suite_names() throws Exception {
    Path suite = suite("  api_key_env: HOLDOUT_TEST_JUDGE_KEY_SURELY_UNSET\n");
    Cli missing = run("evaluate", suite, "-p", dir.resolve("vendor.csv"));
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).isEqualTo("holdout: " + suite + " line 8, judge.api_key_env: the environment variable HOLDOUT_TEST_JUDGE_KEY_SURELY_UNSET"
        + " is not set; set it to the judge's API key (export HOLDOUT_TEST_JUDGE_KEY_SURELY_UNSET=...), or remove api_key_env for an endpoint without a key\n");
    assertThat(calls).isEmpty();
    assertThat(dir.resolve("vendor.judgements.jsonl")).doesNotExist();

    var s = Holdout.suite(suite);
    Report report = Holdout.evaluate(s, dir.resolve("vendor.csv"), Progress.NONE, null,
        new Judging.Options(null, null, null, Map.of("HOLDOUT_TEST_JUDGE_KEY_SURELY_UNSET", "sk-test-123")::get));
    assertThat(authorization.get("last")).isEqualTo("Bearer sk-test-123");
    assertThat(report.judge().rows()).isEqualTo(8);
  }

  @Test
  void a_rubric_without_a_scale_exits_2_with_the_line() throws Exception {
    Path suite = suite("");
    Files.writeString(suite, Files.readString(suite).replace("  scale: {min: 1, max: 5}\n", ""));
    Cli r = run("evaluate", suite, "-p", dir.resolve("vendor.csv"));
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("holdout: " + suite + " line 8, judge: missing required key 'scale': the rubric's grades as whole numbers, "
        + "e.g. scale: {min: 1, max: 5}; the judge must answer with one of them\n");
    assertThat(calls).isEmpty();
  }

  @Test
  void bad_human_grades_exit_2_before_anything_is_sent() throws Exception {
    Path suite = suite("");
    Path human = humanGrades("q1,5\nq2,7\n");
    Cli r = run("evaluate", suite, "-p", dir.resolve("vendor.csv"), "--human-grades", human);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("holdout: " + human + " line 3, column 'grade': grade 7 is outside the judge's scale 1 to 5\n");
    humanGrades("q1,5\nq99,4\n");
    assertThat(run("evaluate", suite, "-p", dir.resolve("vendor.csv"), "--human-grades", human).err())
        .contains("line 3, column 'id': id 'q99' is not in the evaluation set");
    humanGrades("q1,5\nq1,4\n");
    assertThat(run("evaluate", suite, "-p", dir.resolve("vendor.csv"), "--human-grades", human).err())
        .contains("line 3, column 'id': id 'q1' is graded again (first on line 2)");
    humanGrades("q1,good\n");
    assertThat(run("evaluate", suite, "-p", dir.resolve("vendor.csv"), "--human-grades", human).err())
        .contains("line 2, column 'grade': expected a whole-number grade from 1 to 5, found 'good'");
    assertThat(calls).isEmpty();
  }

  @Test
  void human_grades_need_a_judge_and_input_columns_must_exist() throws Exception {
    Path suite = suite("");
    Files.writeString(suite, Files.readString(suite).replace("input: \"{question}\"", "input: \"{questoin}\""));
    Cli r = run("evaluate", suite, "-p", dir.resolve("vendor.csv"));
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("line 8, judge.input: {questoin} is not a column of eval.csv; did you mean 'question'?");
    Files.writeString(dir.resolve("plain.yaml"), Files.readString(suite).replaceAll("(?s)judge:.*?concurrency: 4\n", "")
        .replace("primary_metric: judge_score\n", "").replaceAll("(?s)criteria:.*?bootstrap", "bootstrap"));
    Cli plain = run("evaluate", dir.resolve("plain.yaml"), "-p", dir.resolve("vendor.csv"), "--human-grades", humanGrades("q1,5\n"));
    assertThat(plain.exit()).isEqualTo(2);
    assertThat(plain.err()).contains("--human-grades compares human grades with the judge's, but the suite has no 'judge' section");
    Cli runPlain = run("run", "--out-dir", dir, dir.resolve("plain.yaml"), "--endpoint", url + "/vendor", "--human-grades", dir.resolve("human.csv"));
    assertThat(runPlain.exit()).isEqualTo(2);
    assertThat(runPlain.err()).contains("--human-grades compares human grades with the judge's, but " + dir.resolve("plain.yaml") + " has no 'judge' section");
    assertThat(dir.resolve("answers.csv")).doesNotExist();
    assertThatThrownBy(() -> Holdout.evaluate(Holdout.suite(dir.resolve("plain.yaml")), dir.resolve("vendor.csv"), Progress.NONE, null,
        new Judging.Options(null, null, dir.resolve("human.csv"), null))).isInstanceOf(HoldoutException.class);
  }

  @Test
  void run_judges_the_answers_it_collected() throws Exception {
    Path suite = suite("");
    Files.writeString(suite, Files.readString(suite).replace("judge:\n", "prompt: {template: \"Q: {question}\", model: vendor-1}\njudge:\n"));
    Path json = dir.resolve("run.json");
    Cli r = run("run", "--out-dir", dir, suite, "--endpoint", url + "/vendor", "--json", json, "--concurrency", "2");
    assertThat(r.exit()).as(r.err() + r.out()).isEqualTo(3);
    assertThat(r.out()).contains("INCONCLUSIVE  judged: judge_score >= 3 (point estimate)")
        .contains("the judge was not checked against people");
    JsonNode report = JSON.readTree(json.toFile());
    // The vendor answers "Paris" everywhere and the judge gives Paris 5 every time.
    assertThat(report.path("metrics").path("judge_score").path("value").asDouble()).isEqualTo(5.0);
    assertThat(report.path("judge").path("rows").asLong()).isEqualTo(8);
    assertThat(report.path("judge").path("judgements_file").asText()).isEqualTo("answers.judgements.jsonl");
    assertThat(dir.resolve("answers.judgements.jsonl")).exists();
    // The same answer, input aside, is a different request per row: 8 rows, 3 repeats.
    assertThat(calls.get("Paris#1").get()).isEqualTo(8);
  }

  @Test
  void missing_answers_are_judged_as_the_evaluation_scores_them() throws Exception {
    Path suite = suite("");
    Files.writeString(dir.resolve("vendor.csv"), "id,out\nq1,Paris\nq2,25 days\n");
    Path json = dir.resolve("wrong.json");
    // missing: wrong (the default): q3..q8 are empty answers, judged as such (the fake judge gives an unknown answer 1).
    assertThat(run("evaluate", suite, "-p", dir.resolve("vendor.csv"), "--json", json).exit()).isEqualTo(3);
    JsonNode wrong = JSON.readTree(json.toFile());
    assertThat(wrong.path("judge").path("rows").asLong()).isEqualTo(8);
    assertThat(wrong.path("metrics").path("judge_score").path("value").asDouble()).isCloseTo((5 + 11.0 / 3 + 6 * 1) / 8, within(1e-12));
    assertThat(calls.get("(empty answer)#1").get()).isEqualTo(6);

    Files.writeString(suite, Files.readString(suite).replace("predictions: {output: out}", "predictions: {output: out, missing: ignore}"));
    Path ignored = dir.resolve("ignore.json");
    assertThat(run("evaluate", suite, "-p", dir.resolve("vendor.csv"), "--json", ignored).exit()).isEqualTo(3);
    JsonNode ignore = JSON.readTree(ignored.toFile());
    assertThat(ignore.path("judge").path("rows").asLong()).isEqualTo(2);
    assertThat(ignore.path("metrics").path("judge_score").path("value").asDouble()).isCloseTo((5 + 11.0 / 3) / 2, within(1e-12));
    assertThat(Files.readAllLines(dir.resolve("vendor.judgements.jsonl"))).hasSize(6);
  }

  @Test
  void compare_judges_every_submission_and_ranks_by_judge_score() throws Exception {
    Path suite = suite("");
    Path paris = Files.writeString(dir.resolve("paris.csv"), "id,out\nq1,Paris\nq2,Paris\nq3,Paris\nq4,Paris\nq5,Paris\nq6,Paris\nq7,Paris\nq8,Paris\n");
    Path json = dir.resolve("compare.json");
    Cli r = run("compare", suite, "-p", dir.resolve("vendor.csv"), "-p", paris, "--json", json);
    // both INCONCLUSIVE (the judge is unchecked against human grades): none accepted and the best inconclusive
    assertThat(r.exit()).as(r.err() + r.out()).isEqualTo(3);
    JsonNode c = JSON.readTree(json.toFile());
    assertThat(c.path("primary_metric").asText()).isEqualTo("judge_score");
    assertThat(c.path("ranking").get(0).path("name").asText()).isEqualTo("paris");
    assertThat(c.path("ranking").get(0).path("primary").path("value").asDouble()).isEqualTo(5.0);
    assertThat(c.path("reports").get(1).path("judge").path("rows").asLong()).isEqualTo(8);
    assertThat(dir.resolve("paris.judgements.jsonl")).exists();
    // Each side's judge_score is the mean over the rows it has a grade for: paris 5 on all 8, vendor (5 + 11/3 + 2 + 3 + 2) / 5.
    assertThat(c.path("pairs").get(0).path("difference").path("value").asDouble()).isCloseTo(5 - (5 + 11.0 / 3 + 2 + 3 + 2) / 5, within(1e-12));
  }
}
