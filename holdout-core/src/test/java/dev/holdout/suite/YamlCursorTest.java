package dev.holdout.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdout.base.HoldoutException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlCursorTest {
  /** Line numbers matter: scores[1] is on line 4, c on line 6. */
  private static final String YAML = """
      name: demo
      scores:
        - 0.5
        - 'x'
      nested:
        c: {limit: '12', flag: true}
      """;

  private static YamlCursor root(String yaml) {
    return YamlCursor.root("f.yaml", YamlReader.read("f.yaml", new StringReader(yaml)), HoldoutException.BadSuite::new).mapping("the file");
  }

  @Test
  void a_wrong_type_names_the_file_the_line_and_the_key_path_of_the_value() {
    List<YamlCursor> scores = root(YAML).get("scores").items("a list of scores");
    assertThat(scores.get(0).number()).isEqualTo(0.5);
    assertThatThrownBy(() -> scores.get(1).number())
        .isInstanceOf(HoldoutException.BadSuite.class)
        .hasMessage("f.yaml line 4, scores[1]: expected a number, found the text 'x'");
  }

  @Test
  void paths_join_keys_with_dots_and_list_items_with_indexes() {
    YamlCursor c = root(YAML).get("nested").get("c");
    assertThat(c.path()).isEqualTo("nested.c");
    assertThat(c.get("limit").where()).isEqualTo("f.yaml line 6, nested.c.limit");
    assertThat(root(YAML).get("scores").items("a list").get(1).path()).isEqualTo("scores[1]");
  }

  @Test
  void a_quoted_number_is_refused_with_the_advice_to_drop_the_quotes() {
    YamlCursor c = root(YAML).get("nested").get("c");
    assertThatThrownBy(() -> c.get("limit").integer(1, 100))
        .hasMessage("f.yaml line 6, nested.c.limit: expected a whole number, found the text '12'; write the number without quotes");
    assertThatThrownBy(() -> c.get("flag").number()).hasMessage("f.yaml line 6, nested.c.flag: expected a number, found true");
  }

  @Test
  void a_whole_number_out_of_range_states_the_range() {
    YamlCursor r = root("n: 0\nbig: 5\n");
    assertThatThrownBy(() -> r.get("n").integer(1, Integer.MAX_VALUE)).hasMessage("f.yaml line 1, n: expected a whole number of at least 1, found 0");
    assertThatThrownBy(() -> r.get("big").integer(1, 3)).hasMessage("f.yaml line 2, big: expected a whole number from 1 to 3, found 5");
    assertThat(r.intOr("absent", 1, 3, 2)).isEqualTo(2);
  }

  @Test
  void a_non_finite_number_is_refused() {
    assertThatThrownBy(() -> root("x: .inf\n").get("x").number()).hasMessage("f.yaml line 1, x: expected a finite number, found .inf");
  }

  @Test
  void an_unknown_key_points_at_its_own_line_and_suggests_the_nearest() {
    YamlCursor top = root("name: demo\nscroes: [1]\n");
    assertThatThrownBy(() -> top.checkKeys(List.of("name", "scores")))
        .hasMessage("f.yaml line 2, scroes: unknown key 'scroes'; did you mean 'scores'? (allowed here: name, scores)");
  }

  @Test
  void a_missing_required_key_is_reported_at_the_mapping_that_lacks_it() {
    YamlCursor c = root(YAML).get("nested").get("c").mapping();
    assertThatThrownBy(() -> c.requiredText("column")).hasMessage("f.yaml line 6, nested.c: missing required key 'column'");
    assertThat(c.optionalText("column")).isNull();
  }

  @Test
  void the_root_and_a_node_of_the_wrong_kind_say_what_was_expected_and_found() {
    assertThatThrownBy(() -> root("- a\n- b\n")).hasMessage("f.yaml line 1, the file: expected a mapping of keys to values, found a list");
    assertThatThrownBy(() -> root(YAML).get("name").items("a list of names")).hasMessage("f.yaml line 1, name: expected a list of names, found the text 'demo'");
    assertThatThrownBy(() -> root("name:\n").text("name")).hasMessage("f.yaml line 1, name: expected a text value, found nothing (null)");
  }

  @Test
  void a_single_text_counts_as_a_list_of_one() {
    YamlCursor top = root("one: region\nmany: [region, plan]\nbad: {a: 1}\n");
    assertThat(top.optionalTextList("one")).containsExactly("region");
    assertThat(top.optionalTextList("many")).containsExactly("region", "plan");
    assertThat(top.optionalTextList("none")).isNull();
    assertThatThrownBy(() -> top.optionalTextList("bad")).hasMessage("f.yaml line 3, bad: expected a list like [a, b], found a mapping");
  }

  @Test
  void a_key_of_another_kind_of_file_is_refused_by_name() {
    YamlCursor top = root("score: p\nvalue: y\n");
    assertThatThrownBy(() -> top.forbid("binary_classification", "label", "value"))
        .hasMessage("f.yaml line 2, value: 'value' does not apply to binary_classification; remove it");
  }

  @Test
  void the_caller_chooses_which_exception_a_mistake_becomes() {
    YamlCursor manifest = YamlCursor.root("handover.yaml", YamlReader.read("handover.yaml", new StringReader("tolerance: lots\n")),
        HoldoutException.BadData::new);
    assertThatThrownBy(() -> manifest.get("tolerance").number())
        .isInstanceOf(HoldoutException.BadData.class)
        .hasMessage("handover.yaml line 1, tolerance: expected a number, found the text 'lots'");
  }

  @Test
  void a_renamed_cursor_reports_under_the_new_path_at_the_same_line() {
    YamlCursor c = root(YAML).get("nested").get("c");
    assertThatThrownBy(() -> {
      throw c.named("nested.c.id").error("id 'x' is used twice");
    }).hasMessage("f.yaml line 6, nested.c.id: id 'x' is used twice");
  }
}
