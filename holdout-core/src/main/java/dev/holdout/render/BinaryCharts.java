package dev.holdout.render;

import static dev.holdout.render.Html.esc;

import dev.holdout.base.Format;
import dev.holdout.render.Svg.Plot;
import dev.holdout.render.Svg.Scale;
import dev.holdout.result.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The charts of a binary classification: ROC and precision-recall curves with the baseline's and
 * the operating point, calibration over the score histogram, expected cost against threshold, the
 * call list's gains and lift when the suite names budgets ({@link GainsCharts}), and the confusion
 * matrix at the threshold.
 */
final class BinaryCharts {
  private BinaryCharts() {}

  static void append(StringBuilder b, Report r) {
    Report.Charts ch = r.charts();
    Report.ConfusionMatrix cm = r.confusionMatrix();
    b.append("<section class=\"card\" id=\"charts\">\n<h2>Scores and decisions</h2>\n<p class=\"lede\">");
    if (cm != null && cm.threshold() != null) b.append("The submission predicts the positive class when its score is at least ")
        .append(Format.plain(cm.threshold())).append(". ");
    b.append("Curves are drawn from every row and downsampled to at most ").append(Report.Charts.MAX_POINTS).append(" points.</p>\n<div class=\"charts\">\n");
    String sub = r.submission() == null ? "submission" : r.submission().name();
    if (ch != null) {
      if (ch.roc() != null) b.append(roc(r, ch, sub));
      if (ch.precisionRecall() != null) b.append(precisionRecall(r, ch, sub));
      if (ch.calibration() != null) b.append(calibration(r, ch, cm));
      if (ch.cost() != null) b.append(cost(r, ch));
      b.append(GainsCharts.figures(r));
    }
    if (cm != null && cm.labels() != null && cm.counts() != null) b.append(binaryConfusion(cm));
    b.append("</div>\n</section>\n");
  }

  private static String roc(Report r, Report.Charts ch, String sub) {
    Plot p = square();
    p.axes("False positive rate", "True positive rate");
    p.line(p.x.at(0), p.y.at(0), p.x.at(1), p.y.at(1), "diag");
    p.path(ch.baselineRoc() != null ? ch.baselineRoc().x() : null, ch.baselineRoc() != null ? ch.baselineRoc().y() : null, "s-base");
    p.path(ch.roc().x(), ch.roc().y(), "s-main");
    Report.OperatingPoint op = ch.operatingPoint();
    StringBuilder desc = new StringBuilder("ROC curve of ").append(sub).append(metricPhrase(r.metrics(), "roc_auc", "AUC"));
    if (ch.baselineRoc() != null) desc.append("; baseline").append(metricPhrase(r.baseline() == null ? null : r.baseline().metrics(), "roc_auc", "AUC"));
    boolean drawn = op != null && op.falsePositiveRate() != null && op.truePositiveRate() != null;
    if (drawn) {
      point(p, op.falsePositiveRate(), op.truePositiveRate(), "op", "threshold " + Format.plain(op.threshold()));
      desc.append(String.format(Locale.ROOT, "; at threshold %s the false positive rate is %s and the true positive rate %s",
          Format.plain(op.threshold()), Format.score(op.falsePositiveRate()), Format.score(op.truePositiveRate())));
    }
    desc.append(". The dashed diagonal is a random ranking.");
    String legend = legend(sub, metricValue(r.metrics(), "roc_auc"), "AUC", ch.baselineRoc() != null ? baselineName(r) : null,
        metricValue(r.baseline() == null ? null : r.baseline().metrics(), "roc_auc"), drawn ? op.threshold() : null);
    return Figures.figure("chart-roc", "roc", "ROC curve", "How well the scores rank positives above negatives, at every threshold.", legend,
        p.svg("chart-roc-svg", "ROC curve", desc.toString()), null, false);
  }

