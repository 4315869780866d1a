package dev.holdout.audit;

import java.util.Arrays;

/**
 * MinHash signatures of texts as sets of word shingles (two consecutive words, lowercased, split on
 * anything that is not a letter or digit; a one-word text is its one word). With {@link #HASHES} =
 * 128 hash functions, the share of equal signature entries estimates the Jaccard similarity with a
 * standard error of sqrt(J(1-J)/128), about 0.027 at J = 0.9; the audit confirms candidates with
 * the exact Jaccard of the shingle sets, so the estimate only decides which pairs to compare.
 */
public final class MinHash {
  public static final int HASHES = 128;
  private static final long[] A = new long[HASHES];
  private static final long[] B = new long[HASHES];

  static {
    java.util.SplittableRandom r = new java.util.SplittableRandom(20240611L);
    for (int i = 0; i < HASHES; i++) {
      A[i] = r.nextLong() | 1L;
      B[i] = r.nextLong();
    }
  }

  private MinHash() {}

  /** The distinct shingle hashes of {@code text}, sorted; empty for a text with no words. */
  public static long[] shingles(CharSequence text) {
    long[] wordHash = new long[16];
    int n = 0;
    long h = Hashing.SEED;
    boolean in = false;
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : ' ';
      if (Character.isLetterOrDigit(c)) {
        h ^= Character.toLowerCase(c);
        h *= 0x100000001b3L;
        in = true;
      } else if (in) {
        if (n == wordHash.length) wordHash = Arrays.copyOf(wordHash, n * 2);
        wordHash[n++] = Hashing.mix(h);
        h = Hashing.SEED;
        in = false;
      }
    }
    if (n == 0) return new long[0];
    if (n == 1) return new long[] {wordHash[0]};
    long[] s = new long[n - 1];
    for (int i = 0; i < n - 1; i++) s[i] = Hashing.mix(wordHash[i] * 31 + wordHash[i + 1]);
    Arrays.sort(s);
    int m = 0;
    for (int i = 0; i < s.length; i++) if (m == 0 || s[i] != s[m - 1]) s[m++] = s[i];
    return m == s.length ? s : Arrays.copyOf(s, m);
  }

  /** The signature of a shingle set: for each of the 128 hash functions, the least hash value. */
  public static long[] signature(long[] shingles) {
    long[] sig = new long[HASHES];
    Arrays.fill(sig, Long.MAX_VALUE);
    for (long s : shingles) {
      for (int i = 0; i < HASHES; i++) {
        long v = Hashing.mix(s * A[i] + B[i]);
        if (v < sig[i]) sig[i] = v;
      }
    }
    return sig;
  }

  /** The exact Jaccard similarity of two sorted distinct shingle sets; 1 when both are empty. */
  public static double jaccard(long[] a, long[] b) {
    if (a.length == 0 && b.length == 0) return 1;
    int i = 0;
    int j = 0;
    int common = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        common++;
        i++;
        j++;
      } else if (a[i] < b[j]) i++;
      else j++;
    }
    return common / (double) (a.length + b.length - common);
  }

  /** The share of equal entries of two signatures: an estimate of the Jaccard similarity. */
  public static double estimate(long[] a, long[] b) {
    int same = 0;
    for (int i = 0; i < HASHES; i++) if (a[i] == b[i]) same++;
    return same / (double) HASHES;
  }
}
