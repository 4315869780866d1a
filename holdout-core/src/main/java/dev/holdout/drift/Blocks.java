package dev.holdout.drift;

import dev.holdout.base.HoldoutException;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * One column's values in row order, in blocks of {@link #BLOCK}. A window read from a file stays in
 * the blocks it was read into, outside the Java heap ({@link #direct}): a window is read once and
 * kept to the end, so on the heap every value was copied by the garbage collector on its way to the
 * old generation, and joining the blocks into one array per column copied it again (at a million
 * rows by sixty columns, 440 MB per window and over half a second of pauses). Direct memory is
 * counted against {@code -XX:MaxDirectMemorySize}, which defaults to the heap's maximum.
 */
abstract class Blocks<B extends Buffer> {
  static final int BLOCK = 1 << 16;
  static final int SHIFT = 16;

  private final List<B> blocks;
  private final int size;

  /** {@code size} values in {@code blocks}, each of {@link #BLOCK} values (the last may be shorter, or partly used). */
  Blocks(List<B> blocks, int size) {
    if (blocks.size() != (size + BLOCK - 1) / BLOCK) throw new IllegalArgumentException(blocks.size() + " blocks for " + size + " values");
    this.blocks = List.copyOf(blocks);
    this.size = size;
  }

  /** A new block of {@code bytes} (zero) outside the heap, in the machine's byte order. */
  static ByteBuffer direct(int bytes) {
    try {
      return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
    } catch (OutOfMemoryError e) {  // the direct-memory limit, reached before anything is allocated: the heap is fine
      throw new HoldoutException("the windows do not fit in memory (8 bytes a number, 4 a category), and Java's limit for them"
          + " (by default the heap's maximum, here " + (Runtime.getRuntime().maxMemory() >> 20) + " MB) is reached; give it more with"
          + " HOLDOUT_JAVA_OPTS=\"-XX:+UseParallelGC -Xmx16g\", or compare samples of the windows");
    }
  }

  final int size() {
    return size;
  }

  /** The number of values in block {@code b}. */
  final int blockLength(int b) {
    return Math.min(BLOCK, size - b * BLOCK);
  }

  final B block(int b) {
    return blocks.get(b);
  }

  final int blockCount() {
    return blocks.size();
  }
}