  private static String precisionRecall(Report r, Report.Charts ch, String sub) {
    Plot p = square();
    p.axes("Recall", "Precision");
    Report.Curve base = ch.baselinePrecisionRecall();
    p.path(base != null ? base.x() : null, base != null ? base.y() : null, "s-base");
    p.path(ch.precisionRecall().x(), ch.precisionRecall().y(), "s-main");
    Report.OperatingPoint op = ch.operatingPoint();
    StringBuilder desc = new StringBuilder("Precision against recall for ").append(sub)
        .append(metricPhrase(r.metrics(), "average_precision", "average precision"));
    if (base != null) desc.append("; baseline").append(metricPhrase(r.baseline() == null ? null : r.baseline().metrics(), "average_precision", "average precision"));
    boolean drawn = op != null && op.precision() != null && op.recall() != null;
    if (drawn) {
      point(p, op.recall(), op.precision(), "op", "threshold " + Format.plain(op.threshold()));
      desc.append(String.format(Locale.ROOT, "; at threshold %s recall is %s and precision %s", Format.plain(op.threshold()),
          Format.score(op.recall()), Format.score(op.precision())));
    }
    desc.append('.');
    String legend = legend(sub, metricValue(r.metrics(), "average_precision"), "AP", base != null ? baselineName(r) : null,
        metricValue(r.baseline() == null ? null : r.baseline().metrics(), "average_precision"), drawn ? op.threshold() : null);
    return Figures.figure("chart-pr", "precision-recall", "Precision–recall curve", "What share of flagged rows are positive, for each share of positives found.",
        legend, p.svg("chart-pr-svg", "Precision–recall curve", desc.toString()), null, false);
  }

  private static Plot square() {
    return new Plot(480, 440, 62, 20, 14, 50).x(0, 1, 5, true).y(0, 1, 5, true);
  }

  private static void point(Plot p, double x, double y, String cls, String label) {
    double px = p.x.at(x);
    double py = p.y.at(y);
    p.circle(px, py, 6.5, cls, label);
    boolean leftSide = px > (p.left + p.right) / 2;
    p.text(px + (leftSide ? -11 : 11), py + (py < p.top + 20 ? 16 : -9), label, "label strong", leftSide ? "end" : "start");
  }

  private static String legend(String sub, Double value, String what, String base, Double baseValue, Double threshold) {
    StringBuilder s = new StringBuilder();
    s.append(Figures.key(null, "s-main", sub + (value == null ? "" : " · " + what + " " + Format.score(value))));
    if (base != null) s.append(Figures.key(null, "s-base", "baseline " + base + (baseValue == null ? "" : " · " + what + " " + Format.score(baseValue))));
    if (threshold != null) s.append(Figures.key("op", null, "threshold " + Format.plain(threshold)));
    return s.toString();
  }

