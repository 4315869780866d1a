package dev.holdout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code holdout report} draws every JSON schema Holdout writes again: the same text the command printed, and its HTML page. */
class ReportRenderCommandTest {
  @TempDir Path dir;

  private void sameAgain(Cli first, Path json, String title) throws IOException {
    assertThat(first.exit()).as(first.err()).isIn(0, 1);
    Path html = dir.resolve(json.getFileName() + ".html");
    Cli again = Cli.run("report", json, "--html", html);
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.out()).isEqualTo(first.out());
    assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains(title);
  }

  @Test
  void drift_monitor_audit_and_handover_reports_render_again() throws IOException {
    Path d = Cli.example("drift");
    Path drift = dir.resolve("drift.json");
    sameAgain(Cli.run("drift", "-r", d.resolve("reference.csv"), "-c", d.resolve("current.csv"), "--exclude", "customer_id,churned", "--json", drift),
        drift, "Holdout drift report");
    Path m = Cli.example("monitor");
    Path monitor = dir.resolve("monitor.json");
    sameAgain(Cli.run("monitor", m.resolve("log.csv"), "-r", m.resolve("reference.csv"), "-s", m.resolve("suite.yaml"), "-w", "week", "--json", monitor),
        monitor, "Holdout monitor");
    Path a = Cli.example("audit");
    Path audit = dir.resolve("audit.json");
    sameAgain(Cli.run("audit", a.resolve("eval.csv"), "--train", a.resolve("train.csv"), "--id", "customer_id", "--json", audit),
        audit, "Holdout data readiness audit");
    Path handover = dir.resolve("handover.json");
    sameAgain(Cli.run("handover", "verify", Cli.example("handover"), "--json", handover), handover, "Holdout handover verification");
  }

  @Test
  void an_evaluation_renders_to_text_html_and_junit_and_junit_is_refused_for_other_schemas() throws IOException {
    Path json = dir.resolve("r.json");
    Cli first = Cli.run("evaluate", Cli.tinySuite(dir), "-p", Cli.perfect(dir), "--json", json);
    Path junit = dir.resolve("r.xml");
    Cli again = Cli.run("report", json, "--junit", junit);
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.out()).isEqualTo(first.out());
    assertThat(Files.readString(junit)).contains("<testcase");

    Path d = Cli.example("drift");
    Path drift = dir.resolve("drift.json");
    Cli.run("drift", "-r", d.resolve("reference.csv"), "-c", d.resolve("current.csv"), "--exclude", "customer_id,churned", "--json", drift);
    Cli refused = Cli.run("report", drift, "--junit", dir.resolve("d.xml"));
    assertThat(refused.exit()).isEqualTo(2);
    assertThat(refused.err()).contains("is not a holdout.report/v1 report");
    assertThat(dir.resolve("d.xml")).doesNotExist();
  }
}
