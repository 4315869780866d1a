package dev.holdout.cli;

import static dev.holdout.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {
  @TempDir Path dir;

  private Path suite() throws Exception {
    Files.writeString(dir.resolve("eval.csv"), "id,y\na,1\nb,0\nc,0\nd,0\n");
    return Files.writeString(dir.resolve("suite.yaml"), """
        suite: holdout.suite/v1
        name: tiny-plan
        problem: Decide before signing how many rows to label.
        task: binary_classification
        data: {path: eval.csv, id: id, label: y}
        predictions: {score: p}
        criteria:
          - id: auc
            metric: roc_auc
            min: 0.7
          - id: cal
            metric: ece
            max: 0.1
        bootstrap: {replicates: 100, seed: 2}
        """);
  }

  @Test
  void plan_prints_the_rows_each_criterion_needs_and_writes_the_json() throws Exception {
    Path json = dir.resolve("plan.json");
    Cli r = run("plan", suite(), "--expect", "roc_auc=0.8", "--simulations", "40", "--json", json);
    assertThat(r.err()).isEmpty();
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("Holdout plan · tiny-plan · 80% of evaluations decided\nDecide before signing how many rows to label.\n");
    assertThat(r.out()).contains("Population: positive rate 25% from eval.csv.\n");
    assertThat(r.out()).containsPattern("  auc  roc_auc >= 0\\.7 \\(95% CI lower end\\)\n      expected 0\\.8: [0-9,]+ rows needed; at that size \\d+(\\.\\d+)?% "
        + "of simulated evaluations decide it \\(PASS \\d+(\\.\\d+)?%, FAIL 0%\\)\n");
    assertThat(r.out()).contains("  cal  ece <= 0.1 (95% CI upper end)\n      not planned: no --expect for ece\n");
    assertThat(r.out()).containsPattern("The evaluation set needs about [0-9,]+ rows \\(eval\\.csv has 4\\)\\.\n$");
    JsonNode j = new ObjectMapper().readTree(json.toFile());
    assertThat(j.path("schema").asText()).isEqualTo("holdout.plan/v1");
    assertThat(j.path("power").asDouble()).isEqualTo(0.8);
    assertThat(j.path("unit").asText()).isEqualTo("rows");
    long needed = j.path("criteria").get(0).path("rows_needed").asLong();
    assertThat(needed).isBetween(50L, 5_000L);
    assertThat(j.path("rows_needed").asLong()).isEqualTo(needed);
    assertThat(j.path("criteria").get(1).path("not_planned").asText()).isEqualTo("no --expect for ece");
    assertThat(j.path("criteria").get(1).has("rows_needed")).isFalse();
    assertThat(j.path("population").path("positive_rate").asDouble()).isEqualTo(0.25);
    assertThat(j.path("simulation").path("evaluations").asInt()).isEqualTo(40);
    assertThat(j.path("simulation").path("replicates").asInt()).isEqualTo(100);
  }

  @Test
  void a_higher_power_asks_for_more_rows() throws Exception {
    Path low = dir.resolve("low.json");
    Path high = dir.resolve("high.json");
    assertThat(run("plan", suite(), "--expect", "roc_auc=0.8", "--simulations", "40", "--power", "0.5", "--json", low).exit()).isZero();
    assertThat(run("plan", suite(), "--expect", "roc_auc=0.8", "--simulations", "40", "--power", "0.95", "--json", high).exit()).isZero();
    ObjectMapper m = new ObjectMapper();
    assertThat(m.readTree(high.toFile()).path("rows_needed").asLong()).isGreaterThan(m.readTree(low.toFile()).path("rows_needed").asLong());
  }

  @Test
  void bad_expectations_and_options_exit_2_with_advice() throws Exception {
    Path s = suite();
    Cli typo = run("plan", s, "--expect", "roc_aoc=0.8");
    assertThat(typo.exit()).isEqualTo(2);
    assertThat(typo.err()).isEqualTo("holdout: --expect roc_aoc: no criterion of suite.yaml is on roc_aoc; did you mean 'roc_auc'? "
        + "(criteria are on: roc_auc, ece)\n");
    Cli power = run("plan", s, "--expect", "roc_auc=0.8", "--power", "1");
    assertThat(power.exit()).isEqualTo(2);
    assertThat(power.err()).isEqualTo("holdout: --power: expected a share above 0 and below 1 such as 0.8, found 1.0\n");
    Cli none = run("plan", s);
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).startsWith("Missing required option: '--expect=METRIC=VALUE'");
    Cli notNumber = run("plan", s, "--expect", "roc_auc=high");
    assertThat(notNumber.exit()).isEqualTo(2);
    Cli over = run("plan", s, "--expect", "roc_auc=0.8", "--json", s);
    assertThat(over.exit()).isEqualTo(2);
    assertThat(over.err()).contains("--json " + s + " is the suite");
  }
}
