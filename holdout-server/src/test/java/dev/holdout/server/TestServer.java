package dev.holdout.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;

/**
 * A real server on a free port over a real store: the embedded H2 database in a temporary
 * folder, or a fresh schema of this machine's PostgreSQL (127.0.0.1:5432, database test),
 * dropped afterwards. Plus a small HTTP client and generated data.
 */
public final class TestServer implements AutoCloseable {
  public static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
  public static final ObjectMapper JSON = new ObjectMapper();

  public final Path dir;
  public final String store;
  public final String dbUrl;
  private final String schema;
  public HoldoutServer server;
  public final String ownerToken;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final long cachedRows;

  public TestServer(Path dir, String store) {
    this(dir, store, HoldoutServer.Config.CACHED_ROWS);
  }

  public TestServer(Path dir, String store, long cachedRows) {
    this.dir = dir;
    this.cachedRows = cachedRows;
    this.store = store;
    schema = store.equals("postgresql") ? newSchema() : null;
    dbUrl = schema == null ? null : POSTGRES + "&currentSchema=" + schema;
    server = HoldoutServer.start(config());
    ownerToken = server.ownerToken().orElseThrow();
  }

  /** The store of a process test: the embedded one (no URL) or a fresh PostgreSQL schema, dropped after. */
  public record Store(String schema, String url) {
    public static Store of(String kind) {
      if (!kind.equals("postgresql")) return new Store(null, null);
      String schema = newSchema();
      return new Store(schema, POSTGRES + "&currentSchema=" + schema);
    }

    public void drop() {
      if (schema != null) dropSchema(schema);
    }
  }

  /** A fresh schema in this machine's PostgreSQL, dropped by {@link #dropSchema}. */
  public static String newSchema() {
    String schema = "holdout_test_" + Long.toHexString(new Random().nextLong() & Long.MAX_VALUE);
    try (Connection c = DriverManager.getConnection(POSTGRES)) {
      c.createStatement().execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL at 127.0.0.1:5432 (database test) is needed for this test: " + e.getMessage(), e);
    }
    return schema;
  }

  public static void dropSchema(String schema) {
    try (Connection c = DriverManager.getConnection(POSTGRES)) {
      c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
    } catch (SQLException e) {
      // a leftover schema of a test run does no harm
    }
  }

  public HoldoutServer.Config config() {
    return new HoldoutServer.Config(dir, "127.0.0.1", 0, dbUrl, 2, 1L << 30, cachedRows);
  }

  /** Stops and starts the server on the same store, as after a restart. */
  public void restart() {
    server.close();
    server = HoldoutServer.start(config());
  }

  public String base() {
    return "http://127.0.0.1:" + server.port() + "/api/v1";
  }

