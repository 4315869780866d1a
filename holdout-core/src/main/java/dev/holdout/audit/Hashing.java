package dev.holdout.audit;

import dev.holdout.base.Missing;
import dev.holdout.data.RecordReader;

/**
 * 64-bit hashes of text and of rows. {@link #add}: FNV-1a over the characters, then a MurmurHash3
 * finaliser so the bits are well mixed (distinct counts, shingles). {@link #row}: four characters
 * a step (a multiply and a shift), for ids and rows, which the reading thread hashes for every
 * record, so it takes a quarter of FNV's serial steps. Two different rows collide with probability
 * about 2^-64 per pair: among ten million rows, about 3 in a million runs would see one false match.
 */
final class Hashing {
  private Hashing() {}

  static final long SEED = 0xcbf29ce484222325L;

  /** Folds {@code text} into {@code h}; null (missing) folds differently from the empty string. */
  static long add(long h, CharSequence text) {
    if (text == null) {
      h ^= 0x7f;
      h *= 0x100000001b3L;
      return h;
    }
    for (int i = 0; i < text.length(); i++) {
      h ^= text.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= 0x1f; // a separator, so ("ab", "c") and ("a", "bc") differ
    h *= 0x100000001b3L;
    return h;
  }

  /** {@link #add(long, CharSequence)} of the text {@code chars[off, off + len)}. */
  static long add(long h, char[] chars, int off, int len) {
    for (int i = off, end = off + len; i < end; i++) {
      h ^= chars[i];
      h *= 0x100000001b3L;
    }
    h ^= 0x1f;
    h *= 0x100000001b3L;
    return h;
  }

  private static final long ROW = 0x9E3779B97F4A7C15L;
  /** A missing field folds as all ones, which a text's last word (at most 3 characters, the length in the top 16 bits) is only for 3 U+FFFF and a length of 65,535 modulo 65,536. */
  private static final long MISSING_WORD = -1L;

  /** Folds {@code chars[off, off + len)} into row hash {@code h}, four characters a step, then the last ones with the length (so field boundaries count). */
  static long row(long h, char[] chars, int off, int len) {
    int i = off;
    int end = off + len;
    for (; i + 3 < end; i += 4) {
      h = step(h, chars[i] | (long) chars[i + 1] << 16 | (long) chars[i + 2] << 32 | (long) chars[i + 3] << 48);
    }
    long tail = 0;
    for (int shift = 0; i < end; i++, shift += 16) tail |= (long) chars[i] << shift;
    return step(h, tail | (long) len << 48);
  }

  /** {@link #row(long, char[], int, int)} of {@code text}; null (missing) folds differently from the empty text. */
  static long row(long h, CharSequence text) {
    if (text == null) return step(h, MISSING_WORD);
    int len = text.length();
    int i = 0;
    for (; i + 3 < len; i += 4) {
      h = step(h, text.charAt(i) | (long) text.charAt(i + 1) << 16 | (long) text.charAt(i + 2) << 32 | (long) text.charAt(i + 3) << 48);
    }
    long tail = 0;
    for (int shift = 0; i < len; i++, shift += 16) tail |= (long) text.charAt(i) << shift;
    return step(h, tail | (long) len << 48);
  }

  /** {@link #row(long, CharSequence)} of a missing field. */
  static long rowMissing(long h) {
    return step(h, MISSING_WORD);
  }

  /** The id hash of {@code text}: {@link #row} from {@link #SEED}, finalised. */
  static long id(CharSequence text) {
    return mix(row(SEED, text));
  }

  /** The hash of the reader's current record's fields {@code cols}, in that order, a missing value ({@link Missing}) apart from every text. */
  static long fields(RecordReader r, int[] cols) {
    long h = SEED;
    for (int c : cols) {
      CharSequence v = r.text(c);
      h = row(h, Missing.is(v) ? null : v);
    }
    return mix(h);
  }

  private static long step(long h, long word) {
    h = (h ^ word) * ROW;
    return h ^ (h >>> 29);
  }

  static long of(CharSequence text) {
    return mix(add(SEED, text));
  }

  /** MurmurHash3's 64-bit finaliser. */
  static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
