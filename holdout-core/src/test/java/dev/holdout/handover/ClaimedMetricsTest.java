package dev.holdout.handover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdout.scoring.Scored;
import dev.holdout.suite.Suite;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vendor's claimed metrics against the interval Holdout measures, on {@link TinyBundle}. */
class ClaimedMetricsTest {
  @TempDir Path dir;
  Suite suite;
  Scored scored;

  @BeforeEach
  void bundle() throws IOException {
    suite = TinyBundle.suite(dir);
    scored = TinyBundle.RUNNER.run(suite, dir.resolve("model.onnx"));
  }

  @Test
  void a_claim_inside_the_interval_passes_one_outside_fails_and_an_unknown_metric_warns() {
    // the model ranks every positive above every negative: roc_auc is 1 in every replicate, so its interval is [1, 1]
    var checks = ClaimedMetrics.check(suite, scored, Map.of("roc_auc", 1.0));
    assertThat(checks).singleElement().satisfies(c -> {
      assertThat(c.status()).isEqualTo(Check.Status.PASS);
      assertThat(c.detail()).isEqualTo("Holdout measures 1.0000 [1.0000, 1.0000] (95% interval) on the delivered evaluation set");
    });
    var wrong = ClaimedMetrics.check(suite, scored, Map.of("roc_auc", 0.7));
    assertThat(wrong).singleElement().satisfies(c -> assertThat(c.status()).isEqualTo(Check.Status.FAIL));
    var unknown = ClaimedMetrics.check(suite, scored, Map.of("bleu", 0.3));
    assertThat(unknown).singleElement().satisfies(c -> assertThat(c.detail()).startsWith("Holdout does not compute 'bleu' for this suite"));
    assertThat(ClaimedMetrics.check(suite, scored, Map.of())).isEmpty();
  }
}
