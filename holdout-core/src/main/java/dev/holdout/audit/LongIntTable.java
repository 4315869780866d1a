package dev.holdout.audit;

import java.util.function.LongConsumer;


/**
 * A map from 64-bit keys to the first row that had them, with a count per key: open addressing on
 * one primitive array (16 bytes a slot, about 23 bytes a key), so ten million row hashes fit in about 400 MB with no
 * object per row. Not thread-safe.
 */
final class LongIntTable {
  private static final long EMPTY = 0L;
  private static final long ONE = 1L << 32;
  /** Slot s holds its key at 2s and, at 2s + 1, the count (high half) and first row (low half): one cache line a probe. */
  private long[] table;
  private boolean hasZero;
  private int zeroFirst;
  private int zeroCount;
  private int size;

  LongIntTable(int expected) {
    int cap = Integer.highestOneBit(Math.max(16, (int) Math.min(1 << 30, expected * 2L)) - 1) << 1;
    table = new long[cap * 2];
  }

  /** A table that holds {@code keys} keys without growing: the smallest power of two of slots at most 70% full. */
  static LongIntTable forKeys(long keys) {
    long slots = 16;
    while (slots * 7 < Math.max(16, keys) * 10 && slots < 1 << 30) slots <<= 1;
    LongIntTable t = new LongIntTable(16);
    t.table = new long[(int) slots * 2];
    return t;
  }

  /** Records {@code row} under {@code key}; returns the first row recorded under it (row itself when new). */
  int add(long key, int row) {
    if (key == EMPTY) {
      if (!hasZero) {
        hasZero = true;
        zeroFirst = row;
      }
      zeroCount++;
      return zeroFirst;
    }
    long[] t = table;
    int mask = (t.length >> 1) - 1;
    int slot = home(key, mask);
    long k;
    while ((k = t[slot << 1]) != EMPTY) {
      if (k == key) {
        long v = t[(slot << 1) + 1] + ONE;
        t[(slot << 1) + 1] = v;
        return (int) v;
      }
      slot = (slot + 1) & mask;
    }
    t[slot << 1] = key;
    t[(slot << 1) + 1] = ONE | (row & 0xffffffffL);
    if (++size * 10L > (t.length >> 1) * 7L) grow();
    return row;
  }

  /**
   * Loads the slot where {@code key} would start its probe and returns what is there: called for a
   * batch of keys ahead of {@link #add}, the cache misses of the batch overlap instead of queueing.
   */
  long touch(long key) {
    long[] t = table;
    return t[home(key, (t.length >> 1) - 1) << 1];
  }

  /**
   * The slot where {@code key}'s probe starts: a multiplicative hash, so runs of small keys (the
   * epoch days of {@link TimeCoverage}) spread instead of forming one cluster that probes walk.
   */
  private static int home(long key, int mask) {
    return (int) ((key * 0x9E3779B97F4A7C15L) >>> 32) & mask;
  }

  private int find(long key) {
    long[] t = table;
    int mask = (t.length >> 1) - 1;
    int slot = home(key, mask);
    long k;
    while ((k = t[slot << 1]) != EMPTY) {
      if (k == key) return slot;
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  /** The first row recorded under {@code key}, or -1. */
  int firstRow(long key) {
    if (key == EMPTY) return hasZero ? zeroFirst : -1;
    int slot = find(key);
    return slot < 0 ? -1 : (int) table[(slot << 1) + 1];
  }

  /** How many times {@code key} was added. */
  int count(long key) {
    if (key == EMPTY) return zeroCount;
    int slot = find(key);
    return slot < 0 ? 0 : (int) (table[(slot << 1) + 1] >>> 32);
  }

  boolean contains(long key) {
    return firstRow(key) >= 0;
  }

  int size() {
    return size + (hasZero ? 1 : 0);
  }

  private void grow() {
    long[] old = table;
    long[] t = new long[old.length * 2];
    int mask = (t.length >> 1) - 1;
    for (int i = 0; i < old.length; i += 2) {
      long k = old[i];
      if (k == EMPTY) continue;
      int slot = home(k, mask);
      while (t[slot << 1] != EMPTY) slot = (slot + 1) & mask;
      t[slot << 1] = k;
      t[(slot << 1) + 1] = old[i + 1];
    }
    table = t;
  }

  /** Calls {@code action} with every key. */
  void forEachKey(LongConsumer action) {
    if (hasZero) action.accept(EMPTY);
    long[] t = table;
    for (int i = 0; i < t.length; i += 2) if (t[i] != EMPTY) action.accept(t[i]);
  }
}
