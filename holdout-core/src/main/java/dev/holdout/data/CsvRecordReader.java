package dev.holdout.data;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import dev.holdout.HoldoutException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CSV and TSV with RFC 4180 quoting, an optional UTF-8 byte order mark and CRLF or LF line ends,
 * parsed by FastCSV into a reusable character buffer: fields become Strings only when asked for.
 * A line shorter than the header reads the absent fields as null; a line with more non-empty
 * values than the header, or a quote that is never closed, is an error naming the line, because
 * both mean the columns no longer line up.
 */
final class CsvRecordReader implements RecordReader {
  private static final Pattern RECORD_LINE = Pattern.compile("\\s*\\(record starting at line (\\d+)\\)");
  private final Path path;
  private final java.io.InputStream input;
  private final CsvReader<Fields> csv;
  private final CloseableIterator<Fields> records;
  private final List<String> header;
  private final Fields fields = new Fields();
  private CharSlice[] slices = new CharSlice[0];

  /** Collects one record's fields as character ranges in its own buffer. */
  private static final class Fields extends AbstractBaseCsvCallbackHandler<Fields> {
    char[] chars = new char[256];
    int[] start = new int[16];
    int[] length = new int[16];
    int count;
    int used;
    long line;

    @Override
    protected void handleBegin(long startingLineNumber) {
      line = startingLineNumber;
      count = 0;
      used = 0;
    }

    @Override
    protected void handleField(int index, char[] buf, int offset, int len, boolean quoted) {
      if (count == start.length) {
        start = Arrays.copyOf(start, count * 2);
        length = Arrays.copyOf(length, count * 2);
      }
      if (used + len > chars.length) chars = Arrays.copyOf(chars, Math.max(chars.length * 2, used + len));
      System.arraycopy(buf, offset, chars, used, len);
      start[count] = used;
      length[count] = len;
      used += len;
      count++;
    }

    @Override
    protected Fields buildRecord() {
      return this;
    }
  }

  CsvRecordReader(Path path, char separator) {
    this.path = path;
    try {
      input = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
    } catch (IOException e) {
      throw new HoldoutException.BadData(path + ": cannot be read (" + e.getMessage() + ")", e);
    }
    csv = CsvReader.builder()
        .fieldSeparator(separator)
        .quoteCharacter('"')
        .skipEmptyLines(true)
        .detectBomHeader(true)
        .allowMissingFields(true)
        .allowExtraFields(true)
        .allowUnclosedQuote(false)
        .build(fields, input, StandardCharsets.UTF_8);
    records = csv.iterator();
    if (!advance()) {
      close();
      throw new HoldoutException.BadData(path + ": the file is empty; expected a header line naming the columns, then one line per row");
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < fields.count; i++) names.add(new String(fields.chars, fields.start[i], fields.length[i]).strip());
    header = List.copyOf(names);
  }

  private boolean advance() {
    try {
      if (!records.hasNext()) return false;
      records.next();
      if (header != null && fields.count > header.size()) checkExtraFields();
      return true;
    } catch (CsvParseException e) {
      throw parseError(e);
    } catch (UncheckedIOException e) {
      throw new HoldoutException.BadData(path + ": cannot be read (" + e.getMessage() + ")", e);
    }
  }

  /** Extra empty fields (a trailing separator) are harmless; extra values mean a separator that should have been quoted. */
  private void checkExtraFields() {
    for (int i = header.size(); i < fields.count; i++) {
      for (int k = fields.start[i], end = k + fields.length[i]; k < end; k++) {
        if (!Character.isWhitespace(fields.chars[k])) {
          throw new HoldoutException.BadData(path + " line " + fields.line + ": found " + fields.count + " values but the header names "
              + header.size() + " columns; quote values that contain the separator (\"a, b\"), and double a quote inside quotes (\"\")");
        }
      }
    }
  }

  /** FastCSV says where the record starts at the end of its message; Holdout says it first, as everywhere. */
  private HoldoutException.BadData parseError(CsvParseException e) {
    String why = e.getMessage() != null ? e.getMessage() : e.getCause() != null ? e.getCause().getMessage() : "unreadable record";
    String where = path.toString();
    Matcher m = RECORD_LINE.matcher(why);
    if (m.find()) {
      where += " line " + m.group(1);
      why = m.replaceAll("");
    }
    if (why.startsWith("Unclosed quoted field")) why = "a quoted value is never closed (the quote runs to the end of the file)";
    return new HoldoutException.BadData(where + ": not valid CSV: " + why
        + "; check the quotes on that line (a quote inside a quoted value is written twice: \"\")", e);
  }


  @Override public Path path() { return path; }
  @Override public List<String> header() { return header; }
  @Override public boolean next() { return advance(); }

  @Override
  public int fieldCount() {
    return fields.count;
  }

  @Override
  public String field(int column) {
    if (column >= fields.count || fields.length[column] == 0) return null;
    return new String(fields.chars, fields.start[column], fields.length[column]);
  }

  @Override
  public CharSequence text(int column) {
    if (column >= fields.count) return null;
    if (column >= slices.length) {
      int old = slices.length;
      slices = Arrays.copyOf(slices, Math.max(column + 1, header.size()));
      for (int i = old; i < slices.length; i++) slices[i] = new CharSlice();
    }
    CharSlice s = slices[column].set(fields.chars, fields.start[column], fields.length[column]).strip();
    return s.len == 0 ? null : s;
  }

  @Override public String position() { return "line " + fields.line; }
  @Override public long positionNumber() { return fields.line; }


  @Override
  public void close() {
    try {
      csv.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
