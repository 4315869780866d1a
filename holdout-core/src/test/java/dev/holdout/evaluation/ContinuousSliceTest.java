package dev.holdout.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdout.Holdout;
import dev.holdout.base.HoldoutException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Slicing on a measurement (a column of numbers with more than 50 values) is refused with the advice to bin it. */
class ContinuousSliceTest {
  private static final String SUITE = """
      suite: holdout.suite/v1
      name: sliced
      problem: Churn.
      task: binary_classification
      data:
        path: eval.csv
        id: id
        label: y
        slices: [%s]
      predictions:
        score: p
      criteria:
        - metric: accuracy
          min: 0.5
      bootstrap: {replicates: 100, seed: 3}
      """;

  @TempDir Path dir;

  private Path write(String slice) throws IOException {
    StringBuilder eval = new StringBuilder("id,charges,band,y\n");
    StringBuilder pred = new StringBuilder("id,p\n");
    for (int i = 0; i < 400; i++) {
      double charges = 20 + i * 0.13;
      eval.append("r").append(i).append(',').append(charges).append(',').append(charges < 40 ? "low" : "high").append(',').append(i % 2).append('\n');
      pred.append("r").append(i).append(',').append(i % 2 == 0 ? 0.3 : 0.7).append('\n');
    }
    Files.writeString(dir.resolve("eval.csv"), eval);
    Files.writeString(dir.resolve("pred.csv"), pred);
    Path suite = dir.resolve("suite.yaml");
    Files.writeString(suite, SUITE.formatted(slice));
    return suite;
  }

  @Test
  void a_slice_on_a_column_of_400_numbers_is_refused_with_advice_to_bin_it() throws IOException {
    Path suite = write("charges");
    assertThatThrownBy(() -> Holdout.evaluate(suite, dir.resolve("pred.csv"))).isInstanceOf(HoldoutException.BadSuite.class)
        .hasMessageContaining("data.slices: 'charges' holds numbers with 400 distinct values, so slicing on it makes 400 groups")
        .hasMessageContaining("bin it into a few ranges");
  }

  @Test
  void the_binned_column_slices() throws IOException {
    Path suite = write("band");
    assertThat(Holdout.evaluate(suite, dir.resolve("pred.csv")).slices()).containsKey("band");
  }
}
