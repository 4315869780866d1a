package dev.holdout.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdout.base.HoldoutException;
import dev.holdout.verdict.Criterion;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoringSectionsTest {
  static final String HEAD = """
      suite: holdout.suite/v1
      name: s
      problem: P.
      task: binary_classification
      data: {path: eval.csv, id: id, label: y}
      predictions: {score: p}
      """;

  static Suite parse(String extra) {
    return SuiteParser.parse("suite.yaml", HEAD + extra, Path.of("/tmp"));
  }

  @Test
  void without_the_sections_the_documented_defaults_hold() {
    Suite s = parse("");
    assertThat(s.scoring()).isEqualTo(Suite.Scoring.DEFAULT);
    assertThat(s.scoring().model().batchSize()).isEqualTo(1024);
    assertThat(s.scoring().endpoint().request()).isEqualTo("{\"rows\": $rows}");
    assertThat(s.scoring().endpoint().response()).isEqualTo("predictions");
    assertThat(s.scoring().endpoint().retries()).isEqualTo(2);
  }

  @Test
  void full_model_and_endpoint_sections_are_read() {
    Suite s = parse("""
        model:
          inputs:
            - {name: features, columns: [a, b], type: float}
            - {name: extra, columns: [c], type: int64}
          output: probability
          classes: ["0", "1"]
          batch_size: 64
        endpoint:
          request: '{"instances": $rows}'
          response: out.scores
          field: p
          columns: [a, b]
          batch_size: 10
          concurrency: 3
          timeout_ms: 500
          retries: 4
          backoff_ms: 50
          price_per_call: 0.002
          headers: {Authorization: Bearer x}
        """);
    Suite.Model m = s.scoring().model();
    assertThat(m.inputs()).extracting(Suite.ModelInput::name).containsExactly("features", "extra");
    assertThat(m.inputs().get(1).columns()).containsExactly("c");
    assertThat(m.inputs().get(1).type()).isEqualTo("int64");
    assertThat(m.inputs().get(0).line()).isEqualTo(9);
    assertThat(m.output()).isEqualTo("probability");
    assertThat(m.classes()).containsExactly("0", "1");
    assertThat(m.batchSize()).isEqualTo(64);
    Suite.Endpoint e = s.scoring().endpoint();
    assertThat(e).isEqualTo(new Suite.Endpoint("{\"instances\": $rows}", "out.scores", "p", List.of("a", "b"), 10, 3, 500, 4, 50, 0.002,
        Map.of("Authorization", "Bearer x")));
  }

  @Test
  void mistakes_in_the_sections_name_the_line_and_the_fix() {
    assertThatThrownBy(() -> parse("endpoint:\n  concurency: 3\n")).isInstanceOf(HoldoutException.BadSuite.class)
        .hasMessage("suite.yaml line 8, endpoint.concurency: unknown key 'concurency'; did you mean 'concurrency'? (allowed here: request, response, field, "
            + "columns, batch_size, concurrency, timeout_ms, retries, backoff_ms, price_per_call, headers)");
    assertThatThrownBy(() -> parse("endpoint: {request: '{\"x\": 1}'}\n")).hasMessageContaining("line 7, endpoint.request: the request template needs '$rows'");
    assertThatThrownBy(() -> parse("endpoint: {concurrency: 0}\n")).hasMessageContaining("endpoint.concurrency: expected a whole number from 1 to 256, found 0");
    assertThatThrownBy(() -> parse("model:\n  inputs:\n    - {columns: [a]}\n    - {columns: [b]}\n"))
        .hasMessageContaining("line 9, model.inputs[0]: with several inputs, give each its 'name'");
    assertThatThrownBy(() -> parse("model:\n  inputs:\n    - {name: x, type: float32}\n"))
        .hasMessageContaining("model.inputs[0].type: expected one of [float, double, int64], found 'float32'; did you mean 'float'?");
  }

  @Test
  void serving_criteria_take_max_only_and_are_judged_on_the_measured_value() {
    Suite s = parse("criteria:\n  - {metric: latency_p95_ms, max: 200}\n  - {metric: error_rate, max: 0.01, at: point}\n  - {metric: cost_per_1000, max: 0.5}\n");
    assertThat(s.criteria()).extracting(Criterion::metric).containsExactly("latency_p95_ms", "error_rate", "cost_per_1000");
    assertThat(s.criteria()).allSatisfy(c -> {
      assertThat(c.kind()).isEqualTo(Criterion.Kind.MAX);
      assertThat(c.atPoint()).isTrue();
    });
    assertThatThrownBy(() -> parse("criteria:\n  - {metric: latency_p95_ms, min: 200}\n"))
        .hasMessageContaining("criteria[0].min: latency_p95_ms is better when lower, so bound it with max");
    assertThatThrownBy(() -> parse("criteria:\n  - {metric: error_rate, max: 0.1, at: ci}\n"))
        .hasMessageContaining("error_rate is measured, not resampled");
    assertThatThrownBy(() -> parse("criteria:\n  - {metric: error_rate, max_gap: 0.1, slice: region}\n"))
        .hasMessageContaining("error_rate is measured once for the whole run");
    assertThatThrownBy(() -> parse("criteria:\n  - {metric: latency_p95, max: 200}\n"))
        .hasMessageContaining("unknown metric 'latency_p95'; did you mean 'latency_p95_ms'?");
  }
}
