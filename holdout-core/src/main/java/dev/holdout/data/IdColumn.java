package dev.holdout.data;

import java.util.Arrays;

/**
 * Ids stored as one character array with offsets: about 2 bytes per character plus 4 per id,
 * instead of a String object per row, so ten million ids cost the garbage collector nothing.
 * Append-only; not thread-safe while adding.
 */
public final class IdColumn {
  private char[] chars = new char[1 << 16];
  private int[] start = new int[(1 << 12) + 1];
  private int size;

  /** Appends an id. */
  public void add(CharSequence id) {
    int from = start[size];
    int len = id.length();
    if (from + len > chars.length) chars = Arrays.copyOf(chars, Math.max(chars.length * 2, from + len));
    for (int i = 0; i < len; i++) chars[from + i] = id.charAt(i);
    if (size + 2 > start.length) start = Arrays.copyOf(start, start.length * 2);
    start[size + 1] = from + len;
    size++;
  }

  public int size() {
    return size;
  }

  /** The id of {@code row} as a String, for messages. */
  public String get(int row) {
    return new String(chars, start[row], start[row + 1] - start[row]);
  }

  /** Whether the id of {@code row} is exactly {@code text}. */
  public boolean equalsAt(int row, CharSequence text) {
    int from = start[row];
    int len = start[row + 1] - from;
    if (len != text.length()) return false;
    for (int i = 0; i < len; i++) if (chars[from + i] != text.charAt(i)) return false;
    return true;
  }

  /** Whether rows a and b hold the same id. */
  boolean sameAt(int a, int b) {
    int fa = start[a];
    int fb = start[b];
    int len = start[a + 1] - fa;
    if (len != start[b + 1] - fb) return false;
    for (int i = 0; i < len; i++) if (chars[fa + i] != chars[fb + i]) return false;
    return true;
  }

  /** A 64-bit hash of the id of {@code row} (FNV-1a, then a finalising mix). */
  long fingerprint(int row) {
    long h = 0xcbf29ce484222325L;
    for (int i = start[row]; i < start[row + 1]; i++) {
      h ^= chars[i];
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h;
  }

  /** The same hash as {@link Dictionary#hash} gives for the id's text. */
  int hash(int row) {
    int h = 0;
    for (int i = start[row]; i < start[row + 1]; i++) h = 31 * h + chars[i];
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
