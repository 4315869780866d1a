package dev.holdout.data;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.holdout.base.HoldoutException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The byte-scanning CSV reader against FastCSV (strict quotes, empty lines skipped, BOM detected)
 * on thousands of random files: separators, quotes, doubled quotes, line ends of every kind inside
 * and outside quotes, empty lines, multi-byte UTF-8, a byte order mark, stray quotes. Both must
 * give the same fields and starting lines, or both refuse the file.
 */
class CsvAgainstFastCsvTest {
  @TempDir Path dir;

  private static final String[] PIECES = {"a", "bc", "1.5", "-2e3", " ", "é", "日本", "😀", ",", "\"", "\"\"", "\n", "\r\n", "\r", "\t", "x\"y"};

  private static String field(Random rnd, char sep) {
    StringBuilder b = new StringBuilder();
    int n = rnd.nextInt(4);
    for (int i = 0; i < n; i++) b.append(PIECES[rnd.nextInt(PIECES.length)].replace(',', sep));
    String text = b.toString();
    boolean mustQuote = text.indexOf(sep) >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
    // mostly well-formed; sometimes raw (which may be refused), sometimes quoted without need
    int style = rnd.nextInt(10);
    if (style == 0) return text;
    if (mustQuote || style == 1) return "\"" + text.replace("\"", "\"\"") + "\"";
    return text;
  }

  private static byte[] file(Random rnd, char sep) {
    StringBuilder b = new StringBuilder();
    if (rnd.nextInt(5) == 0) b.append('\uFEFF');
    int cols = 1 + rnd.nextInt(4);
    int rows = rnd.nextInt(12);
    for (int r = 0; r < rows; r++) {
      if (rnd.nextInt(8) == 0) b.append(rnd.nextBoolean() ? "\n" : "\r\n");
      int n = rnd.nextInt(6) == 0 ? 1 + rnd.nextInt(cols + 2) : cols;
      for (int c = 0; c < n; c++) {
        if (c > 0) b.append(sep);
        b.append(field(rnd, sep));
      }
      if (r < rows - 1 || rnd.nextBoolean()) b.append(new String[] {"\n", "\r\n", "\r"}[rnd.nextInt(3)]);
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static CsvReader<CsvRecord> fastCsvReader(byte[] bytes, char sep) {
    return CsvReader.builder().fieldSeparator(sep).quoteCharacter('"').skipEmptyLines(true).detectBomHeader(true)
        .allowMissingFields(true).allowExtraFields(true).allowUnclosedQuote(false).ofCsvRecord(new ByteArrayInputStream(bytes));
  }

  /** What FastCSV reads: the header's stripped names, then "line N [fields]" per record; or "refused". */
  private static List<String> fastCsv(byte[] bytes, char sep) {
    List<String> out = new ArrayList<>();
    try (CsvReader<CsvRecord> r = fastCsvReader(bytes, sep)) {
      for (CsvRecord rec : r) {
        out.add(out.isEmpty() ? "header " + rec.getFields().stream().map(String::strip).map(f -> f.isEmpty() ? null : f).toList()
            : "line " + rec.getStartingLineNumber() + " " + rec.getFields().stream().map(f -> f.isEmpty() ? null : f).toList());
      }
    } catch (CsvParseException e) {
      return List.of("refused");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private List<String> holdout(byte[] bytes, char sep, int k) throws IOException {
    Path file = Files.write(dir.resolve("f" + k + (sep == ',' ? ".csv" : ".tsv")), bytes);
    List<String> out = new ArrayList<>();
    try (RecordReader r = RecordReaders.open(file)) {
      out.add("header " + r.header().stream().map(h -> h.isEmpty() ? null : h).toList());
      while (r.next()) {
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < r.fieldCount(); i++) fields.add(r.field(i));
        out.add(r.position() + " " + fields);
      }
    } catch (HoldoutException.BadData e) {
      if (e.getMessage().contains("the file is empty")) return List.of();
      if (e.getMessage().contains("values but the header names")) return List.of("too many values");
      return List.of("refused");
    }
    return out;
  }

  @Test
  void reads_what_fastcsv_reads_on_random_files() throws IOException {
    Random rnd = new Random(20261122);
    int compared = 0;
    int refused = 0;
    for (int k = 0; k < 4000; k++) {
      char sep = k % 4 == 3 ? '\t' : ',';
      byte[] bytes = file(rnd, sep);
      List<String> actual = holdout(bytes, sep, k);
      if (actual.equals(List.of("too many values"))) continue;
      List<String> expected = fastCsv(bytes, sep);
      assertThat(actual).as("file %d: %s", k, new String(bytes, StandardCharsets.UTF_8).replace("\r", "\\r").replace("\n", "\\n")).isEqualTo(expected);
      compared++;
      if (expected.equals(List.of("refused"))) refused++;
    }
    assertThat(compared).isGreaterThan(2500);
    assertThat(refused).as("some files must be malformed").isBetween(100, compared - 1000);
  }

  /** Records longer than the read buffer, and many of them, cross its boundary at every kind of byte. */
  @Test
  void records_across_the_read_buffer() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes("id,text,n\n".getBytes(StandardCharsets.UTF_8));
    Random rnd = new Random(7);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 30_000; i++) {
      String text = i % 1000 == 0 ? "x".repeat(1 << 21) : "t\"".repeat(rnd.nextInt(40)) + "é\r\n,";
      String line = i + ",\"" + text.replace("\"", "\"\"") + "\"," + (i * 0.25) + (i % 3 == 0 ? "\r\n" : "\n");
      b.writeBytes(line.getBytes(StandardCharsets.UTF_8));
      expected.add(i + "|" + text.length() + "|" + text.hashCode() + "|" + (i * 0.25));
    }
    Path file = Files.write(dir.resolve("big.csv"), b.toByteArray());
    List<String> actual = new ArrayList<>();
    long lastLine = 0;
    try (RecordReader r = RecordReaders.open(file)) {
      while (r.next()) {
        String t = r.field(1);
        actual.add(r.field(0) + "|" + t.length() + "|" + t.hashCode() + "|" + r.number(2));
        assertThat(r.positionNumber()).isGreaterThan(lastLine);
        lastLine = r.positionNumber();
      }
    }
    assertThat(actual).isEqualTo(expected);
    // every text but the 30 long ones holds a CRLF inside its quotes: the last row starts after 29,969 of them
    assertThat(lastLine).isEqualTo(2 + 29_999 + 29_969);
  }
}
