package dev.holdout.cli;

import static dev.holdout.cli.Cli.example;
import static dev.holdout.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {
  @TempDir Path dir;

  @Test
  void compare_ranks_the_submissions_and_prints_their_paired_difference() throws Exception {
    Path json = dir.resolve("compare.json");
    Cli r = run("compare", example("churn/suite.yaml"), "-p", example("churn/vendor-b.csv"), "-p", example("churn/vendor-a.csv"),
        "--json", json);
    assertThat(r.exit()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).startsWith("Holdout · churn-acceptance · 2 submissions ranked by roc_auc\n");
    String[] lines = r.out().split("\n");
    int header = indexOfLineStartingWith(lines, "  rank");
    assertThat(lines[header + 1]).startsWith("  1    vendor-a ").endsWith("ACCEPTED");
    assertThat(lines[header + 2]).startsWith("  2    vendor-b ").endsWith("REJECTED");
    assertThat(r.out()).contains("Paired differences (row by row on the same 20,000 rows;");
    String pair = lines[indexOfLineStartingWith(lines, "  vendor-a")];
    assertThat(pair).matches("  vendor-a +- vendor-b +[+-]\\d\\.\\d{4} \\[[+-]\\d\\.\\d{4}, [+-]\\d\\.\\d{4}\\]  p = \\d\\.\\d+  \\(.*\\)");

    JsonNode j = new ObjectMapper().readTree(json.toFile());
    assertThat(j.path("schema").asText()).isEqualTo("holdout.compare/v1");
    assertThat(j.path("primary_metric").asText()).isEqualTo("roc_auc");
    assertThat(j.path("ranking").get(0).path("name").asText()).isEqualTo("vendor-a");
    assertThat(j.path("ranking").get(0).path("rank").asInt()).isEqualTo(1);
    assertThat(j.path("pairs")).hasSize(1);
    assertThat(j.path("pairs").get(0).path("a").asText()).isEqualTo("vendor-a");
    assertThat(j.path("pairs").get(0).path("b").asText()).isEqualTo("vendor-b");
    assertThat(j.path("pairs").get(0).path("rows").asLong()).isEqualTo(20_000);
    assertThat(j.path("pairs").get(0).path("difference").path("value").asDouble()).isPositive();
    assertThat(j.path("reports")).hasSize(2);
  }

  @Test
  void compare_needs_two_submissions_and_existing_files() {
    Cli one = run("compare", example("churn/suite.yaml"), "-p", example("churn/vendor-a.csv"));
    assertThat(one.exit()).isEqualTo(2);
    assertThat(one.err()).isEqualTo("holdout: compare needs at least two --predictions files; for one, use 'holdout evaluate'\n");
    Path missing = dir.resolve("vendor-c.csv");
    Cli absent = run("compare", example("churn/suite.yaml"), "-p", example("churn/vendor-a.csv"), "-p", missing);
    assertThat(absent.exit()).isEqualTo(2);
    assertThat(absent.err()).isEqualTo("holdout: " + missing + ": predictions file not found; check the path given to --predictions\n");
    Path a = example("churn/vendor-a.csv");
    Path again = example("churn/../churn/vendor-a.csv");
    Cli twice = run("compare", example("churn/suite.yaml"), "-p", a, "-p", again);
    assertThat(twice.exit()).isEqualTo(2);
    assertThat(twice.err()).isEqualTo("holdout: --predictions: " + again + " is the same file as " + a
        + "; compare needs two or more different submissions\n");
    Cli none = run("compare", example("churn/suite.yaml"));
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).startsWith("Missing required option: '--predictions=FILE'");
  }

  @Test
  void a_report_over_a_predictions_file_is_refused_and_the_file_kept() throws Exception {
    Path a = Files.copy(example("churn/vendor-a.csv"), dir.resolve("vendor-a.csv"));
    Path b = Files.copy(example("churn/vendor-b.csv"), dir.resolve("vendor-b.csv"));
    Cli r = run("compare", example("churn/suite.yaml"), "-p", a, "-p", b, "--json", b);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("holdout: --json " + b + " is a predictions file, which this command reads; give the output its own file\n");
    assertThat(b).hasSameTextualContentAs(example("churn/vendor-b.csv"));
  }

  private static int indexOfLineStartingWith(String[] lines, String prefix) {
    for (int i = 0; i < lines.length; i++) if (lines[i].startsWith(prefix)) return i;
    throw new AssertionError("no line starts with '" + prefix + "' in:\n" + String.join("\n", lines));
  }
}
