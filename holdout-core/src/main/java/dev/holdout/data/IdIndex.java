package dev.holdout.data;

import dev.holdout.stats.Sorting;
import java.util.Arrays;

/**
 * Open-addressing hash index from id text to row number over an {@link IdColumn}: 8 bytes per
 * row beyond the ids, no boxing. Not thread-safe while building.
 */
public final class IdIndex {
  private final IdColumn ids;
  private final int[] table;
  private final int mask;

  /**
   * Throws {@link DuplicateId} for the earliest row whose id already appeared, naming both rows.
   * Sorts 64-bit fingerprints instead of filling a hash table, which keeps memory access sequential
   * for ten million ids; equal fingerprints are confirmed by comparing the ids themselves.
   */
  public static void requireUnique(IdColumn ids) {
    int n = ids.size();
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) keys[i] = ids.fingerprint(i);
    int[] order = Sorting.orderByKey(keys);
    int bestFirst = -1;
    int bestSecond = Integer.MAX_VALUE;
    for (int i = 1; i < n; i++) {
      if (keys[i] != keys[i - 1]) continue;
      int j = i - 1;
      while (j > 0 && keys[j - 1] == keys[i]) j--;
      for (int k = j; k < i; k++) {
        int a = order[k];
        int b = order[i];
        if (ids.sameAt(a, b)) {
          int first = Math.min(a, b);
          int second = Math.max(a, b);
          if (second < bestSecond) {
            bestSecond = second;
            bestFirst = first;
          }
          break;
        }
      }
    }
    if (bestFirst >= 0) throw new DuplicateId(ids.get(bestSecond), bestFirst, bestSecond);
  }

  /** Indexes every id of the column; throws {@link DuplicateId} naming the first repeated id's two rows. */
  public static IdIndex of(IdColumn ids) {
    IdIndex index = new IdIndex(ids);
    for (int row = 0; row < ids.size(); row++) {
      int other = index.insert(row);
      if (other >= 0) throw new DuplicateId(ids.get(row), other, row);
    }
    return index;
  }

  private IdIndex(IdColumn ids) {
    this.ids = ids;
    int capacity = Integer.highestOneBit(Math.max(4, ids.size()) * 2 - 1) << 1;
    table = new int[capacity];
    Arrays.fill(table, -1);
    mask = capacity - 1;
  }

  private int insert(int row) {
    int slot = ids.hash(row) & mask;
    while (table[slot] >= 0) {
      if (ids.sameAt(table[slot], row)) return table[slot];
      slot = (slot + 1) & mask;
    }
    table[slot] = row;
    return -1;
  }

  /** The row of {@code id}, or -1. */
  public int find(CharSequence id) {
    int slot = Dictionary.hash(id) & mask;
    int row;
    while ((row = table[slot]) >= 0) {
      if (ids.equalsAt(row, id)) return row;
      slot = (slot + 1) & mask;
    }
    return -1;
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
