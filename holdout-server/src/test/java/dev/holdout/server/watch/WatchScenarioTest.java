package dev.holdout.server.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdout.server.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario end to end: a server with a webhook on 127.0.0.1 watches eight weeks of
 * generated traffic (ISO weeks 2026-W02 to W09) against six weeks of reference traffic. Week W04
 * has a covariate shift (charges up by 0.8 standard deviations, the scores still calibrated), W06 a
 * concept drift (the outcome no longer follows the features; the features and the base rate do not
 * move), W08 a silent upstream change (tenure, which the model does not use, stuck at 0). Each is
 * alerted on its week, by the kind that fits, once; the clean weeks raise nothing; CBPE's interval
 * holds the realized accuracy (at most two misses in seven weeks) wherever its assumption (calibrated scores,
 * no concept drift) holds; a
 * shadow challenger rides along and is paired with the champion on every week's labeled rows.
 */
class WatchScenarioTest {
  @TempDir Path dir;

  static final String SUITE = """
      suite: holdout.suite/v1
      name: churn-watch
      problem: Which customers cancel.
      task: binary_classification
      data:
        path: eval.csv
        id: id
        label: churned
        positive: "1"
      predictions:
        id: id
        score: p
      primary_metric: roc_auc
      criteria:
        - metric: roc_auc
          min: 0.70
      bootstrap: {replicates: 200, seed: 7}
      monitor: {window: week, time: time, lateness: 1h, challenger: {name: model-b, score: p_b}}
      """;

  enum Week { CLEAN, COVARIATE_SHIFT, CONCEPT_DRIFT, UPSTREAM_CHANGE }

  static final Week[] WEEKS = {Week.CLEAN, Week.CLEAN, Week.COVARIATE_SHIFT, Week.CLEAN, Week.CONCEPT_DRIFT, Week.CLEAN, Week.UPSTREAM_CHANGE, Week.CLEAN};
  static final String[] LABELS = {"2026-W02", "2026-W03", "2026-W04", "2026-W05", "2026-W06", "2026-W07", "2026-W08", "2026-W09"};

