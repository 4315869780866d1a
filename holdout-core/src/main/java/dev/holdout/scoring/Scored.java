package dev.holdout.scoring;

import dev.holdout.result.Report;

/**
 * What running a model gave for every evaluation row: {@code width} numbers per row in row-major
 * {@code values} (binary: the positive-class score; multiclass: one probability per suite class in
 * the suite's order; regression: the value), {@code present[i]} false where row i got no answer,
 * and the serving measurements.
 */
public record Scored(String[] ids, int width, double[] values, boolean[] present, Report.Serving serving) {
  public Scored {
    if (values.length != (long) ids.length * width) throw new IllegalArgumentException("values " + values.length + " != rows " + ids.length + " x width " + width);
    if (present.length != ids.length) throw new IllegalArgumentException("present " + present.length + " != rows " + ids.length);
  }
}
