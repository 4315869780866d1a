package dev.holdout.audit;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * MinHash signatures of texts as sets of word shingles (two consecutive words, lowercased, split on
 * anything that is not a letter or digit; a one-word text is its one word). Each shingle is hashed
 * once to 64 well-mixed bits; the {@link #HASHES} = 128 hash functions are then multiply-add
 * hashes of that value, {@code a_i * s + b_i} modulo 2^64 with random odd {@code a_i}, whose order
 * is decided by the high bits (the multiply-shift family). The share of equal signature entries
 * estimates the Jaccard similarity with a standard error of sqrt(J(1-J)/128), about 0.027 at
 * J = 0.9; the audit confirms candidates with the exact Jaccard of the shingle sets, so the
 * estimate only decides which pairs to compare.
 */
public final class MinHash {
  public static final int HASHES = 128;
  private static final long[] A = new long[HASHES];
  private static final long[] B = new long[HASHES];

  static {
    SplittableRandom r = new SplittableRandom(20240611L);
    for (int i = 0; i < HASHES; i++) {
      A[i] = r.nextLong() | 1L;
      B[i] = r.nextLong();
    }
  }

  private MinHash() {}

  /** The distinct shingle hashes of {@code text}, sorted; empty for a text with no words. */
  public static long[] shingles(CharSequence text) {
    Shingler s = new Shingler();
    s.add(text);
    return s.finish();
  }

  /**
   * Reusable shingling of one text at a time, with no allocation per text once its buffers have
   * grown: {@link #add} the parts of a text (each ends a word), then {@link #count()} and {@link
   * #sorted()} give its distinct sorted shingle hashes, and {@link #reset()} starts the next one.
   * Not thread-safe.
   */
  static final class Shingler {
    private long[] words = new long[64];
    private long[] shingles = new long[64];
    private int nWords;
    private int n = -1;

    void reset() {
      nWords = 0;
      n = -1;
    }

    /** Adds a part of the text; a part ends a word (as a space would). Null adds nothing. */
    void add(CharSequence text) {
      if (text == null) return;
      long h = Hashing.SEED;
      boolean in = false;
      int len = text.length();
      for (int i = 0; i < len; i++) {
        char c = text.charAt(i);
        if (c < 128) {
          if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
            // as is
          } else if (c >= 'A' && c <= 'Z') {
            c += 'a' - 'A';
          } else {
            if (in) {
              word(h);
              h = Hashing.SEED;
              in = false;
            }
            continue;
          }
        } else if (Character.isLetterOrDigit(c)) {
          c = Character.toLowerCase(c);
        } else {
          if (in) {
            word(h);
            h = Hashing.SEED;
            in = false;
          }
          continue;
        }
        h ^= c;
        h *= 0x100000001b3L;
        in = true;
      }
      if (in) word(h);
    }

    private void word(long h) {
      if (nWords == words.length) words = Arrays.copyOf(words, nWords * 2);
      words[nWords++] = Hashing.mix(h);
    }

    /** The number of distinct shingles of the text added since {@link #reset()}. */
    int count() {
      if (n >= 0) return n;
      if (nWords <= 1) {
        if (nWords == 1) shingles[0] = words[0];
        return n = nWords;
      }
      int m = nWords - 1;
      if (m > shingles.length) shingles = new long[Math.max(m, shingles.length * 2)];
      for (int i = 0; i < m; i++) shingles[i] = Hashing.mix(words[i] * 31 + words[i + 1]);
      Arrays.sort(shingles, 0, m);
      int k = 0;
      for (int i = 0; i < m; i++) if (k == 0 || shingles[i] != shingles[k - 1]) shingles[k++] = shingles[i];
      return n = k;
    }

    /** The distinct sorted shingle hashes, in the first {@link #count()} entries (a shared buffer). */
    long[] sorted() {
      count();
      return shingles;
    }

    /** A copy of the distinct sorted shingle hashes. */
    long[] finish() {
      return Arrays.copyOf(sorted(), count());
    }
  }

  /** The signature of a shingle set: for each of the 128 hash functions, the least hash value. */
  public static long[] signature(long[] shingles) {
    long[] sig = new long[HASHES];
    signature(shingles, shingles.length, sig);
    return sig;
  }

  /** The signature of the first {@code n} shingles into {@code sig} (length {@link #HASHES}). */
  static void signature(long[] shingles, int n, long[] sig) {
    Arrays.fill(sig, Long.MAX_VALUE);
    for (int k = 0; k < n; k++) {
      long s = shingles[k];
      for (int i = 0; i < HASHES; i++) {
        long v = s * A[i] + B[i];
        if (v < sig[i]) sig[i] = v;
      }
    }
  }

  /** The exact Jaccard similarity of two sorted distinct shingle sets; 1 when both are empty. */
  public static double jaccard(long[] a, long[] b) {
    return jaccard(a, a.length, b, b.length);
  }

  /** As {@link #jaccard(long[], long[])} on the first {@code an} and {@code bn} entries. */
  static double jaccard(long[] a, int an, long[] b, int bn) {
    if (an == 0 && bn == 0) return 1;
    int i = 0;
    int j = 0;
    int common = 0;
    while (i < an && j < bn) {
      if (a[i] == b[j]) {
        common++;
        i++;
        j++;
      } else if (a[i] < b[j]) i++;
      else j++;
    }
    return common / (double) (an + bn - common);
  }

  /** The share of equal entries of two signatures: an estimate of the Jaccard similarity. */
  public static double estimate(long[] a, long[] b) {
    int same = 0;
    for (int i = 0; i < HASHES; i++) if (a[i] == b[i]) same++;
    return same / (double) HASHES;
  }
}
