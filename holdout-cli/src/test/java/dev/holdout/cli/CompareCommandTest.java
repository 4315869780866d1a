package dev.holdout.cli;

import static dev.holdout.cli.Cli.example;
import static dev.holdout.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdout.base.Format;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
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
    assertThat(lines[header]).startsWith("  rank tier submission");
    assertThat(lines[header + 1]).startsWith("  1    1    vendor-a ").endsWith("ACCEPTED");
    assertThat(lines[header + 2]).startsWith("  2    2    vendor-b ").endsWith("REJECTED");
    assertThat(r.out()).contains("Paired differences (row by row on the same 20,000 rows) and two-sided paired tests (Holm-adjusted over 1 pair;");
    String pair = lines[indexOfLineStartingWith(lines, "  vendor-a", indexOfLineStartingWith(lines, "Paired differences"))];
    assertThat(pair).matches("  vendor-a +- vendor-b +[+-]\\d\\.\\d{4} \\[[+-]\\d\\.\\d{4}, [+-]\\d\\.\\d{4}\\]  DeLong p = \\S+, Holm p = \\S+  \\(real difference\\)");
    assertThat(r.out()).contains("  test: DeLong's test (DeLong, DeLong and Clarke-Pearson 1988; Sun and Xu's fast algorithm, 2014)\n");
    assertThat(r.out()).endsWith("Tiers (a tier's submissions cannot be told apart from its best): 1: vendor-a; 2: vendor-b\n");

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
    JsonNode test = j.path("pairs").get(0).path("test");
    assertThat(test.path("name").asText()).isEqualTo("delong");
    assertThat(test.path("statistic").asDouble()).isGreaterThan(3);
    assertThat(test.path("p_value").asDouble()).isLessThan(0.001);
    assertThat(test.path("p_holm").asDouble()).isEqualTo(test.path("p_value").asDouble());
    assertThat(test.path("different").asBoolean()).isTrue();
    assertThat(j.path("ranking").get(0).path("tier").asInt()).isEqualTo(1);
    assertThat(j.path("ranking").get(1).path("tier").asInt()).isEqualTo(2);
    assertThat(j.path("tiering").path("alpha").asDouble()).isEqualTo(0.05);
    assertThat(j.path("tiering").path("pairs").asInt()).isEqualTo(1);
    assertThat(j.path("tiering").path("adjust").asText()).isEqualTo("holm");

    // beside the ranking: each submission's cost per 1,000 decisions and its worst group per slice column
    int facts = indexOfLineStartingWith(lines, "  submission ");
    assertThat(lines[facts]).isEqualTo("  submission               cost/1,000   worst slice group on roc_auc");
    for (JsonNode report : j.path("reports")) {
      String name = report.path("submission").path("name").asText();
      String line = lines[indexOfLineStartingWith(lines, "  " + name + " ", facts)];
      StringBuilder worst = new StringBuilder();
      for (var column : (Iterable<Map.Entry<String, JsonNode>>) report.path("slices")::fields) {
        for (var group : (Iterable<Map.Entry<String, JsonNode>>) column.getValue()::fields) {
          if (group.getValue().path("worst_for").toString().contains("\"roc_auc\"")) {
            worst.append(worst.length() == 0 ? "" : ", ").append(column.getKey()).append('=').append(group.getKey()).append(' ')
                .append(Format.number(group.getValue().path("metrics").path("roc_auc").path("value").asDouble()));
          }
        }
      }
      assertThat(worst).as("the JSON names a worst group per slice column").contains("region=").contains("plan=");
      assertThat(line).isEqualTo(String.format(Locale.ROOT, "  %-24s %-12s %s", name,
          Format.money(report.path("costs").path("per1000").asDouble()), worst));
    }
  }

  @Test
  void accuracy_is_compared_by_mcnemars_exact_test_and_an_accepted_submission_exits_0() throws Exception {
    Path suite = accuracySuite(true);
    Path good = Files.writeString(dir.resolve("good.csv"), "id,p\na,0.9\nb,0.1\nc,0.8\nd,0.2\ne,0.7\nf,0.3\n");
    Path bad = Files.writeString(dir.resolve("bad.csv"), "id,p\na,0.1\nb,0.9\nc,0.2\nd,0.8\ne,0.3\nf,0.7\n");
    Path json = dir.resolve("c.json");
    Cli r = run("compare", suite, "-p", bad, "-p", good, "--json", json);
    assertThat(r.exit()).isZero();
    // 6 rows right only by 'good', none only by 'bad': exact two-sided p = 2 * 0.5^6 = 0.03125
    assertThat(r.out()).contains("  good                   - bad                    +1.0000");
    assertThat(r.out()).contains("McNemar exact p = 0.0313, Holm p = 0.0313  (real difference)");
    JsonNode test = new ObjectMapper().readTree(json.toFile()).path("pairs").get(0).path("test");
    assertThat(test.path("name").asText()).isEqualTo("mcnemar_exact");
    assertThat(test.path("p_value").asDouble()).isCloseTo(0.03125, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(test.path("detail").asText()).isEqualTo("6 rows right only by the first, 0 right only by the second");
  }

  @Test
  void compare_exits_1_when_no_submission_is_accepted_and_3_when_the_best_is_inconclusive() throws Exception {
    Path wrong = Files.writeString(dir.resolve("wrong.csv"), "id,p\na,0.1\nb,0.9\nc,0.2\nd,0.8\ne,0.3\nf,0.7\n");
    Path half = Files.writeString(dir.resolve("half.csv"), "id,p\na,0.9\nb,0.9\nc,0.2\nd,0.8\ne,0.3\nf,0.7\n");
    Cli rejected = run("compare", accuracySuite(true), "-p", wrong, "-p", half);
    assertThat(rejected.out()).contains("REJECTED").doesNotContain("ACCEPTED");
    assertThat(rejected.exit()).isEqualTo(1);
    // recall 2 of 3: on three positive rows the interval is far too wide to decide recall >= 0.5
    Path most = Files.writeString(dir.resolve("most.csv"), "id,p\na,0.9\nb,0.1\nc,0.8\nd,0.2\ne,0.3\nf,0.3\n");
    Cli inconclusive = run("compare", accuracySuite(false), "-p", wrong, "-p", most);
    String[] lines = inconclusive.out().split("\n");
    assertThat(lines[indexOfLineStartingWith(lines, "  1 ")]).contains("most").endsWith("INCONCLUSIVE");
    assertThat(inconclusive.exit()).isEqualTo(3);
  }

  /** Six rows, accuracy as the primary metric; a criterion recall >= 0.5 at the point, or on the interval (undecidable on six rows). */
  private Path accuracySuite(boolean atPoint) throws Exception {
    Files.writeString(dir.resolve("eval.csv"), "id,y\na,1\nb,0\nc,1\nd,0\ne,1\nf,0\n");
    return Files.writeString(dir.resolve("suite.yaml"), """
        suite: holdout.suite/v1
        name: tiny
        problem: Tiny binary problem.
        task: binary_classification
        data: {path: eval.csv, id: id, label: y}
        predictions: {score: p}
        primary_metric: accuracy
        criteria:
          - metric: recall
            min: 0.5
        """ + (atPoint ? "    at: point\n" : "") + "bootstrap: {replicates: 200, seed: 1}\n");
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
    return indexOfLineStartingWith(lines, prefix, 0);
  }

  private static int indexOfLineStartingWith(String[] lines, String prefix, int from) {
    for (int i = from; i < lines.length; i++) if (lines[i].startsWith(prefix)) return i;
    throw new AssertionError("no line starts with '" + prefix + "' in:\n" + String.join("\n", lines));
  }
}
