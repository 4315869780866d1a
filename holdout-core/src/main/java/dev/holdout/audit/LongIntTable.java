package dev.holdout.audit;

import java.util.Arrays;

/**
 * A map from 64-bit keys to the first row that had them, with a count per key: open addressing on
 * primitive arrays (about 20 bytes a key), so ten million row hashes fit in about 400 MB with no
 * object per row. Not thread-safe.
 */
final class LongIntTable {
  private static final long EMPTY = 0L;
  private long[] keys;
  private int[] first;
  private int[] count;
  private boolean hasZero;
  private int zeroFirst;
  private int zeroCount;
  private int size;

  LongIntTable(int expected) {
    int cap = Integer.highestOneBit(Math.max(16, (int) Math.min(1 << 30, expected * 2L)) - 1) << 1;
    keys = new long[cap];
    first = new int[cap];
    count = new int[cap];
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
    int mask = keys.length - 1;
    int slot = (int) key & mask;
    while (keys[slot] != EMPTY) {
      if (keys[slot] == key) {
        count[slot]++;
        return first[slot];
      }
      slot = (slot + 1) & mask;
    }
    keys[slot] = key;
    first[slot] = row;
    count[slot] = 1;
    if (++size * 10L > keys.length * 7L) grow();
    return row;
  }

  /** The first row recorded under {@code key}, or -1. */
  int firstRow(long key) {
    if (key == EMPTY) return hasZero ? zeroFirst : -1;
    int mask = keys.length - 1;
    int slot = (int) key & mask;
    while (keys[slot] != EMPTY) {
      if (keys[slot] == key) return first[slot];
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  /** How many times {@code key} was added. */
  int count(long key) {
    if (key == EMPTY) return zeroCount;
    int mask = keys.length - 1;
    int slot = (int) key & mask;
    while (keys[slot] != EMPTY) {
      if (keys[slot] == key) return count[slot];
      slot = (slot + 1) & mask;
    }
    return 0;
  }

  boolean contains(long key) {
    return firstRow(key) >= 0;
  }

  int size() {
    return size + (hasZero ? 1 : 0);
  }

  private void grow() {
    long[] k = keys;
    int[] f = first;
    int[] c = count;
    keys = new long[k.length * 2];
    first = new int[k.length * 2];
    count = new int[k.length * 2];
    int mask = keys.length - 1;
    for (int i = 0; i < k.length; i++) {
      if (k[i] == EMPTY) continue;
      int slot = (int) k[i] & mask;
      while (keys[slot] != EMPTY) slot = (slot + 1) & mask;
      keys[slot] = k[i];
      first[slot] = f[i];
      count[slot] = c[i];
    }
  }

  /** Calls {@code action} with every key. */
  void forEachKey(java.util.function.LongConsumer action) {
    if (hasZero) action.accept(EMPTY);
    for (long k : keys) if (k != EMPTY) action.accept(k);
  }
}
