package dev.holdout.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdout.server.trail.Trail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The owner's and vendors' whole journey, on the embedded store and on PostgreSQL. */
class HoldoutServerTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void a_project_runs_from_suite_to_champion_with_every_decision_on_the_audit_trail(String store) throws Exception {
    try (TestServer s = new TestServer(dir, store)) {
      String p = s.project(3000);
      JsonNode project = s.call("GET", "/projects/" + p, s.ownerToken, (String) null).json();
      assertThat(project.path("status").asText()).isEqualTo("ready");
      int pub = project.path("rows_public").asInt();
      assertThat(pub + project.path("rows_private").asInt()).isEqualTo(3000);
      assertThat(pub / 3000.0).isBetween(0.25, 0.35);

      String a = s.invite(p, "acme");
      String b = s.invite(p, "globex");
      assertThat(a).startsWith("hdt_").hasSizeGreaterThanOrEqualTo(4 + 43);

      // Vendors download inputs without the label.
      String inputs = s.call("GET", "/projects/" + p + "/inputs", a, (String) null).body();
      assertThat(inputs.lines().findFirst().orElseThrow()).isEqualTo("id,region,tenure");
      assertThat(inputs.lines().count()).isEqualTo(3001);
      assertThat(s.call("GET", "/projects/" + p, a, (String) null).json().has("rows_public")).isFalse();

      String good = submit(s, p, a, TestServer.Data.predictions(dir, "good", 3000, 0.5, 1));
      String bad = submit(s, p, b, TestServer.Data.predictions(dir, "bad", 3000, 0.95, 2));
      JsonNode goodDone = s.await(p, good);
      JsonNode badDone = s.await(p, bad);
      assertThat(goodDone.path("status").asText()).isEqualTo("done");
      assertThat(goodDone.path("verdict_private").asText()).isEqualTo("ACCEPTED");
      assertThat(badDone.path("verdict_private").asText()).isEqualTo("REJECTED");

      // The shown score is the public-part score rounded to the Ladder's step.
      double raw = goodDone.path("public_score").asDouble();
      double shown = goodDone.path("leaderboard_score").asDouble();
      assertThat(shown).isCloseTo(Math.round(raw * 100) / 100.0, org.assertj.core.data.Offset.offset(1e-12));
      JsonNode report = s.call("GET", "/projects/" + p + "/submissions/" + good + "/report?part=public", s.ownerToken, (String) null).json();
      assertThat(report.path("metrics").path("roc_auc").path("value").asDouble()).isEqualTo(raw);
      assertThat(report.path("rows").path("evaluated").asInt()).isEqualTo(pub);
      JsonNode privateReport = s.call("GET", "/projects/" + p + "/submissions/" + good + "/report", s.ownerToken, (String) null).json();
      assertThat(privateReport.path("rows").path("evaluated").asInt()).isEqualTo(3000 - pub);
      // the other part's ids are not extra in a part's report: the file holds exactly the set's ids
      assertThat(privateReport.path("rows").path("extra_predictions").asInt()).isZero();
      assertThat(report.path("rows").path("extra_predictions").asInt()).isZero();
      String page = s.call("GET", "/projects/" + p + "/submissions/" + good + "/report.html", s.ownerToken, (String) null).body();
      assertThat(page).startsWith("<!DOCTYPE html>").contains("data-verdict=\"ACCEPTED\"").doesNotContain("<script");
      JsonNode whole = s.call("GET", "/projects/" + p + "/submissions/" + good + "/report?part=all", s.ownerToken, (String) null).json();
      assertThat(whole.path("rows").path("evaluated").asInt()).isEqualTo(3000);
      assertThat(whole.path("bootstrap").path("replicates").asInt()).isEqualTo(200);
      assertThat(report.path("bootstrap").path("replicates").asInt()).as("the public report the owner reads has the suite's replicates").isEqualTo(200);

      // A vendor sees its own submission's status and leaderboard score, nothing private.
      JsonNode mine = s.call("GET", "/projects/" + p + "/submissions/" + good, a, (String) null).json();
      assertThat(mine.has("public_score")).isFalse();
      assertThat(mine.has("verdict_private")).isFalse();
      assertThat(s.call("GET", "/projects/" + p + "/submissions/" + good, b, (String) null).status()).isEqualTo(404);
      assertThat(s.call("GET", "/projects/" + p + "/submissions", b, (String) null).json()).hasSize(1);

      // Names of other vendors are hidden unless the owner allows them.
      JsonNode board = s.call("GET", "/projects/" + p + "/leaderboard", b, (String) null).json();
      List<String> names = new ArrayList<>();
      board.path("entries").forEach(e -> names.add(e.path("vendor").asText()));
      assertThat(names).containsExactly("vendor 1", "globex");
      s.call("PATCH", "/projects/" + p, s.ownerToken, "{\"show_vendor_names\": true}");
      JsonNode named = s.call("GET", "/projects/" + p + "/leaderboard", b, (String) null).json();
      assertThat(named.path("entries").get(0).path("vendor").asText()).isEqualTo("acme");

      // Champion: a rejected submission is refused with the evidence; an accepted one is promoted.
      TestServer.Answer refused = s.call("POST", "/projects/" + p + "/champion", s.ownerToken, "{\"submission\": \"" + bad + "\"}");
      assertThat(refused.status()).isEqualTo(409);
      assertThat(refused.json().path("details").path("verdict_private").asText()).isEqualTo("REJECTED");
      assertThat(s.call("POST", "/projects/" + p + "/champion", s.ownerToken, "{\"submission\": \"" + good + "\"}").status()).isEqualTo(200);

      // A challenger that is accepted on its own but clearly worse than the champion is refused by the gate.
      String worse = submit(s, p, b, TestServer.Data.predictions(dir, "worse", 3000, 0.7, 3));
      assertThat(s.await(p, worse).path("verdict_private").asText()).isEqualTo("ACCEPTED");
      TestServer.Answer gate = s.call("POST", "/projects/" + p + "/champion", s.ownerToken, "{\"submission\": \"" + worse + "\"}");
      assertThat(gate.status()).isEqualTo(409);
      JsonNode against = gate.json().path("details").path("against_champion");
      assertThat(against.path("pass").asBoolean()).isFalse();
      assertThat(against.path("difference").path("ci").get(0).asDouble()).isLessThan(-0.01);

      // A better challenger is promoted; rollback restores the previous champion.
      String better = submit(s, p, b, TestServer.Data.predictions(dir, "better", 3000, 0.3, 4));
      s.await(p, better);
      assertThat(s.call("POST", "/projects/" + p + "/champion", s.ownerToken, "{\"submission\": \"" + better + "\"}").status()).isEqualTo(200);
      JsonNode rolled = s.call("POST", "/projects/" + p + "/champion/rollback", s.ownerToken, (String) null).json();
      assertThat(rolled.path("champion").path("id").asText()).isEqualTo(good);

      // Every decision is in the audit log, chained; an edit or a deletion is found.
      JsonNode log = s.call("GET", "/audit-log?project=" + p, s.ownerToken, (String) null).json();
      List<String> actions = new ArrayList<>();
      log.forEach(e -> actions.add(e.path("action").asText()));
      assertThat(actions).contains("project.created", "project.data", "vendor.invited", "submission.uploaded", "submission.evaluated",
          "champion.promoted", "champion.rolled_back");
      assertThat(s.verify(null).intact()).as(s.verify(null).toString()).isTrue();
      long tampered = log.get(3).path("seq").asLong();
      s.sql("UPDATE audit_log SET details = '{\"sha256\":\"forged\"}' WHERE seq = " + tampered);
      Trail.Verification v = s.verify(null);
      assertThat(v.intact()).isFalse();
      assertThat(v.firstBadEntry()).contains(tampered);
      assertThat(v.problem().orElseThrow()).contains("altered");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void a_restart_keeps_everything_and_a_deleted_entry_is_found(String store) {
    try (TestServer s = new TestServer(dir, store)) {
      String p = s.project(500);
      s.invite(p, "acme");
      s.invite(p, "initech");
      s.restart();
      assertThat(s.call("GET", "/projects/" + p + "/vendors", s.ownerToken, (String) null).json()).hasSize(2);
      assertThat(s.verify(null).intact()).isTrue();
      s.sql("DELETE FROM audit_log WHERE seq = 4");
      Trail.Verification v = s.verify(null);
      assertThat(v.firstBadEntry()).contains(4L);
      assertThat(v.problem().orElseThrow()).contains("missing");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void the_parameter_free_ladder_releases_only_gains_beyond_the_standard_error(String store) throws Exception {
    try (TestServer s = new TestServer(dir, store)) {
      String p = s.project(3000);
      assertThat(s.call("PATCH", "/projects/" + p, s.ownerToken, "{\"ladder\": \"parameter_free\"}").status()).isEqualTo(200);
      String a = s.invite(p, "acme");
      int n = s.call("GET", "/projects/" + p, s.ownerToken, (String) null).json().path("rows_public").asInt();
      JsonNode first = s.await(p, submit(s, p, a, TestServer.Data.predictions(dir, "first", 3000, 0.6, 1)));
      double shown = first.path("leaderboard_score").asDouble();
      assertThat(shown * n).as("shown rounded to 1/n").isCloseTo(Math.rint(shown * n), org.assertj.core.data.Offset.offset(1e-6));
      // Nearly the same predictions: the gain, if any, is far inside one standard error.
      JsonNode same = s.await(p, submit(s, p, a, TestServer.Data.predictions(dir, "same", 3000, 0.6, 1)));
      assertThat(same.path("leaderboard_score").asDouble()).isEqualTo(shown);
      // Much better predictions are released.
      JsonNode better = s.await(p, submit(s, p, a, TestServer.Data.predictions(dir, "better", 3000, 0.3, 2)));
      assertThat(better.path("leaderboard_score").asDouble()).isGreaterThan(shown + 0.05);
      assertThat(better.path("leaderboard_score").asDouble()).isCloseTo(better.path("public_score").asDouble(), org.assertj.core.data.Offset.offset(0.5 / n + 1e-9));
    }
  }

  /** With room for fewer rows than one project's set, sets are dropped and read again, and the scores do not change. */
  @Test
  void evaluation_sets_dropped_from_memory_are_read_again_with_the_same_scores() throws Exception {
    try (TestServer s = new TestServer(dir, "h2", 1000)) {
      String p1 = s.project(3000);
      String p2 = s.project(3000);
      String a1 = s.invite(p1, "acme");
      String a2 = s.invite(p2, "globex");
      Path preds = TestServer.Data.predictions(dir, "good", 3000, 0.5, 1);
      JsonNode first = s.await(p1, submit(s, p1, a1, preds));
      s.await(p2, submit(s, p2, a2, TestServer.Data.predictions(dir, "other", 3000, 0.6, 2)));
      JsonNode again = s.await(p1, submit(s, p1, a1, preds));
      assertThat(again.path("public_score").asDouble()).isEqualTo(first.path("public_score").asDouble());
      assertThat(again.path("status").asText()).isEqualTo("done");
      assertThat(again.path("verdict_private").asText()).isEqualTo(first.path("verdict_private").asText()).isEqualTo("ACCEPTED");
      assertThat(s.server.cachedRows()).isLessThanOrEqualTo(1000);
    }
  }

  /**
   * A text generation project: vendors download questions without the reference answers or
   * today's answer, and answers are scored by token_f1 on the hidden part. The answer set has
   * 400 questions; "good" answers every one exactly, "poor" half of them.
   */
  @Test
  void text_generation_projects_hide_the_references_and_score_answers() throws Exception {
    try (TestServer s = new TestServer(dir, "h2")) {
      String yaml = """
          suite: holdout.suite/v1
          name: qa
          problem: Answer HR questions.
          task: text_generation
          data: {path: eval.csv, id: id, reference: answer}
          predictions: {output: answer}
          baseline: {kind: column, column: faq}
          criteria:
            - {metric: token_f1, min: 0.8}
          bootstrap: {replicates: 200, seed: 3}
          """;
      TestServer.Answer created = s.call("POST", "/projects", s.ownerToken, yaml);
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      String p = created.json().path("id").asText();
      StringBuilder eval = new StringBuilder("id,question,answer,faq\n");
      StringBuilder good = new StringBuilder("id,answer\n");
      StringBuilder poor = new StringBuilder("id,answer\n");
      for (int i = 0; i < 400; i++) {
        eval.append("q").append(i).append(",How many days for case ").append(i).append("?,").append(i).append(" days,Ask HR\n");
        good.append("q").append(i).append(",").append(i).append(" days\n");
        poor.append("q").append(i).append(",").append(i % 2 == 0 ? i + " days" : "I do not know").append("\n");
      }
      TestServer.Answer data = s.upload("/projects/" + p + "/data", s.ownerToken, TestServer.Data.write(dir.resolve("qa.csv"), eval.toString()));
      assertThat(data.status()).as(data.body()).isEqualTo(200);
      String a = s.invite(p, "acme");
      String inputs = s.call("GET", "/projects/" + p + "/inputs", a, (String) null).body();
      assertThat(inputs.lines().findFirst().orElseThrow()).isEqualTo("id,question");
      assertThat(inputs).doesNotContain("Ask HR").doesNotContain(" days\n");
      JsonNode best = s.await(p, submit(s, p, a, TestServer.Data.write(dir.resolve("good.csv"), good.toString())));
      JsonNode half = s.await(p, submit(s, p, a, TestServer.Data.write(dir.resolve("poor.csv"), poor.toString())));
      assertThat(best.path("status").asText()).as(best.toString()).isEqualTo("done");
      assertThat(best.path("public_score").asDouble()).isEqualTo(1.0);
      assertThat(best.path("verdict_private").asText()).isEqualTo("ACCEPTED");
      assertThat(half.path("public_score").asDouble()).isBetween(0.35, 0.65);
      assertThat(half.path("verdict_private").asText()).isEqualTo("REJECTED");
      JsonNode report = s.call("GET", "/projects/" + p + "/submissions/" + best.path("id").asText() + "/report", s.ownerToken, (String) null).json();
      assertThat(report.path("baseline").path("metrics").path("token_f1").path("value").asDouble()).isEqualTo(0.0);

      // A run baseline's answers are a project file, stored and split with the evaluation set.
      TestServer.Answer run = s.call("POST", "/projects", s.ownerToken, yaml.replace("{kind: column, column: faq}", "{kind: run, path: today.csv}"));
      assertThat(run.status()).as(run.body()).isEqualTo(201);
      String r = run.json().path("id").asText();
      Path evalFile = TestServer.Data.write(dir.resolve("eval-run.csv"), eval.toString());
      TestServer.Answer early = s.upload("/projects/" + r + "/data", s.ownerToken, evalFile);
      assertThat(early.status()).isEqualTo(409);
      assertThat(early.json().path("error").asText()).contains("baseline.path").contains("/files/baseline");
      TestServer.Answer today = s.call("PUT", "/projects/" + r + "/files/baseline", s.ownerToken,
          java.net.http.HttpRequest.BodyPublishers.ofFile(TestServer.Data.write(dir.resolve("today.csv"), good.toString())));
      assertThat(today.status()).as(today.body()).isEqualTo(200);
      assertThat(s.upload("/projects/" + r + "/data", s.ownerToken, evalFile).status()).isEqualTo(200);
      String ra = s.invite(r, "initech");
      JsonNode poorRun = s.await(r, submit(s, r, ra, TestServer.Data.write(dir.resolve("poor-run.csv"), poor.toString())));
      JsonNode runReport = s.call("GET", "/projects/" + r + "/submissions/" + poorRun.path("id").asText() + "/report", s.ownerToken, (String) null).json();
      assertThat(runReport.path("baseline").path("metrics").path("token_f1").path("value").asDouble()).as("today's answers are the good ones").isEqualTo(1.0);
      assertThat(s.call("GET", "/projects/" + r + "/files/baseline", ra, (String) null).status()).as("the baseline's answers are the owner's").isEqualTo(403);
    }
  }

  static String submit(TestServer s, String project, String token, Path file) throws Exception {
    TestServer.Answer a = s.upload("/projects/" + project + "/submissions?name=" + file.getFileName(), token, file);
    assertThat(a.status()).as(a.body()).isEqualTo(202);
    assertThat(Files.exists(file)).isTrue();
    return a.json().path("id").asText();
  }
}
