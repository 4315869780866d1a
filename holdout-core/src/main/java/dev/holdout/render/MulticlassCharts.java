package dev.holdout.render;

import dev.holdout.base.Format;
import dev.holdout.render.Svg.Plot;
import dev.holdout.render.Svg.Scale;
import dev.holdout.result.Report;
import java.util.Map;

/** The charts of a multiclass classification: the confusion matrix in counts and in row shares, and precision, recall and f1 per class. */
final class MulticlassCharts {
  private MulticlassCharts() {}

  static void append(StringBuilder b, Report r) {
    Report.ConfusionMatrix cm = r.confusionMatrix();
    b.append("<section class=\"card\" id=\"charts\">\n<h2>Classes</h2>\n<p class=\"lede\">Where the submission confuses one class with another. ")
        .append("Rows are the actual class, columns the predicted one.</p>\n<div class=\"charts\">\n");
    if (cm != null && cm.labels() != null && cm.counts() != null) {
      b.append(Figures.figure("chart-confusion", "confusion", "Confusion matrix (counts)", "Rows evaluated, by actual and predicted class; shading by count.",
          Heatmap.key(), Heatmap.draw("chart-confusion-svg", "Confusion matrix (counts)", cm.labels(), cm.counts(), false, false, null), null,
          cm.labels().size() > 8));
      b.append(Figures.figure("chart-confusion-normalised", "confusion-normalised", "Confusion matrix (share of each actual class)",
          "Each row sums to 100%; the diagonal is each class's recall.", Heatmap.key(),
          Heatmap.draw("chart-confusion-normalised-svg", "Confusion matrix (share of each actual class)", cm.labels(), cm.counts(), true, true, null), null,
          cm.labels().size() > 8));
    }
    if (r.perClass() != null && !r.perClass().isEmpty()) b.append(perClass(r.perClass()));
    b.append("</div>\n</section>\n");
  }

  private static String perClass(Map<String, Report.ClassFigures> perClass) {
    int k = perClass.size();
    Plot p = new Plot(Math.max(480, 60 + k * 96), 340, 56, 14, 14, 66).y(0, 1, 5, true);
    p.x = Scale.of(0, k, p.left, p.right, 1, false);
    p.yAxis(p.y, "Value");
    p.line(p.left, p.bottom, p.right, p.bottom, "axis").line(p.left, p.top, p.left, p.bottom, "axis");
    double group = (p.right - p.left) / k;
    double bw = Math.min(26, group * 0.8 / 3);
    StringBuilder desc = new StringBuilder("Precision, recall and f1 of each class:");
    int i = 0;
    String[] classes = {"bar-p", "bar-r", "bar-f"};
    String[] names = {"precision", "recall", "f1"};
    for (Map.Entry<String, Report.ClassFigures> e : perClass.entrySet()) {
      double cx = p.left + group * (i + 0.5);
      Report.ClassFigures f = e.getValue();
      Report.Estimate[] est = {f.precision(), f.recall(), f.f1()};
      desc.append(' ').append(e.getKey()).append(" (").append(Format.count(f.support())).append(" rows):");
      for (int m = 0; m < 3; m++) {
        double x0 = cx - 1.5 * bw + m * bw;
        Report.Estimate v = est[m];
        if (v == null || v.value() == null) {
          p.text(x0 + bw / 2, p.bottom - 4, "n/a", "small", "middle");
          desc.append(' ').append(names[m]).append(" undefined");
          continue;
        }
        double top = p.y.clamped(v.value());
        p.rect(x0 + 1, top, bw - 2, p.bottom - top, classes[m], null, e.getKey() + " " + names[m] + ": " + Html.estimate(v));
        if (v.ci() != null && v.ci().size() == 2 && v.ci().get(0) != null && v.ci().get(1) != null) {
          double a = p.y.clamped(v.ci().get(0));
          double c = p.y.clamped(v.ci().get(1));
          p.line(x0 + bw / 2, a, x0 + bw / 2, c, "whisker").line(x0 + bw / 2 - 3, a, x0 + bw / 2 + 3, a, "whisker")
              .line(x0 + bw / 2 - 3, c, x0 + bw / 2 + 3, c, "whisker");
        } else if (k <= 8) {
          p.text(x0 + bw / 2, top - 4, Format.score(v.value()), "small", "middle");
        }
        desc.append(' ').append(names[m]).append(' ').append(Format.score(v.value()));
      }
      desc.append(';');
      p.clippedText(cx, p.bottom + 18, e.getKey(), 14, "label strong", "middle");
      p.text(cx, p.bottom + 33, Format.count(f.support()) + " rows", "small", "middle");
      i++;
    }
    String legend = Figures.key("bar-p", null, "precision") + Figures.key("bar-r", null, "recall") + Figures.key("bar-f", null, "f1");
    return Figures.figure("chart-per-class", "per-class", "Precision, recall and f1 per class",
        "How well each class is found (recall) and how often a prediction of it is right (precision).", legend,
        p.svg("chart-per-class-svg", "Precision, recall and f1 per class", desc.toString()), null, k > 6);
  }
}
