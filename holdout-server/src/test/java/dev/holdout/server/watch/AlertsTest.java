package dev.holdout.server.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdout.server.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Windows judged by the server raise alerts that reach a webhook once, signed, and are not sent again after a restart. */
class AlertsTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void a_planted_shift_is_alerted_once_on_its_window_and_a_restart_sends_nothing_again(String store) throws Exception {
    try (TestServer s = new TestServer(dir, store); WebhookReceiver hook = new WebhookReceiver(2)) {
      String p = PredictionLogTest.project(s, "1000-rows", 3000);
      String svc = PredictionLogTest.service(s, p, "scoring-api");
      TestServer.Answer cfg = s.call("PUT", "/projects/" + p + "/alerts", s.ownerToken, "{\"webhooks\": [\"" + hook.url() + "\"]}");
      assertThat(cfg.status()).as(cfg.body()).isEqualTo(200);
      String secret = cfg.json().path("secret").asText();
      assertThat(secret).hasSizeGreaterThan(40);

      // windows 1, 2 and 4 like the reference; window 3's tenure shifted by 40
      double[] shifts = {0, 0, 40, 0};
      for (int w = 0; w < shifts.length; w++) {
        LogTraffic.Answer a = LogTraffic.post(s, "/projects/" + p + "/log", svc, "w" + w, "text/csv", LogTraffic.batch(w * 1000, 1000, shifts[w], 10 + w));
        assertThat(a.status()).as(a.body()).isEqualTo(200);
      }
      JsonNode windows = PredictionLogTest.awaitWindows(s, p, 4);
      List<String> status = List.of(windows.get(0).path("status").asText(), windows.get(1).path("status").asText(), windows.get(2).path("status").asText(),
          windows.get(3).path("status").asText());
      assertThat(status).as(windows.toString()).containsExactly("ok", "ok", "alert", "ok");

      // the shift moves tenure's distribution (drift) and takes two thirds of it past the reference's range (data quality)
      JsonNode alerts = awaitDelivered(s, p);
      assertThat(alerts).hasSize(2);
      assertThat(alerts).extracting(a -> a.path("alert").path("kind").asText() + " " + a.path("alert").path("subject").asText())
          .containsExactlyInAnyOrder("drift drift", "data_quality tenure/out_of_domain");
      for (JsonNode a : alerts) {
        JsonNode alert = a.path("alert");
        assertThat(alert.path("window").asText()).isEqualTo("rows 2001-3000");
        assertThat(alert.path("text").asText()).contains("rows 2001-3000");
        // the hook refused twice (503): the shared retrying client tried again
        assertThat(a.path("deliveries").get(0).path("sent_at").isNull()).isFalse();
      }
      assertThat(hook.calls).hasSize(2);
      assertThat(hook.calls).extracting(WebhookReceiver.Call::alertId)
          .containsExactlyInAnyOrder(alerts.get(0).path("id").asText(), alerts.get(1).path("id").asText());
      for (WebhookReceiver.Call call : hook.calls) assertThat(call.signature()).isEqualTo("sha256=" + Alerts.hmac(secret, call.body()));

      // after a restart, a new window is judged and nothing is sent again
      s.restart();
      LogTraffic.post(s, "/projects/" + p + "/log", svc, "w4", "text/csv", LogTraffic.batch(4000, 1000, 0, 14));
      PredictionLogTest.awaitWindows(s, p, 5);
      awaitDelivered(s, p);
      assertThat(hook.calls).hasSize(2);
      assertThat(s.call("GET", "/projects/" + p + "/alerts", s.ownerToken, (String) null).json()).hasSize(2);
      assertThat(s.verify(null).intact()).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void estimated_performance_against_the_champions_reference_band_alerts_on_decay_before_any_outcome(String store) throws Exception {
    try (TestServer s = new TestServer(dir, store)) {
      String p = PredictionLogTest.project(s, "1000-rows", 3000);
      String vendor = s.invite(p, "acme");
      String sub = s.submit(p, vendor, TestServer.Data.predictions(dir, "champion", 3000, 0.4, 1));
      assertThat(s.await(p, sub).path("status").asText()).isEqualTo("done");
      TestServer.Answer promoted = s.call("POST", "/projects/" + p + "/champion", s.ownerToken, "{\"submission\": \"" + sub + "\"}");
      assertThat(promoted.status()).as(promoted.body()).isEqualTo(200);
      String svc = PredictionLogTest.service(s, p, "scoring-api");
      // window 1 scores like the champion's on the evaluation set; window 2's scores huddle at 0.5 (the model lost its grip)
      for (int w = 0; w < 2; w++) {
        StringBuilder b = new StringBuilder("id,time,region,tenure,p\n");
        java.util.Random r = new java.util.Random(40 + w);
        for (int i = 0; i < 1000; i++) {
          int row = w * 1000 + i;
          double signal = r.nextDouble() < 0.3 ? 0.7 : 0.3;
          double score = w == 0 ? 0.6 * signal + 0.4 * r.nextDouble() : 0.45 + 0.1 * r.nextDouble();
          b.append("r").append(row).append(",2026-01-05T00:00:00Z,").append(i % 3 == 0 ? "north" : "south").append(',').append(r.nextInt(60)).append(',')
              .append(String.format(java.util.Locale.ROOT, "%.4f", score)).append('\n');
        }
        assertThat(LogTraffic.post(s, "/projects/" + p + "/log", svc, "w" + w, "text/csv", b.toString()).status()).isEqualTo(200);
      }
      JsonNode windows = PredictionLogTest.awaitWindows(s, p, 2);
      JsonNode clean = windows.get(0).path("estimated_performance");
      JsonNode decayed = windows.get(1).path("estimated_performance");
      System.out.println(store + ": estimated performance, clean window " + clean + "; decayed window " + decayed);
      assertThat(clean.path("method").asText()).isEqualTo("CBPE");
      assertThat(clean.path("metric").asText()).isEqualTo("roc_auc");
      assertThat(clean.path("alert").asBoolean()).isFalse();
      assertThat(clean.path("value").asDouble()).isBetween(clean.path("band").path("lower").asDouble(), clean.path("band").path("upper").asDouble());
      assertThat(decayed.path("alert").asBoolean()).isTrue();
      assertThat(decayed.path("value").asDouble()).isLessThan(decayed.path("band").path("lower").asDouble());
      JsonNode alerts = s.call("GET", "/projects/" + p + "/alerts", s.ownerToken, (String) null).json();
      assertThat(alerts).anySatisfy(a -> {
        assertThat(a.path("alert").path("kind").asText()).isEqualTo("estimated_decay");
        assertThat(a.path("alert").path("window").asText()).isEqualTo("rows 1001-2000");
        assertThat(a.path("alert").path("text").asText()).contains("estimated roc_auc").contains("reference's band");
      });
      assertThat(alerts).noneSatisfy(a -> assertThat(a.path("alert").path("window").asText() + a.path("alert").path("kind").asText())
          .isEqualTo("rows 1-1000estimated_decay"));
    }
  }

  /** The project's alerts once every delivery is made. */
  static JsonNode awaitDelivered(TestServer s, String p) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (true) {
      JsonNode alerts = s.call("GET", "/projects/" + p + "/alerts", s.ownerToken, (String) null).json();
      boolean all = true;
      for (JsonNode a : alerts) for (JsonNode d : a.path("deliveries")) all &= !d.path("sent_at").isNull();
      if (all || System.nanoTime() > deadline) return alerts;
      Thread.sleep(100);
    }
  }
}
