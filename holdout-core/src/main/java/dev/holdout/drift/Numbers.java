package dev.holdout.drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A numeric column's values in row order (NaN for missing), kept in the blocks of {@link #BLOCK}
 * values they were read into: at a million rows by fifty columns, joining the blocks into one
 * array per column copied 400 MB per window and cost the garbage collector a second or more.
 */
final class Numbers {
  static final int BLOCK = 1 << 16;
  private static final int SHIFT = 16;

  private final double[][] blocks;
  private final int size;

  /** {@code size} values in {@code blocks}, each of {@link #BLOCK} values (the last may be partly used). */
  Numbers(List<double[]> blocks, int size) {
    if (blocks.size() != (size + BLOCK - 1) / BLOCK) throw new IllegalArgumentException(blocks.size() + " blocks for " + size + " values");
    this.blocks = blocks.toArray(new double[0][]);
    this.size = size;
  }

  /** A copy of {@code values}. */
  static Numbers of(double[] values) {
    List<double[]> blocks = new ArrayList<>();
    for (int from = 0; from < values.length; from += BLOCK) blocks.add(Arrays.copyOfRange(values, from, from + BLOCK));
    return new Numbers(blocks, values.length);
  }

  /** {@code size} missing values. */
  static Numbers missing(int size) {
    double[] values = new double[size];
    Arrays.fill(values, Double.NaN);
    return of(values);
  }

  double get(int row) {
    return blocks[row >>> SHIFT][row & (BLOCK - 1)];
  }

  int size() {
    return size;
  }

  /** The number of values in block {@code b}. */
  int blockLength(int b) {
    return Math.min(BLOCK, size - b * BLOCK);
  }

  double[] block(int b) {
    return blocks[b];
  }

  int blockCount() {
    return blocks.length;
  }

  double[] toArray() {
    double[] out = new double[size];
    for (int b = 0; b < blocks.length; b++) System.arraycopy(blocks[b], 0, out, b * BLOCK, blockLength(b));
    return out;
  }
}
