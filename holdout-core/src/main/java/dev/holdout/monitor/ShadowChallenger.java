package dev.holdout.monitor;

import dev.holdout.base.HoldoutException;
import dev.holdout.evaluation.LabeledRows;
import dev.holdout.metric.Direction;
import dev.holdout.metric.MetricCatalog;
import dev.holdout.metric.Task;
import dev.holdout.result.Report;
import dev.holdout.suite.Suite;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A shadow challenger: a second model whose output rides along in the log (the monitor section's
 * {@code challenger}), judged on the same labeled rows as the champion, paired. Its rows are the
 * champion's suite with the challenger's column as the prediction and the champion's as a baseline
 * column, so {@code holdout evaluate}'s paired bootstrap gives challenger − champion with its
 * interval on every metric (same rows, same replicate weights). Binary classification and
 * regression; slices and criteria are left out (the champion's report has them).
 */
final class ShadowChallenger {
  private final MonitorSection.Challenger spec;
  private final Suite suite;
  private final String championColumn;

  private ShadowChallenger(MonitorSection.Challenger spec, Suite suite, String championColumn) {
    this.spec = spec;
    this.suite = suite;
    this.championColumn = championColumn;
  }

  /** The challenger of {@code section} for the suite the log is judged by, or null when there is none; a task it cannot judge throws. */
  static ShadowChallenger of(MonitorSection section, Suite judged, List<String> logHeader) {
    if (section == null || section.challenger() == null) return null;
    MonitorSection.Challenger c = section.challenger();
    Task task = judged.task();
    Suite.Predictions p = judged.predictions();
    String champion = switch (task) {
      case BINARY_CLASSIFICATION -> p.score();
      case REGRESSION -> p.value();
      default -> throw new HoldoutException.BadSuite(judged.file() + ": monitor.challenger is for binary_classification (score) and regression "
          + "(value); a " + task.key() + " challenger cannot ride along yet, compare it offline with holdout compare");
    };
    if (!logHeader.contains(c.column())) {
      throw new HoldoutException.BadData("the log has no column '" + c.column() + "', which the suite's monitor.challenger names as "
          + c.name() + "'s output; log it beside the champion's " + champion + ", or remove the challenger from the suite");
    }
    Suite.Predictions challenger = task == Task.BINARY_CLASSIFICATION
        ? new Suite.Predictions(p.id(), c.column(), p.threshold(), p.probabilities(), p.label(), p.value(), p.quantiles(), p.missing())
        : new Suite.Predictions(p.id(), p.score(), p.threshold(), p.probabilities(), p.label(), c.column(), Map.of(), p.missing());
    Suite.Data d = judged.data();
    Suite suite = new Suite(judged.file(), judged.name(), judged.problem(), task, new Suite.Data(d.path(), d.id(), d.label(), d.positive(), d.classes(),
        List.of()), challenger, judged.primaryMetric(), List.of(), judged.costs(), new Suite.Baseline(Suite.Baseline.Kind.COLUMN, champion),
        judged.bootstrap(), judged.topK(), judged.drift());
    return new ShadowChallenger(c, suite, champion);
  }

  String column() {
    return spec.column();
  }

  /** Empty rows to fill with the challenger's output, the champion's as the baseline. */
  LabeledRows rows() {
    return new LabeledRows(suite, true);
  }

  /** The window's paired comparison on its labeled rows (null when it has none). */
  MonitorReport.Challenger judge(LabeledRows rows, Path log, String window, LabelCodes labels) {
    if (rows == null || rows.size() == 0) return null;
    Report r = rows.evaluate(log, window + " " + spec.name(), labels.positiveName(), labels.negativeName());
    String metric = suite.primaryMetric();
    Report.Estimate challenger = r.metrics().get(metric);
    Report.Estimate champion = r.baseline() == null ? null : r.baseline().metrics().get(metric);
    Report.Estimate difference = r.baseline() == null ? null : r.baseline().difference().get(metric);
    String verdict = "no difference shown";
    Direction dir = MetricCatalog.direction(suite.task(), metric).orElse(null);
    if (difference != null && difference.ci() != null && dir != null) {
      double lo = difference.ci().get(0);
      double hi = difference.ci().get(1);
      if (dir.improvement(lo, 0) > 0 && dir.improvement(hi, 0) > 0) verdict = "challenger better";
      else if (dir.improvement(lo, 0) < 0 && dir.improvement(hi, 0) < 0) verdict = "champion better";
    }
    return new MonitorReport.Challenger(spec.name(), spec.column(), championColumn, metric, rows.size(), champion, challenger, difference, verdict);
  }
}
