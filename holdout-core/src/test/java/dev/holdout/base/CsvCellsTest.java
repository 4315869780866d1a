package dev.holdout.base;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 4180 quoting and the formula guard, apart and together. */
class CsvCellsTest {
  @Test
  void a_cell_is_quoted_only_when_it_holds_a_comma_a_quote_or_a_line_break() {
    assertThat(CsvCells.exact("plain")).isEqualTo("plain");
    assertThat(CsvCells.exact("a,b")).isEqualTo("\"a,b\"");
    assertThat(CsvCells.exact("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(CsvCells.exact("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(CsvCells.exact("cr\rhere")).isEqualTo("\"cr\rhere\"");
    assertThat(CsvCells.exact(null)).isEmpty();
    assertThat(CsvCells.exact("")).isEmpty();
  }

  @Test
  void text_a_spreadsheet_would_run_as_a_formula_gets_an_apostrophe() {
    assertThat(CsvCells.guard("=1+2")).isEqualTo("'=1+2");
    assertThat(CsvCells.guard("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(CsvCells.guard("+1+cmd")).isEqualTo("'+1+cmd");
    assertThat(CsvCells.guard("-2+3")).isEqualTo("'-2+3");
    assertThat(CsvCells.guard("\tx")).isEqualTo("'\tx");
    assertThat(CsvCells.guard("\rx")).isEqualTo("'\rx");
    assertThat(CsvCells.guard("-Infinity")).as("not a plain decimal").isEqualTo("'-Infinity");
    assertThat(CsvCells.guard("a=b")).as("only the first character counts").isEqualTo("a=b");
    assertThat(CsvCells.guard(null)).isEmpty();
  }

  @Test
  void numbers_stay_numbers() {
    assertThat(CsvCells.guard("-0.25")).isEqualTo("-0.25");
    assertThat(CsvCells.guard("+1e-3")).isEqualTo("+1e-3");
    assertThat(CsvCells.guard("-.5")).isEqualTo("-.5");
    assertThat(CsvCells.guard("-7")).isEqualTo("-7");
  }

  @Test
  void a_guarded_cell_is_quoted_after_the_apostrophe() {
    assertThat(CsvCells.cell("=HYPERLINK(\"http://x\",\"y\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    assertThat(CsvCells.cell("north, east")).isEqualTo("\"north, east\"");
    assertThat(CsvCells.cell("-0.5")).isEqualTo("-0.5");
    assertThat(CsvCells.exact("=1+2")).as("exact cells are read back as data: no guard").isEqualTo("=1+2");
  }
}