  public record Answer(int status, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }
  }

  public Answer call(String method, String path, String token, String body) {
    return call(method, path, token, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
  }

  public Answer call(String method, String path, String token, HttpRequest.BodyPublisher body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(60)).method(method, body);
    if (token != null) b.header("Authorization", "Bearer " + token);
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Answer upload(String path, String token, Path file) {
    try {
      return call(path.contains("/data") ? "PUT" : "POST", path, token, HttpRequest.BodyPublishers.ofFile(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates a project from the generated suite and data; returns its id. */
  public String project(int rows) {
    Answer p = call("POST", "/projects", ownerToken, Data.suite());
    if (p.status() != 201) throw new AssertionError(p.body());
    String id = p.json().path("id").asText();
    Answer d = upload("/projects/" + id + "/data", ownerToken, Data.evaluationSet(dir, rows));
    if (d.status() != 200) throw new AssertionError(d.body());
    return id;
  }

  /** Invites a vendor; returns its token. */
  public String invite(String project, String name) {
    Answer a = call("POST", "/projects/" + project + "/vendors", ownerToken, "{\"name\": \"" + name + "\"}");
    if (a.status() != 201) throw new AssertionError(a.body());
    return a.json().path("token").asText();
  }

  /** Waits until a submission is done or failed and returns it as its owner sees it. */
  public JsonNode await(String project, String submission) {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode s = call("GET", "/projects/" + project + "/submissions/" + submission, ownerToken, (String) null).json();
      String status = s.path("status").asText();
      if (status.equals("done") || status.equals("failed")) return s;
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("submission " + submission + " did not finish");
  }

  /** Runs SQL against the server's store directly, as an attacker with database access would. */
  public void sql(String statement) {
    server.database().tx(sql -> sql.update(statement));
  }

  /** The store, for tests that play an attacker with database access. */
  public dev.holdout.server.store.Database database() {
    return server.database();
  }

  /** The server's audit trail. */
  public dev.holdout.server.trail.Trail trail() {
    return server.trail();
  }

  /** The first column of a query's rows, as text. */
  public java.util.List<String> column(String select) {
    return server.database().read(sql -> sql.list(select, rs -> rs.getString(1)));
  }

  /** Checks the audit trail, against {@code checkpoint} when not null. */
  public dev.holdout.server.trail.Trail.Verification verify(String checkpoint) {
    return server.trail().verify(server.database(), checkpoint == null ? null : dev.holdout.server.trail.Checkpoint.parse(checkpoint));
  }

  /** The trail's head now, as COUNT:HASH. */
  public String checkpoint() {
    return server.trail().checkpoint(server.database()).toString();
  }

  /** Uploads predictions and asserts the 202; returns the submission id. */
  public String submit(String project, String token, Path file) {
    Answer a = upload("/projects/" + project + "/submissions?name=" + file.getFileName(), token, file);
    if (a.status() != 202) throw new AssertionError(a.body());
    return a.json().path("id").asText();
  }

  @Override
  public void close() {
    if (server != null) server.close();
    if (schema != null) dropSchema(schema);
  }

  /** Generated binary churn data: a score that separates the label well for "good" predictions. */
  public static final class Data {
    private Data() {}

    public static String suite() {
      return """
          suite: holdout.suite/v1
          name: server-test
          problem: Which customers cancel.
          task: binary_classification
          data:
            path: eval.csv
            id: id
            label: churned
            positive: "1"
            slices: [region]
          predictions:
            id: id
            score: p
          primary_metric: roc_auc
          criteria:
            - metric: roc_auc
              min: 0.60
          bootstrap: {replicates: 200, seed: 7}
          champion: {tolerance: 0.01}
          """;
    }

    public static Path evaluationSet(Path dir, int rows) {
      StringBuilder sb = new StringBuilder("id,region,tenure,churned\n");
      Random r = new Random(1);
      for (int i = 0; i < rows; i++) {
        sb.append("c").append(i).append(',').append(i % 3 == 0 ? "north" : "south").append(',').append(r.nextInt(60)).append(',')
            .append(label(i)).append('\n');
      }
      return write(dir.resolve("eval-" + rows + ".csv"), sb.toString());
    }

    public static int label(int i) {
      return new Random(i * 31L + 5).nextDouble() < 0.3 ? 1 : 0;
    }

    /** Predictions whose quality falls with {@code noise}: 0 separates perfectly, 1 is random. */
    public static Path predictions(Path dir, String name, int rows, double noise, long seed) {
      StringBuilder sb = new StringBuilder("id,p\n");
      Random r = new Random(seed);
      for (int i = 0; i < rows; i++) {
        double signal = label(i) == 1 ? 0.7 : 0.3;
        double p = (1 - noise) * signal + noise * r.nextDouble();
        sb.append("c").append(i).append(',').append(String.format(Locale.ROOT, "%.5f", p)).append('\n');
      }
      return write(dir.resolve(name + ".csv"), sb.toString());
    }

    public static Path write(Path file, String text) {
      try {
        Files.writeString(file, text, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return file;
    }
  }
}
