package dev.holdout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorCommandTest {
  @TempDir Path dir;

  private static Path example(String file) {
    return Cli.example("monitor").resolve(file);
  }

  @Test
  void the_example_with_a_broken_week_exits_1_with_a_table_json_and_html() throws IOException {
    Path json = dir.resolve("monitor.json");
    Path html = dir.resolve("monitor.html");
    Cli r = Cli.run("monitor", example("log.csv"), "--reference", example("reference.csv"), "--suite", example("suite.yaml"),
        "--window", "week", "--outcomes", example("outcomes.csv"), "--json", json, "--html", html);
    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    assertThat(r.out()).contains("2026-W04", "DRIFT (2/5)", "est. roc_auc", "Alerts (5)", "auc FAIL on 4,900 labeled rows", "no concept drift",
        "data quality: ", "of monthly_charges is outside the reference's range", "retrain: realized ");
    assertThat(r.out()).containsPattern("2026-W07 +4,900 +0 +no \\(0/5\\) +- +0\\.8\\d+");
    JsonNode j = new ObjectMapper().readTree(json.toFile());
    assertThat(j.get("schema").asText()).isEqualTo("holdout.monitor/v1");
    assertThat(j.get("status").asText()).isEqualTo("ALERT");
    assertThat(j.get("windows")).hasSize(6);
    assertThat(j.get("windows").get(2).get("drift").get("schema").asText()).isEqualTo("holdout.drift/v1");
    assertThat(j.get("windows").get(2).get("metrics").get("roc_auc").get("ci")).hasSize(2);
    assertThat(j.get("windows").get(5).get("estimated").get("accuracy").get("ci")).hasSize(2);
    assertThat(j.get("alerts")).hasSize(5);
    String page = Files.readString(html);
    assertThat(page).startsWith("<!DOCTYPE html>").contains("id=\"chart-monitor-roc_auc\"", "id=\"chart-monitor-accuracy\"",
        "id=\"chart-monitor-drift-share\"", "id=\"chart-monitor-column-p_churn\"", "ALERT", "2026-W04").doesNotContain("<script");
  }

  @Test
  void two_quiet_weeks_exit_0_with_no_alerts() throws IOException {
    List<String> lines = Files.readAllLines(example("log.csv"));
    Path log = Files.write(dir.resolve("log.csv"), lines.subList(0, 1 + 2 * 4_900));
    Cli r = Cli.run("monitor", log, "--reference", example("reference.csv"), "--suite", example("suite.yaml"), "--window", "week");
    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    assertThat(r.out()).contains("No alerts.");
  }

  @Test
  void a_report_over_the_log_is_refused_and_the_log_kept() throws IOException {
    List<String> lines = Files.readAllLines(example("log.csv"));
    Path log = Files.write(dir.resolve("log.csv"), lines.subList(0, 100));
    Cli r = Cli.run("monitor", log, "--reference", example("reference.csv"), "--suite", example("suite.yaml"), "--window", "day",
        "--json", log);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("holdout: --json " + log + " is the prediction log, which this command reads; give the output its own file\n");
    assertThat(Files.readAllLines(log)).isEqualTo(lines.subList(0, 100));
  }

  @Test
  void bad_input_exits_2_with_one_line_and_writes_nothing() throws IOException {
    List<String> lines = Files.readAllLines(example("log.csv"));
    lines.set(7, lines.get(7).replace("2026-01-05T00:", "2026-13-05T00:"));
    Path log = Files.write(dir.resolve("log.csv"), lines.subList(0, 100));
    Path json = dir.resolve("monitor.json");
    Path html = dir.resolve("monitor.html");
    Cli r = Cli.run("monitor", log, "--reference", example("reference.csv"), "--suite", example("suite.yaml"), "--window", "day",
        "--json", json, "--html", html);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("log.csv line 8, column 'timestamp': expected a timestamp such as 2026-01-05").doesNotContain("Exception", "\tat ");
    assertThat(json).doesNotExist();
    assertThat(html).doesNotExist();
    assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactly("log.csv");

    Cli missing = Cli.run("monitor", dir.resolve("nope.csv"), "--reference", example("reference.csv"), "--suite", example("suite.yaml"),
        "--window", "day");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("nope.csv: file not found; check the path given to LOG");

    Cli time = Cli.run("monitor", log, "--reference", example("reference.csv"), "--suite", example("suite.yaml"), "--window", "day",
        "--time", "nope");
    assertThat(time.exit()).isEqualTo(2);
    assertThat(time.err()).isEqualTo("holdout: " + log + ": no column 'nope' (--time); the columns are [timestamp, customer_id, region, plan,"
        + " tenure_months, monthly_charges, support_tickets, p_churn, churned]\n");

    Cli window = Cli.run("monitor", log, "--reference", example("reference.csv"), "--suite", example("suite.yaml"), "--window", "fortnight");
    assertThat(window.exit()).isEqualTo(2);
    assertThat(window.err()).contains("--window 'fortnight': expected day, week, month or a row count such as 10000-rows");
  }
}
