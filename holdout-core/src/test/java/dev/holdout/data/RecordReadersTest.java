package dev.holdout.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdout.base.HoldoutException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordReadersTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    return Files.write(dir.resolve(name), text.getBytes(StandardCharsets.UTF_8));
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  /** Every record as its fields (nulls kept) with its position, e.g. "line 2 [a, b]". */
  private static List<String> records(RecordReader r) {
    List<String> out = new ArrayList<>();
    while (r.next()) {
      String[] fields = new String[r.header().size()];
      for (int i = 0; i < fields.length; i++) fields[i] = r.field(i);
      out.add(r.position() + " " + Arrays.toString(fields));
    }
    return out;
  }

  private static List<String> readAll(Path file) {
    try (RecordReader r = RecordReaders.open(file)) {
      return records(r);
    }
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  @Test
  void csv_reads_rfc_4180_quoting_quoted_commas_doubled_quotes_and_quoted_newlines() throws IOException {
    Path f = write("q.csv", "id,comment,score\n"
        + "a,\"Smith, John\",0.5\n"
        + "b,\"she said \"\"hi\"\"\",0.25\n"
        + "c,\"two\nlines\",0.75\n"
        + "d,plain,1\n");
    assertThat(readAll(f)).containsExactly(
        "line 2 [a, Smith, John, 0.5]",
        "line 3 [b, she said \"hi\", 0.25]",
        "line 4 [c, two\nlines, 0.75]",
        "line 6 [d, plain, 1]");
  }

  @Test
  void csv_with_a_byte_order_mark_and_crlf_line_ends_reads_clean_column_names_and_values() throws Exception {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] body = "id,score\r\na,0.5\r\n\"b\",\"0.25\"\r\n".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, bytes, 0, bom.length);
    System.arraycopy(body, 0, bytes, bom.length, body.length);
    Path f = write("bom.csv", bytes);
    try (RecordReader r = RecordReaders.open(f)) {
      assertThat(r.header()).containsExactly("id", "score");
      assertThat(records(r)).containsExactly("line 2 [a, 0.5]", "line 3 [b, 0.25]");
      assertThat(r.positionOf(2)).isEqualTo("line 2");
    }
  }

  @Test
  void csv_numbers_are_read_from_the_bytes_as_the_text_route_reads_them() throws IOException {
    String[] fields = {" 12.5 ", "\"3.25\"", "1e3", "-0", "+7", ".5", "5.", "abc", "", "NaN", "Infinity", "0x1p3", "1f",
        "12345678901234567", "0.1000000000000000055511151231257827", "\"1\"\"2\"", "１２", "2024-01-31", "1e400", "\t-4.75\t"};
    StringBuilder header = new StringBuilder();
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < fields.length; i++) {
      header.append(i == 0 ? "" : ",").append("c").append(i);
      line.append(i == 0 ? "" : ",").append(fields[i]);
    }
    Path f = write("numbers.csv", header + "\n" + line + "\n");
    try (RecordReader r = RecordReaders.open(f)) {
      assertThat(r.next()).isTrue();
      for (int i = 0; i < fields.length; i++) {
        CharSequence text = r.text(i);
        double expected;
        try {
          expected = text == null ? Double.NaN : Decimals.parse(text);
        } catch (NumberFormatException e) {
          expected = Double.NaN;
        }
        assertThat(Double.doubleToLongBits(r.number(i))).as("field %d: %s", i, fields[i]).isEqualTo(Double.doubleToLongBits(expected));
      }
      assertThat(r.number(1)).isEqualTo(3.25);
      assertThat(r.number(3)).isEqualTo(-0.0);
      assertThat(r.number(7)).isNaN();
      assertThat(r.number(fields.length + 3)).isNaN();
    }
  }

  @Test
  void tsv_is_chosen_by_extension_and_splits_on_tabs_with_quoting() throws IOException {
    Path f = write("t.tsv", "id\tcomment\tscore\na\t\"x\ty, z\"\t0.5\nb\tplain, text\t0.25\n");
    assertThat(readAll(f)).containsExactly("line 2 [a, x\ty, z, 0.5]", "line 3 [b, plain, text, 0.25]");
  }

  @Test
  void extension_is_matched_without_regard_to_case() throws IOException {
    Path f = write("UPPER.CSV", "id,score\na,0.5\n");
    assertThat(readAll(f)).containsExactly("line 2 [a, 0.5]");
  }

  @Test
  void empty_csv_fields_and_short_lines_read_as_null_and_blank_lines_are_skipped() throws IOException {
    Path f = write("gaps.csv", "id,a,b\nx,,1\n\ny,2\n");
    try (RecordReader r = RecordReaders.open(f)) {
      assertThat(r.next()).isTrue();
      assertThat(r.field(1)).isNull();
      assertThat(r.next()).isTrue();
      assertThat(r.position()).isEqualTo("line 4");
      assertThat(r.fieldCount()).isEqualTo(2);
      assertThat(r.field(2)).isNull();
      assertThat(r.next()).isFalse();
    }
  }

  @Test
  void a_trailing_separator_is_harmless() throws IOException {
    Path f = write("trailing.csv", "id,score\na,0.5,\nb,0.25,\n");
    assertThat(readAll(f)).containsExactly("line 2 [a, 0.5]", "line 3 [b, 0.25]");
  }

  @Test
  void a_line_with_more_values_than_the_header_is_an_error_naming_the_line() throws IOException {
    Path f = write("extra.csv", "id,comment,score\na,fine,0.5\nb,Smith, John,0.25\n");
    assertThatThrownBy(() -> readAll(f))
        .isInstanceOf(HoldoutException.BadData.class)
        .hasMessage(f + " line 3: found 4 values but the header names 3 columns; quote values that contain the separator (\"a, b\"),"
            + " and double a quote inside quotes (\"\")");
  }

  @Test
  void an_unclosed_quote_is_an_error_naming_the_line_where_the_record_starts() throws IOException {
    Path f = write("unclosed.csv", "id,score\na,0.5\nb,\"0.25\nc,0.75\n");
    assertThatThrownBy(() -> readAll(f))
        .isInstanceOf(HoldoutException.BadData.class)
        .hasMessageStartingWith(f + " line 3: not valid CSV: a quoted value is never closed")
        .hasMessageContaining("check the quotes on that line");
  }

  @Test
  void text_after_a_closing_quote_is_an_error_naming_the_line() throws IOException {
    Path f = write("after.csv", "id,score\na,\"0.5\"x\n");
    assertThatThrownBy(() -> readAll(f))
        .isInstanceOf(HoldoutException.BadData.class)
        .hasMessageStartingWith(f + " line 2: not valid CSV: Unexpected character after closing quote");
  }

  @Test
  void json_lines_read_keys_of_the_first_object_as_columns() throws Exception {
    Path f = write("p.jsonl", "\uFEFF{\"id\": \"a\", \"score\": 0.5, \"flag\": true}\n"
        + "\n"
        + "{\"id\": 7, \"score\": null}\r\n"
        + "{\"score\": \"0.25\", \"id\": \"c\", \"flag\": false}\n");
    try (RecordReader r = RecordReaders.open(f)) {
      assertThat(r.header()).containsExactly("id", "score", "flag");
      assertThat(records(r)).containsExactly("line 1 [a, 0.5, true]", "line 3 [7, null, null]", "line 4 [c, 0.25, false]");
    }
    assertThat(readAll(write("p.ndjson", "{\"id\": \"a\"}\n"))).containsExactly("line 1 [a]");
  }

  @Test
  void json_lines_with_a_key_the_first_object_lacks_is_an_error_naming_the_line() throws IOException {
    Path f = write("keys.jsonl", "{\"id\": \"a\", \"score\": 0.5}\n{\"id\": \"b\", \"scroe\": 0.5}\n");
    assertThatThrownBy(() -> readAll(f))
        .isInstanceOf(HoldoutException.BadData.class)
        .hasMessage(f + " line 2: key 'scroe' is not in the first line's keys [id, score]; every line must use the same keys");
  }

  @Test
  void json_lines_that_are_not_objects_or_not_json_name_the_line() throws IOException {
    Path array = write("array.jsonl", "{\"id\": \"a\"}\n[1, 2]\n");
    assertThatThrownBy(() -> readAll(array))
        .isInstanceOf(HoldoutException.BadData.class)
        .hasMessageStartingWith(array + " line 2: expected a JSON object");
    Path broken = write("broken.jsonl", "{\"id\": \"a\"}\n{\"id\": \"b\"\n");
    assertThatThrownBy(() -> readAll(broken))
        .isInstanceOf(HoldoutException.BadData.class)
        .hasMessage(broken + " line 2: not valid JSON (Unexpected end-of-input: expected close marker for Object); each line must be one JSON object");
    Path nested = write("nested.jsonl", "{\"id\": \"a\", \"score\": {\"p\": 1}}\n");
    assertThatThrownBy(() -> readAll(nested))
        .isInstanceOf(HoldoutException.BadData.class)
        .hasMessage(nested + " line 1, column 'score': expected a number, text or boolean, found a nested object");
  }

  @Test
  void json_lines_with_a_key_given_twice_in_one_object_is_an_error_naming_the_line() throws IOException {
    Path f = write("twice.jsonl", "{\"id\": \"a\", \"score\": 0.5}\n{\"id\": \"b\", \"score\": 0.1, \"score\": 0.9}\n");
    assertThatThrownBy(() -> readAll(f))
        .isInstanceOf(HoldoutException.BadData.class)
        .hasMessage(f + " line 2: key 'score' appears twice in the object; keep one, since which value was meant cannot be guessed");
  }

  @Test
  void json_lines_read_python_style_nan_so_the_value_check_can_name_it() throws IOException {
    Path f = write("nan.jsonl", "{\"id\": \"a\", \"score\": NaN}\n");
    try (RecordReader r = RecordReaders.open(f)) {
      assertThat(r.next()).isTrue();
      assertThat(r.field(1)).isEqualTo("NaN");
    }
  }

  @Test
  void parquet_is_read_through_duckdb_with_row_positions_and_full_precision() throws Exception {
    Path f = dir.resolve("p.parquet");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      st.execute("COPY (SELECT * FROM (VALUES ('a', 0.1::DOUBLE, 1), ('b', NULL, 0), ('c', 0.30000000000000004::DOUBLE, 1))"
          + " t(id, score, label)) TO '" + f + "' (FORMAT parquet)");
    }
    try (RecordReader r = RecordReaders.open(f)) {
      assertThat(r.header()).containsExactly("id", "score", "label");
      assertThat(records(r)).containsExactly("row 1 [a, 0.1, 1]", "row 2 [b, null, 0]", "row 3 [c, 0.30000000000000004, 1]");
      assertThat(r.positionOf(2)).isEqualTo("row 2");
    }
  }

  @Test
  void a_file_with_the_parquet_extension_that_is_not_parquet_is_a_clear_error() throws IOException {
    Path f = write("fake.parquet", "id,score\na,0.5\n");
    assertThatThrownBy(() -> readAll(f))
        .isInstanceOf(HoldoutException.BadData.class)
        .hasMessageStartingWith(f + ": not a readable Parquet file (");
  }

  @Test
  void an_unknown_extension_is_a_clear_error_listing_the_formats() throws IOException {
    Path f = write("predictions.xlsx", "whatever");
    assertThatThrownBy(() -> RecordReaders.open(f))
        .isInstanceOf(HoldoutException.BadData.class)
        .hasMessage(f + ": unknown file type '.xlsx'; Holdout reads .csv, .tsv, .jsonl (or .ndjson) or .parquet files, chosen by the extension");
    Path none = write("predictions", "whatever");
    assertThatThrownBy(() -> RecordReaders.open(none)).hasMessageContaining("unknown file type '(none)'");
  }

  @Test
  void a_missing_file_or_a_folder_is_a_clear_error() {
    Path missing = dir.resolve("nope.csv");
    assertThatThrownBy(() -> RecordReaders.open(missing))
        .isInstanceOf(HoldoutException.BadData.class)
        .hasMessageStartingWith(missing + ": file not found");
    assertThatThrownBy(() -> RecordReaders.open(dir))
        .isInstanceOf(HoldoutException.BadData.class)
        .hasMessageStartingWith(dir + ": is a folder");
  }

  @Test
  void an_empty_file_is_a_clear_error_in_every_text_format() throws IOException {
    for (String name : List.of("empty.csv", "empty.tsv", "empty.jsonl")) {
      Path f = write(name, "");
      assertThatThrownBy(() -> RecordReaders.open(f))
          .isInstanceOf(HoldoutException.BadData.class)
          .hasMessageStartingWith(f + ": the file is empty; expected ");
    }
    Path blank = write("blank.csv", "\n\r\n\n");
    assertThatThrownBy(() -> RecordReaders.open(blank)).hasMessageStartingWith(blank + ": the file is empty");
    Path bomOnly = write("bom-only.csv", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    assertThatThrownBy(() -> RecordReaders.open(bomOnly)).hasMessageStartingWith(bomOnly + ": the file is empty");
  }

  @Test
  void a_header_only_file_has_columns_and_no_records() throws IOException {
    Path f = write("header.csv", "id,score\n");
    try (RecordReader r = RecordReaders.open(f)) {
      assertThat(r.header()).containsExactly("id", "score");
      assertThat(r.next()).isFalse();
    }
  }

  @Test
  void the_file_hash_covers_the_whole_file() throws Exception {
    Path f = write("long.csv", "id,score\na,0.5\nb,0.25\nc,0.75\n");
    assertThat(RecordReaders.await(RecordReaders.sha256Async(f))).isEqualTo(sha256(f)).isEqualTo(RecordReaders.sha256(f));
  }

  @Test
  void utf16_files_are_refused_with_advice() throws IOException {
    Path file = write("wide.csv", "\uFEFFid,label\n1,0\n".getBytes(StandardCharsets.UTF_16LE));
    assertThatThrownBy(() -> RecordReaders.open(file)).isInstanceOf(HoldoutException.BadData.class)
        .hasMessage(file + ": the file is UTF-16 text; save it as UTF-8 (in a spreadsheet: CSV UTF-8)");
    Path lines = write("wide.jsonl", "\uFEFF{\"id\": \"a\"}\n".getBytes(StandardCharsets.UTF_16));
    assertThatThrownBy(() -> RecordReaders.open(lines)).isInstanceOf(HoldoutException.BadData.class)
        .hasMessage(lines + ": the file is UTF-16 text; save it as UTF-8");
  }
}
