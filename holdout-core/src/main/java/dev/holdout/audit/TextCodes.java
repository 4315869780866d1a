package dev.holdout.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Codes for the distinct texts of a column in order of first appearance, looked up from a range of
 * a {@code char[]} without allocating: open addressing over the codes, each code's characters kept
 * in one shared array and its hash kept beside it, so a lookup compares characters only on equal
 * hashes. A String is made once per distinct value. Not thread-safe.
 */
final class TextCodes {
  private char[] chars = new char[256];
  private int used;
  private int[] start = new int[16];
  private int[] length = new int[16];
  private int[] hashes = new int[16];
  /** Slot to code + 1; 0 is empty. */
  private int[] table = new int[32];
  private final List<String> values = new ArrayList<>();

  /** The code of {@code buf[off, off + len)}, adding it when new. */
  int code(char[] buf, int off, int len) {
    int h = hash(buf, off, len);
    int mask = table.length - 1;
    int slot = h & mask;
    for (int c; (c = table[slot]) != 0; slot = (slot + 1) & mask) {
      c--;
      if (hashes[c] == h && length[c] == len && Arrays.equals(chars, start[c], start[c] + len, buf, off, off + len)) return c;
    }
    int c = values.size();
    if (c == start.length) {
      start = Arrays.copyOf(start, c * 2);
      length = Arrays.copyOf(length, c * 2);
      hashes = Arrays.copyOf(hashes, c * 2);
    }
    if (used + len > chars.length) chars = Arrays.copyOf(chars, Math.max(chars.length * 2, used + len));
    System.arraycopy(buf, off, chars, used, len);
    start[c] = used;
    length[c] = len;
    hashes[c] = h;
    used += len;
    values.add(new String(buf, off, len));
    table[slot] = c + 1;
    if (values.size() * 2 > table.length) rehash();
    return c;
  }

  /** Values by code. */
  List<String> values() {
    return values;
  }

  int size() {
    return values.size();
  }

  private void rehash() {
    table = new int[table.length * 2];
    int mask = table.length - 1;
    for (int c = 0; c < values.size(); c++) {
      int slot = hashes[c] & mask;
      while (table[slot] != 0) slot = (slot + 1) & mask;
      table[slot] = c + 1;
    }
  }

  /** String's hash of the range, spread so that the low bits, which pick the slot, depend on every character. */
  static int hash(char[] buf, int off, int len) {
    int h = 0;
    for (int i = off, end = off + len; i < end; i++) h = 31 * h + buf[i];
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
