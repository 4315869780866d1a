package dev.holdout.cli;

import static dev.holdout.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in rubrics (faithfulness, answer relevance, context relevance) against a local fake
 * judge that checks what it is shown (the rubric's wording, the numbered passages, the answer or
 * not, never the reference) and grades each row with a known grade, so judge_score is worked out
 * by hand. A built-in rubric is held to human grades like any judge: without them, or against
 * grades it disagrees with, its criterion is INCONCLUSIVE.
 */
class JudgeRubricCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ROW = Pattern.compile("Question:\nQ(\\d+)\\?");
  /** Faithfulness grades of rows 0 to 9: mean 69 / 10. */
  private static final int[] FAITHFUL = {10, 10, 8, 5, 0, 10, 7, 3, 10, 6};
  /** Context relevance grades: mean 50 / 10. */
  private static final int[] CONTEXT = {10, 5, 5, 0, 10, 3, 7, 0, 5, 5};
  /** Answer relevance grades on 1 to 5: mean 33 / 10. */
  private static final int[] RELEVANT = {5, 4, 4, 1, 2, 5, 3, 3, 5, 1};

  @TempDir Path dir;
  private HttpServer server;
  private String url;
  private final List<String> prompts = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/judge", this::judge);
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void judge(HttpExchange exchange) throws IOException {
    JsonNode body = JSON.readTree(exchange.getRequestBody());
    String user = body.path("messages").path(1).path("content").asText();
    prompts.add(user);
    Matcher m = ROW.matcher(user);
    // The reference ("REF-") must never reach a built-in rubric's judge.
    if (!m.find() || user.contains("REF-")) {
      send(exchange, 400, "{\"error\": \"unexpected request\"}");
      return;
    }
    int row = Integer.parseInt(m.group(1));
    int grade;
    if (user.startsWith("Rubric:\nBuilt-in rubric: faithfulness")) {
      grade = FAITHFUL[row];
      if (!user.contains("Passages:\n[1] passage " + row + " one\n[2] passage " + row + " two\n") || !user.contains("Answer to grade:\nanswer " + row)) {
        grade = -1;
      }
    } else if (user.startsWith("Rubric:\nBuilt-in rubric: context_relevance")) {
      grade = user.contains("Answer to grade:") || !user.contains("[1] passage " + row + " one") ? -1 : CONTEXT[row];
    } else if (user.startsWith("Rubric:\nBuilt-in rubric: answer_relevance")) {
      grade = user.contains("Passages:") ? -1 : RELEVANT[row];
    } else {
      grade = -1;
    }
    if (grade < 0) {
      send(exchange, 400, "{\"error\": \"unexpected prompt\"}");
      return;
    }
    ObjectNode root = JSON.createObjectNode();
    root.putArray("choices").addObject().putObject("message").put("role", "assistant")
        .put("content", "{\"grade\": " + grade + ", \"reason\": \"counted\"}");
    send(exchange, 200, root.toString());
  }

  private static void send(HttpExchange exchange, int status, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private Path suite(String rubric, String context, String criterion) throws IOException {
    StringBuilder eval = new StringBuilder("id,question,answer\n");
    StringBuilder vendor = new StringBuilder("id,out,p1,p2\n");
    for (int i = 0; i < 10; i++) {
      eval.append("r").append(i).append(",Q").append(i).append("?,REF-").append(i).append('\n');
      vendor.append("r").append(i).append(",answer ").append(i).append(",passage ").append(i).append(" one,passage ").append(i).append(" two\n");
    }
    Files.writeString(dir.resolve("eval.csv"), eval);
    Files.writeString(dir.resolve("vendor.csv"), vendor);
    return Files.writeString(dir.resolve("suite.yaml"), """
        suite: holdout.suite/v1
        name: rag
        problem: Answer questions from the handbook.
        task: text_generation
        data: {path: eval.csv, id: id, reference: answer}
        predictions: {output: out%s}
        judge:
          url: %s/judge
          rubric: %s
          input: "{question}"
          repeats: 2
          retries: 0
        primary_metric: judge_score
        criteria:
          - %s
        bootstrap: {replicates: 200, seed: 3}
        """.formatted(context, url, rubric, criterion));
  }

  private Path grades(int[] g) throws IOException {
    StringBuilder b = new StringBuilder("id,grade\n");
    for (int i = 0; i < g.length; i++) b.append('r').append(i).append(',').append(g[i]).append('\n');
    return Files.writeString(dir.resolve("human.csv"), b);
  }

  @Test
  void faithfulness_is_judged_on_the_passages_and_decides_only_once_validated() throws Exception {
    Path suite = suite("faithfulness", ", context: [p1, p2]", "{id: faithful, metric: judge_score, min: 6, at: point}");
    Path json = dir.resolve("unchecked.json");
    Cli r = run("evaluate", suite, "-p", dir.resolve("vendor.csv"), "--json", json);
    assertThat(r.exit()).as(r.err() + r.out()).isEqualTo(3);
    JsonNode report = JSON.readTree(json.toFile());
    assertThat(report.path("metrics").path("judge_score").path("value").asDouble()).isCloseTo(6.9, within(1e-12));
    assertThat(report.path("metrics").path("judge_error_rate").path("value").asDouble()).isZero();
    assertThat(report.path("judge").path("scale").path("min").asInt()).isZero();
    assertThat(report.path("judge").path("scale").path("max").asInt()).isEqualTo(10);
    assertThat(report.path("judge").path("requests").asLong()).isEqualTo(20);
    assertThat(report.path("judge").path("rubric").asText()).isEqualTo("faithfulness");
    assertThat(r.out()).contains("  rubric: faithfulness (built in); judge_score is its mean grade\n");
    JsonNode c = report.path("criteria").get(0);
    assertThat(c.path("status").asText()).isEqualTo("INCONCLUSIVE");
    assertThat(c.path("reason").asText()).contains("the judge was not checked against people");
    assertThat(report.path("judge").path("validated").asBoolean()).isFalse();
    assertThat(prompts).hasSize(20).allSatisfy(p -> assertThat(p).contains("share of supported claims"));

    // People give the same grades: quadratic kappa 1 in every replicate, so judge_score decides, and 6.9 >= 6 passes.
    Path validated = dir.resolve("validated.json");
    r = run("evaluate", suite, "-p", dir.resolve("vendor.csv"), "--json", validated, "--human-grades", grades(FAITHFUL));
    assertThat(r.exit()).as(r.err() + r.out()).isZero();
    report = JSON.readTree(validated.toFile());
    assertThat(report.path("judge").path("validated").asBoolean()).isTrue();
    assertThat(report.path("judge").path("human").path("cohen_kappa_quadratic").path("value").asDouble()).isEqualTo(1.0);
    assertThat(report.path("criteria").get(0).path("status").asText()).isEqualTo("PASS");
    // the second run was answered from the cache
    assertThat(report.path("judge").path("cached").asLong()).isEqualTo(20);
    assertThat(prompts).hasSize(20);

    // People grade the reverse way: the judge is refused again, whatever its mean.
    int[] reverse = new int[10];
    for (int i = 0; i < 10; i++) reverse[i] = 10 - FAITHFUL[i];
    Path refused = dir.resolve("refused.json");
    r = run("evaluate", suite, "-p", dir.resolve("vendor.csv"), "--json", refused, "--human-grades", grades(reverse));
    assertThat(r.exit()).as(r.err() + r.out()).isEqualTo(3);
    report = JSON.readTree(refused.toFile());
    assertThat(report.path("criteria").get(0).path("status").asText()).isEqualTo("INCONCLUSIVE");
    assertThat(report.path("criteria").get(0).path("reason").asText()).contains("the judge agrees with people too little");
  }

  @Test
  void context_relevance_sees_the_passages_without_the_answer() throws Exception {
    Path suite = suite("context_relevance", ", context: [p1, p2]", "{metric: judge_score, min: 4, at: point}");
    Path json = dir.resolve("context.json");
    Cli r = run("evaluate", suite, "-p", dir.resolve("vendor.csv"), "--json", json, "--human-grades", grades(CONTEXT));
    assertThat(r.exit()).as(r.err() + r.out()).isZero();
    JsonNode report = JSON.readTree(json.toFile());
    assertThat(report.path("metrics").path("judge_score").path("value").asDouble()).isCloseTo(5.0, within(1e-12));
    assertThat(report.path("metrics").path("judge_error_rate").path("value").asDouble()).isZero();
    assertThat(report.path("criteria").get(0).path("status").asText()).isEqualTo("PASS");
  }

  @Test
  void answer_relevance_needs_no_passages_and_grades_one_to_five() throws Exception {
    Path suite = suite("answer_relevance", "", "{metric: judge_score, min: 4, at: point}");
    Path json = dir.resolve("relevance.json");
    Cli r = run("evaluate", suite, "-p", dir.resolve("vendor.csv"), "--json", json, "--human-grades", grades(RELEVANT));
    assertThat(r.exit()).as(r.err() + r.out()).isEqualTo(1);
    JsonNode report = JSON.readTree(json.toFile());
    assertThat(report.path("metrics").path("judge_score").path("value").asDouble()).isCloseTo(3.3, within(1e-12));
    assertThat(report.path("judge").path("scale").path("max").asInt()).isEqualTo(5);
    assertThat(report.path("criteria").get(0).path("status").asText()).isEqualTo("FAIL");
  }

  @Test
  void a_misnamed_rubric_or_a_missing_context_exits_2_before_anything_is_sent() throws Exception {
    Path suite = suite("faithfullness", ", context: [p1, p2]", "{metric: judge_score, min: 6, at: point}");
    Cli r = run("evaluate", suite, "-p", dir.resolve("vendor.csv"));
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("holdout: " + suite + " line 9, judge.rubric: unknown built-in rubric 'faithfullness' (built in: faithfulness, "
        + "answer_relevance, context_relevance; or write the rubric out as a sentence); did you mean 'faithfulness'?\n");

    suite("faithfulness", "", "{metric: judge_score, min: 6, at: point}");
    r = run("evaluate", suite, "-p", dir.resolve("vendor.csv"));
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("judge.rubric: the built-in rubric faithfulness judges the passages the answer used, but the suite names none: "
        + "add predictions.context");

    Files.writeString(suite, Files.readString(suite.resolveSibling("suite.yaml")).replace("rubric: faithfulness\n",
        "rubric: answer_relevance\n  scale: {min: 1, max: 10}\n"));
    r = run("evaluate", suite, "-p", dir.resolve("vendor.csv"));
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("the built-in rubric answer_relevance grades from 1 to 5, found scale 1 to 10; remove scale");
    assertThat(prompts).isEmpty();
  }
}
