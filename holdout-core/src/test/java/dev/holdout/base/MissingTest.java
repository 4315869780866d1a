package dev.holdout.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MissingTest {
  private static final Set<String> MARKERS = Set.of("na", "n/a", "null", "none", "nil", "nan", "?", "-");

  @Test
  void the_markers_are_the_documented_eight() {
    assertThat(Missing.MARKERS).containsExactlyInAnyOrderElementsOf(MARKERS);
  }

  @Test
  void missing_markers_are_recognised_in_any_case_without_a_string() {
    List<String> texts = List.of("", "NA", "na", "Na", "N/A", "n/a", "NULL", "Null", "none", "NONE", "nil", "NaN", "nan", "?", "-",
        "n", "N", "no", "nab", "nul", "nulls", "-1", "--", "?!", "n/b", "noon", "nill", "abc", "0", "nA", "nOnE", " NA", "n.a.");
    for (String t : texts) {
      boolean want = t.isEmpty() || MARKERS.contains(t.toLowerCase(Locale.ROOT));
      assertThat(Missing.is(t)).as(t).isEqualTo(want);
      char[] buf = ("x" + t + "y").toCharArray();
      assertThat(Missing.is(buf, 1, t.length())).as(t).isEqualTo(want);
    }
  }

  @Test
  void no_text_is_missing() {
    assertThat(Missing.is((CharSequence) null)).isTrue();
  }
}
