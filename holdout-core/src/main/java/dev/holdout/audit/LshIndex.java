package dev.holdout.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Locality-sensitive hashing over MinHash signatures: 16 bands of 8 rows. Two texts become
 * candidates when all 8 entries of some band agree, which happens with probability
 * 1 - (1 - J^8)^16: at Jaccard 0.9 a pair is missed with probability (1 - 0.9^8)^16 = 0.012%
 * (less above 0.9), while a pair at J = 0.5 becomes a candidate only 6% of the time. Candidates are
 * then confirmed with the exact Jaccard similarity of their shingles. Add everything, then query;
 * not thread-safe.
 */
public final class LshIndex {
  public static final int BANDS = 16;
  public static final int ROWS = MinHash.HASHES / BANDS;

  private final LongIntTable heads;
  private int[] next;
  private final List<long[]> shingles = new ArrayList<>();

  public LshIndex(int expected) {
    heads = new LongIntTable(Math.max(16, expected) * BANDS);
    next = new int[Math.max(16, expected) * BANDS];
  }

  /** Adds a text by its shingles; returns its number in the index. */
  public int add(long[] textShingles) {
    int item = shingles.size();
    shingles.add(textShingles);
    if (textShingles.length == 0) return item;
    long[] sig = MinHash.signature(textShingles);
    if ((item + 1) * BANDS > next.length) next = Arrays.copyOf(next, next.length * 2);
    for (int b = 0; b < BANDS; b++) {
      int slot = item * BANDS + b;
      int head = heads.add(bandKey(sig, b), slot);
      if (head == slot) {
        next[slot] = -1;
      } else {
        // insert after the head, which stays the table's entry
        next[slot] = next[head];
        next[head] = slot;
      }
    }
    return item;
  }

  /**
   * The indexed text most similar to {@code query} among the LSH candidates, if its exact Jaccard
   * similarity is at least {@code threshold}; null otherwise.
   */
  public Match best(long[] query, double threshold) {
    if (query.length == 0) return null;
    long[] sig = MinHash.signature(query);
    int bestItem = -1;
    double best = -1;
    int checked = 0;
    int[] seen = new int[8];
    for (int b = 0; b < BANDS; b++) {
      for (int slot = heads.firstRow(bandKey(sig, b)); slot >= 0; slot = next[slot]) {
        int item = slot / BANDS;
        boolean again = false;
        for (int k = 0; k < checked; k++) if (seen[k] == item) again = true;
        if (again) continue;
        if (checked == seen.length) seen = Arrays.copyOf(seen, checked * 2);
        seen[checked++] = item;
        double j = MinHash.jaccard(query, shingles.get(item));
        if (j > best) {
          best = j;
          bestItem = item;
        }
        if (checked > 1000) break; // a text repeated thousands of times: enough evidence
      }
    }
    return best >= threshold ? new Match(bestItem, best) : null;
  }

  /** An indexed text and its exact Jaccard similarity to the query. */
  public record Match(int item, double jaccard) {}

  private static long bandKey(long[] sig, int band) {
    long h = Hashing.SEED + band;
    for (int i = band * ROWS; i < (band + 1) * ROWS; i++) h = Hashing.mix(h ^ sig[i]);
    return h;
  }
}
