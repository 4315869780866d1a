package dev.holdout.handover;

import dev.holdout.scoring.Scored;
import dev.holdout.suite.Suite;
import java.nio.file.Path;

/** Runs a delivered model file over a suite's evaluation inputs; the CLI passes ONNX Runtime, tests a closed form. */
@FunctionalInterface
public interface ModelRunner {
  Scored run(Suite suite, Path model);
}
