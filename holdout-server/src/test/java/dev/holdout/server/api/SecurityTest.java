package dev.holdout.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdout.server.TestServer;
import dev.holdout.server.api.Api.Access;
import dev.holdout.base.CsvCells;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Every endpoint called as anonymous, an outside vendor, the invited vendor and the owner, with the exact outcome asserted. */
class SecurityTest {
  @TempDir Path dir;

  /** The access each route must have, written out here so a route that loosens its rule fails this test. */
  private static final Map<String, Access> EXPECTED = new LinkedHashMap<>();

  static {
    EXPECTED.put("GET /api/v1/health", Access.PUBLIC);
    EXPECTED.put("GET /api/v1/openapi.json", Access.PUBLIC);
    EXPECTED.put("GET /api/v1/me", Access.ANY);
    EXPECTED.put("GET /api/v1/projects", Access.ANY);
    EXPECTED.put("POST /api/v1/projects", Access.OWNER);
    EXPECTED.put("GET /api/v1/projects/{project}", Access.MEMBER);
    EXPECTED.put("PATCH /api/v1/projects/{project}", Access.OWNER);
    EXPECTED.put("PUT /api/v1/projects/{project}/data", Access.OWNER);
    EXPECTED.put("GET /api/v1/projects/{project}/inputs", Access.MEMBER);
    EXPECTED.put("POST /api/v1/projects/{project}/vendors", Access.OWNER);
    EXPECTED.put("GET /api/v1/projects/{project}/vendors", Access.OWNER);
    EXPECTED.put("DELETE /api/v1/projects/{project}/vendors/{vendor}", Access.OWNER);
    EXPECTED.put("POST /api/v1/accounts/{account}/tokens", Access.OWNER);
    EXPECTED.put("DELETE /api/v1/accounts/{account}/tokens", Access.OWNER);
    EXPECTED.put("POST /api/v1/projects/{project}/submissions", Access.VENDOR);
    EXPECTED.put("GET /api/v1/projects/{project}/submissions", Access.MEMBER);
    EXPECTED.put("GET /api/v1/projects/{project}/submissions.csv", Access.OWNER);
    EXPECTED.put("GET /api/v1/projects/{project}/submissions/{submission}", Access.MEMBER);
    EXPECTED.put("GET /api/v1/projects/{project}/submissions/{submission}/report", Access.OWNER);
    EXPECTED.put("GET /api/v1/projects/{project}/submissions/{submission}/report.html", Access.OWNER);
    EXPECTED.put("GET /api/v1/projects/{project}/compare", Access.OWNER);
    EXPECTED.put("GET /api/v1/projects/{project}/leaderboard", Access.MEMBER);
    EXPECTED.put("GET /api/v1/projects/{project}/leaderboard.csv", Access.MEMBER);
    EXPECTED.put("GET /api/v1/projects/{project}/champion", Access.OWNER);
    EXPECTED.put("POST /api/v1/projects/{project}/champion", Access.OWNER);
    EXPECTED.put("POST /api/v1/projects/{project}/champion/rollback", Access.OWNER);
    EXPECTED.put("GET /api/v1/audit-log", Access.OWNER);
    EXPECTED.put("GET /api/v1/audit-log/checkpoint", Access.OWNER);
    EXPECTED.put("GET /api/v1/audit-log/verify", Access.OWNER);
    EXPECTED.put("POST /api/v1/projects/{project}/services", Access.OWNER);
    EXPECTED.put("POST /api/v1/projects/{project}/log", Access.LOG);
    EXPECTED.put("POST /api/v1/projects/{project}/outcomes", Access.LOG);
    EXPECTED.put("GET /api/v1/projects/{project}/windows", Access.OWNER);
    EXPECTED.put("GET /api/v1/projects/{project}/monitor", Access.OWNER);
    EXPECTED.put("PUT /api/v1/projects/{project}/alerts", Access.OWNER);
    EXPECTED.put("GET /api/v1/projects/{project}/alerts", Access.OWNER);
    EXPECTED.put("PUT /api/v1/projects/{project}/files/{file}", Access.OWNER);
    EXPECTED.put("GET /api/v1/projects/{project}/files/{file}", Access.MEMBER);
    EXPECTED.put("PUT /api/v1/projects/{project}/judge-key", Access.OWNER);
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void every_endpoint_answers_each_caller_exactly_as_its_access_rule_says(String store) throws Exception {
    try (TestServer s = new TestServer(dir, store)) {
      String p = s.project(600);
      String invited = s.invite(p, "acme");
      String other = s.project(300);
      String outside = s.invite(other, "initech");
      s.invite(p, "bystander");
      Path preds = TestServer.Data.predictions(dir, "good", 600, 0.4, 1);
      String s1 = s.submit(p, invited, preds);
      String s2 = s.submit(p, invited, TestServer.Data.predictions(dir, "good2", 600, 0.45, 2));
      s.await(p, s1);
      s.await(p, s2);
      String fresh = s.call("POST", "/projects", s.ownerToken, TestServer.Data.suite()).json().path("id").asText();
      Path data = TestServer.Data.evaluationSet(dir, 400);

      List<String> routes = new ArrayList<>();
      for (Api.Route r : s.server.routes()) routes.add(r.method() + " " + r.path());
      assertThat(routes).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());

      String[] callers = {null, outside, invited, s.ownerToken};
      String[] names = {"anonymous", "outside vendor", "invited vendor", "owner"};
      int n = 0;
      for (var e : EXPECTED.entrySet()) {
        String method = e.getKey().substring(0, e.getKey().indexOf(' '));
        String path = e.getKey().substring(e.getKey().indexOf(' ') + 1).replace("/api/v1", "")
            .replace("{project}", method.equals("PUT") ? fresh : p).replace("{submission}", s1).replace("{vendor}", "bystander")
            .replace("{account}", "bystander")
            .replace("{file}", "documents");
        if (path.endsWith("/compare")) path += "?submission=" + s1 + "&submission=" + s2;
        if (path.endsWith("/log") || path.endsWith("/outcomes")) path += "?batch=b" + (n++);
        int ok = switch (e.getKey()) {
          case "POST /api/v1/projects", "POST /api/v1/projects/{project}/vendors", "POST /api/v1/accounts/{account}/tokens",
              "POST /api/v1/projects/{project}/services" -> 201;
          // Access granted; this project's suite has no monitor section (PredictionLogTest covers the log).
          case "POST /api/v1/projects/{project}/log", "POST /api/v1/projects/{project}/outcomes" -> 409;
          case "POST /api/v1/projects/{project}/submissions" -> 202;
          // Access granted; a binary project takes no files and has no judge (TaskProjectsTest covers them).
          case "PUT /api/v1/projects/{project}/files/{file}", "GET /api/v1/projects/{project}/files/{file}" -> 404;
          case "PUT /api/v1/projects/{project}/judge-key" -> 400;
          // Access granted; the one champion has no previous one to restore.
          case "POST /api/v1/projects/{project}/champion/rollback" -> 409;
          default -> 200;
        };
        int[] expected = switch (e.getValue()) {
          case PUBLIC -> new int[] {200, 200, 200, 200};
          case ANY -> new int[] {401, 200, 200, 200};
          case OWNER -> new int[] {401, 403, 403, ok};
          case MEMBER -> new int[] {401, 403, ok, ok};
          case VENDOR -> new int[] {401, 403, ok, 403};
          case LOG -> new int[] {401, 403, 403, ok};
        };
        for (int c = 0; c < callers.length; c++) {
          TestServer.Answer a;
          if (method.equals("PUT") && path.endsWith("/data") || path.endsWith("/submissions") && method.equals("POST")) {
            a = s.upload(path, callers[c], method.equals("PUT") ? data : preds);
          } else {
            String body = switch (e.getKey()) {
              case "POST /api/v1/projects" -> TestServer.Data.suite();
              case "PATCH /api/v1/projects/{project}" -> "{\"daily_quota\": 50}";
              case "POST /api/v1/projects/{project}/vendors" -> "{\"name\": \"vendor-" + (n++) + "\"}";
              case "POST /api/v1/projects/{project}/champion" -> "{\"submission\": \"" + s1 + "\"}";
              case "POST /api/v1/projects/{project}/services" -> "{\"name\": \"svc-" + (n++) + "\"}";
              case "PUT /api/v1/projects/{project}/alerts" -> "{\"webhooks\": []}";
              case "PUT /api/v1/projects/{project}/files/{file}" -> "doc_id,text\nD1,x\n";
              case "PUT /api/v1/projects/{project}/judge-key" -> "sk-nothing";
              case "POST /api/v1/projects/{project}/log", "POST /api/v1/projects/{project}/outcomes" -> "id,p\nx,0.5\n";
              default -> null;
            };
            a = s.call(method, path, callers[c], body);
          }
          assertThat(a.status()).as(names[c] + " " + method + " " + path + ": " + a.body()).isEqualTo(expected[c]);
          if (a.status() >= 400) {
            assertThat(a.json().path("error").asText()).isNotBlank();
            assertThat(a.body()).doesNotContain("Exception").doesNotContain("\tat ");
          }
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void tokens_are_long_random_and_stored_only_as_hashes(String store) {
    try (TestServer s = new TestServer(dir, store)) {
      String p = s.project(300);
      String token = s.invite(p, "acme");
      // 32 random bytes in base64url: 256 bits
      assertThat(token.substring(4)).hasSize(43).matches("[A-Za-z0-9_-]+");
      List<String> stored = s.column("SELECT hash FROM token");
      assertThat(stored).hasSize(2).allMatch(h -> h.matches("[0-9a-f]{64}")).doesNotContain(token, s.ownerToken);
      assertThat(stored).contains(dev.holdout.server.auth.Tokens.hash(token));
      assertThat(s.call("GET", "/me", token.substring(0, token.length() - 1) + "x", (String) null).status()).isEqualTo(401);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void uploads_are_limited_and_leave_nothing_behind(String store) throws Exception {
    try (TestServer s = new TestServer(dir, store)) {
      String p = s.project(600);
      String vendor = s.invite(p, "acme");
      s.call("PATCH", "/projects/" + p, s.ownerToken, "{\"max_upload_bytes\": 2048}");
      TestServer.Answer a = s.upload("/projects/" + p + "/submissions", vendor, TestServer.Data.predictions(dir, "big", 600, 0.4, 1));
      assertThat(a.status()).isEqualTo(413);
      assertThat(a.json().path("error").asText()).contains("2048");
      assertThat(s.call("GET", "/projects/" + p + "/submissions", s.ownerToken, (String) null).json()).isEmpty();
      try (var files = Files.list(dir.resolve("tmp"))) {
        assertThat(files).isEmpty();
      }
      // A malformed predictions file is refused with the line and column, and is not a submission.
      s.call("PATCH", "/projects/" + p, s.ownerToken, "{\"max_upload_bytes\": 1000000}");
      Path broken = TestServer.Data.write(dir.resolve("broken.csv"), "id,p\nc0,0.5\nc1,high\n");
      TestServer.Answer b = s.upload("/projects/" + p + "/submissions?name=broken.csv", vendor, broken);
      assertThat(b.status()).isEqualTo(400);
      assertThat(b.json().path("error").asText()).contains("broken.csv").contains("line 3").contains("'p'").doesNotContain(dir.toString());
      assertThat(s.call("GET", "/projects/" + p + "/submissions", s.ownerToken, (String) null).json()).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void exported_csv_cannot_run_formulas(String store) throws Exception {
    try (TestServer s = new TestServer(dir, store)) {
      String p = s.project(600);
      String vendor = s.invite(p, "acme");
      Path preds = TestServer.Data.predictions(dir, "good", 600, 0.4, 1);
      String evil = "=HYPERLINK(\"http://x\",\"y\")";
      TestServer.Answer a = s.upload("/projects/" + p + "/submissions?name=" + java.net.URLEncoder.encode(evil, "UTF-8"), vendor, preds);
      assertThat(a.status()).isEqualTo(202);
      String csv = s.call("GET", "/projects/" + p + "/submissions.csv", s.ownerToken, (String) null).body();
      assertThat(csv).contains("'=HYPERLINK").doesNotContain(",=HYPERLINK").doesNotContain(",\"=HYPERLINK");
      assertThat(CsvCells.guard("-0.25")).isEqualTo("-0.25");
      assertThat(CsvCells.guard("@SUM(A1)")).isEqualTo("'@SUM(A1)");
      assertThat(CsvCells.guard("+1+cmd")).isEqualTo("'+1+cmd");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void bad_requests_get_advice_not_traces(String store) {
    try (TestServer s = new TestServer(dir, store)) {
      TestServer.Answer badSuite = s.call("POST", "/projects", s.ownerToken, "suite: holdout.suite/v1\nname: x\n");
      assertThat(badSuite.status()).isEqualTo(400);
      assertThat(badSuite.json().path("error").asText()).contains("suite.yaml").contains("missing required key");
      String p = s.project(300);
      TestServer.Answer badJson = s.call("PATCH", "/projects/" + p, s.ownerToken, "{\"daily_quota\": ");
      assertThat(badJson.status()).isEqualTo(400);
      assertThat(badJson.json().path("error").asText()).contains("not valid JSON").contains("line 1");
      TestServer.Answer badSetting = s.call("PATCH", "/projects/" + p, s.ownerToken, "{\"daily_quotaa\": 3}");
      assertThat(badSetting.json().path("error").asText()).contains("unknown setting 'daily_quotaa'");
      TestServer.Answer again = s.upload("/projects/" + p + "/data", s.ownerToken, TestServer.Data.evaluationSet(dir, 300));
      assertThat(again.status()).isEqualTo(409);
      TestServer.Answer missing = s.call("GET", "/projects/p_nope", s.ownerToken, (String) null);
      assertThat(missing.status()).isEqualTo(404);
      assertThat(missing.json().path("error").asText()).contains("no project 'p_nope'");
      assertThat(s.call("GET", "/nowhere", null, (String) null).json().path("error").asText()).contains("openapi.json");
    }
  }
}
