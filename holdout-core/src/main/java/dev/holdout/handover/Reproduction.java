package dev.holdout.handover;

import dev.holdout.base.HoldoutException;
import dev.holdout.scoring.Scored;
import dev.holdout.suite.Suite;
import dev.holdout.suite.SuiteParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Check "reproducibility", first part: the manifest's reproduce section names a valid Holdout suite
 * whose evaluation set is in the bundle, and the delivered ONNX model runs on it. The model's own
 * predictions are then what {@link PredictionMatch} and {@link ClaimedMetrics} judge. A suite whose
 * data leads out of the bundle throws before anything outside it is read.
 */
final class Reproduction {
  static final String AREA = "reproducibility";

  /** A FAIL that stops the reproduction, or the suite and the model's predictions on its evaluation set. */
  record Result(Check failure, Suite suite, Scored scored) {
    List<Check> checks() {
      return failure == null ? List.of() : List.of(failure);
    }
  }

  private Reproduction() {}

  static Result run(Manifest.Reproduce r, BundlePaths paths, ModelRunner runner) {
    if (r == null) {
      return failed(Check.fail(AREA, "reproduce", "handover.yaml has no reproduce section, so the vendor's numbers cannot be checked",
          "a reproduce section: a Holdout suite over the delivered evaluation set, the model, and the vendor's predictions on that set"));
    }
    if (!Files.isRegularFile(r.suite().path()) || !Files.isRegularFile(r.model().path()) || !Files.isRegularFile(r.predictions().path())) {
      return failed(Check.fail(AREA, "reproduce", "a file it names is missing (see files)", "the missing files"));
    }
    Suite suite;
    try {
      suite = SuiteParser.parse(r.suite().path());
    } catch (HoldoutException e) {
      return failed(Check.fail(AREA, r.suite().written(), "not a valid Holdout suite: " + e.getMessage(), "a suite that 'holdout evaluate' accepts"));
    }
    Path data = suite.data().path().toAbsolutePath().normalize();
    String rel = paths.root().relativize(data).toString();
    if (!data.startsWith(paths.root())) {
      throw new HoldoutException.BadData(r.suite().path() + ": data.path leads out of the bundle (" + data
          + "); nothing outside the bundle is read; ask the vendor for a suite whose evaluation set is in the bundle");
    }
    paths.checkNoLinkOut(data, rel, r.suite().path() + ", data.path");
    if (!r.model().written().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
      return failed(Check.fail(AREA, r.model().written(), "Holdout runs ONNX models only, so the model cannot be run here", "the model exported to ONNX"));
    }
    try {
      return new Result(null, suite, runner.run(suite, r.model().path()));
    } catch (HoldoutException e) {
      return failed(Check.fail(AREA, r.model().written(), "the delivered model does not run on the delivered evaluation set: " + e.getMessage(),
          "a model and suite that run together (check the suite's model section)"));
    }
  }

  private static Result failed(Check c) {
    return new Result(c, null, null);
  }
}
