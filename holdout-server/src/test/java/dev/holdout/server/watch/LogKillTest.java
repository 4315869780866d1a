package dev.holdout.server.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdout.server.ServerAdmin;
import dev.holdout.server.ServerProcess;
import dev.holdout.server.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Acknowledged means durable for the prediction log, with real processes (the harness of
 * {@code HoldoutServerProcessTest}): a server in a child JVM takes named log batches from two
 * clients while its scheduler judges windows and sends alerts to a webhook, and is killed with
 * SIGKILL at a random moment, {@value #KILLS} times per store. After each restart every
 * acknowledged batch is still there (sent again under its name, it answers the very same
 * acknowledgement), and the trail checks intact. At the end every window is judged once, each
 * shifted batch's window alerted on drift, no alert exists twice for a window, and the webhook got
 * each alert.
 */
class LogKillTest {
  static final int KILLS = 6;
  static final int WINDOW = 500;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void sigkill_during_ingestion_loses_no_acknowledged_batch_and_duplicates_no_alert(String store) throws Exception {
    TestServer.Store st = TestServer.Store.of(store);
    String db = st.url();
    long seed = System.nanoTime();
    Random random = new Random(seed);
    Path data = dir.resolve("data");
    ServerProcess server = new ServerProcess(data, db);
    try (WebhookReceiver hook = new WebhookReceiver(0)) {
      String owner = server.token;
      String base0 = "http://127.0.0.1:" + server.port + "/api/v1";
      String p = send(base0, owner, "POST", "/projects", LogTraffic.suite(WINDOW + "-rows")).path("id").asText();
      HttpResponse<String> up = HTTP.send(HttpRequest.newBuilder(URI.create(base0 + "/projects/" + p + "/data")).header("Authorization", "Bearer " + owner)
          .PUT(HttpRequest.BodyPublishers.ofFile(TestServer.Data.evaluationSet(dir, 2000))).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
      String svc = send(base0, owner, "POST", "/projects/" + p + "/services", "{\"name\": \"scoring\"}").path("token").asText();
      send(base0, owner, "PUT", "/projects/" + p + "/alerts", "{\"webhooks\": [\"" + hook.url() + "\"]}");

      // batch n: one window's rows; every fourth has its tenure shifted
      Map<String, String> acked = new ConcurrentHashMap<>();
      Set<String> sent = ConcurrentHashMap.newKeySet();
      AtomicInteger next = new AtomicInteger();
      for (int kill = 1; kill <= KILLS; kill++) {
        String base = "http://127.0.0.1:" + server.port + "/api/v1";
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> work = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
          Thread th = new Thread(() -> {
            while (!stop.get()) {
              int n = next.getAndIncrement();
              String id = "batch-" + n;
              sent.add(id);
              try {
                LogTraffic.Answer a = LogTraffic.post(base, "/projects/" + p + "/log", svc, id, "text/csv", body(n));
                if (a.status() != 200) throw new IllegalStateException(a.status() + " " + a.body());
                acked.put(id, a.body());
              } catch (IOException | RuntimeException e) {
                return; // the server died mid-request: not acknowledged
              }
            }
          });
          th.start();
          work.add(th);
        }
        Thread.sleep(300 + random.nextInt(1200));
        server.kill();
        stop.set(true);
        for (Thread t : work) t.join(120_000);

        server = new ServerProcess(data, db);
        String after = "http://127.0.0.1:" + server.port + "/api/v1";
        String why = "store " + store + ", kill " + kill + ", seed " + seed;
        for (var e : acked.entrySet()) {
          int n = Integer.parseInt(e.getKey().substring(6));
          LogTraffic.Answer again = LogTraffic.post(after, "/projects/" + p + "/log", svc, e.getKey(), "text/csv", body(n));
          assertThat(again.status()).as(why).isEqualTo(200);
          assertThat(again.replay()).as(why + ": " + e.getKey() + " was acknowledged, so it is stored").isEqualTo("true");
          assertThat(again.body()).as(why).isEqualTo(e.getValue());
        }
        ServerAdmin.Check check = ServerAdmin.verify(new ServerAdmin.Store(data, db, null), null);
        assertThat(check.intact()).as(why + ": " + check.problem()).isTrue();
      }
      // batches sent but not acknowledged are sent again, as a client would; each is stored once
      String base = "http://127.0.0.1:" + server.port + "/api/v1";
      for (String id : sent) {
        if (acked.containsKey(id)) continue;
        LogTraffic.Answer a = LogTraffic.post(base, "/projects/" + p + "/log", svc, id, "text/csv", body(Integer.parseInt(id.substring(6))));
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        acked.put(id, a.body());
      }
      Map<Long, Boolean> shiftedWindow = new HashMap<>();
      for (var e : acked.entrySet()) {
        long first = TestServer.JSON.readTree(e.getValue()).path("first_row").asLong();
        assertThat((first - 1) % WINDOW).isZero();
        shiftedWindow.put((first - 1) / WINDOW, shifted(Integer.parseInt(e.getKey().substring(6))));
      }
      assertThat(shiftedWindow).as("each batch stored once, one window each").hasSize(acked.size());

      JsonNode windows = awaitWindows(base, owner, p, acked.size());
      assertThat(windows).hasSize(acked.size());
      // a shifted window alerts on drift; a clean one may too, at the drift tests' false-alarm rate (counted, not asserted)
      Set<String> alerted = new HashSet<>();
      int falseAlarms = 0;
      for (int w = 0; w < windows.size(); w++) {
        JsonNode win = windows.get(w);
        if (win.path("status").asText().equals("alert")) alerted.add(win.path("window").asText());
        if (shiftedWindow.get((long) w)) {
          assertThat(win.path("status").asText()).as(win.path("window").asText()).isEqualTo("alert");
          assertThat(win.path("report").path("alerts").get(0).path("kind").asText()).isEqualTo("drift");
        } else if (win.path("status").asText().equals("alert")) {
          falseAlarms++;
        } else {
          assertThat(win.path("status").asText()).isEqualTo("ok");
        }
      }
      JsonNode alerts = awaitDelivered(base, owner, p);
      Set<String> keys = new HashSet<>();
      Set<String> ids = new HashSet<>();
      for (JsonNode a : alerts) {
        JsonNode x = a.path("alert");
        assertThat(keys.add(x.path("window").asText() + "/" + x.path("kind").asText() + "/" + x.path("subject").asText())).as("one alert per window and kind")
            .isTrue();
        ids.add(a.path("id").asText());
      }
      assertThat(keys.stream().map(k -> k.substring(0, k.indexOf('/'))).distinct().toList()).containsExactlyInAnyOrderElementsOf(alerted);
      Map<String, Integer> received = new HashMap<>();
      for (WebhookReceiver.Call c : hook.calls) received.merge(c.alertId(), 1, Integer::sum);
      assertThat(received.keySet()).as("every alert reached the webhook, and only alerts of the store").isEqualTo(ids);
      long again = received.values().stream().filter(n -> n > 1).count();
      System.out.printf("%s: %d SIGKILLs survived; %d acknowledged batches (%d rows), none lost; %d windows judged once, %d alerts "
          + "(%d on clean windows), %d sent twice (seed %d)%n", store, KILLS, acked.size(), acked.size() * WINDOW, windows.size(), ids.size(), falseAlarms,
          again, seed);
      assertThat(again).as("alerts sent twice (a kill between the hook's answer and its record)").isLessThanOrEqualTo(KILLS);
      assertThat(ServerAdmin.verify(new ServerAdmin.Store(data, db, null), null).intact()).isTrue();
    } finally {
      server.close();
      st.drop();
    }
  }

  static boolean shifted(int n) {
    return n % 4 == 3;
  }

  static String body(int n) {
    return LogTraffic.batch(n * WINDOW, WINDOW, shifted(n) ? 40 : 0, 100 + n);
  }

  static JsonNode send(String base, String token, String method, String path, String body) throws IOException, InterruptedException {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(2))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() >= 300) throw new IllegalStateException(r.statusCode() + " " + r.body());
    return TestServer.JSON.readTree(r.body());
  }

  static JsonNode awaitWindows(String base, String owner, String p, int count) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (true) {
      JsonNode w = send(base, owner, "GET", "/projects/" + p + "/windows", null);
      if (w.size() >= count || System.nanoTime() > deadline) return w;
      Thread.sleep(200);
    }
  }

  static JsonNode awaitDelivered(String base, String owner, String p) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (true) {
      JsonNode alerts = send(base, owner, "GET", "/projects/" + p + "/alerts", null);
      boolean all = true;
      for (JsonNode a : alerts) for (JsonNode d : a.path("deliveries")) all &= !d.path("sent_at").isNull();
      if (all || System.nanoTime() > deadline) return alerts;
      Thread.sleep(100);
    }
  }
}
