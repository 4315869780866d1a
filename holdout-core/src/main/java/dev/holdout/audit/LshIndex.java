package dev.holdout.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Locality-sensitive hashing over MinHash signatures: 16 bands of 8 rows. Two texts become
 * candidates when all 8 entries of some band agree, which happens with probability
 * 1 - (1 - J^8)^16: at Jaccard 0.9 a pair is missed with probability (1 - 0.9^8)^16 = 0.012%
 * (less above 0.9), while a pair at J = 0.5 becomes a candidate only 6% of the time. Candidates are
 * then confirmed with the exact Jaccard similarity of their shingles.
 *
 * <p>The audit indexes the small side (the evaluation texts) and streams the large side (the
 * training texts) through {@link #offer}, which keeps, for each indexed text, the first streamed
 * text of highest exact Jaccard similarity at or above the threshold; so the index holds 16 band
 * keys per evaluation text and nothing per training text. Identical indexed texts (equal shingle
 * sets) are indexed once and share their match. {@link #best} queries the index the other way
 * round. Add everything, then query or offer; not thread-safe.
 */
public final class LshIndex {
  public static final int BANDS = 16;
  public static final int ROWS = MinHash.HASHES / BANDS;

  private final LongIntTable heads;
  private final LongIntTable sets;
  private int[] next;
  private int[] canonical;
  private final List<long[]> shingles = new ArrayList<>();
  private final long[] sig = new long[MinHash.HASHES];
  private int[] stamp;
  private int stampNow;
  private double[] bestJaccard;
  private int[] bestOther;

  public LshIndex(int expected) {
    int e = Math.max(16, expected);
    heads = new LongIntTable(e * BANDS);
    sets = new LongIntTable(e);
    next = new int[e * BANDS];
    canonical = new int[e];
  }

  /** Adds a text by its shingles (sorted, distinct); returns its number in the index. */
  public int add(long[] textShingles) {
    int item = shingles.size();
    shingles.add(textShingles);
    if (item == canonical.length) canonical = Arrays.copyOf(canonical, item * 2);
    canonical[item] = item;
    if (textShingles.length == 0) return item;
    long setHash = Hashing.SEED ^ textShingles.length;
    for (long s : textShingles) setHash = Hashing.mix(setHash ^ s);
    int first = sets.add(setHash, item);
    if (first != item && Arrays.equals(shingles.get(first), textShingles)) {
      canonical[item] = first;
      return item;
    }
    MinHash.signature(textShingles, textShingles.length, sig);
    if ((item + 1) * BANDS > next.length) next = Arrays.copyOf(next, Math.max(next.length * 2, (item + 1) * BANDS));
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

  /** How many texts were added. */
  public int size() {
    return shingles.size();
  }

  /**
   * The indexed text most similar to {@code query} among the LSH candidates, if its exact Jaccard
   * similarity is at least {@code threshold}; null otherwise.
   */
  public Match best(long[] query, double threshold) {
    if (query.length == 0) return null;
    MinHash.signature(query, query.length, sig);
    int bestItem = -1;
    double best = -1;
    newStamp();
    for (int b = 0; b < BANDS; b++) {
      for (int slot = heads.firstRow(bandKey(sig, b)); slot >= 0; slot = next[slot]) {
        int item = slot / BANDS;
        if (stamp[item] == stampNow) continue;
        stamp[item] = stampNow;
        long[] other = shingles.get(item);
        double j = MinHash.jaccard(query, other);
        if (j > best || j == best && item < bestItem) {
          best = j;
          bestItem = item;
        }
      }
    }
    return best >= threshold ? new Match(bestItem, best) : null;
  }

  /**
   * Offers a streamed text, number {@code other}, by its first {@code n} sorted distinct shingles:
   * every indexed text that is an LSH candidate and has exact Jaccard similarity at least
   * {@code threshold} with it, and more than any text offered before, records it as its match.
   * Returns how many indexed texts it matched.
   */
  public int offer(long[] textShingles, int n, int other, double threshold) {
    if (n == 0 || heads.size() == 0) return 0;
    if (bestOther == null) {
      bestOther = new int[shingles.size()];
      Arrays.fill(bestOther, -1);
      bestJaccard = new double[shingles.size()];
    }
    MinHash.signature(textShingles, n, sig);
    newStamp();
    int matched = 0;
    for (int b = 0; b < BANDS; b++) {
      int slot = heads.firstRow(bandKey(sig, b));
      if (slot < 0) continue;
      for (; slot >= 0; slot = next[slot]) {
        int item = slot / BANDS;
        if (stamp[item] == stampNow) continue;
        stamp[item] = stampNow;
        long[] mine = shingles.get(item);
        // J <= min(|A|, |B|) / max(|A|, |B|): skip pairs whose sizes alone rule the threshold out
        if (Math.min(n, mine.length) < threshold * Math.max(n, mine.length)) continue;
        double j = MinHash.jaccard(mine, mine.length, textShingles, n);
        if (j >= threshold && j > bestJaccard[item]) {
          bestJaccard[item] = j;
          bestOther[item] = other;
          matched++;
        }
      }
    }
    return matched;
  }

  /** The match recorded for indexed text {@code item} by {@link #offer}, or null. */
  public Match match(int item) {
    if (bestOther == null) return null;
    int c = canonical[item];
    return bestOther[c] < 0 ? null : new Match(bestOther[c], bestJaccard[c]);
  }

  /** A text (an indexed one for {@link #best}, an offered one for {@link #match}) and its exact Jaccard similarity. */
  public record Match(int item, double jaccard) {}

  private void newStamp() {
    if (stamp == null || stamp.length < shingles.size()) stamp = new int[Math.max(16, shingles.size())];
    if (++stampNow == Integer.MAX_VALUE) {
      Arrays.fill(stamp, 0);
      stampNow = 1;
    }
  }

  private static long bandKey(long[] sig, int band) {
    long h = Hashing.SEED + band;
    for (int i = band * ROWS; i < (band + 1) * ROWS; i++) h = (h ^ sig[i]) * 0x9e3779b97f4a7c15L + i;
    return Hashing.mix(h);
  }
}
