package dev.holdout.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdout.base.HoldoutException;
import dev.holdout.suite.Suite;
import dev.holdout.suite.SuiteParser;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SuiteDriftSectionTest {
  private static final String HEAD = """
      suite: holdout.suite/v1
      name: d
      problem: Drift.
      task: binary_classification
      data: {path: eval.csv, id: id, label: y}
      predictions: {score: p}
      """;

  private static Suite parse(String drift) {
    return SuiteParser.parse("suite.yaml", HEAD + drift, Path.of("."));
  }

  @Test
  void a_suite_without_a_drift_section_keeps_the_defaults() {
    assertThat(parse("").drift()).isEqualTo(Suite.Drift.NONE);
  }

  @Test
  void the_drift_section_gives_methods_thresholds_share_and_classifier_bar() {
    Suite.Drift d = parse("""
        drift:
          columns:
            age: {method: psi, threshold: 0.2}
            city: {threshold: 0.05}
          share: 0.3
          classifier_auc: 0.6
        """).drift();
    assertThat(d.columns().get("age")).isEqualTo(new Suite.DriftColumn("psi", 0.2, 9));
    assertThat(d.columns().get("city").method()).isNull();
    assertThat(d.share()).isEqualTo(0.3);
    assertThat(d.classifierAuc()).isEqualTo(0.6);
  }

  @Test
  void an_unknown_method_names_the_line_and_key_path_and_suggests_one() {
    assertThatThrownBy(() -> parse("drift:\n  columns:\n    age: {method: wasserstien}\n"))
        .isInstanceOf(HoldoutException.BadSuite.class)
        .hasMessageContaining("suite.yaml line 9, drift.columns.age.method: unknown drift method 'wasserstien'; did you mean 'wasserstein'?");
  }

  @Test
  void an_unknown_key_in_the_drift_section_is_refused_with_a_suggestion() {
    assertThatThrownBy(() -> parse("drift:\n  shares: 0.5\n"))
        .isInstanceOf(HoldoutException.BadSuite.class)
        .hasMessageContaining("suite.yaml line 8, drift.shares: unknown key 'shares'; did you mean 'share'?");
  }

  @Test
  void a_share_outside_zero_to_one_is_refused() {
    assertThatThrownBy(() -> parse("drift:\n  share: 1.5\n")).hasMessageContaining("drift.share: expected a share");
  }
}
