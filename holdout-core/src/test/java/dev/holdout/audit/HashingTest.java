package dev.holdout.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HashingTest {
  @Test
  void row_hash_of_chars_equals_that_of_the_char_sequence() {
    SplittableRandom r = new SplittableRandom(2);
    char[] buf = new char[40];
    for (int i = 0; i < 10_000; i++) {
      int off = r.nextInt(5);
      int len = r.nextInt(30);
      for (int k = 0; k < len; k++) buf[off + k] = (char) r.nextInt(0x3000);
      String s = new String(buf, off, len);
      assertThat(Hashing.row(7, buf, off, len)).isEqualTo(Hashing.row(7, s));
    }
  }

  @Test
  void field_boundaries_missing_and_empty_fields_hash_apart() {
    long ab = Hashing.row(Hashing.row(Hashing.SEED, "ab"), "c");
    long a = Hashing.row(Hashing.row(Hashing.SEED, "a"), "bc");
    assertThat(ab).isNotEqualTo(a);
    assertThat(Hashing.row(Hashing.SEED, "")).isNotEqualTo(Hashing.rowMissing(Hashing.SEED));
    assertThat(Hashing.row(Hashing.SEED, null)).isEqualTo(Hashing.rowMissing(Hashing.SEED));
    assertThat(Hashing.row(Hashing.SEED, "abcd")).isNotEqualTo(Hashing.row(Hashing.row(Hashing.SEED, "abcd"), ""));
  }

  @Test
  void a_million_distinct_ids_have_distinct_hashes() {
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < 1_000_000; i++) assertThat(seen.add(Hashing.id("C" + i))).isTrue();
  }
}
