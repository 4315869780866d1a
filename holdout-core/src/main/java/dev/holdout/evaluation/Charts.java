package dev.holdout.evaluation;

import dev.holdout.metric.BinaryCurves;
import dev.holdout.result.Report;
import java.util.ArrayList;
import java.util.List;

/** Conversions from the metric package's arrays to the report's chart records; NaN becomes null. */
final class Charts {
  private Charts() {}

  static Report.Curve curve(BinaryCurves.Points p) {
    return p == null ? null : new Report.Curve(list(p.x()), list(p.y()), list(p.t()));
  }

  static List<Double> list(double[] values) {
    List<Double> out = new ArrayList<>(values.length);
    for (double v : values) out.add(Double.isFinite(v) ? v : null);
    return out;
  }
}
