package dev.holdout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdout.server.HoldoutServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The owner's commands that replace curl (submissions, report -p -s, compare -p, champion, log) and
 * the vendor's inputs, against a real server over the churn example; each refusal exits as the
 * command's help says and leaves no file behind.
 */
class OwnerCommandsTest {
  private static final Pattern ID = Pattern.compile("submitted (s_[A-Za-z0-9]+)");

  @TempDir Path dir;

  @Test
  void an_owner_works_a_project_without_curl() throws IOException {
    try (HoldoutServer server = HoldoutServer.start(new HoldoutServer.Config(dir.resolve("data"), "127.0.0.1", 0, null, 2, 1L << 30))) {
      String url = "http://127.0.0.1:" + server.port();
      String owner = server.ownerToken().orElseThrow();
      Path churn = Cli.example("churn");
      String project = ok(Cli.run("project", "create", "--server", url, "--token", owner, churn.resolve("suite.yaml"))).out().strip();
      String acme = ok(Cli.run("project", "invite", "--server", url, "--token", owner, "-p", project, "acme")).out().strip();
      String globex = ok(Cli.run("project", "invite", "--server", url, "--token", owner, "-p", project, "globex")).out().strip();

      // The vendor downloads the inputs: the ids and features, no label; a refusal leaves no file.
      Path inputs = dir.resolve("inputs.csv");
      Cli got = ok(Cli.run("inputs", "--server", url, "--token", acme, "-p", project, "-o", inputs));
      assertThat(got.err()).contains("saved the inputs of project " + project);
      List<String> lines = Files.readAllLines(inputs);
      assertThat(lines.get(0)).startsWith("customer_id,").doesNotContain("churned");
      assertThat(lines).hasSize(20_001);
      Path refused = dir.resolve("refused.csv");
      Cli outsider = Cli.run("inputs", "--server", url, "--token", acme, "-p", "p_nosuch", "-o", refused);
      assertThat(outsider.exit()).isEqualTo(2);
      assertThat(outsider.err()).contains("the server refused (40");
      assertThat(refused).doesNotExist();
      try (var files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
      }
      Cli nowhere = Cli.run("inputs", "--server", url, "--token", acme, "-p", project, "-o", dir.resolve("no/such/folder/inputs.csv"));
      assertThat(nowhere.exit()).isEqualTo(2);
      assertThat(nowhere.err()).contains("--mkdirs");

      String a = submit(url, acme, project, churn.resolve("vendor-a.csv"));
      String a2 = submit(url, acme, project, nearPerfect(churn, dir.resolve("acme-v2.csv"), 0.99));
      String b = submit(url, globex, project, churn.resolve("vendor-b.csv"));
      String b2 = submit(url, globex, project, nearPerfect(churn, dir.resolve("globex-v2.csv"), 0.98));

      Cli all = ok(Cli.run("submissions", "--server", url, "--token", owner, "-p", project));
      assertThat(all.out()).contains(a, a2, b, b2, "acme", "globex", "ACCEPTED", "private verdict").containsPattern(b + ".*globex.*(REJECTED|INCONCLUSIVE)");
      Cli mine = ok(Cli.run("submissions", "--server", url, "--token", acme, "-p", project));
      assertThat(mine.out()).contains(a, a2, "leaderboard").doesNotContain(b, "globex", "ACCEPTED", "INCONCLUSIVE", "REJECTED");

      // A submission's report from the server, as text and as HTML; the local form still renders a file.
      Path html = dir.resolve("a2.html");
      Cli report = ok(Cli.run("report", "--server", url, "--token", owner, "-p", project, "-s", a2, "--html", html));
      assertThat(report.out()).contains("churn-acceptance", "Verdict: ACCEPTED", "roc_auc");
      assertThat(Files.readString(html)).contains("<svg", "ACCEPTED");
      Cli whole = ok(Cli.run("report", "--server", url, "--token", owner, "-p", project, "-s", a, "--part", "all"));
      assertThat(whole.out()).contains("20,000 rows evaluated");
      Cli neither = Cli.run("report");
      assertThat(neither.exit()).isEqualTo(2);
      assertThat(neither.err()).contains("give a REPORT file to render, or -p PROJECT -s SUBMISSION");
      Cli vendorAsks = Cli.run("report", "--server", url, "--token", acme, "-p", project, "-s", a);
      assertThat(vendorAsks.exit()).isEqualTo(2);
      assertThat(vendorAsks.err()).contains("(403)");

      // Compare on the hidden rows; the exit code follows the local compare's rule.
      Path compared = dir.resolve("compare.json");
      Cli compare = Cli.run("compare", "--server", url, "--token", owner, "-p", project, a, b, "--json", compared);
      assertThat(compare.out()).contains("acme/" + a, "globex/" + b);
      JsonNode ranking = new ObjectMapper().readTree(compared.toFile()).path("ranking");
      List<String> verdicts = new ArrayList<>();
      ranking.forEach(r -> verdicts.add(r.path("verdict").asText()));
      assertThat(verdicts).hasSize(2);
      int expected = verdicts.contains("ACCEPTED") ? 0 : verdicts.get(0).equals("INCONCLUSIVE") ? 3 : 1;
      assertThat(compare.exit()).as(compare.err() + verdicts).isEqualTo(expected);
      Cli three = Cli.run("compare", "--server", url, "--token", owner, "-p", project, a, a2, b);
      assertThat(three.exit()).as(three.err()).isZero();
      Cli mixed = Cli.run("compare", "-p", project, "-p", "other", a, b);
      assertThat(mixed.exit()).isEqualTo(2);
      assertThat(mixed.err()).contains("-p is the project: give it once");

      // The champion: a refused promotion prints its evidence and exits 1; two promotions and a rollback.
      assertThat(ok(Cli.run("champion", "show", "--server", url, "--token", owner, "-p", project)).out()).contains("champion: none yet");
      Cli refusedPromotion = Cli.run("champion", "promote", "--server", url, "--token", owner, "-p", project, b);
      assertThat(refusedPromotion.exit()).isEqualTo(1);
      assertThat(refusedPromotion.err()).contains("the server refused (409)", "only an accepted submission", "criteria on the private part", "region-gap");
      assertThat(ok(Cli.run("champion", "promote", "--server", url, "--token", owner, "-p", project, a2)).out()).contains("promoted " + a2);
      Cli second = ok(Cli.run("champion", "promote", "--server", url, "--token", owner, "-p", project, b2));
      assertThat(second.out()).contains("promoted " + b2, "against champion " + a2 + " (PASS)", "challenger minus champion 0.0000, interval [0.0000, 0.0000]");
      Cli rolled = ok(Cli.run("champion", "rollback", "--server", url, "--token", owner, "-p", project));
      assertThat(rolled.out()).contains("rolled back", "champion: " + a2 + " (acme-v2.csv) by acme, private verdict ACCEPTED");
      Cli again = Cli.run("champion", "rollback", "--server", url, "--token", owner, "-p", project);
      assertThat(again.exit()).isEqualTo(2);
      assertThat(again.err()).contains("(409)", "no previous champion");

      // The audit log, checked.
      Cli log = ok(Cli.run("log", "--server", url, "--token", owner, "-p", project));
      assertThat(log.out()).contains("champion.promoted", "champion.rolled_back", "submission.uploaded", "audit log intact").doesNotContain("owner.created");
      String checkpoint = Cli.run("admin", "checkpoint", "--data-dir", dir.resolve("data")).out().strip();
      assertThat(ok(Cli.run("log", "--server", url, "--token", owner, "--checkpoint", checkpoint)).out()).contains("owner.created", "and so does the checkpoint");
      Cli vendorLog = Cli.run("log", "--server", url, "--token", acme);
      assertThat(vendorLog.exit()).isEqualTo(2);
      assertThat(vendorLog.err()).contains("(403)");
    }
  }

