package dev.holdout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The suite's problem sentence heads every terminal and HTML output that has a suite. */
class ProblemLineCommandTest {
  @TempDir Path dir;

  private static final String CHURN = "Predict which subscribers cancel within 30 days so the retention team calls the right ones.";

  @Test
  void drift_with_a_suite_is_headed_by_its_name_and_problem_in_text_and_html() throws IOException {
    Path d = Cli.example("drift");
    Path html = dir.resolve("d.html");
    Cli r = Cli.run("drift", "-r", d.resolve("reference.csv"), "-c", d.resolve("current.csv"), "-s", d.resolve("suite.yaml"), "--html", html);
    String problem = "Predict which subscribers cancel within 30 days so retention calls reach the right 5%.";
    assertThat(r.out()).startsWith("Suite churn-drift\n" + problem + "\n\nDrift: reference");
    String page = Files.readString(html);
    assertThat(page).contains("<h1>churn-drift</h1>", "<p class=\"problem\">" + problem + "</p>");
    assertThat(page).contains("current.csv against reference.csv");
    Cli plain = Cli.run("drift", "-r", d.resolve("reference.csv"), "-c", d.resolve("current.csv"), "--exclude", "customer_id,churned");
    assertThat(plain.out()).as(plain.err()).startsWith("Drift: reference");
  }

  @Test
  void monitor_gives_the_problem_in_text_json_and_html() throws IOException {
    Path m = Cli.example("monitor");
    Path html = dir.resolve("m.html");
    Path json = dir.resolve("m.json");
    Cli r = Cli.run("monitor", m.resolve("log.csv"), "--reference", m.resolve("reference.csv"), "--suite", m.resolve("suite.yaml"),
        "--window", "week", "--html", html, "--json", json);
    String problem = "Predict which subscribers cancel within 30 days so retention calls reach the right ones.";
    assertThat(r.out().lines().skip(1).findFirst()).contains(problem);
    assertThat(Files.readString(html)).contains("<p class=\"problem\">" + problem + "</p>");
    assertThat(Files.readString(json)).contains("\"problem\" : \"" + problem + "\"");
  }

  @Test
  void audit_and_handover_given_a_suite_are_headed_by_its_problem() throws IOException {
    Path html = dir.resolve("a.html");
    Path churn = Cli.example("churn");
    Cli a = Cli.run("audit", churn.resolve("eval.csv"), "--suite", churn.resolve("suite.yaml"), "--html", html);
    assertThat(a.out()).startsWith("Suite churn-acceptance\n" + CHURN + "\n\n").as(a.err());
    assertThat(Files.readString(html)).contains("<p class=\"problem\">" + CHURN + "</p>");
    Cli plain = Cli.run("audit", churn.resolve("eval.csv"), "--id", "customer_id");
    assertThat(plain.out()).startsWith("Audit of ");

    Path h = Cli.example("handover");
    Cli v = Cli.run("handover", "verify", h, "--suite", h.resolve("eval").resolve("suite.yaml"));
    assertThat(v.out()).startsWith("Suite churn-handover\nReproduce the vendor's churn figures on the evaluation set it handed over.\n\n"
        + "Holdout handover check · bundle handover from Acme Analytics");
  }
}