  private static String calibration(Report r, Report.Charts ch, Report.ConfusionMatrix cm) {
    String negLabel = cm != null && cm.labels() != null && cm.labels().size() == 2 ? cm.labels().get(0) : "negative";
    String posLabel = cm != null && cm.labels() != null && cm.labels().size() == 2 ? cm.labels().get(1) : "positive";
    Plot p = new Plot(480, 500, 74, 20, 14, 50).x(0, 1, 5, true);
    Scale yc = Scale.of(0, 1, 300, p.top, 5, true);
    Report.Histogram h = ch.scores();
    double max = 1;
    if (h != null) {
      for (List<Double> series : List.of(Html.nz(h.positive()), Html.nz(h.negative()))) for (Double v : series) if (v != null) max = Math.max(max, v);
    }
    Scale yh = Scale.of(0, max, p.bottom, 340, 2, true);
    p.yAxis(yc, "Observed positive rate");
    p.yAxis(yh, "Rows");
    p.xAxis("Score (predicted probability of label " + posLabel + ")");
    p.line(p.left, p.top, p.left, 300, "axis").line(p.left, 340, p.left, p.bottom, "axis").line(p.left, 300, p.right, 300, "axis");
    p.line(p.x.at(0), yc.at(0), p.x.at(1), yc.at(1), "diag");
    StringBuilder desc = new StringBuilder("Calibration: observed positive rate against mean score in ten score bins");
    desc.append(metricPhrase(r.metrics(), "ece", "expected calibration error")).append(". Bins:");
    double maxRows = 1;
    for (Report.CalibrationBin bin : ch.calibration()) maxRows = Math.max(maxRows, bin.rows());
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (Report.CalibrationBin bin : ch.calibration()) {
      if (bin.meanScore() == null || bin.positiveRate() == null) continue;
      xs.add(bin.meanScore());
      ys.add(bin.positiveRate());
      desc.append(String.format(Locale.ROOT, " %s–%s: mean score %s, positive rate %s, %s rows;", Format.score(bin.low()), Format.score(bin.high()),
          Format.score(bin.meanScore()), Format.score(bin.positiveRate()), Format.count(bin.rows())));
    }
    Plot cal = p;
    Scale keep = cal.y;
    cal.y = yc;
    cal.path(xs, ys, "s-main");
    for (Report.CalibrationBin bin : ch.calibration()) {
      if (bin.meanScore() == null || bin.positiveRate() == null) continue;
      double radius = 2.5 + 4.5 * Math.sqrt(bin.rows() / maxRows);
      cal.circle(cal.x.at(bin.meanScore()), yc.at(bin.positiveRate()), radius, "cal",
          String.format(Locale.ROOT, "scores %s–%s: %s rows, mean score %s, positive rate %s", Format.score(bin.low()), Format.score(bin.high()),
              Format.count(bin.rows()), Format.score(bin.meanScore()), Format.score(bin.positiveRate())));
    }
    cal.y = keep;
    if (h != null && h.edges() != null) {
      List<Double> e = h.edges();
      List<Double> neg = Html.nz(h.negative());
      List<Double> pos = Html.nz(h.positive());
      for (int i = 0; i + 1 < e.size(); i++) {
        double x0 = p.x.at(e.get(i));
        double x1 = p.x.at(e.get(i + 1));
        double w = (x1 - x0 - 2) / 2;
        double nv = i < neg.size() && neg.get(i) != null ? neg.get(i) : 0;
        double pv = i < pos.size() && pos.get(i) != null ? pos.get(i) : 0;
        p.rect(x0 + 1, yh.at(nv), w, yh.at(0) - yh.at(nv), "bar-neg", null,
            String.format(Locale.ROOT, "scores %s–%s, label %s: %s rows", Format.score(e.get(i)), Format.score(e.get(i + 1)), negLabel, Format.count(nv)));
        p.rect(x0 + 1 + w, yh.at(pv), w, yh.at(0) - yh.at(pv), "bar-pos", null,
            String.format(Locale.ROOT, "scores %s–%s, label %s: %s rows", Format.score(e.get(i)), Format.score(e.get(i + 1)), posLabel, Format.count(pv)));
      }
      desc.append(" Under it, a histogram of scores in ").append(e.size() - 1).append(" bins, rows with label ").append(negLabel)
          .append(" and rows with label ").append(posLabel).append(" side by side.");
    }
    if (cm != null && cm.threshold() != null) {
      double tx = p.x.at(cm.threshold());
      p.line(tx, 340, tx, p.bottom, "op-line");
      p.text(tx + 4, 352, "threshold " + Format.plain(cm.threshold()), "small", "start");
    }
    String legend = Figures.key("cal", "s-main", "observed rate per score bin (size: rows)") + Figures.key(null, "diag", "perfect calibration")
        + Figures.key("bar-neg", null, "label " + negLabel) + Figures.key("bar-pos", null, "label " + posLabel);
    return Figures.figure("chart-calibration", "calibration", "Calibration and score distribution",
        "Do the scores mean what they say? Points on the diagonal are calibrated; the histogram shows where the scores fall.", legend,
        p.svg("chart-calibration-svg", "Calibration and score distribution", desc.toString()), null, false);
  }

  private static String binaryConfusion(Report.ConfusionMatrix cm) {
    String[][] tags = {{"true negative", "false positive"}, {"false negative", "true positive"}};
    String title = "Confusion matrix" + (cm.threshold() == null ? "" : " at threshold " + Format.plain(cm.threshold()));
    String svg = Heatmap.draw("chart-confusion-svg", title, cm.labels(), cm.counts(), true, false, tags);
    return Figures.figure("chart-confusion", "confusion", title, "Rows are the actual label, columns the prediction; shading is the share of the row.",
        Heatmap.key(), svg, null, false);
  }