  @Test
  void serve_refuses_a_session_length_it_cannot_use() {
    Cli zero = Cli.run("serve", "--data-dir", dir.resolve("data"), "--session-hours", "0");
    assertThat(zero.exit()).isEqualTo(2);
    assertThat(zero.err()).contains("--session-hours: expected more than 0 and at most 720, found 0.0");
    assertThat(dir.resolve("data")).doesNotExist();
  }

  private static Cli ok(Cli c) {
    assertThat(c.exit()).as(c.out() + c.err()).isZero();
    return c;
  }

  private static String submit(String url, String token, String project, Path file) {
    Cli c = ok(Cli.run("submit", "--server", url, "--token", token, "-p", project, file, "--wait"));
    Matcher m = ID.matcher(c.out());
    assertThat(m.find()).as(c.out()).isTrue();
    return m.group(1);
  }

  /** Predictions made from the labels ({@code p} for a churner, {@code 1 - p} otherwise): accepted on any split of the private part. */
  static Path nearPerfect(Path churn, Path to, double p) throws IOException {
    List<String> out = new ArrayList<>(List.of("customer_id,p_churn"));
    List<String> rows = Files.readAllLines(churn.resolve("eval.csv"));
    for (String row : rows.subList(1, rows.size())) {
      out.add(row.substring(0, row.indexOf(',')) + "," + (row.endsWith(",1") ? p : Math.round((1 - p) * 100) / 100.0));
    }
    Files.write(to, out);
    return to;
  }
}
