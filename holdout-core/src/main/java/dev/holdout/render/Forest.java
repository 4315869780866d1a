package dev.holdout.render;

import dev.holdout.render.Svg.Plot;
import dev.holdout.result.Report;
import java.util.ArrayList;
import java.util.List;

/**
 * Forest plots: groups (slice groups, submissions) down the side, each estimate a dot with its
 * interval on a shared axis, the worst row banded and drawn in vermillion, and reference lines
 * (a threshold, the value over all rows) across. With one series the value is written at the right.
 */
final class Forest {
  private Forest() {}

  /** One row of a forest plot: a label, a smaller line under it, one estimate per series. */
  record Row(String label, String sub, List<Report.Estimate> values, boolean worst, boolean emphasis) {}

  /** A vertical reference line across a forest plot: a threshold or the value over all rows. */
  record Ref(double value, String label, String cls) {}

  /** The SVG of a forest plot; {@code twoSeries} draws two estimates per row (the second as a diamond) and no values at the right. */
  static String draw(String id, String title, String desc, String axisTitle, List<Row> rows, List<Ref> refs, boolean twoSeries) {
    boolean text = !twoSeries;
    double rowH = twoSeries ? 42 : 38;
    double top = refs.isEmpty() ? 12 : refs.size() > 1 ? 42 : 26;
    // Narrower than the other charts so that, shrunk to a phone's width, the group names stay readable.
    double width = 440;
    double labelW = 112;
    double valueW = text ? 128 : 14;
    Plot p = new Plot(width, top + rows.size() * rowH + 50, labelW, valueW, top, 50);
    List<Double> all = new ArrayList<>();
    for (Row fr : rows) for (Report.Estimate e : fr.values()) collect(all, e);
    for (Ref ref : refs) all.add(ref.value());
    double lo = all.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    double hi = all.stream().mapToDouble(Double::doubleValue).max().orElse(1);
    double pad = (hi - lo) * 0.04;
    p.x(lo - pad, hi + pad, 5, true);
    for (int i = 0; i < rows.size(); i++) {
      Row fr = rows.get(i);
      double cy = top + rowH * (i + 0.5);
      if (fr.worst()) p.rect(4, cy - rowH / 2 + 2, width - 8, rowH - 4, "worst-band");
      else if (i % 2 == 1) p.rect(4, cy - rowH / 2 + 2, width - 8, rowH - 4, "track");
    }
    p.xAxis(axisTitle);
    for (int k = 0; k < refs.size(); k++) {
      Ref ref = refs.get(k);
      double x = p.x.at(ref.value());
      p.line(x, top - 4, x, p.bottom, ref.cls());
      double ty = refs.size() > 1 ? (k == 0 ? 13 : 30) : 16;
      String anchor = x > p.right - 60 ? "end" : x < p.left + 60 ? "start" : "middle";
      p.text(x, ty, ref.label(), ref.cls().equals("threshold") ? "label strong" : "small", anchor);
    }
    for (int i = 0; i < rows.size(); i++) {
      Row fr = rows.get(i);
      double cy = top + rowH * (i + 0.5);
      String cls = fr.worst() || fr.emphasis() ? "label strong" : "label";
      p.clippedText(10, cy - 2, fr.label(), 13, cls, "start");
      p.clippedText(10, cy + 13, fr.sub(), 19, "small", "start");
      int n = fr.values().size();
      for (int k = 0; k < n; k++) {
        Report.Estimate e = fr.values().get(k);
        double y = cy + (k - (n - 1) / 2.0) * 10;
        if (e == null || e.value() == null) {
          p.text(p.left + 6, y + 4, e == null ? "not computed" : "undefined", "small", "start");
          continue;
        }
        String series = fr.worst() ? "worst" : k == 0 ? "main" : "base";
        if (e.ci() != null && e.ci().size() == 2 && e.ci().get(0) != null && e.ci().get(1) != null) {
          p.line(p.x.clamped(e.ci().get(0)), y, p.x.clamped(e.ci().get(1)), y, "ci-" + series);
        }
        if (series.equals("base")) p.diamond(p.x.clamped(e.value()), y, 5, "dot-base");
        else p.circle(p.x.clamped(e.value()), y, fr.worst() ? 5.5 : 4.5, "dot-" + series, null);
      }
      if (text) {
        Report.Estimate e = fr.values().get(0);
        String v = e == null || e.value() == null ? "–" : Html.num(e.value());
        p.text(width - 10, cy - 2, v, fr.worst() ? "label strong" : "label", "end");
        if (e != null && e.ci() != null) p.text(width - 10, cy + 13, Html.interval(e.ci()), "small", "end");
      }
    }
    return p.svg(id, title, desc);
  }

  /** The estimate's value and finite interval ends, for the extent of a scale. */
  static void collect(List<Double> into, Report.Estimate e) {
    if (e == null || e.value() == null) return;
    into.add(e.value());
    if (e.ci() != null) for (Double c : e.ci()) if (c != null && Double.isFinite(c)) into.add(c);
  }
}
