package dev.holdout.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Codes for the distinct values of a categorical column (labels, slice groups) in order of first
 * appearance, looked up by text without allocating a String per row.
 */
public final class Dictionary {
  private final List<String> values = new ArrayList<>();
  /** Each value's characters, so a field still in the reader's buffer compares without an interface call per character. */
  private char[][] chars = new char[16][];
  private int[] table = new int[16];

  public Dictionary() {
    Arrays.fill(table, -1);
  }

  /** The code of {@code text}, adding it when new. */
  public int code(CharSequence text) {
    boolean slice = text instanceof CharSlice;
    int h = slice ? hash((CharSlice) text) : hash(text);
    int mask = table.length - 1;
    int slot = h & mask;
    int c;
    while ((c = table[slot]) >= 0) {
      if (slice ? equal(chars[c], (CharSlice) text) : values.get(c).contentEquals(text)) return c;
      slot = (slot + 1) & mask;
    }
    c = values.size();
    String value = text.toString();
    values.add(value);
    if (c == chars.length) chars = Arrays.copyOf(chars, c * 2);
    chars[c] = value.toCharArray();
    table[slot] = c;
    if (values.size() * 2 > table.length) rehash();
    return c;
  }

  /** The code of {@code text}, or -1 when it has none; never adds. */
  public int find(CharSequence text) {
    int mask = table.length - 1;
    int slot = hash(text) & mask;
    int c;
    while ((c = table[slot]) >= 0) {
      if (values.get(c).contentEquals(text)) return c;
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  /** Values by code. */
  public List<String> values() {
    return values;
  }

  public int size() {
    return values.size();
  }

  private void rehash() {
    table = new int[table.length * 2];
    Arrays.fill(table, -1);
    int mask = table.length - 1;
    for (int c = 0; c < values.size(); c++) {
      int slot = hash(values.get(c)) & mask;
      while (table[slot] >= 0) slot = (slot + 1) & mask;
      table[slot] = c;
    }
  }

  private static boolean equal(char[] value, CharSlice s) {
    return Arrays.equals(value, 0, value.length, s.buf, s.off, s.off + s.len);
  }

  /** As {@link #hash(CharSequence)}, straight from the buffer. */
  private static int hash(CharSlice s) {
    int h = 0;
    for (int i = s.off, end = s.off + s.len; i < end; i++) h = 31 * h + s.buf[i];
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  /** The same hash as {@link String#hashCode()}, spread. */
  static int hash(CharSequence s) {
    int h = 0;
    for (int i = 0; i < s.length(); i++) h = 31 * h + s.charAt(i);
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
