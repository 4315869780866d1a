package dev.holdout.server.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdout.server.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The prediction log on both stores: the service role, named batches, refusals, and windows judged by the scheduler. */
class PredictionLogTest {
  @TempDir Path dir;

  static String project(TestServer s, String window, int rows) {
    TestServer.Answer p = s.call("POST", "/projects", s.ownerToken, LogTraffic.suite(window));
    assertThat(p.status()).as(p.body()).isEqualTo(201);
    String id = p.json().path("id").asText();
    TestServer.Answer d = s.upload("/projects/" + id + "/data", s.ownerToken, TestServer.Data.evaluationSet(s.dir, rows));
    assertThat(d.status()).as(d.body()).isEqualTo(200);
    return id;
  }

  static String service(TestServer s, String project, String name) {
    TestServer.Answer a = s.call("POST", "/projects/" + project + "/services", s.ownerToken, "{\"name\": \"" + name + "\"}");
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    assertThat(a.json().path("role").asText()).isEqualTo("service");
    return a.json().path("token").asText();
  }

  static JsonNode awaitWindows(TestServer s, String project, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    JsonNode w = null;
    while (System.nanoTime() < deadline) {
      w = s.call("GET", "/projects/" + project + "/windows", s.ownerToken, (String) null).json();
      if (w.size() >= count) return w;
      Thread.sleep(100);
    }
    throw new AssertionError("expected " + count + " windows, have " + w);
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void a_service_writes_named_batches_reads_nothing_and_bad_batches_leave_nothing(String store) throws Exception {
    try (TestServer s = new TestServer(dir, store)) {
      String p = project(s, "500-rows", 1000);
      String other = project(s, "500-rows", 300);
      String svc = service(s, p, "scoring-api");
      String csv = "text/csv";

      // reads nothing: every other route is 403, and so is another project's log
      assertThat(s.call("GET", "/me", svc, (String) null).status()).isEqualTo(403);
      assertThat(s.call("GET", "/projects", svc, (String) null).status()).isEqualTo(403);
      assertThat(s.call("GET", "/projects/" + p, svc, (String) null).status()).isEqualTo(403);
      assertThat(s.call("GET", "/projects/" + p + "/windows", svc, (String) null).status()).isEqualTo(403);
      assertThat(s.call("GET", "/projects/" + p + "/inputs", svc, (String) null).status()).isEqualTo(403);
      assertThat(LogTraffic.post(s, "/projects/" + other + "/log", svc, "b0", csv, LogTraffic.batch(0, 10, 0, 1)).status()).isEqualTo(403);
      String vendor = s.invite(p, "acme");
      assertThat(LogTraffic.post(s, "/projects/" + p + "/log", vendor, "b0", csv, LogTraffic.batch(0, 10, 0, 1)).status()).isEqualTo(403);

      // a named batch is acknowledged; the same again answers the first acknowledgement; other bytes under the name are 409
      LogTraffic.Answer first = LogTraffic.post(s, "/projects/" + p + "/log", svc, "b1", csv, LogTraffic.batch(0, 300, 0, 1));
      assertThat(first.status()).as(first.body()).isEqualTo(200);
      assertThat(first.body()).contains("\"rows\":300").contains("\"first_row\":1");
      LogTraffic.Answer again = LogTraffic.post(s, "/projects/" + p + "/log", svc, "b1", csv, LogTraffic.batch(0, 300, 0, 1));
      assertThat(again.status()).isEqualTo(200);
      assertThat(again.body()).isEqualTo(first.body());
      assertThat(again.replay()).isEqualTo("true");
      LogTraffic.Answer clash = LogTraffic.post(s, "/projects/" + p + "/log", svc, "b1", csv, LogTraffic.batch(0, 300, 0, 2));
      assertThat(clash.status()).isEqualTo(409);
      assertThat(clash.body()).contains("other content");
      assertThat(LogTraffic.post(s, "/projects/" + p + "/log", svc, null, csv, LogTraffic.batch(300, 10, 0, 1)).body()).contains("Idempotency-Key");

      // malformed rows: refused with line and column, nothing stored
      String bad = LogTraffic.batch(300, 5, 0, 3).replace("r302,", "r302,not-a-time-").replaceFirst("(r303,[^,]*,[^,]*,[^,]*,)[0-9.]+", "$1high");
      LogTraffic.Answer refused = LogTraffic.post(s, "/projects/" + p + "/log", svc, "b2", csv, bad);
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.body()).contains("line 4, column 'time'").contains("timestamp");
      String badScore = LogTraffic.batch(300, 5, 0, 3).replaceFirst("(r303,[^,]*,[^,]*,[^,]*,)[0-9.]+", "$11.5");
      assertThat(LogTraffic.post(s, "/projects/" + p + "/log", svc, "b2", csv, badScore).body()).contains("line 5, column 'p'").contains("from 0 to 1");
      assertThat(LogTraffic.post(s, "/projects/" + p + "/log", svc, "b2", "application/x-ndjson", "{\"id\": \"x\", \"p\": {\"a\": 1}}\n").body())
          .contains("line 1, key 'p'").contains("nested");
      assertThat(s.column("SELECT batch_id FROM log_batch WHERE project_id = '" + p + "'")).containsExactly("b1");

      // too large: 413 in the JSON shape
      LogTraffic.Answer big = LogTraffic.post(s, "/projects/" + p + "/log", svc, "b3", csv, "id,time,p\n" + "x".repeat(LogBatch.MAX_BYTES));
      assertThat(big.status()).isEqualTo(413);
      assertThat(big.body()).contains("\"status\":413").contains("smaller batches");

      // outcomes by id (sent before the batch that closes the window: the scheduler may judge it at once), then JSON Lines;
      // the owner may write the log too
      StringBuilder outcomes = new StringBuilder("id,churned\n");
      for (int i = 0; i < 400; i++) outcomes.append('r').append(i).append(',').append(i % 4 == 0 ? 1 : 0).append('\n');
      LogTraffic.Answer o = LogTraffic.post(s, "/projects/" + p + "/outcomes", svc, "o1", csv, outcomes.toString());
      assertThat(o.status()).as(o.body()).isEqualTo(200);
      StringBuilder jsonl = new StringBuilder();
      for (String line : LogTraffic.batch(300, 200, 0, 4).lines().skip(1).toList()) {
        String[] f = line.split(",");
        jsonl.append("{\"id\": \"").append(f[0]).append("\", \"time\": \"").append(f[1]).append("\", \"region\": \"").append(f[2])
            .append("\", \"tenure\": ").append(f[3]).append(", \"p\": ").append(f[4]).append("}\n");
      }
      LogTraffic.Answer j = LogTraffic.post(s, "/projects/" + p + "/log", s.ownerToken, "b4", "application/x-ndjson", jsonl.toString());
      assertThat(j.status()).as(j.body()).isEqualTo(200);
      assertThat(j.body()).contains("\"first_row\":301");

      // the first 500 rows make a window; the scheduler judges it with holdout monitor's engine
      JsonNode windows = awaitWindows(s, p, 1);
      assertThat(windows).hasSize(1);
      JsonNode w = windows.get(0);
      assertThat(w.path("window").asText()).isEqualTo("rows 1-500");
      assertThat(w.path("rows").asLong()).isEqualTo(500);
      assertThat(w.path("labeled_rows").asLong()).isEqualTo(400);
      assertThat(w.path("report").path("schema").asText()).isEqualTo("holdout.monitor/v1");
      assertThat(w.path("report").path("windows").get(0).path("metrics").has("roc_auc")).isTrue();
      assertThat(s.verify(null).intact()).as(String.valueOf(s.verify(null).problem())).isTrue();
    }
  }
}
