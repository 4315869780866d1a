package dev.holdout.drift;

import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A categorical column's dictionary codes in row order, −1 for missing. */
final class CodeColumn extends Blocks<IntBuffer> {
  CodeColumn(List<IntBuffer> blocks, int size) {
    super(blocks, size);
  }

  /** A copy of {@code codes}, on the heap (slices of a window). */
  static CodeColumn of(int[] codes) {
    List<IntBuffer> blocks = new ArrayList<>();
    for (int from = 0; from < codes.length; from += BLOCK) {
      blocks.add(IntBuffer.wrap(Arrays.copyOfRange(codes, from, Math.min(codes.length, from + BLOCK))));
    }
    return new CodeColumn(blocks, codes.length);
  }

  /** {@code size} missing values. */
  static CodeColumn missing(int size) {
    int[] codes = new int[size];
    Arrays.fill(codes, -1);
    return of(codes);
  }

  /** A new block of {@link #BLOCK} codes (zero) outside the heap. */
  static IntBuffer block() {
    return direct(BLOCK * Integer.BYTES).asIntBuffer();
  }

  int get(int row) {
    return block(row >>> SHIFT).get(row & (BLOCK - 1));
  }

  void set(int row, int code) {
    block(row >>> SHIFT).put(row & (BLOCK - 1), code);
  }
}
