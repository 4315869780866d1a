package dev.holdout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftCommandTest {
  @TempDir Path dir;

  private static Path example(String file) {
    return Cli.example("drift").resolve(file);
  }

  @Test
  void the_example_with_a_planted_shift_exits_1_with_a_table_and_a_json_report() throws IOException {
    Path json = dir.resolve("drift.json");
    Cli r = Cli.run("drift", "--reference", example("reference.csv"), "--current", example("current.csv"),
        "--suite", example("suite.yaml"), "--json", json);
    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    assertThat(r.out()).contains("monthly_charges", "wasserstein", "Domain classifier: roc_auc", "Verdict: DRIFT");
    assertThat(r.out()).containsPattern("tenure_months +feature +numeric +psi .* no\\n");
    JsonNode j = new ObjectMapper().readTree(json.toFile());
    assertThat(j.get("schema").asText()).isEqualTo("holdout.drift/v1");
    assertThat(j.get("verdict").asText()).isEqualTo("DRIFT");
    assertThat(j.get("columns")).anySatisfy(c -> {
      assertThat(c.get("column").asText()).isEqualTo("p_churn");
      assertThat(c.get("role").asText()).isEqualTo("prediction");
      assertThat(c.get("drifted").asBoolean()).isTrue();
      assertThat(c.get("computed").asText()).isEqualTo("exact");  // 5,000 rows: below the sketch limit
      assertThat(c.get("ks_statistic").asDouble()).isBetween(0.0, 1.0);
    });
    assertThat(j.get("domain_classifier").get("roc_auc").asDouble()).isGreaterThan(0.6);
  }

  @Test
  void the_reference_against_itself_exits_0() {
    Cli r = Cli.run("drift", "--reference", example("reference.csv"), "--current", example("reference.csv"), "--exclude", "customer_id");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("Verdict: NO DRIFT");
  }

  @Test
  void an_unparseable_value_exits_2_naming_the_file_line_and_column_and_writes_no_report() throws IOException {
    Path ref = Files.writeString(dir.resolve("ref.csv"), "age,city\n30,paris\n41,lyon\n");
    Path cur = Files.writeString(dir.resolve("cur.csv"), "age,city\n33,paris\nforty,lyon\n");
    Path json = dir.resolve("out.json");
    Cli r = Cli.run("drift", "--reference", ref, "--current", cur, "--json", json);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("cur.csv line 3, column 'age': expected a number, found 'forty'").doesNotContain("Exception");
    assertThat(json).doesNotExist();
  }

  @Test
  void excluding_a_column_neither_window_has_exits_2_with_the_likely_name() throws IOException {
    Path ref = Files.writeString(dir.resolve("ref.csv"), "customer_id,age\nc1,30\nc2,41\n");
    Path cur = Files.writeString(dir.resolve("cur.csv"), "customer_id,age\nc3,33\nc4,40\n");
    Path json = dir.resolve("out.json");
    Cli r = Cli.run("drift", "--reference", ref, "--current", cur, "--exclude", "custmer_id", "--json", json);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--exclude: no column 'custmer_id'", "customer_id").doesNotContain("Exception");
    assertThat(json).doesNotExist();
    assertThat(Cli.run("drift", "--reference", ref, "--current", cur, "--exclude", "customer_id", "--no-classifier").exit()).isZero();
  }

  @Test
  void a_report_over_an_input_window_is_refused_and_the_window_kept() throws IOException {
    Path ref = Files.writeString(dir.resolve("ref.csv"), "age,city\n30,paris\n41,lyon\n");
    Path cur = Files.writeString(dir.resolve("cur.csv"), "age,city\n33,paris\n40,lyon\n");
    Cli r = Cli.run("drift", "--reference", ref, "--current", cur, "--html", cur);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("holdout: --html " + cur + " is the current window (--current), which this command reads; give the output its own file\n");
    assertThat(cur).hasContent("age,city\n33,paris\n40,lyon");
  }

  @Test
  void a_column_missing_on_one_side_exits_2() throws IOException {
    Path ref = Files.writeString(dir.resolve("ref.csv"), "age,city\n30,paris\n");
    Path cur = Files.writeString(dir.resolve("cur.csv"), "age\n33\n");
    Cli r = Cli.run("drift", "--reference", ref, "--current", cur);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("cur.csv: no column 'city'");
  }

  @Test
  void a_missing_file_exits_2() {
    Cli r = Cli.run("drift", "--reference", dir.resolve("nope.csv"), "--current", dir.resolve("nope.csv"));
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("nope.csv: file not found");
  }

  @Test
  void html_and_slices_show_each_column_against_its_threshold_and_each_plan_on_its_own() throws IOException {
    Path json = dir.resolve("drift.json");
    Path html = dir.resolve("drift.html");
    Cli r = Cli.run("drift", "--reference", example("reference.csv"), "--current", example("current.csv"),
        "--suite", example("suite.yaml"), "--no-classifier", "--json", json, "--html", html);
    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    assertThat(r.out()).contains("Slice plan (each group's rows in both windows)").containsPattern("basic .* DRIFT .*monthly_charges");
    JsonNode j = new ObjectMapper().readTree(json.toFile());
    assertThat(j.get("slices").get("plan").fieldNames()).toIterable().containsExactly("basic", "premium", "standard");
    assertThat(j.get("slices").get("plan").get("premium").get("drifted_columns").toString()).contains("monthly_charges");
    String page = Files.readString(html);
    assertThat(page).startsWith("<!DOCTYPE html>").contains("id=\"chart-drift-columns\"", "monthly_charges", "id=\"slices\"", "data-group=\"premium\"")
        .doesNotContain("<script");
  }
}
