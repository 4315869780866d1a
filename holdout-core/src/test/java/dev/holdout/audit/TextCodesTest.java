package dev.holdout.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TextCodesTest {
  @Test
  void codes_follow_first_appearance() {
    TextCodes t = new TextCodes();
    char[] buf = "xnorthsouthnorth".toCharArray();
    assertThat(t.code(buf, 1, 5)).isEqualTo(0);
    assertThat(t.code(buf, 6, 5)).isEqualTo(1);
    assertThat(t.code(buf, 11, 5)).isEqualTo(0);
    assertThat(t.code(buf, 0, 0)).isEqualTo(2); // the empty text is a value too
    assertThat(t.values()).containsExactly("north", "south", "");
  }

  @Test
  void random_strings_get_the_codes_of_a_hash_map() {
    SplittableRandom r = new SplittableRandom(5);
    TextCodes t = new TextCodes();
    Map<String, Integer> expected = new HashMap<>();
    char[] buf = new char[64];
    for (int i = 0; i < 200_000; i++) {
      int off = r.nextInt(8);
      int len = r.nextInt(6); // short texts over a small alphabet repeat often and collide in the low hash bits
      for (int k = 0; k < len; k++) buf[off + k] = (char) ('a' + r.nextInt(4) + (r.nextInt(50) == 0 ? 0x400 : 0));
      String s = new String(buf, off, len);
      int want = expected.computeIfAbsent(s, x -> expected.size());
      assertThat(t.code(buf, off, len)).as(s).isEqualTo(want);
    }
    assertThat(t.size()).isEqualTo(expected.size());
    expected.forEach((s, c) -> assertThat(t.values().get(c)).isEqualTo(s));
  }
}
