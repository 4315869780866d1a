package dev.holdout.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server as a process. A second server on the same data folder refuses before it touches
 * anything: a staged upload, the files and the trail stay as they were, and the first server goes
 * on. Acknowledged means durable, shown with real processes: a server in a child JVM takes uploads from
 * two vendors and settings changes from the owner at once, and is killed with SIGKILL at a random
 * moment, {@value #KILLS} times per store. After each restart every acknowledged submission is
 * there with its file (same SHA-256, no orphans, no staged leftovers), the setting is the last one
 * acknowledged or a later one sent, and the audit trail checks intact against the tables; at the
 * end every submission is evaluated exactly once.
 */
class HoldoutServerProcessTest {
  static final int KILLS = 10;
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void sigkill_at_random_moments_loses_no_acknowledged_submission_or_setting(String store) throws Exception {
    TestServer.Store st = TestServer.Store.of(store);
    String db = st.url();
    long seed = System.nanoTime();
    Random random = new Random(seed);
    Path data = dir.resolve("data");
    ServerProcess server = new ServerProcess(data, db);
    try {
      Client owner = new Client(server.port, server.token);
      String p = owner.send("POST", "/projects", TestServer.Data.suite()).path("id").asText();
      owner.upload("PUT", "/projects/" + p + "/data", TestServer.Data.evaluationSet(dir, 2000));
      owner.send("PATCH", "/projects/" + p, "{\"daily_quota\": 10000}");
      List<String> vendors = List.of(owner.invite(p, "acme"), owner.invite(p, "globex"));
      Map<String, String> acked = new ConcurrentHashMap<>();
      AtomicLong settingAcked = new AtomicLong(1L << 20);
      AtomicLong settingSent = new AtomicLong(1L << 20);
      AtomicInteger files = new AtomicInteger();
      int acknowledgedSettings = 0;
      for (int kill = 1; kill <= KILLS; kill++) {
        int port = server.port;
        AtomicBoolean stop = new AtomicBoolean();
        long cap = 12L * kill;
        List<Thread> work = new ArrayList<>();
        for (String token : vendors) {
          work.add(started(() -> {
            Client c = new Client(port, token);
            // at most 12 acknowledged uploads per kill: on a quiet machine the vendors would queue hundreds, whose evaluation
            // after the last restart is the test's longest wait without exercising anything more
            while (!stop.get() && acked.size() < cap) {
              Path f = TestServer.Data.predictions(dir, "p" + files.incrementAndGet(), 2000, 0.5, files.get());
              try {
                JsonNode s = c.upload("POST", "/projects/" + p + "/submissions?name=" + f.getFileName(), f);
                acked.put(s.path("id").asText(), s.path("sha256").asText());
              } catch (IOException | InterruptedException | RuntimeException e) {
                return; // the server died mid-request: not acknowledged
              }
            }
          }));
        }
        AtomicInteger settings = new AtomicInteger();
        work.add(started(() -> {
          Client c = new Client(port, owner.token());
          while (!stop.get()) {
            long v = settingSent.incrementAndGet();
            try {
              c.send("PATCH", "/projects/" + p, "{\"max_upload_bytes\": " + v + "}");
              settingAcked.set(v);
              settings.incrementAndGet();
            } catch (IOException | InterruptedException | RuntimeException e) {
              return;
            }
          }
        }));
        Thread.sleep(200 + random.nextInt(1000));
        server.kill();
        stop.set(true);
        for (Thread t : work) t.join(120_000);
        acknowledgedSettings += settings.get();

        server = new ServerProcess(data, db);
        Client after = new Client(server.port, owner.token);
        String why = "store " + store + ", kill " + kill + ", seed " + seed;
        Map<String, String> stored = new HashMap<>();
        for (JsonNode s : after.send("GET", "/projects/" + p + "/submissions", null)) stored.put(s.path("id").asText(), s.path("sha256").asText());
        assertThat(stored).as(why).containsAllEntriesOf(acked);
        Path folder = data.resolve("submissions").resolve(p);
        for (var e : stored.entrySet()) assertThat(sha256(folder.resolve(e.getKey() + ".csv"))).as(why).isEqualTo(e.getValue());
        assertThat(list(folder)).as(why + ": no file without its row").hasSize(stored.size());
        assertThat(list(data.resolve("tmp"))).as(why + ": no staged upload left").isEmpty();
        long setting = after.send("GET", "/projects/" + p, null).path("max_upload_bytes").asLong();
        assertThat(setting).as(why).isBetween(settingAcked.get(), settingSent.get());
        ServerAdmin.Check check = ServerAdmin.verify(new ServerAdmin.Store(data, db, null), null);
        assertThat(check.intact()).as(why + ": " + check.problem()).isTrue();
      }
      System.out.printf("%s: %d SIGKILLs survived; %d acknowledged submissions and %d acknowledged settings changes, none lost (seed %d)%n",
          store, KILLS, acked.size(), acknowledgedSettings, seed);
      assertThat(acked).as("acknowledged submissions across the kills").hasSizeGreaterThan(KILLS);
      assertThat(acknowledgedSettings).as("acknowledged settings changes across the kills").isGreaterThan(KILLS);

      Client last = new Client(server.port, owner.token);
      for (String id : acked.keySet()) assertThat(last.await(p, id).path("status").asText()).isEqualTo("done");
      Map<String, Integer> evaluated = new HashMap<>();
      for (JsonNode e : last.send("GET", "/audit-log?limit=10000&project=" + p, null)) {
        if (e.path("action").asText().equals("submission.evaluated")) evaluated.merge(e.path("subject").asText(), 1, Integer::sum);
      }
      assertThat(evaluated.values()).as("each submission evaluated once").allMatch(n -> n == 1);
      assertThat(ServerAdmin.verify(new ServerAdmin.Store(data, db, null), null).intact()).isTrue();
    } finally {
      server.close();
      st.drop();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void a_second_server_on_the_same_folder_refuses_and_changes_nothing(String store) throws Exception {
    TestServer.Store st = TestServer.Store.of(store);
    String db = st.url();
    Path data = dir.resolve("data");
    try (ServerProcess first = new ServerProcess(data, db)) {
      Client owner = new Client(first.port, first.token);
      String p = owner.send("POST", "/projects", TestServer.Data.suite()).path("id").asText();
      owner.upload("PUT", "/projects/" + p + "/data", TestServer.Data.evaluationSet(dir, 2000));
      String vendor = owner.invite(p, "acme");
      String done = new Client(first.port, vendor).upload("POST", "/projects/" + p + "/submissions",
          TestServer.Data.predictions(dir, "one", 2000, 0.5, 1)).path("id").asText();
      owner.await(p, done);
      // An upload in flight: its first half is staged in tmp/ when the second server starts.
      byte[] body = Files.readAllBytes(TestServer.Data.predictions(dir, "two", 2000, 0.4, 2));
      try (java.net.Socket socket = new java.net.Socket("127.0.0.1", first.port)) {
        var out = socket.getOutputStream();
        out.write(("POST /api/v1/projects/" + p + "/submissions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + vendor
            + "\r\nContent-Type: text/csv\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write(body, 0, body.length / 2);
        out.flush();
        while (list(data.resolve("tmp")).isEmpty()) Thread.sleep(20);
        String checkpoint = ServerAdmin.checkpoint(new ServerAdmin.Store(data, db, null)).toString();
        Map<Path, String> before = snapshot(data);

        ServerProcess second = new ServerProcess(data, db);
        assertThat(second.exitCode()).isEqualTo(2);
        assertThat(second.refusal).contains("another Holdout server (process").contains("is using the data folder").contains("stop it first");
        assertThat(snapshot(data)).as("the second server touched nothing").isEqualTo(before);

        out.write(body, body.length / 2, body.length - body.length / 2);
        out.flush();
        String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(answer).startsWith("HTTP/1.1 202");
        ServerAdmin.Check check = ServerAdmin.verify(new ServerAdmin.Store(data, db, null), checkpoint);
        assertThat(check.intact()).as(String.valueOf(check.problem())).isTrue();
      }
      List<JsonNode> subs = new ArrayList<>();
      owner.send("GET", "/projects/" + p + "/submissions", null).forEach(subs::add);
      assertThat(subs).hasSize(2);
      for (JsonNode s : subs) assertThat(owner.await(p, s.path("id").asText()).path("status").asText()).isEqualTo("done");
      long evaluations = 0;
      for (JsonNode e : owner.send("GET", "/audit-log?project=" + p, null)) if (e.path("action").asText().equals("submission.evaluated")) evaluations++;
      assertThat(evaluations).as("each submission evaluated once").isEqualTo(2);
    } finally {
      st.drop();
    }
  }

  /** Every file under the folder with its size and SHA-256, but the lock file, which only its holder writes. */
  private static Map<Path, String> snapshot(Path folder) throws Exception {
    Map<Path, String> out = new java.util.TreeMap<>();
    try (Stream<Path> s = Files.walk(folder)) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        if (f.getFileName().toString().equals("holdout.lock")) continue;
        out.put(folder.relativize(f), Files.size(f) + " " + sha256(f));
      }
    }
    return out;
  }

  private static Thread started(Runnable r) {
    Thread t = new Thread(r);
    t.start();
    return t;
  }

  private static List<Path> list(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) return List.of();
    try (Stream<Path> s = Files.list(folder)) {
      return s.toList();
    }
  }

  static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  /** A small client for one server process. */
  record Client(int port, String token) {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    JsonNode send(String method, String path, String body) throws IOException, InterruptedException {
      return answer(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1" + path))
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    JsonNode upload(String method, String path, Path file) throws IOException, InterruptedException {
      return answer(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1" + path)).method(method, HttpRequest.BodyPublishers.ofFile(file)));
    }

    String invite(String project, String name) throws IOException, InterruptedException {
      return send("POST", "/projects/" + project + "/vendors", "{\"name\": \"" + name + "\"}").path("token").asText();
    }

    JsonNode await(String project, String id) throws IOException, InterruptedException {
      for (int i = 0; i < 18_000; i++) { // 15 minutes: the first id awaited may wait for the whole queue
        JsonNode s = send("GET", "/projects/" + project + "/submissions/" + id, null);
        if (s.path("status").asText().equals("done") || s.path("status").asText().equals("failed")) return s;
        Thread.sleep(50);
      }
      throw new AssertionError("submission " + id + " did not finish");
    }

    private JsonNode answer(HttpRequest.Builder b) throws IOException, InterruptedException {
      HttpResponse<String> r = HTTP.send(b.timeout(Duration.ofMinutes(2)).header("Authorization", "Bearer " + token).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() >= 300) throw new IllegalStateException(r.statusCode() + " " + r.body());
      return TestServer.JSON.readTree(r.body());
    }
  }
}
