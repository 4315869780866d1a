package dev.holdout.evaluation;

import dev.holdout.metric.MetricCatalog;
import dev.holdout.metric.MetricValue;
import dev.holdout.result.Report;
import dev.holdout.stats.Bootstrap;
import dev.holdout.verdict.Criterion;
import dev.holdout.verdict.Decider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The labels of a multilabel evaluation: each label's figures ({@link MetricCatalog#PER_LABEL})
 * with intervals from the overall bootstrap, in which every label is resampled with the same row
 * weights, the report's labels section, and what criteria that name labels observe: one label's
 * figure ({@code label} with min or max), or the worst label or the gap between labels
 * ({@code labels} with worst_min or max_gap) on intervals simultaneous over the labels compared,
 * by the same max-modulus bootstrap as worst-slice criteria ({@link SliceResult}), which holds for
 * labels measured on the same rows as for slice groups measured apart.
 */
final class LabelResults {
  private static final List<String> NAMES = MetricCatalog.PER_LABEL;
  private final List<String> labels;
  private final Map<String, Map<String, MetricValue>> point;
  private final double[][] replicates;
  private final int offset;

  /**
   * Labels with their point figures (labels in the suite's order) and the overall bootstrap's
   * replicates, whose columns from {@code offset} on were filled by {@link #fill}.
   */
  LabelResults(Map<String, Map<String, MetricValue>> point, double[][] replicates, int offset) {
    this.labels = List.copyOf(point.keySet());
    this.point = point;
    this.replicates = replicates;
    this.offset = offset;
  }

  /** Replicate columns the labels' figures take: one per label and figure. */
  static int width(Map<String, Map<String, MetricValue>> point) {
    return point.size() * NAMES.size();
  }

  /** Writes one replicate's figures of the labels of {@code point}, label by label, into {@code out} from {@code at}. */
  static void fill(Map<String, Map<String, MetricValue>> point, Map<String, Map<String, MetricValue>> replicate, double[] out, int at) {
    int k = at;
    for (String label : point.keySet()) {
      Map<String, MetricValue> figures = replicate.get(label);
      for (String name : NAMES) out[k++] = figures.get(name).orNaN();
    }
  }

  /** The report's labels section: {@code points} (counts and point figures) with every figure's interval. */
  Report.LabelSummary summary(Report.LabelSummary points, int reps, double confidence) {
    Map<String, Report.LabelFigures> perLabel = new LinkedHashMap<>();
    for (int l = 0; l < labels.size(); l++) {
      String label = labels.get(l);
      Map<String, Report.Estimate> metrics = new LinkedHashMap<>();
      for (int k = 0; k < NAMES.size(); k++) {
        metrics.put(NAMES.get(k), Estimates.of(point.get(label).get(NAMES.get(k)), column(l, k), reps, confidence));
      }
      Report.LabelFigures f = points.perLabel().get(label);
      perLabel.put(label, new Report.LabelFigures(f.support(), f.prior(), f.threshold(), f.predicted(), metrics));
    }
    return new Report.LabelSummary(points.cardinality(), points.predictedCardinality(), perLabel, points.note());
  }

  /** What a criterion on labels observes; {@code units} counts the independent units behind the set, in {@code unit}. */
  Decider.Observation observe(Criterion c, int reps, long units, Decider.Unit unit) {
    int k = NAMES.indexOf(c.metric());
    if (c.kind() == Criterion.Kind.MIN || c.kind() == Criterion.Kind.MAX) {
      String label = c.labels().get(0);
      MetricValue v = point.get(label).get(c.metric());
      double[] col = column(labels.indexOf(label), k);
      return new Decider.Observation(v.defined() ? v.value() : null, col, reps, label, units, unit, v.undefined(), null,
          Decider.IntervalAt.percentile(col));
    }
    SliceResult compared = new SliceResult("the labels", m -> MetricCatalog.labelDirection(m).orElseThrow(), "labels");
    for (String label : c.labels()) {
      int l = labels.indexOf(label);
      double[][] own = new double[replicates.length][NAMES.size()];
      for (int r = 0; r < replicates.length; r++) {
        System.arraycopy(replicates[r], offset + l * NAMES.size(), own[r], 0, NAMES.size());
      }
      compared.add(label, 0, point.get(label), own);
    }
    return compared.observe(c, k, units, unit);
  }

  /** Figure {@code k} of label {@code l} in every replicate where it has a value. */
  private double[] column(int l, int k) {
    return Bootstrap.column(replicates, offset + l * NAMES.size() + k);
  }
}
