package dev.holdout.handover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdout.scoring.Scored;
import dev.holdout.suite.Suite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The delivered model's predictions against the vendor's delivered file, on {@link TinyBundle}. */
class PredictionMatchTest {
  @TempDir Path dir;
  Suite suite;
  Scored scored;

  @BeforeEach
  void bundle() throws IOException {
    suite = TinyBundle.suite(dir);
    scored = TinyBundle.RUNNER.run(suite, dir.resolve("model.onnx"));
  }

  @Test
  void delivered_predictions_equal_to_the_models_pass_and_one_off_by_more_than_the_tolerance_fails() throws IOException {
    Files.writeString(dir.resolve("pred.csv"), TinyBundle.PREDICTIONS);
    assertThat(PredictionMatch.check(suite, scored, TinyBundle.reproduce(dir, "pred.csv", "model.onnx"))).singleElement().satisfies(c -> {
      assertThat(c.status()).isEqualTo(Check.Status.PASS);
      assertThat(c.detail()).isEqualTo("all 6 predictions reproduced; largest difference 0.00 (tolerance 1.0E-6)");
    });

    Files.writeString(dir.resolve("off.csv"), "id,p\na,0.9\nb,0.1\nc,0.85\nd,0.2\ne,0.7\n");
    assertThat(PredictionMatch.check(suite, scored, TinyBundle.reproduce(dir, "off.csv", "model.onnx"))).singleElement().satisfies(c -> {
      assertThat(c.status()).isEqualTo(Check.Status.FAIL);
      assertThat(c.detail()).isEqualTo("1 of 6 evaluation rows have no delivered prediction; 1 predictions differ by more than 1.0E-6; the largest, "
          + "0.0500, at id c: the model gives 0.8000, the delivered file 0.8500");
    });
  }
}
