package dev.holdout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code holdout serve} on PostgreSQL as a real process: the start hint for more owner tokens
 * names --db, and the command it prints, run while the server runs, makes a token that works.
 */
class ServeCommandTest {
  private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
  @TempDir Path dir;

  @Test
  void the_postgresql_start_hint_for_more_owner_tokens_names_the_database_and_works() throws Exception {
    String schema = "holdout_test_" + Long.toHexString(new Random().nextLong() & Long.MAX_VALUE);
    try (Connection c = DriverManager.getConnection(POSTGRES)) {
      c.createStatement().execute("CREATE SCHEMA " + schema);
    }
    String db = POSTGRES + "&currentSchema=" + schema;
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process server = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"), "dev.holdout.cli.Main", "serve",
        "--data-dir", dir.resolve("data").toString(), "--port", "0", "--db", db).redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
      String listening = out.readLine();
      assertThat(listening).startsWith("Holdout server listening on http://127.0.0.1:");
      int port = Integer.parseInt(listening.replaceAll(".*127\\.0\\.0\\.1:(\\d+).*", "$1"));
      assertThat(out.readLine()).startsWith("Owner token");
      String hint = out.readLine();
      assertThat(hint).startsWith("More owner tokens: holdout admin token --data-dir ").contains(" --db '" + db + "'");

      List<String> args = new ArrayList<>();
      Matcher m = Pattern.compile("'([^']*)'|(\\S+)").matcher(hint.substring(hint.indexOf("holdout admin") + "holdout ".length()));
      while (m.find()) args.add(m.group(1) != null ? m.group(1) : m.group(2));
      args.addAll(List.of("--name", "alice"));
      Cli made = Cli.run(args.toArray());
      assertThat(made.exit()).as(made.err()).isZero();
      HttpResponse<String> me = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/me"))
          .header("Authorization", "Bearer " + made.out().strip()).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
      assertThat(me.body()).contains("\"name\":\"alice\"").contains("\"role\":\"owner\"");
    } finally {
      server.destroyForcibly().waitFor();
      try (Connection c = DriverManager.getConnection(POSTGRES)) {
        c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }
}