  private static String cost(Report r, Report.Charts ch) {
    Report.Curve c = ch.cost();
    Report.CostSummary cs = r.costs();
    Report.OperatingPoint op = ch.operatingPoint();
    List<Double> ys = new ArrayList<>();
    for (Double v : c.y()) if (v != null) ys.add(v);
    if (cs != null) {
      ys.add(cs.per1000());
      if (cs.optimalPer1000() != null) ys.add(cs.optimalPer1000());
    }
    double lo = ys.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    double hi = ys.stream().mapToDouble(Double::doubleValue).max().orElse(1);
    Plot p = new Plot(480, 400, 82, 20, 16, 50).x(0, 1, 5, true).y(lo, hi, 5, true);
    p.axes("Threshold", "Expected cost per 1,000 decisions");
    if (p.y.d0 < 0 && p.y.d1 > 0) p.line(p.left, p.y.at(0), p.right, p.y.at(0), "zero");
    p.path(c.x(), c.y(), "s-main");
    StringBuilder desc = new StringBuilder("Expected cost per 1,000 decisions at each threshold");
    String legend = Figures.key(null, "s-main", "expected cost");
    if (cs != null && op != null) {
      legend += costPoint(p, op.threshold(), cs.per1000(), "op", "threshold", "chosen threshold");
      desc.append("; at the chosen threshold ").append(Format.plain(op.threshold())).append(" it is ").append(Format.money(cs.per1000()));
    }
    if (cs != null && cs.optimalThreshold() != null && cs.optimalPer1000() != null) {
      legend += costPoint(p, cs.optimalThreshold(), cs.optimalPer1000(), "opt", "cost-optimal threshold", "cost-optimal threshold");
      desc.append("; the cost-optimal threshold ").append(Format.plain(cs.optimalThreshold())).append(" gives ").append(Format.money(cs.optimalPer1000()));
    }
    desc.append(". Negative cost is a net gain.");
    String note = cs != null && cs.note() != null ? esc(cs.note()) : null;
    return Figures.figure("chart-cost", "cost", "Expected cost against threshold",
        "What each threshold would cost with the suite's costs per decision; below zero is a net gain.", legend,
        p.svg("chart-cost-svg", "Expected cost against threshold", desc.toString()), note, false);
  }

  /**
   * A threshold's point on the cost curve, in the class {@code cls}: a line down to the axis, the
   * point with a tooltip, its cost written beside it; returns its legend key.
   */
  private static String costPoint(Plot p, double threshold, double per1000, String cls, String tip, String key) {
    double px = p.x.at(threshold);
    double py = p.y.at(per1000);
    p.line(px, py, px, p.bottom, cls + "-line");
    p.circle(px, py, 6.5, cls, tip + " " + Format.plain(threshold) + ": " + Format.money(per1000) + " per 1,000");
    label(p, px, py, Format.money(per1000));
    return Figures.key(cls, null, key + " " + Format.plain(threshold));
  }

  private static void label(Plot p, double px, double py, String text) {
    boolean leftSide = px > (p.left + p.right) / 2;
    p.text(px + (leftSide ? -10 : 10), py + (py > p.bottom - 24 ? -10 : 18), text, "label strong", leftSide ? "end" : "start");
  }

  private static String metricPhrase(Map<String, Report.Estimate> metrics, String metric, String what) {
    Double v = metricValue(metrics, metric);
    return v == null ? "" : ", " + what + " " + Html.num(v);
  }

  private static Double metricValue(Map<String, Report.Estimate> metrics, String metric) {
    if (metrics == null) return null;
    Report.Estimate e = metrics.get(metric);
    return e == null ? null : e.value();
  }

  private static String baselineName(Report r) {
    return r.baseline() == null ? "" : r.baseline().name();
  }
}
