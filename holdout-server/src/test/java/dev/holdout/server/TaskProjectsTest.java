package dev.holdout.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A project of each task the engine knows runs on the server end to end, on the embedded store and
 * on PostgreSQL: create, the files the suite names, the evaluation set, a vendor's submission, the
 * verdict and the leaderboard; and what vendors may read of each.
 */
class TaskProjectsTest {
  @TempDir Path dir;

  private static TestServer.Answer put(TestServer s, String path, Path file) {
    try {
      return s.call("PUT", path, s.ownerToken, HttpRequest.BodyPublishers.ofFile(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String create(TestServer s, String yaml) {
    TestServer.Answer a = s.call("POST", "/projects", s.ownerToken, yaml);
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    return a.json().path("id").asText();
  }

  private static void ok(TestServer.Answer a) {
    assertThat(a.status()).as(a.body()).isEqualTo(200);
  }

  /** Submits, waits, and checks the verdict, the private report's count, and the vendor's leaderboard entry; returns the private report. */
  private static JsonNode judged(TestServer s, String p, String vendor, Path file, String metric) {
    String id = s.submit(p, vendor, file);
    JsonNode done = s.await(p, id);
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("done");
    assertThat(done.path("verdict_private").asText()).isIn("ACCEPTED", "REJECTED", "INCONCLUSIVE");
    JsonNode project = s.call("GET", "/projects/" + p, s.ownerToken, (String) null).json();
    JsonNode report = s.call("GET", "/projects/" + p + "/submissions/" + id + "/report", s.ownerToken, (String) null).json();
    assertThat(report.path("metrics").path(metric).path("value").isNumber()).as(report.path("metrics").toString()).isTrue();
    JsonNode board = s.call("GET", "/projects/" + p + "/leaderboard", vendor, (String) null).json();
    assertThat(board.path("entries").get(0).path("score").isNumber()).as(board.toString()).isTrue();
    assertThat(project.path("rows_private").asInt()).isPositive();
    return report;
  }

  /** The key (first column) of the first row of a part, read from the server's folder as the owner's machine could. */
  private static String firstKey(TestServer s, String p, String part) {
    try {
      String second = java.nio.file.Files.readAllLines(s.dir.resolve("projects").resolve(p).resolve(part + ".csv")).get(1);
      return second.substring(0, second.indexOf(','));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void a_multilabel_project_hides_every_label_column_and_is_judged(String store) {
    try (TestServer s = new TestServer(dir, store)) {
      String p = create(s, TaskData.example("tagging"));
      ok(s.upload("/projects/" + p + "/data", s.ownerToken, TaskData.exampleFile("tagging", "eval.csv")));
      String vendor = s.invite(p, "acme");
      String inputs = s.call("GET", "/projects/" + p + "/inputs", vendor, (String) null).body();
      assertThat(inputs.lines().findFirst().orElseThrow()).isEqualTo("ticket_id,channel,subject");
      assertThat(inputs.lines().count()).isEqualTo(1601);
      JsonNode report = judged(s, p, vendor, TaskData.exampleFile("tagging", "vendor.csv"), "f1_micro");
      JsonNode project = s.call("GET", "/projects/" + p, s.ownerToken, (String) null).json();
      assertThat(report.path("rows").path("evaluated").asInt()).isEqualTo(project.path("rows_private").asInt());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void a_forecasting_project_splits_by_series_and_vendors_get_the_history_not_the_actuals(String store) {
    try (TestServer s = new TestServer(dir, store)) {
      String p = create(s, TaskData.forecastSuite());
      ok(s.call("PATCH", "/projects/" + p, s.ownerToken, "{\"public_share\": 0.5}"));
      Path[] data = TaskData.forecastData(dir, 30);
      TestServer.Answer early = s.upload("/projects/" + p + "/data", s.ownerToken, data[1]);
      assertThat(early.status()).isEqualTo(409);
      assertThat(early.json().path("error").asText()).contains("data.history").contains("/files/history");
      ok(put(s, "/projects/" + p + "/files/history", data[0]));
      ok(s.upload("/projects/" + p + "/data", s.ownerToken, data[1]));
      JsonNode project = s.call("GET", "/projects/" + p, s.ownerToken, (String) null).json();
      // 30 stores x 6 weeks, split by store: every part holds whole stores.
      assertThat(project.path("rows_public").asInt() % 6).isZero();
      assertThat(project.path("rows_public").asInt() + project.path("rows_private").asInt()).isEqualTo(180);

      String vendor = s.invite(p, "acme");
      String inputs = s.call("GET", "/projects/" + p + "/inputs", vendor, (String) null).body();
      assertThat(inputs.lines().findFirst().orElseThrow()).isEqualTo("store,region,week");
      assertThat(s.call("GET", "/projects/" + p + "/files/history", vendor, (String) null).body()).contains("S00,north,1,");

      JsonNode report = judged(s, p, vendor, TaskData.forecasts(dir, "good", 30, 2), "mase");
      // one store from either part: accepted and evaluated alike; other stores' forecasts are refused naming only the file's rows
      for (String part : List.of("public", "private")) {
        String store1 = firstKey(s, p, part);
        Path one = TestServer.Data.write(dir.resolve("one-" + part + ".csv"), "store,origin,week,forecast\n" + store1 + ",60,61,100\n");
        JsonNode done = s.await(p, s.submit(p, vendor, one));
        assertThat(done.path("status").asText()).as(part + ": " + done).isEqualTo("done");
      }
      Path foreign = TestServer.Data.write(dir.resolve("foreign.csv"), "store,origin,week,forecast\nS99,60,61,100\n");
      TestServer.Answer refused = s.upload("/projects/" + p + "/submissions?name=foreign.csv", vendor, foreign);
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.json().path("error").asText()).contains("'foreign.csv'").contains("S99").doesNotContain("S00").doesNotContain("S01");
      int privateStores = project.path("rows_private").asInt() / 6;
      // forecasts owed: 2 origins x 3 weeks per private store; intervals resample stores
      assertThat(report.path("rows").path("evaluated").asInt()).isEqualTo(privateStores * 6);
      assertThat(report.path("baseline").path("metrics").path("mae").path("value").isNumber()).isTrue();
      assertThat(report.path("verdict").asText()).as(report.path("criteria").toString()).isEqualTo("ACCEPTED");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void a_retrieval_project_splits_by_query_and_vendors_get_queries_and_documents_never_judgements(String store) {
    try (TestServer s = new TestServer(dir, store)) {
      String p = create(s, TaskData.example("rag-retrieval"));
      ok(put(s, "/projects/" + p + "/files/queries", TaskData.exampleFile("rag-retrieval", "queries.csv")));
      ok(put(s, "/projects/" + p + "/files/baseline", TaskData.exampleFile("rag-retrieval", "bm25.csv")));
      ok(put(s, "/projects/" + p + "/files/documents", TaskData.documents(dir)));
      assertThat(put(s, "/projects/" + p + "/files/history", TaskData.documents(dir)).status()).isEqualTo(404);
      ok(s.upload("/projects/" + p + "/data", s.ownerToken, TaskData.exampleFile("rag-retrieval", "qrels.csv")));
      JsonNode project = s.call("GET", "/projects/" + p, s.ownerToken, (String) null).json();
      assertThat(project.path("rows_public").asInt() + project.path("rows_private").asInt()).as("queries, not judgements").isEqualTo(400);

      String vendor = s.invite(p, "acme");
      String inputs = s.call("GET", "/projects/" + p + "/inputs", vendor, (String) null).body();
      assertThat(inputs.lines().findFirst().orElseThrow()).isEqualTo("query_id,topic,language");
      assertThat(inputs.lines().count()).isEqualTo(401);
      assertThat(s.call("GET", "/projects/" + p + "/files/documents", vendor, (String) null).body()).startsWith("doc_id,text");
      for (String hidden : List.of("baseline", "queries")) {
        assertThat(s.call("GET", "/projects/" + p + "/files/" + hidden, vendor, (String) null).status()).isEqualTo(403);
      }
      assertThat(s.call("GET", "/projects/" + p + "/files/baseline", s.ownerToken, (String) null).status()).isEqualTo(200);

      JsonNode report = judged(s, p, vendor, TaskData.exampleFile("rag-retrieval", "vendor-a.csv"), "ndcg@10");
      assertThat(report.path("rows").path("evaluated").asInt()).isEqualTo(project.path("rows_private").asInt());
      // the run baseline stored with the project is scored on the same private queries
      assertThat(report.path("baseline").path("metrics").path("ndcg@10").path("value").isNumber()).as(report.path("baseline").toString()).isTrue();

      // one query from either part: accepted and evaluated alike, so the outcome does not tell the part
      for (String part : List.of("public", "private")) {
        String q = firstKey(s, p, part);
        Path one = TestServer.Data.write(dir.resolve("one-" + part + ".csv"), "query_id,doc_id,rank\n" + q + ",D0001,1\n");
        JsonNode done = s.await(p, s.submit(p, vendor, one));
        assertThat(done.path("status").asText()).as(part + ": " + done).isEqualTo("done");
      }

      // a query the project does not have is refused naming only the vendor's own id
      Path odd = TestServer.Data.write(dir.resolve("odd.csv"), "query_id,doc_id,rank\nQ001,D0001,1\nQX99,D0002,1\n");
      TestServer.Answer refused = s.upload("/projects/" + p + "/submissions?name=odd.csv", vendor, odd);
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.json().path("error").asText()).contains("'odd.csv' line 3").contains("QX99").doesNotContain("qrels").doesNotContain("e.g.");
      assertThat(s.verify(null).intact()).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void a_judged_project_grades_answers_with_the_owners_key_which_no_one_reads_back(String store) throws Exception {
    String key = "sk-test-" + Long.toHexString(new java.util.Random().nextLong());
    try (TaskData.FakeJudge judge = new TaskData.FakeJudge(); TestServer s = new TestServer(dir, store)) {
      String yaml = TaskData.example("qa").replace("bootstrap: {replicates: 1000, seed: 21}", "bootstrap: {replicates: 200, seed: 21}") + """
          judge:
            url: %s
            api_key_env: HOLDOUT_TEST_JUDGE_KEY
            rubric: "5: same facts as the reference. 3: partly right. 1: wrong or a refusal."
            scale: {min: 1, max: 5}
            input: "{question}"
            repeats: 1
          """.formatted(judge.url());
      String p = create(s, yaml);
      ok(s.call("PUT", "/projects/" + p + "/judge-key", s.ownerToken, key));
      StringBuilder grades = new StringBuilder("id,grade\n");
      for (int i = 0; i < 120; i++) grades.append(String.format(java.util.Locale.ROOT, "R%03d,%d\n", i, 1 + i % 5));
      ok(put(s, "/projects/" + p + "/files/human_grades", TestServer.Data.write(dir.resolve("grades.csv"), grades.toString())));
      ok(s.upload("/projects/" + p + "/data", s.ownerToken, TaskData.exampleFile("qa", "eval.csv")));
      String vendor = s.invite(p, "acme");
      String id = s.submit(p, vendor, TaskData.exampleFile("qa", "vendor.csv"));
      JsonNode done = s.await(p, id);
      assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("done");
      JsonNode report = s.call("GET", "/projects/" + p + "/submissions/" + id + "/report", s.ownerToken, (String) null).json();
      assertThat(report.path("metrics").path("judge_score").path("value").asDouble()).isEqualTo(4.0);
      assertThat(judge.authorizations).isNotEmpty().allMatch(a -> a.equals("Bearer " + key));
      // the owner's human grades of this part check the judge, which grades everything 4 and so agrees with people too little
      JsonNode human = report.path("judge").path("human");
      assertThat(human.path("rows").asInt()).as(report.path("judge").toString()).isBetween(1, 119);
      assertThat(report.path("judge").path("validated").asBoolean()).isFalse();

      List<String> bodies = new ArrayList<>();
      for (String path : List.of("", "/submissions", "/submissions/" + id, "/leaderboard", "/inputs")) {
        bodies.add(s.call("GET", "/projects/" + p + path, vendor, (String) null).body());
        bodies.add(s.call("GET", "/projects/" + p + path, s.ownerToken, (String) null).body());
      }
      bodies.add(s.call("GET", "/audit-log?project=" + p, s.ownerToken, (String) null).body());
      bodies.add(report.toString());
      assertThat(bodies).noneMatch(b -> b.contains(key));
      assertThat(s.call("GET", "/projects/" + p + "/files/judge", s.ownerToken, (String) null).status()).isEqualTo(404);
      assertThat(s.verify(null).intact()).as("the key's entry is on the trail, which checks intact").isTrue();
    }
  }
}
