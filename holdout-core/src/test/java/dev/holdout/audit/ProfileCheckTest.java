package dev.holdout.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileCheckTest {
  private static ColumnProfile profile(String name, List<String> values) {
    ColumnProfiler p = new ColumnProfiler(name);
    for (int i = 0; i < values.size(); i++) {
      int line = i + 2;
      p.add(values.get(i), () -> "line " + line);
    }
    return p.profile();
  }

  @Test
  void empty_constant_mixed_and_mostly_missing_columns_are_found_and_the_id_only_for_emptiness() {
    List<ColumnProfile> profiles = List.of(
        profile("id", List.of("a", "a", "a", "a")),
        profile("empty", List.of("", "NA", "?", "-")),
        profile("constant", List.of("x", "x", "x", "x")),
        profile("mixed", List.of("1", "2", "3", "three")),
        profile("sparse", List.of("1", "", "", "")));
    Findings out = new Findings();
    ProfileCheck.check(profiles, 0, -1, out);
    assertThat(out.all()).extracting(Finding::check, Finding::column).containsExactly(
        org.assertj.core.groups.Tuple.tuple("profile.empty", "empty"),
        org.assertj.core.groups.Tuple.tuple("profile.constant", "constant"),
        org.assertj.core.groups.Tuple.tuple("profile.mixed_types", "mixed"),
        org.assertj.core.groups.Tuple.tuple("profile.constant", "sparse"),
        org.assertj.core.groups.Tuple.tuple("profile.missing", "sparse"));
    assertThat(out.all().get(2).message()).isEqualTo("column 'mixed' mixes numbers and text: 1 of 4 values are the odd kind, first 'three' at line 5");
  }
}
