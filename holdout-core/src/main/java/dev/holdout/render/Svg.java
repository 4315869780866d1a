package dev.holdout.render;

import dev.holdout.base.Format;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * A small SVG kit for the HTML report: linear scales with round ticks, a plot area with axes, and
 * shapes styled by CSS classes (report.css). Charts are drawn in a fixed viewBox and scale with the
 * page. Coordinates are written with at most one decimal, which keeps a 2,000-point scatter plot
 * near 70 KB. Not thread-safe; one {@link Plot} per chart.
 */
final class Svg {
  private Svg() {}

  /** A coordinate with at most one decimal: 12, 12.5, -0.5. */
  static String n(double v) {
    long r = Math.round(v * 10);
    if (r % 10 == 0) return Long.toString(r / 10);
    long a = Math.abs(r);
    return (r < 0 ? "-" : "") + a / 10 + "." + a % 10;
  }

  /** Maps a domain [d0, d1] linearly onto a range [r0, r1]; ticks are round numbers inside the domain. */
  static final class Scale {
    final double d0;
    final double d1;
    final double r0;
    final double r1;
    final double step;

    private Scale(double d0, double d1, double r0, double r1, double step) {
      this.d0 = d0;
      this.d1 = d1;
      this.r0 = r0;
      this.r1 = r1;
      this.step = step;
    }

    /**
     * A scale over [lo, hi] with about {@code ticks} ticks. With {@code nice} the domain widens to
     * the nearest ticks; an empty or inverted domain widens around its value.
     */
    static Scale of(double lo, double hi, double r0, double r1, int ticks, boolean nice) {
      if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
        lo = 0;
        hi = 1;
      }
      if (hi < lo) {
        double t = lo;
        lo = hi;
        hi = t;
      }
      if (hi - lo < 1e-12) {
        double pad = Math.abs(lo) > 1e-9 ? Math.abs(lo) * 0.1 : 1;
        lo -= pad;
        hi += pad;
      }
      double step = niceStep((hi - lo) / Math.max(1, ticks));
      if (nice) {
        lo = Math.floor(lo / step + 1e-9) * step;
        hi = Math.ceil(hi / step - 1e-9) * step;
      }
      return new Scale(lo, hi, r0, r1, step);
    }

    double at(double v) {
      return r0 + (v - d0) / (d1 - d0) * (r1 - r0);
    }

    /** The point, held inside the range so a value off the scale is drawn at the edge. */
    double clamped(double v) {
      double p = at(v);
      double lo = Math.min(r0, r1);
      double hi = Math.max(r0, r1);
      return Math.max(lo, Math.min(hi, p));
    }

    List<Double> ticks() {
      List<Double> t = new ArrayList<>();
      double first = Math.ceil(d0 / step - 1e-9) * step;
      for (int i = 0; i < 50; i++) {
        double v = first + i * step;
        if (v > d1 + step * 1e-6) break;
        t.add(Math.abs(v) < step * 1e-9 ? 0 : v);
      }
      return t;
    }

    /** A tick's text: as few decimals as the step needs, grouped thousands for whole numbers. */
    String tick(double v) {
      int decimals = Math.max(0, -(int) Math.floor(Math.log10(step) + 1e-9));
      BigDecimal b = new BigDecimal(v).setScale(decimals + 1, RoundingMode.HALF_UP).stripTrailingZeros();
      if (b.scale() <= 0) return Format.count(b.longValue());
      return b.toPlainString();
    }

