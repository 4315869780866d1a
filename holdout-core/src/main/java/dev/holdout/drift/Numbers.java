package dev.holdout.drift;

import dev.holdout.HoldoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A numeric column's values in row order (NaN for missing), in blocks of {@link #BLOCK} values. A
 * window read from a file stays in the blocks it was read into, outside the Java heap
 * ({@link #block()}). A window is read once and kept to the end, so
 * on the heap every value was copied by the garbage collector on its way to the old generation,
 * and joining the blocks into one array per column copied it again: at a million rows by fifty
 * columns that was 400 MB per window and half a second of pauses. Direct memory is counted
 * against {@code -XX:MaxDirectMemorySize}, which defaults to the heap's maximum.
 */
final class Numbers {
  static final int BLOCK = 1 << 16;
  private static final int SHIFT = 16;

  private final DoubleBuffer[] blocks;
  private final int size;

  /** {@code size} values in {@code blocks}, each of {@link #BLOCK} values (the last may be shorter, or partly used). */
  Numbers(List<DoubleBuffer> blocks, int size) {
    if (blocks.size() != (size + BLOCK - 1) / BLOCK) throw new IllegalArgumentException(blocks.size() + " blocks for " + size + " values");
    this.blocks = blocks.toArray(new DoubleBuffer[0]);
    this.size = size;
  }

  /**
   * A copy of {@code values}, on the heap: the columns made this way are slices of a window or
   * come from small sketches (in {@code holdout monitor}, for every window), where a direct block of
   * 65,536 values each would cost more to set up and free than the values themselves.
   */
  static Numbers of(double[] values) {
    List<DoubleBuffer> blocks = new ArrayList<>();
    for (int from = 0; from < values.length; from += BLOCK) {
      blocks.add(DoubleBuffer.wrap(Arrays.copyOfRange(values, from, Math.min(values.length, from + BLOCK))));
    }
    return new Numbers(blocks, values.length);
  }

  /** {@code size} missing values. */
  static Numbers missing(int size) {
    double[] values = new double[size];
    Arrays.fill(values, Double.NaN);
    return of(values);
  }

  /** A new block of {@link #BLOCK} values (zero) outside the heap, in the machine's byte order. */
  static DoubleBuffer block() {
    try {
      return ByteBuffer.allocateDirect(BLOCK * Double.BYTES).order(ByteOrder.nativeOrder()).asDoubleBuffer();
    } catch (OutOfMemoryError e) {  // the direct-memory limit, reached before anything is allocated: the heap is fine
      throw new HoldoutException("the windows do not fit in memory: their numbers take 8 bytes a value, and Java's limit for them"
          + " (by default the heap's maximum, here " + (Runtime.getRuntime().maxMemory() >> 20) + " MB) is reached; give it more with"
          + " HOLDOUT_JAVA_OPTS=\"-XX:+UseParallelGC -Xmx16g\", or compare samples of the windows");
    }
  }

  double get(int row) {
    return blocks[row >>> SHIFT].get(row & (BLOCK - 1));
  }

  int size() {
    return size;
  }

  /** The number of values in block {@code b}. */
  int blockLength(int b) {
    return Math.min(BLOCK, size - b * BLOCK);
  }

  DoubleBuffer block(int b) {
    return blocks[b];
  }

  int blockCount() {
    return blocks.length;
  }

  double[] toArray() {
    double[] out = new double[size];
    for (int b = 0; b < blocks.length; b++) blocks[b].get(0, out, b * BLOCK, blockLength(b));
    return out;
  }
}
