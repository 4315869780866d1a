package dev.holdout.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdout.base.HoldoutException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValuesTest {
  @TempDir Path dir;

  /** A reader positioned on line 2 of a two-column file whose score field holds {@code score} as written. */
  private RecordReader onScore(String score) throws IOException {
    Path f = Files.writeString(dir.resolve("pred.csv"), "id,score\na," + score + "\n");
    RecordReader r = RecordReaders.open(f);
    assertThat(r.next()).isTrue();
    return r;
  }

  private String where() {
    return dir.resolve("pred.csv") + " line 2, column 'score'";
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.25", " 0.25 ", "2.5e-1", ".25", "25E-2", "+0.25"})
  void plain_decimal_numbers_are_read(String text) throws IOException {
    try (RecordReader r = onScore(text)) {
      assertThat(Values.number(r, 1, "a number")).isEqualTo(0.25);
    }
  }

  @Test
  void a_non_numeric_score_names_file_line_column_and_value() throws IOException {
    try (RecordReader r = onScore("abc")) {
      assertThatThrownBy(() -> Values.probability(r, 1))
          .isInstanceOf(HoldoutException.BadData.class)
          .hasMessage(where() + ": expected a probability in [0, 1], found 'abc'");
    }
  }

  @Test
  void an_empty_score_names_file_line_and_column() throws IOException {
    try (RecordReader r = onScore("")) {
      assertThatThrownBy(() -> Values.probability(r, 1))
          .isInstanceOf(HoldoutException.BadData.class)
          .hasMessage(where() + ": empty; expected a probability in [0, 1]");
    }
  }

  @Test
  void a_field_the_line_does_not_reach_says_the_line_is_short() throws IOException {
    Path f = Files.writeString(dir.resolve("pred.csv"), "id,score\na\n");
    try (RecordReader r = RecordReaders.open(f)) {
      r.next();
      assertThatThrownBy(() -> Values.probability(r, 1))
          .isInstanceOf(HoldoutException.BadData.class)
          .hasMessage(where() + ": missing; the line has 1 value but the header names 2 columns; expected a probability in [0, 1]");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "nan", "inf", "-inf", "INF"})
  void nan_and_infinity_in_any_common_spelling_are_refused_by_name(String text) throws IOException {
    try (RecordReader r = onScore(text)) {
      assertThatThrownBy(() -> Values.number(r, 1, "a predicted value (a number)"))
          .isInstanceOf(HoldoutException.BadData.class)
          .hasMessage(where() + ": expected a predicted value (a number), found '" + text + "' (NaN and infinity are not predictions)");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.5f", "1d", "0x1p-1", "0.5D"})
  void java_only_number_spellings_are_not_silently_accepted(String text) throws IOException {
    try (RecordReader r = onScore(text)) {
      assertThatThrownBy(() -> Values.number(r, 1, "a number"))
          .isInstanceOf(HoldoutException.BadData.class)
          .hasMessage(where() + ": expected a number written as a plain decimal number such as 0.25, found '" + text + "'");
    }
  }

  @Test
  void a_missing_value_marker_is_named_as_such() throws IOException {
    try (RecordReader r = onScore("NA")) {
      assertThatThrownBy(() -> Values.number(r, 1, "a number"))
          .hasMessage(where() + ": expected a number, found 'NA', a missing-value marker; every row needs a value");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.5", "-0.1", "1.0000001"})
  void a_probability_outside_zero_to_one_is_refused(String text) throws IOException {
    try (RecordReader r = onScore(text)) {
      assertThatThrownBy(() -> Values.probability(r, 1))
          .isInstanceOf(HoldoutException.BadData.class)
          .hasMessage(where() + ": expected a probability in [0, 1], found '" + text + "'");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "1", "0.0", "1.0"})
  void the_ends_of_zero_to_one_are_probabilities(String text) throws IOException {
    try (RecordReader r = onScore(text)) {
      assertThat(Values.probability(r, 1)).isEqualTo(Double.parseDouble(text));
    }
  }

  @Test
  void an_unknown_column_suggests_the_nearest_and_lists_the_columns() throws IOException {
    try (RecordReader r = onScore("0.5")) {
      assertThatThrownBy(() -> Values.column(r, "scroe", "predictions.score in the suite"))
          .isInstanceOf(HoldoutException.BadData.class)
          .hasMessage(dir.resolve("pred.csv") + ": no column 'scroe' (predictions.score in the suite); did you mean 'score'?"
              + " The columns are [id, score]");
      assertThatThrownBy(() -> Values.column(r, "probability_of_churn", "predictions.score in the suite"))
          .hasMessage(dir.resolve("pred.csv") + ": no column 'probability_of_churn' (predictions.score in the suite);"
              + " the columns are [id, score]");
    }
  }

  @Test
  void a_column_named_twice_in_the_header_is_ambiguous() throws IOException {
    Path f = Files.writeString(dir.resolve("twice.csv"), "id,score,score\na,0.1,0.9\n");
    try (RecordReader r = RecordReaders.open(f)) {
      assertThatThrownBy(() -> Values.column(r, "score", "predictions.score in the suite"))
          .isInstanceOf(HoldoutException.BadData.class)
          .hasMessage(f + ": column 'score' (predictions.score in the suite) appears twice in the header (columns 2 and 3);"
              + " rename one so each column name is unique");
      assertThat(Values.column(r, "id", "predictions.id")).isZero();
    }
  }

  @Test
  void sample_lists_a_few_items_and_says_how_many_in_all() {
    assertThat(Values.sample(List.of("a", "b"), 2)).isEqualTo("a, b");
    assertThat(Values.sample(List.of("a", "b"), 7)).isEqualTo("a, b, ... (7 in all)");
  }
}
