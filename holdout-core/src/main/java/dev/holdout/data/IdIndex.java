package dev.holdout.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
   * Sorts 64-bit fingerprints, bucketed by their top bits so each bucket sorts inside the cache,
   * instead of filling a hash table; equal fingerprints are confirmed by comparing the ids.
   */
  public static void requireUnique(IdColumn ids) {
    int n = ids.size();
    int bits = 11;
    int[] start = new int[(1 << bits) + 1];
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = ids.fingerprint(i);
      start[(int) (keys[i] >>> (64 - bits)) + 1]++;
    }
    for (int b = 0; b < 1 << bits; b++) start[b + 1] += start[b];
    long[] bucketed = new long[n];
    int[] fill = Arrays.copyOf(start, 1 << bits);
    for (long k : keys) bucketed[fill[(int) (k >>> (64 - bits))]++] = k;
    Set<Long> repeated = new HashSet<>();
    for (int b = 0; b < 1 << bits; b++) {
      Arrays.sort(bucketed, start[b], start[b + 1]);
      for (int i = start[b] + 1; i < start[b + 1]; i++) if (bucketed[i] == bucketed[i - 1]) repeated.add(bucketed[i]);
    }
    if (repeated.isEmpty()) return;
    // Rare: find the rows behind the repeated fingerprints and confirm real repeats.
    Map<Long, List<Integer>> rows = new HashMap<>();
    int bestFirst = -1;
    int bestSecond = Integer.MAX_VALUE;
    for (int i = 0; i < n && i < bestSecond; i++) {
      if (!repeated.contains(keys[i])) continue;
      List<Integer> seen = rows.computeIfAbsent(keys[i], k -> new ArrayList<>());
      for (int j : seen) {
        if (ids.sameAt(j, i)) {
          bestFirst = j;
          bestSecond = i;
          break;
        }
      }
      seen.add(i);
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
