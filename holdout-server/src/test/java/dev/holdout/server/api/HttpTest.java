package dev.holdout.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdout.server.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Malformed and hostile requests, on both stores: each answer is a 4xx in the JSON error shape
 * ({"error": advice, "status": N}), at most a few kilobytes, without a trace, including what Jetty
 * refuses before routing (an oversized URL, 414; oversized headers, 431), JSON nested 20,000 deep,
 * a 2,000-digit number, settings the server would otherwise change silently (a quota of 5.7), a
 * Ladder step of 0 or finer than one public row, a 5 MB cell and a rollback with no previous champion.
 */
class HttpTest {
  @TempDir Path dir;

  private record Probe(String what, String method, String path, String token, String body, int status, String says) {}

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void forty_malformed_requests_each_get_a_json_4xx_with_advice(String store) throws Exception {
    try (TestServer s = new TestServer(dir, store)) {
      String p = s.project(600);
      String v = s.invite(p, "acme");
      String o = s.ownerToken;
      String done = s.submit(p, v, TestServer.Data.predictions(dir, "good", 600, 0.4, 1));
      s.await(p, done);
      String pp = "/projects/" + p;
      List<Probe> probes = new ArrayList<>();
      probes.add(new Probe("JSON nested 20,000 deep", "PATCH", pp, o, "[".repeat(20_000) + "]".repeat(20_000), 400, "not valid JSON"));
      probes.add(new Probe("an object nested 10,000 deep", "PATCH", pp, o, "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000), 400, "not valid JSON"));
      probes.add(new Probe("a 2,000-digit number", "PATCH", pp, o, "{\"daily_quota\": " + "9".repeat(2000) + "}", 400, "not valid JSON"));
      probes.add(new Probe("a 2,000-digit fraction", "PATCH", pp, o, "{\"ladder_step\": 0." + "1".repeat(2000) + "}", 400, "not valid JSON"));
      probes.add(new Probe("a quota of 5.7", "PATCH", pp, o, "{\"daily_quota\": 5.7}", 400, "whole number"));
      probes.add(new Probe("a quota as text", "PATCH", pp, o, "{\"daily_quota\": \"5\"}", 400, "whole number"));
      probes.add(new Probe("a negative quota", "PATCH", pp, o, "{\"daily_quota\": -1}", 400, "from 1 to 10000"));
      probes.add(new Probe("a quota of 1e400", "PATCH", pp, o, "{\"daily_quota\": 1e400}", 400, "whole number"));
      probes.add(new Probe("a quota of true", "PATCH", pp, o, "{\"daily_quota\": true}", 400, "whole number"));
      probes.add(new Probe("an upload limit of 1.5 KiB", "PATCH", pp, o, "{\"max_upload_bytes\": 1536.5}", 400, "whole number"));
      probes.add(new Probe("a Ladder step of 0", "PATCH", pp, o, "{\"ladder_step\": 0}", 400, "a step of 0 shows every change"));
      probes.add(new Probe("a negative Ladder step", "PATCH", pp, o, "{\"ladder_step\": -0.01}", 400, "ladder_step"));
      probes.add(new Probe("a Ladder step finer than a row", "PATCH", pp, o, "{\"ladder_step\": 0.000001}", 400, "finer than one public row's share"));
      probes.add(new Probe("an unknown Ladder", "PATCH", pp, o, "{\"ladder\": \"banana\"}", 400, "'fixed' or 'parameter_free'"));
      probes.add(new Probe("names shown as yes", "PATCH", pp, o, "{\"show_vendor_names\": \"yes\"}", 400, "true or false"));
      probes.add(new Probe("the split changed after the data", "PATCH", pp, o, "{\"public_share\": 0.5}", 409, "fixed for the project's life"));
      probes.add(new Probe("an unknown setting named with 40,000 characters", "PATCH", pp, o, "{\"" + "k".repeat(40_000) + "\": 1}", 400, "unknown setting"));
      probes.add(new Probe("an empty object", "PATCH", pp, o, "{}", 400, "no settings given"));
      probes.add(new Probe("an array body", "PATCH", pp, o, "[1, 2]", 400, "must be a JSON object"));
      probes.add(new Probe("a null body", "PATCH", pp, o, "null", 400, "must be a JSON object"));
      probes.add(new Probe("no body", "PATCH", pp, o, null, 400, "is empty"));
      probes.add(new Probe("a body over 64 KiB", "PATCH", pp, o, "{\"x\": \"" + "y".repeat(70_000) + "\"}", 413, "larger than"));
      probes.add(new Probe("a key given twice", "PATCH", pp, o, "{\"daily_quota\": 5, \"daily_quota\": 500}", 400, "Duplicate field"));
      probes.add(new Probe("bytes that are not UTF-8", "PATCH", pp, o, "{\"daily_quota\": \"\uDC00\"}", 400, ""));
      probes.add(new Probe("an invitation without a name", "POST", pp + "/vendors", o, "{}", 400, "vendor name"));
      probes.add(new Probe("an invitation with a 50,000-character name", "POST", pp + "/vendors", o, "{\"name\": \"" + "n".repeat(50_000) + "\"}", 400, "more characters"));
      probes.add(new Probe("an invitation with a control character", "POST", pp + "/vendors", o, "{\"name\": \"a\\u0007b\"}", 400, "vendor name"));
      probes.add(new Probe("a promotion without a submission", "POST", pp + "/champion", o, "{}", 400, "give the submission"));
      probes.add(new Probe("a promotion of an unknown submission", "POST", pp + "/champion", o, "{\"submission\": \"s_nope\"}", 404, "no submission"));
      probes.add(new Probe("a rollback with no champion", "POST", pp + "/champion/rollback", o, null, 409, "no champion to roll back"));
      probes.add(new Probe("an upload in an unknown format", "POST", pp + "/submissions?format=exe", v, "id,p\n", 400, "csv, tsv, jsonl or parquet"));
      probes.add(new Probe("an empty upload", "POST", pp + "/submissions", v, "", 400, "is empty"));
      probes.add(new Probe("an upload with a 5 MB cell", "POST", pp + "/submissions", v, "id,p\nc0," + "z".repeat(5 << 20) + "\n", 400, "more characters"));
      probes.add(new Probe("an upload with an unclosed quote", "POST", pp + "/submissions", v, "id,p\n\"c0,0.5\n", 400, ""));
      probes.add(new Probe("an upload named with 300 characters", "POST", pp + "/submissions?name=" + "n".repeat(300), v, "id,p\nc0,0.5\n", 400, "at most 200"));
      probes.add(new Probe("a report of an unknown part", "GET", pp + "/submissions/" + done + "/report?part=secret", o, null, 400, "part"));
      probes.add(new Probe("an audit log after 'abc'", "GET", "/audit-log?after=abc", o, null, 400, "whole number"));
      probes.add(new Probe("an audit log limit of 20 digits", "GET", "/audit-log?limit=99999999999999999999", o, null, 400, "whole number"));
      probes.add(new Probe("a checkpoint that is not one", "GET", "/audit-log/verify?checkpoint=" + "x".repeat(500), o, null, 400, "COUNT:HASH"));
      probes.add(new Probe("a comparison of one submission", "GET", pp + "/compare?submission=" + done, o, null, 400, "at least two"));
      probes.add(new Probe("a suite of binary garbage", "POST", "/projects", o, "\u0000\u0001\u0002garbage: [", 400, "suite.yaml"));
      probes.add(new Probe("a suite over 1 MiB", "POST", "/projects", o, "name: " + "x".repeat(1 << 20), 413, "larger than"));
      probes.add(new Probe("the data sent twice", "PUT", pp + "/data", o, "id,region,tenure,churned\nc0,north,1,0\n", 409, "already has its evaluation set"));
      probes.add(new Probe("removing an unknown vendor", "DELETE", pp + "/vendors/nobody", o, null, 404, "no vendor"));
      probes.add(new Probe("revoking an unknown account", "DELETE", "/accounts/nobody/tokens", o, null, 404, "no account"));
      probes.add(new Probe("a token of 5,000 characters", "GET", "/me", "x".repeat(5_000), null, 401, "not valid"));
      probes.add(new Probe("an unknown path", "GET", "/nowhere", null, null, 404, "openapi.json"));
      probes.add(new Probe("a wrong method", "PUT", "/health", null, "x", 404, ""));
      probes.add(new Probe("an unknown project of 2,000 characters", "GET", "/projects/" + "p".repeat(2_000), o, null, 404, "more characters"));

      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      int answered = 0;
      for (Probe pr : probes) {
        TestServer.Answer a = s.call(pr.method(), pr.path(), pr.token(), pr.body());
        check(pr.what(), a.status(), a.body(), pr.status(), pr.says());
        answered++;
      }
      // What Jetty refuses before routing: a URL over 8 KiB and headers over 8 KiB.
      HttpResponse<String> longUrl = http.send(HttpRequest.newBuilder(URI.create(s.base() + "/projects/" + "u".repeat(20_000))).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      check("a URL of 20,000 characters", longUrl.statusCode(), longUrl.body(), 414, "URL is longer");
      assertThat(longUrl.headers().firstValue("Content-Type").orElse("")).contains("application/json");
      HttpResponse<String> bigHeader = http.send(HttpRequest.newBuilder(URI.create(s.base() + "/health")).header("X-Big", "h".repeat(20_000)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      check("a header of 20,000 characters", bigHeader.statusCode(), bigHeader.body(), 431, "headers are larger");
      answered += 2;

      // A rollback that would leave no champion is refused, and the champion stays.
      assertThat(s.call("POST", pp + "/champion", o, "{\"submission\": \"" + done + "\"}").status()).isEqualTo(200);
      TestServer.Answer only = s.call("POST", pp + "/champion/rollback", o, (String) null);
      check("a rollback of the only champion", only.status(), only.body(), 409, "no previous champion to restore");
      assertThat(s.call("GET", pp + "/champion", o, (String) null).json().path("champion").path("id").asText()).isEqualTo(done);
      answered++;
      assertThat(answered).isGreaterThanOrEqualTo(40);
      assertThat(s.call("GET", pp, o, (String) null).json().path("daily_quota").asInt()).as("nothing refused was applied").isEqualTo(5);
      assertThat(s.verify(null).intact()).isTrue();
    }
  }

  @org.junit.jupiter.api.Test
  void a_store_that_fails_answers_503_with_advice_never_500() throws Exception {
    try (TestServer s = new TestServer(dir, "h2")) {
      String p = s.project(300);
      s.database().close();
      TestServer.Answer a = s.call("PATCH", "/projects/" + p, s.ownerToken, "{\"daily_quota\": 7}");
      check("a closed store", a.status(), a.body(), 503, "try again shortly");
    }
  }

  private static void check(String what, int status, String body, int expected, String says) throws Exception {
    assertThat(status).as(what + ": " + body).isEqualTo(expected);
    assertThat(body.length()).as(what + ": a bounded answer").isLessThan(2_600);
    JsonNode json = TestServer.JSON.readTree(body);
    assertThat(json.path("status").asInt()).as(what).isEqualTo(expected);
    assertThat(json.path("error").asText()).as(what).isNotBlank().contains(says).doesNotContain("Exception").doesNotContain("\tat ");
  }
}
