package dev.holdout.handover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdout.base.HoldoutException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whether the delivered model runs on the delivered evaluation set, on {@link TinyBundle}. */
class ReproductionTest {
  @TempDir Path dir;
  BundlePaths paths;

  @BeforeEach
  void bundle() throws IOException {
    TinyBundle.write(dir);
    paths = new BundlePaths(dir);
  }

  Manifest.Reproduce reproduce(String predictions, String model) {
    return TinyBundle.reproduce(dir, predictions, model);
  }

  @Test
  void the_delivered_model_runs_and_gives_the_suite_and_its_predictions() throws IOException {
    Files.writeString(dir.resolve("pred.csv"), TinyBundle.PREDICTIONS);
    Reproduction.Result r = Reproduction.run(reproduce("pred.csv", "model.onnx"), paths, TinyBundle.RUNNER);
    assertThat(r.checks()).isEmpty();
    assertThat(r.suite().name()).isEqualTo("tiny");
    assertThat(r.scored().values()).containsExactly(TinyBundle.SCORES);
  }

  @Test
  void no_reproduce_section_fails_and_nothing_is_run() {
    Reproduction.Result r = Reproduction.run(null, paths, (s, m) -> {
      throw new AssertionError("must not run");
    });
    assertThat(r.scored()).isNull();
    assertThat(r.checks()).singleElement().satisfies(c -> {
      assertThat(c.status()).isEqualTo(Check.Status.FAIL);
      assertThat(c.item()).isEqualTo("reproduce");
    });
  }

  @Test
  void a_model_that_is_not_onnx_cannot_be_run_here() throws IOException {
    Files.writeString(dir.resolve("pred.csv"), "id,p\n");
    Files.writeString(dir.resolve("model.pkl"), "x");
    Reproduction.Result r = Reproduction.run(reproduce("pred.csv", "model.pkl"), paths, TinyBundle.RUNNER);
    assertThat(r.checks()).singleElement().satisfies(c -> assertThat(c.detail()).startsWith("Holdout runs ONNX models only"));
  }

  @Test
  void a_model_that_does_not_run_fails_with_the_runners_message() throws IOException {
    Files.writeString(dir.resolve("pred.csv"), "id,p\n");
    Reproduction.Result r = Reproduction.run(reproduce("pred.csv", "model.onnx"), paths, (s, m) -> {
      throw new HoldoutException.BadData("model.onnx: input 'x' has shape [3], the suite gives 1 column");
    });
    assertThat(r.checks()).singleElement().satisfies(c -> assertThat(c.detail())
        .isEqualTo("the delivered model does not run on the delivered evaluation set: model.onnx: input 'x' has shape [3], the suite gives 1 column"));
  }

  @Test
  void a_suite_whose_data_leads_out_of_the_bundle_is_refused_before_it_is_read() throws IOException {
    Files.writeString(dir.resolve("pred.csv"), "id,p\n");
    Files.writeString(dir.resolve("suite.yaml"), Files.readString(dir.resolve("suite.yaml")).replace("path: eval.csv", "path: ../eval.csv"));
    Files.writeString(dir.getParent().resolve("eval.csv"), "id,x,y\na,1,1\nb,2,0\n");
    assertThatThrownBy(() -> Reproduction.run(reproduce("pred.csv", "model.onnx"), paths, TinyBundle.RUNNER)).isInstanceOf(HoldoutException.BadData.class)
        .hasMessageContaining("data.path leads out of the bundle");
  }

}
