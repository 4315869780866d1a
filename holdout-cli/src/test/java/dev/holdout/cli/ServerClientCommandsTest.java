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
  void ownerCreatesVendorSubmitsAndTheLogVerifies() {
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
    }
    Cli unreachable = Cli.run("leaderboard", "--server", url, "--token", owner, "-p", "p_x");
    assertThat(unreachable.exit()).isEqualTo(2);
    assertThat(unreachable.err()).contains("cannot reach the Holdout server").doesNotContain("(null)");

    Cli verified = Cli.run("admin", "verify-log", "--data-dir", dir.resolve("data"));
    assertThat(verified.exit()).as(verified.err()).isZero();
    assertThat(verified.out()).contains("audit log intact");

    Cli token = Cli.run("admin", "token", "--data-dir", dir.resolve("data"), "--name", "alice");
    assertThat(token.out().strip()).startsWith("hdt_").isNotEqualTo(owner);
  }
}