    private static double niceStep(double raw) {
      if (!(raw > 0)) return 1;
      double mag = Math.pow(10, Math.floor(Math.log10(raw)));
      double f = raw / mag;
      double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
      return nice * mag;
    }
  }

  /** One chart: a viewBox of {@code width} by {@code height} with a plot area inside the margins. */
  static final class Plot {
    final double width;
    final double height;
    final double left;
    final double right;
    final double top;
    final double bottom;
    Scale x;
    Scale y;
    private final StringBuilder body = new StringBuilder(4096);

    Plot(double width, double height, double marginLeft, double marginRight, double marginTop, double marginBottom) {
      this.width = width;
      this.height = height;
      this.left = marginLeft;
      this.right = width - marginRight;
      this.top = marginTop;
      this.bottom = height - marginBottom;
    }

    Plot x(double lo, double hi, int ticks, boolean nice) {
      x = Scale.of(lo, hi, left, right, ticks, nice);
      return this;
    }

    Plot y(double lo, double hi, int ticks, boolean nice) {
      y = Scale.of(lo, hi, bottom, top, ticks, nice);
      return this;
    }

    /** Grid lines, tick labels and axis titles for both scales. */
    Plot axes(String xTitle, String yTitle) {
      yAxis(y, yTitle);
      xAxis(xTitle);
      line(left, top, left, bottom, "axis");
      return this;
    }

    /** Vertical grid lines over the whole plot, tick labels and the title under it, and the axis line. */
    Plot xAxis(String title) {
      for (double t : x.ticks()) {
        double px = x.at(t);
        line(px, top, px, bottom, "grid");
        text(px, bottom + 16, x.tick(t), "tick", "middle");
      }
      line(left, bottom, right, bottom, "axis");
      if (title != null) text((left + right) / 2, bottom + 36, title, "axis-title", "middle");
      return this;
    }

    /** Horizontal grid lines and tick labels for {@code s} (this plot's y or a second one), and its title. */
    Plot yAxis(Scale s, String title) {
      for (double t : s.ticks()) {
        double py = s.at(t);
        line(left, py, right, py, "grid");
        text(left - 6, py + 4, s.tick(t), "tick", "end");
      }
      if (title != null) {
        double cy = (s.r0 + s.r1) / 2;
        // at the chart's left edge, clear of tick labels however wide the margin
        body.append("<text class=\"axis-title\" text-anchor=\"middle\" transform=\"translate(").append(n(14)).append(' ')
            .append(n(cy)).append(") rotate(-90)\">").append(Html.esc(title)).append("</text>");
      }
      return this;
    }

    /** A line through the points; a missing value (null) breaks the line. */
    Plot path(List<Double> xs, List<Double> ys, String cls) {
      if (xs == null || ys == null) return this;
      StringBuilder d = new StringBuilder();
      boolean pen = false;
      int n = Math.min(xs.size(), ys.size());
      for (int i = 0; i < n; i++) {
        Double a = xs.get(i);
        Double b = ys.get(i);
        if (a == null || b == null || !Double.isFinite(a) || !Double.isFinite(b)) {
          pen = false;
          continue;
        }
        d.append(pen ? 'L' : 'M').append(n(x.at(a))).append(' ').append(n(y.at(b)));
        pen = true;
      }
      if (d.length() > 0) body.append("<path class=\"").append(cls).append("\" d=\"").append(d).append("\"/>");
      return this;
    }

    Plot line(double x1, double y1, double x2, double y2, String cls) {
      body.append("<line class=\"").append(cls).append("\" x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1))
          .append("\" x2=\"").append(n(x2)).append("\" y2=\"").append(n(y2)).append("\"/>");
      return this;
    }

    Plot rect(double x, double y, double w, double h, String cls) {
      return rect(x, y, w, h, cls, null, null);
    }

    /** A rectangle; {@code fill} overrides the class's fill, {@code tip} becomes its tooltip. */
    Plot rect(double x, double y, double w, double h, String cls, String fill, String tip) {
      body.append("<rect");
      if (cls != null) body.append(" class=\"").append(cls).append('"');
      body.append(" x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(Math.max(0, w)))
          .append("\" height=\"").append(n(Math.max(0, h))).append('"');
      if (fill != null) body.append(" fill=\"").append(fill).append('"');
      if (tip == null) {
        body.append("/>");
      } else {
        body.append("><title>").append(Html.esc(tip)).append("</title></rect>");
      }
      return this;
    }

    Plot circle(double cx, double cy, double r, String cls, String tip) {
      body.append("<circle class=\"").append(cls).append("\" cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy))
          .append("\" r=\"").append(n(r)).append('"');
      if (tip == null) {
        body.append("/>");
      } else {
        body.append("><title>").append(Html.esc(tip)).append("</title></circle>");
      }
      return this;
    }

    /** A diamond, for a baseline's point. */
    Plot diamond(double cx, double cy, double r, String cls) {
      body.append("<path class=\"").append(cls).append("\" d=\"M").append(n(cx)).append(' ').append(n(cy - r)).append('L')
          .append(n(cx + r)).append(' ').append(n(cy)).append('L').append(n(cx)).append(' ').append(n(cy + r)).append('L')
          .append(n(cx - r)).append(' ').append(n(cy)).append("Z\"/>");
      return this;
    }

    /** Text, escaped; {@code anchor} is start, middle or end. */
    Plot text(double x, double y, String text, String cls, String anchor) {
      body.append("<text");
      if (cls != null) body.append(" class=\"").append(cls).append('"');
      body.append(" x=\"").append(n(x)).append("\" y=\"").append(n(y)).append('"');
      if (anchor != null && !anchor.equals("start")) body.append(" text-anchor=\"").append(anchor).append('"');
      body.append('>').append(Html.esc(text)).append("</text>");
      return this;
    }

    /** Text cut to {@code max} characters; the whole text stays available as a tooltip. */
    Plot clippedText(double x, double y, String text, int max, String cls, String anchor) {
      if (text.length() <= max) return text(x, y, text, cls, anchor);
      body.append("<text");
      if (cls != null) body.append(" class=\"").append(cls).append('"');
      body.append(" x=\"").append(n(x)).append("\" y=\"").append(n(y)).append('"');
      if (anchor != null && !anchor.equals("start")) body.append(" text-anchor=\"").append(anchor).append('"');
      body.append("><title>").append(Html.esc(text)).append("</title>").append(Html.esc(text.substring(0, max - 1))).append("…</text>");
      return this;
    }

    Plot raw(String svg) {
      body.append(svg);
      return this;
    }

    /**
     * The finished element: {@code role="img"}, an accessible name from the title and a longer
     * text alternative in {@code <desc>} for screen readers and for anyone who cannot see colour.
     */
    String svg(String id, String title, String desc) {
      StringBuilder s = new StringBuilder(body.length() + 512);
      s.append("<svg viewBox=\"0 0 ").append(n(width)).append(' ').append(n(height)).append("\" role=\"img\" aria-label=\"")
          .append(Html.esc(title)).append("\" aria-describedby=\"").append(id).append("-desc\" preserveAspectRatio=\"xMidYMid meet\">")
          .append("<title>").append(Html.esc(title)).append("</title><desc id=\"").append(id).append("-desc\">")
          .append(Html.esc(desc)).append("</desc>").append(body).append("</svg>");
      return s.toString();
    }
  }
}
