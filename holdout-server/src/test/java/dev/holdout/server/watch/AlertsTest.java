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

      JsonNode alerts = awaitDelivered(s, p);
      assertThat(alerts).hasSize(1);
      JsonNode alert = alerts.get(0).path("alert");
      assertThat(alert.path("kind").asText()).isEqualTo("drift");
      assertThat(alert.path("window").asText()).isEqualTo("rows 2001-3000");
      assertThat(alert.path("text").asText()).contains("rows 2001-3000");
      // the hook refused twice (503): the shared retrying client tried again
      assertThat(alerts.get(0).path("deliveries").get(0).path("sent_at").isNull()).isFalse();
      assertThat(hook.calls).hasSize(1);
      WebhookReceiver.Call call = hook.calls.get(0);
      assertThat(call.alertId()).isEqualTo(alerts.get(0).path("id").asText());
      assertThat(call.signature()).isEqualTo("sha256=" + Alerts.hmac(secret, call.body()));

      // after a restart, a new window is judged and nothing is sent again
      s.restart();
      LogTraffic.post(s, "/projects/" + p + "/log", svc, "w4", "text/csv", LogTraffic.batch(4000, 1000, 0, 14));
      PredictionLogTest.awaitWindows(s, p, 5);
      awaitDelivered(s, p);
      assertThat(hook.calls).hasSize(1);
      assertThat(s.call("GET", "/projects/" + p + "/alerts", s.ownerToken, (String) null).json()).hasSize(1);
      assertThat(s.verify(null).intact()).isTrue();
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
