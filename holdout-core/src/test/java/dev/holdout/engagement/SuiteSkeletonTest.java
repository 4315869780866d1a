package dev.holdout.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdout.base.HoldoutException;
import dev.holdout.metric.Task;
import dev.holdout.suite.Suite;
import dev.holdout.suite.SuiteParser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteSkeletonTest {
  @TempDir Path dir;

  @Test
  void every_task_init_writes_parses_and_keeps_its_framing() {
    for (Task t : List.of(Task.BINARY_CLASSIFICATION, Task.MULTICLASS_CLASSIFICATION, Task.REGRESSION, Task.TEXT_GENERATION, Task.RETRIEVAL)) {
      String yaml = SuiteSkeleton.yaml(new SuiteSkeleton.Answers("x", "Decide \"this\" well.", t, "the decision", "the KPI", "unbounded", false, null));
      Suite s = SuiteParser.parse("suite.yaml", yaml, dir);
      assertThat(s.task()).isEqualTo(t);
      assertThat(s.problem()).isEqualTo("Decide \"this\" well.");
      Framing f = SuiteEngagement.of("suite.yaml", yaml).framing();
      assertThat(f.decision()).isEqualTo("the decision");
      assertThat(f.labels()).isFalse();
      assertThat(f.concerns()).hasSize(3);
    }
  }

  @Test
  void forecasting_and_multilabel_are_pointed_to_the_examples() {
    assertThatThrownBy(() -> SuiteSkeleton.yaml(new SuiteSkeleton.Answers("x", "Forecast demand.", Task.FORECASTING, null, null, null, null, null)))
        .isInstanceOf(HoldoutException.class).hasMessageContaining("for forecasting start from an example in examples/");
  }

  @Test
  void a_problem_must_be_one_sentence() {
    assertThatThrownBy(() -> SuiteSkeleton.checkProblem("  ")).hasMessageStartingWith("the problem is required");
    assertThatThrownBy(() -> SuiteSkeleton.checkProblem("Predict churn. Call them.")).hasMessageContaining("more than one sentence");
    assertThatThrownBy(() -> SuiteSkeleton.checkProblem("a".repeat(301))).hasMessageContaining("301 characters");
    assertThat(SuiteSkeleton.checkProblem(" Predict churn within 30 days, e.g. for calls. ")).isEqualTo("Predict churn within 30 days, e.g. for calls.");
  }

  @Test
  void a_malformed_framing_names_the_line() {
    String yaml = "suite: holdout.suite/v1\nframing:\n  labels: maybe\n";
    assertThatThrownBy(() -> SuiteEngagement.of("s.yaml", yaml)).hasMessage("s.yaml line 3, framing.labels: expected yes or no, found 'maybe'");
    String annex = "suite: holdout.suite/v1\nframing:\n  annex: abc\n";
    assertThatThrownBy(() -> SuiteEngagement.of("s.yaml", annex)).hasMessageContaining("expected the annex's sha256 as 64 lowercase hex digits");
  }
}
