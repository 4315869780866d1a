package dev.holdout.drift;

import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A numeric column's values in row order, NaN for missing. */
final class NumberColumn extends Blocks<DoubleBuffer> {
  NumberColumn(List<DoubleBuffer> blocks, int size) {
    super(blocks, size);
  }

  /**
   * A copy of {@code values}, on the heap: the columns made this way are slices of a window or
   * come from small sketches (in {@code holdout monitor}, for every window), where a direct block of
   * 65,536 values each would cost more to set up and free than the values themselves.
   */
  static NumberColumn of(double[] values) {
    List<DoubleBuffer> blocks = new ArrayList<>();
    for (int from = 0; from < values.length; from += BLOCK) {
      blocks.add(DoubleBuffer.wrap(Arrays.copyOfRange(values, from, Math.min(values.length, from + BLOCK))));
    }
    return new NumberColumn(blocks, values.length);
  }

  /** {@code size} missing values. */
  static NumberColumn missing(int size) {
    double[] values = new double[size];
    Arrays.fill(values, Double.NaN);
    return of(values);
  }

  /** A new block of {@link #BLOCK} values (zero) outside the heap. */
  static DoubleBuffer block() {
    return direct(BLOCK * Double.BYTES).asDoubleBuffer();
  }

  double get(int row) {
    return block(row >>> SHIFT).get(row & (BLOCK - 1));
  }

  double[] toArray() {
    double[] out = new double[size()];
    for (int b = 0; b < blockCount(); b++) block(b).get(0, out, b * BLOCK, blockLength(b));
    return out;
  }
}
