package dev.holdout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `holdout serve` killed with SIGKILL during an upload and during an evaluation: after a restart
 * there is no half-written submission, and the evaluation is queued again and finishes.
 */
class ServerCrashTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  private Process server;
  private final HttpClient http = HttpClient.newHttpClient();
  private int port;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  @AfterEach
  void stop() {
    if (server != null) server.destroyForcibly();
  }

  private String start() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    server = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"), "dev.holdout.cli.Main", "serve",
        "--data-dir", dir.resolve("data").toString(), "--port", "0", "--workers", "1").redirectErrorStream(true).start();
    lines.clear();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
        for (String l; (l = r.readLine()) != null; ) lines.add(l);
      } catch (java.io.IOException e) {
        // the process died: that is the point
      }
    });
    reader.setDaemon(true);
    reader.start();
    String token = null;
    StringBuilder seen = new StringBuilder();
    while (true) {
      String l = lines.poll(60, TimeUnit.SECONDS);
      assertThat(l).as("server output so far: " + seen).isNotNull();
      seen.append(l).append('\n');
      if (l.startsWith("Holdout server listening on http://127.0.0.1:")) {
        port = Integer.parseInt(l.replaceAll(".*127\\.0\\.0\\.1:(\\d+).*", "$1"));
        Thread.sleep(200);
        String next;
        while ((next = lines.poll(300, TimeUnit.MILLISECONDS)) != null) {
          seen.append(next).append('\n');
          if (next.startsWith("Owner token")) token = next.substring(next.lastIndexOf(' ') + 1);
        }
        return token == null ? seen.toString() : token;
      }
    }
  }

  private void kill() throws InterruptedException {
    server.destroyForcibly(); // SIGKILL on Linux
    server.waitFor(30, TimeUnit.SECONDS);
  }

  private HttpResponse<String> call(String method, String path, String token, HttpRequest.BodyPublisher body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1" + path)).timeout(Duration.ofMinutes(2))
        .header("Authorization", "Bearer " + token).method(method, body).build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode json(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isLessThan(300);
    return JSON.readTree(r.body());
  }

  @Test
  void a_server_killed_during_an_upload_and_an_evaluation_leaves_nothing_half_written_and_resumes() throws Exception {
    int rows = 300_000;
    Path eval = dir.resolve("eval.csv");
    Path preds = dir.resolve("preds.csv");
    StringBuilder e = new StringBuilder("id,region,churned\n");
    StringBuilder p = new StringBuilder("id,p\n");
    Random r = new Random(5);
    for (int i = 0; i < rows; i++) {
      int y = r.nextDouble() < 0.3 ? 1 : 0;
      e.append('c').append(i).append(',').append(i % 4 == 0 ? "north" : "south").append(',').append(y).append('\n');
      p.append('c').append(i).append(',').append(String.format(Locale.ROOT, "%.4f", 0.5 * y + 0.5 * r.nextDouble())).append('\n');
    }
    Files.writeString(eval, e);
    Files.writeString(preds, p);
    String suite = """
        suite: holdout.suite/v1
        name: crash
        problem: Which customers cancel.
        task: binary_classification
        data: {path: eval.csv, id: id, label: churned, positive: "1", slices: [region]}
        predictions: {id: id, score: p}
        criteria: [{metric: roc_auc, min: 0.6}]
        bootstrap: {replicates: 2000, seed: 1}
        """;

    String owner = start();
    String project = json(call("POST", "/projects", owner, HttpRequest.BodyPublishers.ofString(suite))).path("id").asText();
    json(call("PUT", "/projects/" + project + "/data", owner, HttpRequest.BodyPublishers.ofFile(eval)));
    String vendor = json(call("POST", "/projects/" + project + "/vendors", owner, HttpRequest.BodyPublishers.ofString("{\"name\": \"acme\"}")))
        .path("token").asText();

    // 1. SIGKILL in the middle of an upload.
    byte[] body = Files.readAllBytes(preds);
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST /api/v1/projects/" + project + "/submissions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + vendor
          + "\r\nContent-Type: text/csv\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body, 0, body.length / 2);
      out.flush();
      Thread.sleep(1000);
      kill();
    }
    start();
    assertThat(json(call("GET", "/projects/" + project + "/submissions", owner, HttpRequest.BodyPublishers.noBody()))).isEmpty();
    assertThat(files(dir.resolve("data/tmp"))).isZero();
    assertThat(files(dir.resolve("data/submissions"))).isZero();

    // 2. SIGKILL while the evaluation runs.
    String id = json(call("POST", "/projects/" + project + "/submissions", vendor, HttpRequest.BodyPublishers.ofFile(preds))).path("id").asText();
    String status = "queued";
    for (int i = 0; i < 2000 && status.equals("queued"); i++) {
      status = json(call("GET", "/projects/" + project + "/submissions/" + id, owner, HttpRequest.BodyPublishers.noBody())).path("status").asText();
      if (status.equals("queued")) Thread.sleep(5);
    }
    assertThat(status).as("the evaluation should still be running when the server is killed").isEqualTo("running");
    kill();
    String output = start();
    assertThat(output).contains("Resumed 1 queued evaluation");
    JsonNode s = null;
    for (int i = 0; i < 1200; i++) {
      s = json(call("GET", "/projects/" + project + "/submissions/" + id, owner, HttpRequest.BodyPublishers.noBody()));
      if (s.path("status").asText().equals("done") || s.path("status").asText().equals("failed")) break;
      Thread.sleep(100);
    }
    assertThat(s.path("status").asText()).isEqualTo("done");
    assertThat(s.path("verdict_private").asText()).isEqualTo("ACCEPTED");
    assertThat(json(call("GET", "/projects/" + project + "/submissions", owner, HttpRequest.BodyPublishers.noBody()))).hasSize(1);
    assertThat(files(dir.resolve("data/submissions"))).isEqualTo(1);
  }

  private static long files(Path folder) throws Exception {
    if (!Files.exists(folder)) return 0;
    try (Stream<Path> s = Files.walk(folder)) {
      return s.filter(Files::isRegularFile).count();
    }
  }
}
