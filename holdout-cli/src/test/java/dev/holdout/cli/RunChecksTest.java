package dev.holdout.cli;

import static dev.holdout.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code holdout run} with checks that use the row (assertion values naming columns,
 * equals_reference), its per-row file and JUnit tests per row, and repeated asks, against
 * {@link FakeChat} answering each question as the test says.
 */
class RunChecksTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private FakeChat chat;

  @AfterEach
  void stop() {
    if (chat != null) chat.close();
  }

  private Path suite(String csv, String checks) throws IOException {
    Files.writeString(dir.resolve("eval.csv"), csv);
    return Files.writeString(dir.resolve("suite.yaml"), """
        suite: holdout.suite/v1
        name: checks-test
        problem: Answer questions.
        task: text_generation
        data: {path: eval.csv, id: id, reference: answer}
        predictions: {output: answer}
        prompt: {template: "{question}", model: fake-1}
        """ + checks + "bootstrap: {replicates: 200, seed: 3}\n");
  }

  private static Map<String, Double> metrics(Path json) throws IOException {
    Map<String, Double> out = new java.util.HashMap<>();
    JSON.readTree(json.toFile()).path("metrics").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().path("value").asDouble(Double.NaN)));
    return out;
  }

  @Test
  void assertions_fill_in_the_rows_columns_and_each_row_is_a_junit_test() throws Exception {
    Map<String, String> answers = Map.of("q1", "It is Paris. Ref A.1-123", "q2", "Rome, ref A.1-555", "q3", "Berlin", "q5", "A.1-100");
    chat = new FakeChat((q, n) -> q.equals("q4") ? FakeChat.Reply.error(500) : FakeChat.Reply.answer(answers.get(q)));
    Path suite = suite("id,question,answer,code\nq1,q1,Paris,A.1\nq2,q2,Rome,A.1\nq3,q3,berlin,B.2\nq4,q4,Madrid,C.3\nq5,q5,A.1-100,A.1\n", """
        assertions:
          - {id: has-ref, contains: "{answer}"}
          - {id: code, regex: '{code}-\\d{3}'}
          - {id: same, equals_reference: true}
        criteria:
          - {id: refs, metric: "pass_rate:has-ref", min: 0.5, at: point}
        """);
    Path json = dir.resolve("run.json");
    Path perRow = dir.resolve("rows.csv");
    Path junit = dir.resolve("run.xml");
    Path html = dir.resolve("run.html");
    Cli r = run("run", "--out-dir", dir, suite, "--endpoint", chat.url(), "--retries", "0", "--json", json, "--per-row", perRow,
        "--junit", junit, "--html", html);
    assertThat(r.exit()).as(r.err() + r.out()).isEqualTo(0);
    Map<String, Double> m = metrics(json);
    // has-ref: q1, q2 and q5 contain their own reference; q3's "Berlin" is not "berlin" (case-sensitive); q4 has no answer
    assertThat(m.get("pass_rate:has-ref")).isEqualTo(0.6);
    // code: q1, q2, q5; "A.1" is quoted, so q2's code would not match "AX1-555", and q3 lacks "B.2-"
    assertThat(m.get("pass_rate:code")).isEqualTo(0.6);
    // same: q3 ("Berlin" equals "berlin" after normalisation) and q5
    assertThat(m.get("pass_rate:same")).isEqualTo(0.4);
    assertThat(m.get("pass_rate")).isEqualTo(0.2);

    List<String> rows = Files.readAllLines(perRow);
    assertThat(rows.get(0)).startsWith("id,has_prediction,exact_match").endsWith(",pass_rate,pass_rate:has-ref,pass_rate:code,pass_rate:same");
    assertThat(rows.get(3)).startsWith("q3,true,1,").endsWith(",0,0,0,1");
    assertThat(rows.get(5)).startsWith("q5,true,1,").endsWith(",1,1,1,1");

    String xml = Files.readString(junit);
    assertThat(xml).contains("<testsuites name=\"holdout\" tests=\"6\" failures=\"4\"")
        .contains("<testsuite name=\"holdout.checks-test.answers.rows\" tests=\"5\" failures=\"4\"")
        .contains("<testcase classname=\"holdout.checks-test.answers.rows\" name=\"q3\" time=\"0\">\n      <failure message=\"failed has-ref, code\"")
        .contains("name=\"q4\" time=\"0\">\n      <failure message=\"failed has-ref, code, same\"")
        .contains("name=\"q5\" time=\"0\">\n      <system-out>");
    assertThat(Files.readString(html)).contains("pass_rate:has-ref");
  }

  @Test
  void a_template_naming_an_unknown_column_stops_the_suite_with_line_and_column() throws Exception {
    chat = new FakeChat((q, n) -> FakeChat.Reply.answer("x"));
    Path suite = suite("id,question,answer\nq1,q1,Paris\n", "assertions:\n  - {contains: \"{answr}\"}\n");
    Cli r = run("run", "--out-dir", dir, suite, "--endpoint", chat.url());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("holdout: " + suite + " line 9, column 16, assertions[0].contains: {answr} is not a column of eval.csv;"
        + " did you mean 'answer'? (columns: [id, question, answer])\n");
    assertThat(chat.requests.get()).as("nothing is asked").isZero();
  }

  @Test
  void repeated_asks_average_each_row_and_measure_consistency() throws Exception {
    // s1 and s2 answer right every time, v1 alternates between right and wrong, w1 is always wrong
    chat = new FakeChat((q, n) -> FakeChat.Reply.answer(q.startsWith("s") || q.equals("v1") && n % 2 == 1 ? "Paris" : "Lyon"));
    Path suite = suite("id,question,answer\ns1,s1,Paris\ns2,s2,Paris\nv1,v1,Paris\nw1,w1,Paris\n", """
        criteria:
          - {id: agree, metric: consistency, min: 0.7, at: point}
        """);
    Path json = dir.resolve("run.json");
    Cli r = run("run", "--out-dir", dir, suite, "--endpoint", chat.url(), "--retries", "0", "--repeat", "2", "--json", json);
    assertThat(r.exit()).as(r.err() + r.out()).isEqualTo(0);
    assertThat(chat.requests.get()).isEqualTo(8);
    assertThat(chat.received("v1")).isEqualTo(2);
    Map<String, Double> m = metrics(json);
    // per row 1, 1, 0.5 and 0, averaged before the bootstrap over rows
    assertThat(m.get("exact_match")).isEqualTo(0.625);
    // v1's two answers differ; w1's agree (both wrong)
    assertThat(m.get("consistency")).isEqualTo(0.75);
    JsonNode report = JSON.readTree(json.toFile());
    JsonNode ci = report.path("metrics").path("consistency").path("ci");
    assertThat(ci.size()).isEqualTo(2);
    assertThat(ci.get(0).asDouble()).isLessThanOrEqualTo(0.75);
    assertThat(ci.get(1).asDouble()).isGreaterThanOrEqualTo(0.75).isLessThanOrEqualTo(1.0);
    JsonNode serving = report.path("serving");
    assertThat(serving.path("repeats").asInt()).isEqualTo(2);
    assertThat(serving.path("calls").asLong()).isEqualTo(8);
    assertThat(serving.path("requests").asLong()).isEqualTo(8);
    assertThat(report.path("criteria").get(0).path("status").asText()).isEqualTo("PASS");
    List<String> lines = Files.readAllLines(dir.resolve("answers.csv"));
    assertThat(lines.get(0)).isEqualTo("id,answer,answer.ask2,latency_ms,prompt_tokens,completion_tokens,cached,error");
    assertThat(lines.get(3)).matches("v1,(Paris,Lyon|Lyon,Paris),.*");
    assertThat(r.out()).contains(": 4 rows asked 2 times each, 8 requests, 0 answers from the cache").contains("each row asked 2 times");

    // each ask has its own cache entry: a second run asks nothing and scores the same
    Cli again = run("run", "--out-dir", dir, suite, "--endpoint", chat.url(), "--retries", "0", "--repeat", "2", "--json", json);
    assertThat(again.exit()).isEqualTo(0);
    assertThat(chat.requests.get()).isEqualTo(8);
    assertThat(JSON.readTree(json.toFile()).path("serving").path("cached").asLong()).isEqualTo(8);
    assertThat(metrics(json).get("consistency")).isEqualTo(0.75);

    // re-scoring the answers file with evaluate gives the same figures
    Path again2 = dir.resolve("eval.json");
    Cli ev = run("evaluate", suite, "--predictions", dir.resolve("answers.csv"), "--json", again2);
    assertThat(ev.exit()).as(ev.err()).isEqualTo(0);
    assertThat(metrics(again2).get("exact_match")).isCloseTo(0.625, within(1e-12));
    assertThat(metrics(again2).get("consistency")).isEqualTo(0.75);
    assertThat(ev.exit()).as(ev.err()).isEqualTo(0);
  }

  @Test
  void without_repeats_a_consistency_criterion_is_inconclusive_and_says_why() throws Exception {
    chat = new FakeChat((q, n) -> FakeChat.Reply.answer("Paris"));
    Path suite = suite("id,question,answer\ns1,s1,Paris\n", "criteria:\n  - {id: agree, metric: consistency, min: 0.7, at: point}\n");
    Path json = dir.resolve("run.json");
    Cli r = run("run", "--out-dir", dir, suite, "--endpoint", chat.url(), "--json", json);
    assertThat(r.exit()).as(r.err() + r.out()).isEqualTo(3);
    assertThat(r.out()).contains("consistency needs every row asked more than once: holdout run --repeat N");
    assertThat(JSON.readTree(json.toFile()).path("metrics").has("consistency")).isFalse();
  }

  @Test
  void a_script_check_reads_the_row_and_a_slow_one_fails_at_its_deadline() throws Exception {
    Map<String, String> answers = Map.of("r1", "Paris, in 25 days", "r2", "Paris, in 45 days", "r3", "Lyon, in 5 days",
        "r4", "a".repeat(28) + "!");
    chat = new FakeChat((q, n) -> FakeChat.Reply.answer(answers.get(q)));
    Path suite = suite("id,question,answer,city,limit\nr1,r1,Paris,paris,30\nr2,r2,Paris,paris,30\nr3,r3,Paris,paris,30\nr4,r4,x,a,30\n", """
        assertions:
          - {id: policy, script: "contains(lower(answer), city) && number(answer) <= number(limit)"}
          - {id: slow, script: "!matches(answer, '^(.*a){20}$')", timeout_ms: 50}
        """);
    Path json = dir.resolve("run.json");
    Cli r = run("run", "--out-dir", dir, suite, "--endpoint", chat.url(), "--json", json);
    assertThat(r.exit()).as(r.err() + r.out()).isEqualTo(0);
    Map<String, Double> m = metrics(json);
    // r1 only: r2 waits 45 days, r3 names another city, r4 names no number
    assertThat(m.get("pass_rate:policy")).isEqualTo(0.25);
    // r4's answer runs the pattern past its 50 ms and fails; the others end at once and pass
    assertThat(m.get("pass_rate:slow")).isEqualTo(0.75);

    Files.writeString(suite, Files.readString(suite).replace("number(limit)\"}", "number(limt)\"}"));
    Cli bad = run("run", "--out-dir", dir, suite, "--endpoint", chat.url());
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("suite.yaml line 9, column 26, assertions[0].script: 'limt' is neither answer, reference nor a column;"
        + " did you mean 'limit'? at character 59 of the script");
  }

  @Test
  void several_endpoints_are_asked_the_same_rows_and_compared() throws Exception {
    chat = new FakeChat((q, n) -> FakeChat.Reply.answer("Paris"));
    // the second system is wrong on every even row
    try (FakeChat other = new FakeChat((q, n) -> FakeChat.Reply.answer(Integer.parseInt(q.substring(1)) % 2 == 0 ? "Lyon" : "Paris"))) {
      StringBuilder csv = new StringBuilder("id,question,answer\n");
      for (int i = 0; i < 40; i++) csv.append("q").append(i).append(",q").append(i).append(",Paris\n");
      Path suite = suite(csv.toString(), "primary_metric: exact_match\ncriteria:\n  - {metric: exact_match, min: 0.9, at: point}\n");
      Path json = dir.resolve("compare.json");
      Path html = dir.resolve("compare.html");
      Cli r = run("run", "--out-dir", dir, suite, "--endpoint", "vendor-a=" + chat.url(), "--endpoint", "vendor-b=" + other.url(),
          "--retries", "0", "--json", json, "--html", html);
      assertThat(r.exit()).as(r.err() + r.out()).isEqualTo(0);
      assertThat(chat.requests.get()).isEqualTo(40);
      assertThat(other.requests.get()).isEqualTo(40);
      assertThat(dir.resolve("vendor-a.csv")).exists();
      assertThat(dir.resolve("vendor-b.csv")).exists();
      JsonNode report = JSON.readTree(json.toFile());
      JsonNode ranking = report.path("ranking");
      assertThat(ranking.get(0).path("name").asText()).isEqualTo("vendor-a");
      assertThat(ranking.get(0).path("primary").path("value").asDouble()).isEqualTo(1.0);
      assertThat(ranking.get(0).path("verdict").asText()).isEqualTo("ACCEPTED");
      assertThat(ranking.get(1).path("name").asText()).isEqualTo("vendor-b");
      assertThat(ranking.get(1).path("primary").path("value").asDouble()).isEqualTo(0.5);
      assertThat(ranking.get(1).path("verdict").asText()).isEqualTo("REJECTED");
      JsonNode pair = report.path("pairs").get(0);
      assertThat(pair.path("rows").asLong()).isEqualTo(40);
      assertThat(Math.abs(pair.path("difference").path("value").asDouble())).isEqualTo(0.5);
      assertThat(Files.readString(html)).contains("vendor-a").contains("vendor-b");
      // every even row: vendor-b says Lyon where vendor-a says Paris, so 20 rows differ and fail
      String side = Files.readString(dir.resolve("answers.html"));
      assertThat(side.split("<tr class=\"differ\"", -1).length - 1).isEqualTo(20);
      assertThat(side.split("<tr class=\"same\"", -1).length - 1).isEqualTo(20);
      assertThat(side).contains("<tr class=\"differ\"><td>q0</td><td>Paris</td><td>Paris</td><td class=\"fail\" title=\"failed exact_match\">Lyon</td></tr>")
          .contains("<input type=\"checkbox\" id=\"only\">");
      assertThat(r.out()).contains("Answers side by side: " + dir.resolve("answers.html"));

      Cli unnamed = run("run", "--out-dir", dir, suite, "--endpoint", chat.url(), "--endpoint", "vendor-b=" + other.url());
      assertThat(unnamed.exit()).isEqualTo(2);
      assertThat(unnamed.err()).contains("with several endpoints name each");
      Cli twice = run("run", "--out-dir", dir, suite, "--endpoint", "a=" + chat.url(), "--endpoint", "a=" + other.url());
      assertThat(twice.err()).contains("the name 'a' is given twice");
    }
  }
}
