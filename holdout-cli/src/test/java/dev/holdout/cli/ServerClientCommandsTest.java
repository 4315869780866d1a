package dev.holdout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdout.server.HoldoutServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The owner's and the vendor's commands against a real server: project, submit, leaderboard, admin. */
class ServerClientCommandsTest {
  @TempDir Path dir;

  @Test
  void project_create_sends_the_files_the_suite_names_before_the_evaluation_set() throws Exception {
    try (HoldoutServer server = HoldoutServer.start(new HoldoutServer.Config(dir.resolve("data"), "127.0.0.1", 0, null, 2, 1L << 30))) {
      String url = "http://127.0.0.1:" + server.port();
      String owner = server.ownerToken().orElseThrow();
      Path retrieval = Cli.example("rag-retrieval");
      Cli created = Cli.run("project", "create", "--server", url, "--token", owner, retrieval.resolve("suite.yaml"), "--documents",
          retrieval.resolve("queries.csv"));
      assertThat(created.exit()).as(created.err()).isZero();
      String project = created.out().strip();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) public and (\\d+) private").matcher(created.err());
      assertThat(m.find()).as(created.err()).isTrue();
      assertThat(Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2))).as("the 400 queries, split by query").isEqualTo(400);
      Path files = dir.resolve("data").resolve("projects").resolve(project).resolve("files");
      assertThat(files.resolve("queries.csv")).exists();
      assertThat(files.resolve("baseline.csv")).exists();
      assertThat(files.resolve("documents.csv")).exists();
      assertThat(files.resolve("baseline-private.csv")).exists();
    }
  }

  @Test
  void owner_creates_vendor_submits_and_the_log_verifies() throws Exception {
    String url;
    String owner;
    try (HoldoutServer server = HoldoutServer.start(new HoldoutServer.Config(dir.resolve("data"), "127.0.0.1", 0, null, 2, 1L << 30))) {
      url = "http://127.0.0.1:" + server.port();
      owner = server.ownerToken().orElseThrow();

      Cli created = Cli.run("project", "create", "--server", url, "--token", owner, Cli.example("churn").resolve("suite.yaml"));
      assertThat(created.exit()).as(created.err()).isZero();
      String project = created.out().strip();
      assertThat(project).startsWith("p_");
      assertThat(created.err()).contains("public and").contains("private rows");

      Cli invited = Cli.run("project", "invite", "--server", url, "--token", owner, "-p", project, "vendor-a");
      String vendor = invited.out().strip();
      assertThat(vendor).startsWith("hdt_");

      Cli submitted = Cli.run("submit", "--server", url, "--token", vendor, "-p", project, Cli.example("churn").resolve("vendor-a.csv"), "--wait");
      assertThat(submitted.exit()).as(submitted.err()).isZero();
      assertThat(submitted.out()).contains("submitted s_").contains("leaderboard score 0.8");

      Cli board = Cli.run("leaderboard", "--server", url, "--token", vendor, "-p", project);
      assertThat(board.exit()).isZero();
      assertThat(board.out()).contains("roc_auc on the public part").containsPattern("1\\s+vendor-a \\(you\\)\\s+0\\.8\\d");

      Cli outsider = Cli.run("submit", "--server", url, "--token", owner, "-p", project, Cli.example("churn").resolve("vendor-a.csv"));
      assertThat(outsider.exit()).isEqualTo(2);
      assertThat(outsider.err()).contains("the server refused (403)").contains("owners do not submit");

      Cli badToken = Cli.run("leaderboard", "--server", url, "--token", "hdt_nope", "-p", project);
      assertThat(badToken.exit()).isEqualTo(2);
      assertThat(badToken.err()).contains("(401)").contains("token is not valid");

      // While the server runs, admin commands go through it (the embedded store is its alone).
      Cli checkpoint = Cli.run("admin", "checkpoint", "--data-dir", dir.resolve("data"));
      assertThat(checkpoint.exit()).as(checkpoint.err()).isZero();
      assertThat(checkpoint.out().strip()).matches("\\d+:[0-9a-f]{64}");
      Cli running = Cli.run("admin", "verify-log", "--data-dir", dir.resolve("data"), "--checkpoint", checkpoint.out().strip());
      assertThat(running.exit()).as(running.out() + running.err()).isZero();
      assertThat(running.out()).contains("audit log intact").contains("the checkpoint");
      Cli ownerToken = Cli.run("admin", "token", "--data-dir", dir.resolve("data"), "--name", "bob");
      assertThat(Cli.run("leaderboard", "--server", url, "--token", ownerToken.out().strip(), "-p", project).exit()).isZero();

      Cli removed = Cli.run("project", "remove-vendor", "--server", url, "--token", owner, "-p", project, "vendor-a");
      assertThat(removed.exit()).as(removed.err()).isZero();
      Cli outsideNow = Cli.run("leaderboard", "--server", url, "--token", vendor, "-p", project);
      assertThat(outsideNow.exit()).isEqualTo(2);
      assertThat(outsideNow.err()).contains("(403)").contains("not invited");
      Cli revoked = Cli.run("admin", "revoke", "--data-dir", dir.resolve("data"), "vendor-a");
      assertThat(revoked.exit()).as(revoked.err()).isZero();
      assertThat(revoked.out()).contains("revoked 1 token(s) of vendor 'vendor-a'");
      Cli gone = Cli.run("leaderboard", "--server", url, "--token", vendor, "-p", project);
      assertThat(gone.err()).contains("(401)");
    }
    Cli unreachable = Cli.run("leaderboard", "--server", url, "--token", owner, "-p", "p_x");
    assertThat(unreachable.exit()).isEqualTo(2);
    assertThat(unreachable.err()).contains("cannot reach the Holdout server").doesNotContain("(null)");

    Cli verified = Cli.run("admin", "verify-log", "--data-dir", dir.resolve("data"));
    assertThat(verified.exit()).as(verified.err()).isZero();
    assertThat(verified.out()).contains("audit log intact");

    Cli token = Cli.run("admin", "token", "--data-dir", dir.resolve("data"), "--name", "alice");
    assertThat(token.out().strip()).startsWith("hdt_").isNotEqualTo(owner);
    Cli revokeOwner = Cli.run("admin", "revoke", "--data-dir", dir.resolve("data"), "alice");
    assertThat(revokeOwner.out()).contains("revoked 1 token(s) of owner 'alice'");
    Cli unknown = Cli.run("admin", "revoke", "--data-dir", dir.resolve("data"), "nobody");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("no account 'nobody'");
    Cli badCheckpoint = Cli.run("admin", "verify-log", "--data-dir", dir.resolve("data"), "--checkpoint", "banana");
    assertThat(badCheckpoint.exit()).isEqualTo(2);
    assertThat(badCheckpoint.err()).contains("COUNT:HASH");

    // Someone with the database cuts the last entry and moves the head back: only the checkpoint shows it.
    String kept = Cli.run("admin", "checkpoint", "--data-dir", dir.resolve("data")).out().strip();
    Cli.run("admin", "token", "--data-dir", dir.resolve("data"), "--name", "carol");
    String written = Cli.run("admin", "checkpoint", "--data-dir", dir.resolve("data")).out().strip();
    long keptEntries = Long.parseLong(kept.substring(0, kept.indexOf(':')));
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("data/db/holdout").toAbsolutePath()
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE")) {
      c.createStatement().execute("DELETE FROM audit_log WHERE seq > " + keptEntries);
      c.createStatement().execute("UPDATE audit_head SET seq = " + keptEntries + ", hash = '" + kept.substring(kept.indexOf(':') + 1) + "'");
      c.createStatement().execute("DELETE FROM token WHERE principal_id IN (SELECT id FROM principal WHERE name = 'carol')");
      c.createStatement().execute("DELETE FROM principal WHERE name = 'carol'");
    }
    assertThat(Cli.run("admin", "verify-log", "--data-dir", dir.resolve("data")).exit()).as("consistent without the checkpoint").isZero();
    Cli cut = Cli.run("admin", "verify-log", "--data-dir", dir.resolve("data"), "--checkpoint", written);
    assertThat(cut.exit()).isEqualTo(1);
    assertThat(cut.out()).contains("audit log BROKEN").contains("were cut, or the store was rolled back");
  }
}
