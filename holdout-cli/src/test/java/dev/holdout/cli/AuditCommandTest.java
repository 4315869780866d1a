package dev.holdout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {
  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    return Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
  }

  @Test
  void a_clean_file_is_ready_and_exits_0_with_json_written() throws Exception {
    Path data = dir.resolve("eval.csv");
    StringBuilder sb = new StringBuilder("id,x,y\n");
    for (int i = 0; i < 200; i++) sb.append(i).append(',').append(i % 7).append(',').append(i % 2).append('\n');
    Files.writeString(data, sb);
    Path json = dir.resolve("audit.json");
    assertThat(run("audit", data.toString(), "--id", "id", "--label", "y", "--json", json.toString())).isZero();
    assertThat(out.toString()).contains("Verdict: READY");
    assertThat(Files.readString(json)).contains("\"schema\" : \"holdout.audit/v1\"").contains("\"finding_counts\"");
  }

  @Test
  void a_semicolon_separated_file_is_refused_with_advice_and_exits_2_as_evaluate_does() throws Exception {
    Path data = Files.writeString(dir.resolve("eval.csv"), "id;x;y\n1;0,5;1\n2;0,7;0\n");
    assertThat(run("audit", data.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("eval.csv: the header is one column 'id;x;y', so the file seems to be separated by ';'")
        .contains("export it with commas as .csv");
    assertThat(out.toString()).doesNotContain("READY");
  }

  @Test
  void a_leaking_column_makes_it_not_ready_and_exits_1() throws Exception {
    Path data = dir.resolve("eval.csv");
    StringBuilder sb = new StringBuilder("id,x,outcome_copy,y\n");
    for (int i = 0; i < 200; i++) sb.append(i).append(',').append(i % 7).append(',').append(i % 2 == 0 ? "no" : "yes").append(',').append(i % 2).append('\n');
    Files.writeString(data, sb);
    assertThat(run("audit", data.toString(), "--id", "id", "--label", "y")).isEqualTo(1);
    assertThat(out.toString()).contains("BLOCKER").contains("outcome_copy").contains("Verdict: NOT READY");
  }

  @Test
  void the_html_page_shows_the_verdict_and_every_finding() throws Exception {
    Path data = dir.resolve("eval.csv");
    StringBuilder sb = new StringBuilder("id,x,outcome_copy,y\n");
    for (int i = 0; i < 200; i++) sb.append(i).append(',').append(i % 7).append(',').append(i % 2 == 0 ? "no" : "yes").append(',').append(i % 2).append('\n');
    Files.writeString(data, sb);
    Path html = dir.resolve("audit.html");
    Path json = dir.resolve("audit.json");
    assertThat(run("audit", data.toString(), "--id", "id", "--label", "y", "--html", html.toString(), "--json", json.toString())).isEqualTo(1);
    String page = Files.readString(html);
    assertThat(page).contains("data-verdict=\"NOT_READY\"").contains("NOT READY").contains("outcome_copy").doesNotContain("<script");
    var findings = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile()).path("findings");
    assertThat(findings.size()).isPositive();
    int rows = page.split("<tr data-severity=", -1).length - 1;
    assertThat(rows).isEqualTo(findings.size());
  }

  @Test
  void bad_input_exits_2_naming_the_file_and_line_and_writes_nothing() throws Exception {
    Path data = dir.resolve("eval.csv");
    Files.writeString(data, "id,x,y\n1,2,0\n2,3,1,9\n");
    Path json = dir.resolve("audit.json");
    assertThat(run("audit", data.toString(), "--id", "id", "--label", "y", "--json", json.toString())).isEqualTo(2);
    assertThat(err.toString()).contains(data.toString() + " line 3");
    assertThat(json).doesNotExist();
    assertThat(dir.toFile().list()).containsExactly("eval.csv");
  }

  @Test
  void a_report_over_the_audited_file_is_refused_and_the_file_kept() throws Exception {
    Path data = dir.resolve("eval.csv");
    Files.writeString(data, "id,x,y\n1,2,0\n2,3,1\n");
    assertThat(run("audit", data.toString(), "--id", "id", "--label", "y", "--json", data.toString())).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("holdout: --json " + data + " is the evaluation set, which this command reads; give the output its own file\n");
    assertThat(data).hasContent("id,x,y\n1,2,0\n2,3,1");
  }

  @Test
  void an_unknown_label_column_exits_2_listing_the_columns() throws Exception {
    Path data = dir.resolve("eval.csv");
    Files.writeString(data, "id,x,y\n1,2,0\n");
    assertThat(run("audit", data.toString(), "--label", "label")).isEqualTo(2);
    assertThat(err.toString()).contains("no column 'label'").contains("[id, x, y]");
  }

  @Test
  void the_suite_supplies_id_label_and_slices() throws Exception {
    Path suite = Path.of("..", "examples", "churn", "suite.yaml");
    assertThat(run("audit", Path.of("..", "examples", "churn", "eval.csv").toString(), "--suite", suite.toString())).isZero();
    assertThat(out.toString()).contains("Task: binary_classification, label 'churned'");
  }
}
