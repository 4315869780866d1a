package dev.holdout.handover;

import dev.holdout.base.Format;
import dev.holdout.base.HoldoutException;
import dev.holdout.evaluation.FileEvaluation;
import dev.holdout.evaluation.Judging;
import dev.holdout.base.Progress;
import dev.holdout.evaluation.Submission;
import dev.holdout.result.Report;
import dev.holdout.scoring.PredictionsWriter;
import dev.holdout.scoring.Scored;
import dev.holdout.suite.Suite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Check "reproducibility", third part: each metric the vendor claims lies inside the interval
 * Holdout measures for the delivered model on the delivered evaluation set (PASS) or outside it
 * (FAIL); a metric Holdout does not compute, or finds undefined, WARNs. The model's predictions are
 * evaluated from a temporary file that is removed afterwards. No claims, no checks.
 */
final class ClaimedMetrics {
  private ClaimedMetrics() {}

  static List<Check> check(Suite suite, Scored scored, Map<String, Double> claimed) {
    List<Check> out = new ArrayList<>();
    if (claimed.isEmpty()) return out;
    String a = Reproduction.AREA;
    Report report;
    try {
      report = evaluate(suite, scored);
    } catch (IOException e) {
      throw new HoldoutException("cannot write a temporary file (" + e.getMessage() + ")", e);
    } catch (HoldoutException e) {
      out.add(Check.fail(a, "claimed_metrics", "the delivered model's predictions cannot be evaluated: " + e.getMessage(),
          "a suite and evaluation set Holdout can evaluate"));
      return out;
    }
    for (var e : claimed.entrySet()) {
      Report.Estimate est = report.metrics().get(e.getKey());
      String item = "claimed " + e.getKey() + " " + e.getValue();
      if (est == null) {
        out.add(Check.warn(a, item, "Holdout does not compute '" + e.getKey() + "' for this suite; computed: " + report.metrics().keySet(),
            "the claim in one of the metrics Holdout computes, or how to reproduce it"));
      } else if (est.value() == null || est.ci() == null) {
        out.add(Check.warn(a, item, "Holdout finds no value: " + est.undefined(), "how the vendor computed it"));
      } else {
        double lo = est.ci().get(0), hi = est.ci().get(1);
        String measured = "Holdout measures " + Format.number(est.value()) + " " + Format.interval(lo, hi) + " ("
            + Format.level(report.bootstrap().confidence()) + " interval) on the delivered evaluation set";
        if (e.getValue() >= lo && e.getValue() <= hi) {
          out.add(Check.pass(a, item, measured));
        } else {
          out.add(Check.fail(a, item, "outside the interval: " + measured, "how the claimed " + e.getKey() + " was computed, on which data, or a corrected claim"));
        }
      }
    }
    return out;
  }

  /** The report of the model's predictions, written to a temporary folder that is removed afterwards. */
  private static Report evaluate(Suite suite, Scored scored) throws IOException {
    Path tmp = null;
    try {
      tmp = Files.createTempDirectory("holdout-handover");
      Path preds = tmp.resolve("model-predictions.csv");
      PredictionsWriter.write(suite, scored, preds);
      return FileEvaluation.report(suite, preds, Submission.defaultName(preds), Progress.NONE, null, Judging.Options.defaults(suite, preds));
    } finally {
      if (tmp != null) {
        try (var s = Files.list(tmp)) {
          for (Path f : s.toList()) Files.deleteIfExists(f);
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // a temporary folder left behind is harmless
        }
      }
    }
  }
}
