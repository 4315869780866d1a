package dev.holdout.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The script language: values, types checked when compiling, the names it may read, and the deadline per row. */
class ScriptTest {
  private static final Map<String, String> ROW = Map.of("city", "Paris", "limit", "30");

  private static Script.Outcome run(String source, String answer) {
    return Script.compile(source, Set.of("city", "limit"), 100).test(answer, List.of("Paris, France"), ROW::get);
  }

  @Test
  void text_numbers_and_booleans() {
    assertThat(run("contains(lower(answer), lower(city))", "It is PARIS.")).isEqualTo(Script.Outcome.PASS);
    assertThat(run("contains(answer, city)", "It is PARIS.")).isEqualTo(Script.Outcome.FAIL);
    assertThat(run("number(answer) <= number(limit) && number(answer) > 0", "It takes 25.5 days")).isEqualTo(Script.Outcome.PASS);
    assertThat(run("number(answer) <= number(limit)", "It takes 31 days")).isEqualTo(Script.Outcome.FAIL);
    // no number: NaN compares false, so "at most" fails rather than passing silently
    assertThat(run("number(answer) <= 30", "no idea")).isEqualTo(Script.Outcome.FAIL);
    assertThat(run("number(answer) != 30", "no idea")).isEqualTo(Script.Outcome.PASS);
    assertThat(run("len(answer) == 5 && words(answer) == 2", "ab cd")).isEqualTo(Script.Outcome.PASS);
    assertThat(run("normalize(answer) == normalize(reference)", "The paris  France!")).isEqualTo(Script.Outcome.PASS);
    assertThat(run("starts_with(answer, city + ',') || ends_with(answer, '.')", "Paris, yes")).isEqualTo(Script.Outcome.PASS);
    assertThat(run("!(1 + 2 * 3 == 7) || abs(-2) == max(1, 2) && min(1, 2) == 1", "")).isEqualTo(Script.Outcome.PASS);
    assertThat(run("if(len(answer) > 3, 'long', 'short') == 'short'", "ab")).isEqualTo(Script.Outcome.PASS);
    assertThat(run("matches(answer, '^\\\\d{3}-[A-Z]+$')", "123-ABC")).isEqualTo(Script.Outcome.PASS);
    assertThat(run("matches(answer, '(unclosed')", "x")).as("an invalid pattern fails the row").isEqualTo(Script.Outcome.FAIL);
    assertThat(run("\"a\\\"b\" == 'a\"b'", "")).isEqualTo(Script.Outcome.PASS);
  }

  @Test
  void types_names_and_functions_are_checked_when_compiling() {
    assertThatThrownBy(() -> Script.compile("len(answer)", Set.of(), 100)).isInstanceOf(ScriptException.class)
        .hasMessage("the script must be true or false (a comparison, contains(...), ...), found a number");
    assertThatThrownBy(() -> Script.compile("answer == 3", Set.of(), 100))
        .hasMessage("'==' compares text with a number; compare like with like at character 8 of the script");
    assertThatThrownBy(() -> Script.compile("contains(answer, citty)", Set.of("city"), 100))
        .hasMessage("'citty' is neither answer, reference nor a column; did you mean 'city'? at character 18 of the script");
    assertThatThrownBy(() -> Script.compile("contains(answer)", Set.of(), 100))
        .hasMessage("contains takes (text, text), found (text) at character 1 of the script");
    assertThatThrownBy(() -> Script.compile("len(answer) > 3 &&", Set.of(), 100))
        .hasMessage("the script ends where a value was expected at character 19 of the script");
    assertThatThrownBy(() -> Script.compile("'open", Set.of(), 100)).hasMessage("text opened here is never closed with ' at character 1 of the script");
  }

  @Test
  void nothing_outside_the_row_can_be_reached() {
    // no function opens a file, a URL or a process, and a name is only ever a column's text
    for (String escape : List.of("read('/etc/passwd') == ''", "exec('ls') == ''", "url('http://127.0.0.1') == ''", "getenv('HOME') == ''")) {
      assertThatThrownBy(() -> Script.compile(escape, Set.of(), 100)).isInstanceOf(ScriptException.class).hasMessageContaining("no function");
    }
    assertThatThrownBy(() -> Script.compile("java.io.File == ''", Set.of(), 100)).isInstanceOf(ScriptException.class)
        .hasMessageContaining("unexpected '.'");
    Script s = Script.compile("System == ''", Set.of(), 100);
    assertThat(s.columns()).as("an unknown name is a column, read as text").containsExactly("System");
    assertThat(s.test("x", List.of(), c -> null)).isEqualTo(Script.Outcome.PASS);
  }

  @Test
  void a_catastrophic_regular_expression_ends_at_the_deadline() {
    Script s = Script.compile("matches(answer, '^(.*a){20}$')", Set.of(), 50);
    // without the deadline, Java 17 spends about 19 s backtracking on this answer
    assertThat(s.test("a".repeat(28) + "!", List.of(), c -> "")).isEqualTo(Script.Outcome.TIMEOUT);
    assertThat(s.test("b", List.of(), c -> "")).as("each row has its own deadline").isEqualTo(Script.Outcome.FAIL);
  }
}
