package dev.holdout.render;

import static dev.holdout.render.Html.esc;

/**
 * The frame of every chart: a {@code <figure>} with a stable id, a caption (title, subtitle,
 * legend) and the SVG, and the legend keys and colour swatches in the charts' CSS classes.
 */
final class Figures {
  private Figures() {}

  /**
   * A chart: {@code id} and {@code kind} become the figure's id and {@code data-chart}; the legend
   * and the note are HTML already escaped; a {@code wide} chart spans the whole card.
   */
  static String figure(String id, String kind, String title, String subtitle, String legend, String svg, String note, boolean wide) {
    StringBuilder s = new StringBuilder();
    s.append("<figure class=\"chart").append(wide ? " wide" : "").append("\" id=\"").append(id).append("\" data-chart=\"").append(kind).append("\">")
        .append("<figcaption><h3>").append(esc(title)).append("</h3>");
    if (subtitle != null) s.append("<p>").append(esc(subtitle)).append("</p>");
    if (legend != null && !legend.isEmpty()) s.append("<p class=\"legend\">").append(legend).append("</p>");
    s.append("</figcaption>\n").append(svg).append('\n');
    if (note != null) s.append("<p class=\"note\">").append(note).append("</p>");
    s.append("</figure>\n");
    return s.toString();
  }

  /**
   * A legend key: a marker in the class {@code dot} (a bar or pair swatch, the baseline's diamond,
   * or a circle) and/or a line in the class {@code line}, before the escaped text.
   */
  static String key(String dot, String line, String text) {
    StringBuilder s = new StringBuilder("<span class=\"key\"><svg width=\"22\" height=\"12\" aria-hidden=\"true\">");
    if (line != null) s.append("<line class=\"").append(line).append("\" x1=\"1\" y1=\"6\" x2=\"21\" y2=\"6\"/>");
    if (dot != null) {
      if (dot.startsWith("bar-") || dot.startsWith("pair-")) s.append("<rect class=\"").append(dot).append("\" x=\"4\" y=\"1\" width=\"14\" height=\"10\"/>");
      else if (dot.equals("dot-base")) s.append("<path class=\"dot-base\" d=\"M11 1L16 6L11 11L6 6Z\"/>");
      else s.append("<circle class=\"").append(dot).append("\" cx=\"11\" cy=\"6\" r=\"").append(dot.equals("pt") ? "3" : "4.5").append("\"/>");
    }
    return s.append("</svg> ").append(esc(text)).append("</span>").toString();
  }

  /** A small square in the class {@code swatch}, for a colour named in running text. */
  static String swatch(String swatch) {
    return "<svg width=\"14\" height=\"12\" aria-hidden=\"true\"><rect class=\"" + swatch + "\" x=\"0\" y=\"1\" width=\"14\" height=\"10\" stroke=\"#c9d0d6\"/></svg>";
  }
}
