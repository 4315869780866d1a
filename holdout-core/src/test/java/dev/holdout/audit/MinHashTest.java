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
}
