package dev.holdout.monitor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The small binary suite the monitor's tests share: data reference.csv, id {@code id}, label {@code y}, score {@code p}. */
final class SmallSuite {
  private SmallSuite() {}

  /** Writes {@code dir/suite.yaml} with {@code criteria} (YAML list items, each line indented by two spaces, or empty for none). */
  static Path write(Path dir, String criteria) throws IOException {
    return Files.writeString(dir.resolve("suite.yaml"), """
        suite: holdout.suite/v1
        name: small
        problem: A small binary problem.
        task: binary_classification
        data:
          path: reference.csv
          id: id
          label: y
        predictions:
          score: p
        bootstrap: {replicates: 50, seed: 1}
        """ + (criteria.isEmpty() ? "" : "criteria:\n" + criteria));
  }
}
