package dev.holdout.data;

import java.util.Arrays;

/**
 * Open-addressing hash index from id text to row number, over the id array itself: about 8 bytes
 * per row beyond the ids, no boxing. Not thread-safe while adding.
 */
public final class IdIndex {
  private final String[] ids;
  private final int[] table;
  private final int mask;

  /**
   * Indexes {@code ids[0..n)}. Returns the index, or throws {@link DuplicateId} naming the first
   * repeated id's two rows.
   */
  public static IdIndex of(String[] ids, int n) {
    IdIndex index = new IdIndex(ids, n);
    for (int row = 0; row < n; row++) {
      int other = index.insert(row);
      if (other >= 0) throw new DuplicateId(ids[row], other, row);
    }
    return index;
  }

  private IdIndex(String[] ids, int n) {
    this.ids = ids;
    int capacity = Integer.highestOneBit(Math.max(4, n) * 2 - 1) << 1;
    table = new int[capacity];
    Arrays.fill(table, -1);
    mask = capacity - 1;
  }

  private int insert(int row) {
    String id = ids[row];
    int slot = spread(id.hashCode()) & mask;
    while (table[slot] >= 0) {
      if (ids[table[slot]].equals(id)) return table[slot];
      slot = (slot + 1) & mask;
    }
    table[slot] = row;
    return -1;
  }

  /** The row of {@code id}, or -1. */
  public int find(String id) {
    int slot = spread(id.hashCode()) & mask;
    int row;
    while ((row = table[slot]) >= 0) {
      if (ids[row].equals(id)) return row;
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  private static int spread(int h) {
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  /** Two rows with the same id. */
  public static final class DuplicateId extends RuntimeException {
    public final String id;
    public final int firstRow;
    public final int secondRow;

    DuplicateId(String id, int firstRow, int secondRow) {
      super("duplicate id " + id);
      this.id = id;
      this.firstRow = firstRow;
      this.secondRow = secondRow;
    }
  }
}