  @Test
  void planted_shift_concept_drift_and_upstream_change_are_each_alerted_once_on_their_week() throws Exception {
    try (TestServer s = new TestServer(dir, "h2"); WebhookReceiver hook = new WebhookReceiver(1)) {
      TestServer.Answer created = s.call("POST", "/projects", s.ownerToken, SUITE);
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      String p = created.json().path("id").asText();
      Random r = new Random(2026);
      StringBuilder ref = new StringBuilder("id,time,region,tenure,charges,churned\n");
      int[] referenceRows = {960, 1040, 990, 1020, 980, 1010};
      for (int w = 0; w < referenceRows.length; w++) {
        rows(LocalDate.parse("2025-11-24").plusWeeks(w), referenceRows[w], Week.CLEAN, "c" + w + "-", r, ref, null, null);
      }
      TestServer.Answer up = s.upload("/projects/" + p + "/data", s.ownerToken, TestServer.Data.write(dir.resolve("eval.csv"), ref.toString()));
      assertThat(up.status()).as(up.body()).isEqualTo(200);
      String svc = PredictionLogTest.service(s, p, "scoring-api");
      TestServer.Answer cfg = s.call("PUT", "/projects/" + p + "/alerts", s.ownerToken, "{\"webhooks\": [\"" + hook.url() + "\"]}");
      assertThat(cfg.status()).as(cfg.body()).isEqualTo(200);

      for (int w = 0; w <= WEEKS.length; w++) {
        StringBuilder log = new StringBuilder("id,time,region,tenure,charges,p,p_b\n");
        StringBuilder outcomes = new StringBuilder("id,churned\n");
        // after the last week, rows into the next week close it (its end plus the hour of lateness)
        int n = w < WEEKS.length ? 980 + 10 * (w % 4) : 200;
        rows(LocalDate.parse("2026-01-05").plusWeeks(w), n, w < WEEKS.length ? WEEKS[w] : Week.CLEAN, "l" + w + "-", r, null, log, outcomes);
        LogTraffic.Answer a = LogTraffic.post(s, "/projects/" + p + "/log", svc, "log-" + w, "text/csv", log.toString());
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        LogTraffic.Answer o = LogTraffic.post(s, "/projects/" + p + "/outcomes", svc, "outcomes-" + w, "text/csv", outcomes.toString());
        assertThat(o.status()).as(o.body()).isEqualTo(200);
      }
      JsonNode windows = awaitMonitor(s, p, WEEKS.length);
      assertThat(windows).extracting(x -> x.path("window").asText()).containsExactly(LABELS);

      JsonNode alerts = AlertsTest.awaitDelivered(s, p);
      List<String> raised = new ArrayList<>();
      for (JsonNode a : alerts) raised.add(a.path("alert").path("window").asText() + " " + a.path("alert").path("kind").asText() + " "
          + a.path("alert").path("subject").asText());
      System.out.println("scenario alerts:\n  " + String.join("\n  ", raised));
      assertThat(raised).as("covariate shift").containsOnlyOnce("2026-W04 drift drift");
      assertThat(raised).as("concept drift").containsOnlyOnce("2026-W06 performance c1", "2026-W06 retrain c1");
      assertThat(raised).as("upstream change").containsOnlyOnce("2026-W08 data_quality tenure/constant");
      Set<String> alerted = new TreeSet<>();
      for (String a : raised) alerted.add(a.substring(0, 8));
      assertThat(alerted).as("the clean weeks raise nothing").containsExactly("2026-W04", "2026-W06", "2026-W08");
      // the concept drift moves no feature, the shift and the upstream change no performance
      assertThat(raised).filteredOn(a -> a.startsWith("2026-W06")).noneMatch(a -> a.contains(" drift ") || a.contains("data_quality"));
      assertThat(raised).filteredOn(a -> !a.startsWith("2026-W06")).noneMatch(a -> a.contains("performance") || a.contains("retrain"));

      // every alert reached the hook once (after one refusal), signed; nothing twice
      assertThat(hook.calls).hasSize(alerts.size());
      Set<String> ids = new HashSet<>();
      for (WebhookReceiver.Call c : hook.calls) assertThat(ids.add(c.alertId())).as("delivered once: " + c.alertId()).isTrue();
      JsonNode quality = null;
      for (JsonNode a : alerts) if (a.path("alert").path("kind").asText().equals("data_quality")) quality = a.path("alert");
      assertThat(quality.path("text").asText()).contains("2026-W08").contains("tenure is constant");
      assertThat(quality.path("window_url").asText()).endsWith("/monitor?window=2026-W08");

      // a 95% interval misses one week in twenty: three or more misses in seven weeks has a chance of 0.4%
      int outside = 0;
      for (int w = 0; w < WEEKS.length; w++) {
        JsonNode one = windows.get(w).path("report").path("windows").get(0);
        double realized = one.path("metrics").path("roc_auc").path("value").asDouble();
        // CBPE gives its interval on accuracy (docs/monitor.md)
        double accuracy = one.path("metrics").path("accuracy").path("value").asDouble();
        JsonNode estimated = one.path("estimated").path("accuracy");
        System.out.printf(Locale.ROOT, "%s %s: realized roc_auc %.4f (CBPE %.4f), accuracy %.4f, CBPE %.4f %s; challenger - champion %s%n", LABELS[w], WEEKS[w],
            realized, one.path("estimated").path("roc_auc").path("value").asDouble(), accuracy, estimated.path("value").asDouble(), estimated.path("ci"),
            one.path("challenger").path("difference"));
        assertThat(estimated.path("ci")).as(LABELS[w]).hasSize(2);
        if (WEEKS[w] != Week.CONCEPT_DRIFT) {
          if (accuracy < estimated.path("ci").get(0).asDouble() || accuracy > estimated.path("ci").get(1).asDouble()) outside++;
          assertThat(accuracy).as(LABELS[w] + ": the realized accuracy near CBPE's").isCloseTo(estimated.path("value").asDouble(), within(0.05));
        } else {
          assertThat(accuracy).as("concept drift: CBPE cannot see it, the outcomes do").isLessThan(estimated.path("ci").get(0).asDouble());
        }
        JsonNode challenger = one.path("challenger");
        assertThat(challenger.path("name").asText()).isEqualTo("model-b");
        assertThat(challenger.path("labeled_rows").asLong()).isEqualTo(windows.get(w).path("labeled_rows").asLong()).isEqualTo(one.path("rows").asLong());
        assertThat(challenger.path("champion").path("value").asDouble()).isEqualTo(realized);
        assertThat(challenger.path("difference").path("ci")).hasSize(2);
      }
      assertThat(outside).as("weeks whose realized accuracy is outside CBPE's interval, of 7").isLessThanOrEqualTo(2);
      assertThat(s.call("GET", "/projects/" + p + "/windows", s.ownerToken, (String) null).json()).isEqualTo(windows);
      assertThat(s.call("GET", "/projects/" + p + "/monitor?window=2026-W06", s.ownerToken, (String) null).json()).hasSize(1);
    }
  }

