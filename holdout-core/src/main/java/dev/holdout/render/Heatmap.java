package dev.holdout.render;

import dev.holdout.base.Format;
import dev.holdout.render.Svg.Plot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Confusion matrices as heat maps in a single-hue blue ramp, with the ramp's legend key. */
final class Heatmap {
  private Heatmap() {}

  /**
   * A heat map of counts by actual (rows) and predicted (columns) label. {@code shadeByRow} shades
   * each cell by its share of the row (the only arithmetic here); {@code showShare} writes that
   * share as the cell's main figure.
   */
  static String draw(String id, String title, List<String> labels, List<List<Double>> counts, boolean shadeByRow, boolean showShare,
      String[][] tags) {
    int k = labels == null || counts == null ? 0 : Math.min(labels.size(), counts.size());
    // Cells shrink with more classes down to a readable minimum; past that the chart grows wider instead.
    double cell = Math.max(40, Math.min(tags != null ? 150 : 112, 380.0 / Math.max(1, k)));
    double cellH = tags != null ? 92 : Math.min(74, Math.max(44, cell * 0.66));
    double labelW = 110;
    double gridW = cell * k;
    double width = 480;
    double x0 = Math.max(labelW, (width - gridW) / 2 + 20);
    if (x0 + gridW > width - 6) width = x0 + gridW + 6;
    double y0 = 54;
    Plot p = new Plot(width, y0 + cellH * k + 14, 0, 0, 0, 0);
    double max = 0;
    for (int i = 0; i < k; i++) for (Double v : Html.nz(counts.get(i))) if (v != null) max = Math.max(max, v);
    StringBuilder desc = new StringBuilder(title).append(", rows actual, columns predicted:");
    p.text(x0 + gridW / 2, 16, "Predicted", "axis-title", "middle");
    p.raw("<text class=\"axis-title\" text-anchor=\"middle\" transform=\"translate(14 " + Svg.n(y0 + cellH * k / 2) + ") rotate(-90)\">Actual</text>");
    for (int j = 0; j < k; j++) p.clippedText(x0 + cell * (j + 0.5), y0 - 10, labels.get(j), Math.max(4, (int) (cell / 8)), "label strong", "middle");
    for (int i = 0; i < k; i++) {
      List<Double> row = Html.nz(counts.get(i));
      double rowSum = 0;
      for (Double v : row) if (v != null) rowSum += v;
      p.clippedText(x0 - 10, y0 + cellH * (i + 0.5) + 4, labels.get(i), 14, "label strong", "end");
      desc.append(" actual ").append(labels.get(i)).append(':');
      for (int j = 0; j < k; j++) {
        double v = j < row.size() && row.get(j) != null ? row.get(j) : 0;
        double share = rowSum > 0 ? v / rowSum : 0;
        double t = shadeByRow ? share : max > 0 ? v / max : 0;
        double cx = x0 + cell * j;
        double cy = y0 + cellH * i;
        String tip = "actual " + labels.get(i) + ", predicted " + labels.get(j) + ": " + Format.count(v) + " rows ("
            + Format.percent(share) + " of the row)";
        p.rect(cx + 1, cy + 1, cell - 2, cellH - 2, null, shade(t), tip);
        String ink = t > 0.5 ? "cell-text light" : "cell-text";
        String inkSub = t > 0.5 ? "cell-sub light" : "cell-sub";
        String main = showShare ? Format.percent(share) : Format.count(v);
        List<String> below = new ArrayList<>();
        if (showShare) below.add(Format.count(v) + " rows");
        if (tags != null) {
          below.add(tags[i][j]);
          below.add(Format.percent(share) + " of row");
        }
        if (cell < 60) below.clear();
        double mid = cy + cellH / 2;
        double firstY = mid + 5 - below.size() * 7.5;
        p.text(cx + cell / 2, firstY, main, cell < 60 ? inkSub : ink, "middle");
        for (int l = 0; l < below.size(); l++) p.text(cx + cell / 2, firstY + 16 + l * 14, below.get(l), inkSub, "middle");
        desc.append(' ').append(labels.get(j)).append(' ').append(Format.count(v));
        if (showShare) desc.append(" (").append(Format.percent(share)).append(')');
        desc.append(j + 1 < k ? "," : ";");
      }
    }
    return p.svg(id, title, desc.toString());
  }

  /** A light-to-dark blue ramp (single hue, so it reads the same with any colour vision). */
  private static String shade(double t) {
    t = Math.max(0, Math.min(1, t));
    int[] from = {0xf1, 0xf6, 0xfa};
    int[] to = {0x08, 0x4a, 0x7d};
    StringBuilder s = new StringBuilder("#");
    for (int c = 0; c < 3; c++) s.append(String.format(Locale.ROOT, "%02x", Math.round(from[c] + (to[c] - from[c]) * t)));
    return s.toString();
  }

  /** The legend key of the ramp: four swatches from few to many. */
  static String key() {
    return "<span class=\"key\"><svg width=\"64\" height=\"10\" aria-hidden=\"true\"><rect x=\"0\" y=\"0\" width=\"16\" height=\"10\" fill=\""
        + shade(0.05) + "\"/><rect x=\"16\" y=\"0\" width=\"16\" height=\"10\" fill=\"" + shade(0.35) + "\"/><rect x=\"32\" y=\"0\" width=\"16\" height=\"10\" fill=\""
        + shade(0.65) + "\"/><rect x=\"48\" y=\"0\" width=\"16\" height=\"10\" fill=\"" + shade(0.95) + "\"/></svg> few → many</span>";
  }
}
