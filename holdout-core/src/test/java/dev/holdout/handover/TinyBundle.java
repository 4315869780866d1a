package dev.holdout.handover;

import dev.holdout.scoring.Scored;
import dev.holdout.suite.Suite;
import dev.holdout.suite.SuiteParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A six-row binary bundle for the reproducibility checks: eval.csv, suite.yaml, a model.onnx that
 * is never read, and a "model" that is a closed form ({@link #RUNNER}) ranking every positive above
 * every negative.
 */
final class TinyBundle {
  /** Scores of the six rows a..f as the delivered "model" gives them. */
  static final double[] SCORES = {0.9, 0.1, 0.8, 0.2, 0.7, 0.3};
  static final ModelRunner RUNNER = (suite, model) -> new Scored(new String[] {"a", "b", "c", "d", "e", "f"}, 1, SCORES.clone(),
      new boolean[] {true, true, true, true, true, true}, null);
  /** The model's own predictions, as the vendor should deliver them. */
  static final String PREDICTIONS = "id,p\na,0.9\nb,0.1\nc,0.8\nd,0.2\ne,0.7\nf,0.3\n";

  private TinyBundle() {}

  static void write(Path dir) throws IOException {
    Files.writeString(dir.resolve("eval.csv"), "id,x,y\na,1,1\nb,2,0\nc,3,1\nd,4,0\ne,5,1\nf,6,0\n");
    Files.writeString(dir.resolve("suite.yaml"), """
        suite: holdout.suite/v1
        name: tiny
        problem: Tiny binary problem.
        task: binary_classification
        data: {path: eval.csv, id: id, label: y, positive: "1"}
        predictions: {score: p}
        bootstrap: {replicates: 50, seed: 1}
        """);
    Files.writeString(dir.resolve("model.onnx"), "not read: the runner is a closed form");
  }

  /** Writes the bundle into {@code dir} and returns its suite. */
  static Suite suite(Path dir) throws IOException {
    write(dir);
    return SuiteParser.parse(dir.resolve("suite.yaml"));
  }

  static Manifest.Reproduce reproduce(Path dir, String predictions, String model) {
    return new Manifest.Reproduce(Manifests.file(dir, "suite.yaml", null), Manifests.file(dir, model, null), Manifests.file(dir, predictions, null),
        1e-6, 1);
  }
}
