package dev.holdout.audit;

/**
 * 64-bit hashes of text and of rows. FNV-1a over the characters, then a MurmurHash3 finaliser so
 * the bits are well mixed. Two different rows collide with probability about 2^-64 per pair:
 * among ten million rows, about 3 in a million runs would see one false match.
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
