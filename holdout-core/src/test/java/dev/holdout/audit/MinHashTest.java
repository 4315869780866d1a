package dev.holdout.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MinHashTest {
  @Test
  void identical_texts_up_to_case_and_punctuation_have_jaccard_one() {
    assertThat(MinHash.jaccard(MinHash.shingles("The cat, sat."), MinHash.shingles("the CAT sat"))).isEqualTo(1.0);
  }

  @Test
  void jaccard_is_computed_on_word_bigrams() {
    // {a b, b c, c d} vs {a b, b c, c e}: 2 common of 4
    assertThat(MinHash.jaccard(MinHash.shingles("a b c d"), MinHash.shingles("a b c e"))).isEqualTo(0.5);
  }

  @Test
  void signature_estimate_is_within_four_standard_errors_of_the_exact_jaccard() {
    StringBuilder a = new StringBuilder();
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      a.append("w").append(i).append(' ');
      b.append(i % 10 == 0 ? "x" : "w").append(i).append(' ');
    }
    long[] sa = MinHash.shingles(a);
    long[] sb = MinHash.shingles(b);
    double j = MinHash.jaccard(sa, sb);
    double se = Math.sqrt(j * (1 - j) / MinHash.HASHES);
    assertThat(MinHash.estimate(MinHash.signature(sa), MinHash.signature(sb))).isCloseTo(j, within(4 * se));
  }

  @Test
  void lsh_finds_the_indexed_near_duplicate_and_not_an_unrelated_text() {
    LshIndex index = new LshIndex(4);
    index.add(MinHash.shingles("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twentyone"));
    index.add(MinHash.shingles("completely different words appear in this other sentence here"));
    LshIndex.Match m = index.best(MinHash.shingles("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twentytwo"), 0.9);
    assertThat(m).isNotNull();
    assertThat(m.item()).isZero();
    assertThat(m.jaccard()).isGreaterThanOrEqualTo(0.9);
    assertThat(index.best(MinHash.shingles("nothing like any of them"), 0.9)).isNull();
  }

  @Test
  void the_reusable_shingler_equals_shingling_the_joined_text() {
    MinHash.Shingler sh = new MinHash.Shingler();
    for (int round = 0; round < 2; round++) {
      sh.reset();
      sh.add("Caf\u00e9 au LAIT,");
      sh.add(null);
      sh.add("tr\u00e8s bien - merci");
      assertThat(sh.finish()).containsExactly(MinHash.shingles("caf\u00e9 au lait tr\u00e8s bien merci"));
    }
    sh.reset();
    sh.add("  ,, ");
    assertThat(sh.count()).isZero();
    sh.reset();
    sh.add("single");
    assertThat(sh.finish()).containsExactly(MinHash.shingles("SINGLE"));
  }

  @Test
  void streamed_texts_are_matched_to_the_indexed_ones_with_the_best_first_match_and_no_false_positive() {
    String base = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twentyone";
    LshIndex index = new LshIndex(4);
    index.add(MinHash.shingles(base));
    index.add(MinHash.shingles("completely different words appear in this other sentence here"));
    index.add(MinHash.shingles(base.toUpperCase(java.util.Locale.ROOT))); // identical set: shares item 0's match
    index.add(new long[0]);
    long[] unrelated = MinHash.shingles("nothing like any of them at all really");
    long[] near = MinHash.shingles(base.replace("twentyone", "twentytwo"));
    long[] same = MinHash.shingles(base);
    assertThat(index.offer(unrelated, unrelated.length, 0, 0.9)).isZero();
    assertThat(index.offer(near, near.length, 1, 0.9)).isEqualTo(1);
    assertThat(index.offer(same, same.length, 2, 0.9)).isEqualTo(1);
    assertThat(index.offer(same, same.length, 3, 0.9)).isZero(); // not better than the first exact copy
    assertThat(index.match(0)).isEqualTo(new LshIndex.Match(2, 1.0));
    assertThat(index.match(2)).isEqualTo(new LshIndex.Match(2, 1.0));
    assertThat(index.match(1)).isNull();
    assertThat(index.match(3)).isNull();
  }

  @Test
  void pairs_at_jaccard_0_9_are_missed_about_as_rarely_as_documented_and_unrelated_texts_never_match() {
    // 2,000 pairs of 60-word texts with two words changed: J = 56/62 = 0.903, missed with probability
    // (1 - 0.903^8)^16 = 0.0086% each, so about 0.17 misses expected; more than 3 has chance < 1e-4.
    java.util.SplittableRandom r = new java.util.SplittableRandom(5);
    int pairs = 2000;
    LshIndex index = new LshIndex(pairs);
    long[][] copies = new long[pairs][];
    for (int p = 0; p < pairs; p++) {
      String[] w = new String[60];
      for (int k = 0; k < w.length; k++) w[k] = "w" + r.nextInt(1_000_000);
      index.add(MinHash.shingles(String.join(" ", w)));
      long[] original = MinHash.shingles(String.join(" ", w));
      w[59] = "changed" + p;
      w[30] = "other" + p;
      copies[p] = MinHash.shingles(String.join(" ", w));
      assertThat(MinHash.jaccard(original, copies[p])).isCloseTo(56 / 62.0, within(1e-12));
    }
    for (int p = 0; p < pairs; p++) index.offer(copies[p], copies[p].length, p, 0.9);
    int missed = 0;
    for (int p = 0; p < pairs; p++) {
      LshIndex.Match m = index.match(p);
      if (m == null) missed++;
      else assertThat(m.item()).isEqualTo(p);
    }
    assertThat(missed).isLessThanOrEqualTo(3);
  }

  @Test
  void the_signature_estimate_is_unbiased_over_many_pairs() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(11);
    double sumEstimate = 0;
    double sumExact = 0;
    for (int p = 0; p < 300; p++) {
      StringBuilder a = new StringBuilder();
      StringBuilder b = new StringBuilder();
      for (int k = 0; k < 60; k++) {
        String w = "v" + r.nextInt(1_000_000);
        a.append(w).append(' ');
        b.append(k % 7 == 3 ? "x" + p : w).append(' ');
      }
      long[] sa = MinHash.shingles(a);
      long[] sb = MinHash.shingles(b);
      sumExact += MinHash.jaccard(sa, sb);
      sumEstimate += MinHash.estimate(MinHash.signature(sa), MinHash.signature(sb));
    }
    // standard error of the mean of 300 estimates near J = 0.6: sqrt(0.24 / 128 / 300) = 0.0025
    assertThat(sumEstimate / 300).isCloseTo(sumExact / 300, within(0.01));
  }
}
