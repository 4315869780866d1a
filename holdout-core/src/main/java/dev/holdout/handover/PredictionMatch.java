package dev.holdout.handover;

import dev.holdout.base.Format;
import dev.holdout.base.HoldoutException;
import dev.holdout.data.RecordReader;
import dev.holdout.data.RecordReaders;
import dev.holdout.data.Values;
import dev.holdout.metric.Task;
import dev.holdout.scoring.PredictionsWriter;
import dev.holdout.scoring.Scored;
import dev.holdout.suite.Suite;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Check "reproducibility", second part: the delivered model's predictions equal the vendor's
 * delivered predictions file within the manifest's tolerance (absolute difference per prediction,
 * per class probability for multiclass). PASS names the largest difference; FAIL counts the rows
 * without a delivered prediction and the predictions past the tolerance, and shows the largest.
 */
final class PredictionMatch {
  private PredictionMatch() {}

  static List<Check> check(Suite suite, Scored scored, Manifest.Reproduce r) {
    String a = Reproduction.AREA;
    Suite.Predictions p = suite.predictions();
    int w = scored.width();
    Map<String, double[]> vendor = new HashMap<>();
    try (RecordReader rr = RecordReaders.open(r.predictions().path())) {
      int idCol = Values.column(rr, p.id(), "predictions.id in the suite");
      int[] cols = new int[w];
      if (suite.task() == Task.MULTICLASS_CLASSIFICATION) {
        List<String> classes = PredictionsWriter.classes(suite);
        for (int c = 0; c < w; c++) {
          String col = p.probabilities().get(classes.get(c));
          if (col == null) {
            return List.of(Check.fail(a, r.predictions().written(), "the suite has no probability column for class '" + classes.get(c) + "' to compare",
                "a suite with predictions.probabilities for every class"));
          }
          cols[c] = Values.column(rr, col, "a probability column");
        }
      } else {
        cols[0] = Values.column(rr, suite.task() == Task.REGRESSION ? p.value() : p.score(), "the prediction column");
      }
      while (rr.next()) {
        double[] v = new double[w];
        for (int c = 0; c < w; c++) v[c] = Values.number(rr, cols[c], "a prediction");
        vendor.put(Values.required(rr, idCol, "an id"), v);
      }
    } catch (HoldoutException e) {
      return List.of(Check.fail(a, r.predictions().written(), "cannot be read as the suite's predictions: " + e.getMessage(),
          "the predictions in the suite's format"));
    }
    int missing = 0, over = 0;
    double worst = -1;
    String worstId = null;
    double worstModel = 0, worstVendor = 0;
    for (int i = 0; i < scored.ids().length; i++) {
      double[] v = vendor.get(scored.ids()[i]);
      if (v == null) {
        missing++;
        continue;
      }
      for (int c = 0; c < w; c++) {
        double d = Math.abs(v[c] - scored.values()[i * w + c]);
        if (d > r.tolerance()) over++;
        if (d > worst) {
          worst = d;
          worstId = scored.ids()[i];
          worstModel = scored.values()[i * w + c];
          worstVendor = v[c];
        }
      }
    }
    String item = r.model().written() + " vs " + r.predictions().written();
    int n = scored.ids().length;
    if (missing == 0 && over == 0) {
      return List.of(Check.pass(a, item, "all " + Format.count(n) + " predictions reproduced; largest difference " + Format.score(Math.max(worst, 0))
          + " (tolerance " + r.tolerance() + ")"));
    }
    StringBuilder d = new StringBuilder();
    if (missing > 0) d.append(Format.count(missing)).append(" of ").append(Format.count(n)).append(" evaluation rows have no delivered prediction; ");
    if (over > 0) {
      d.append(Format.count(over)).append(" predictions differ by more than ").append(r.tolerance()).append("; the largest, ").append(Format.score(worst))
          .append(", at id ").append(worstId).append(": the model gives ").append(Format.number(worstModel)).append(", the delivered file ")
          .append(Format.number(worstVendor));
    }
    return List.of(Check.fail(a, item, d.toString().replaceAll("; $", ""),
        "the exact model that produced the delivered predictions, or predictions from the delivered model"));
  }
}