  /** The judged windows from GET .../monitor once there are {@code count}. */
  static JsonNode awaitMonitor(TestServer s, String p, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    JsonNode w = null;
    while (System.nanoTime() < deadline) {
      w = s.call("GET", "/projects/" + p + "/monitor", s.ownerToken, (String) null).json();
      if (w.size() >= count) return w;
      Thread.sleep(200);
    }
    throw new AssertionError("expected " + count + " windows, have " + w);
  }

  /**
   * {@code n} rows spread over the week from {@code monday}: the reference (id, time, features,
   * outcome) into {@code ref}, or the log (features, the champion's calibrated score p and the
   * challenger's noisier p_b) into {@code log} with the outcomes into {@code outcomes}.
   */
  static void rows(LocalDate monday, int n, Week week, String prefix, Random r, StringBuilder ref, StringBuilder log, StringBuilder outcomes) {
    long start = monday.toEpochDay() * 86_400L;
    String[] regions = {"north", "south", "east"};
    for (int i = 0; i < n; i++) {
      String id = prefix + i;
      String time = Instant.ofEpochSecond(start + (long) i * 7 * 86_400 / Math.max(n, 980)).toString();
      String region = regions[r.nextInt(3)];
      int tenure = week == Week.UPSTREAM_CHANGE ? 0 : r.nextInt(60);
      double charges = 50 + 10 * r.nextGaussian() + (week == Week.COVARIATE_SHIFT ? 8 : 0);
      double z = (charges - 50) / 10 + (region.equals("north") ? 0.5 : 0);
      double p = sigmoid(-0.8 + 1.5 * z);
      // concept drift: the outcome follows an unrelated draw of the same law, so neither the features nor the base rate move
      double zTrue = week == Week.CONCEPT_DRIFT ? r.nextGaussian() + (r.nextInt(3) == 0 ? 0.5 : 0) : z;
      int churned = r.nextDouble() < sigmoid(-0.8 + 1.5 * zTrue) ? 1 : 0;
      double pb = sigmoid(-0.8 + 1.5 * z + 0.6 * r.nextGaussian());
      if (ref != null) {
        ref.append(id).append(',').append(time).append(',').append(region).append(',').append(tenure).append(',')
            .append(String.format(Locale.ROOT, "%.3f", charges)).append(',').append(churned).append('\n');
      } else {
        log.append(id).append(',').append(time).append(',').append(region).append(',').append(tenure).append(',')
            .append(String.format(Locale.ROOT, "%.3f,%.5f,%.5f", charges, p, pb)).append('\n');
        outcomes.append(id).append(',').append(churned).append('\n');
      }
    }
  }

  static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }
}
