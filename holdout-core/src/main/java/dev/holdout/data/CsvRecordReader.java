package dev.holdout.data;

import dev.holdout.base.HoldoutException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * CSV and TSV with RFC 4180 quoting, an optional UTF-8 byte order mark and CRLF, LF or CR line
 * ends, scanned as bytes: the separator, quotes and line ends are ASCII, so fields are found
 * without decoding UTF-8 first; a field becomes characters only when asked for as text, and
 * numbers are parsed from the bytes. Reading large files is most of what {@code holdout audit} and
 * {@code holdout drift} do, and this reads a wide numeric file faster than decoding it through
 * FastCSV (docs/benchmarks.md). It accepts and refuses
 * what FastCSV does with strict quotes (a test compares the two on thousands of random files): a
 * quote opens a quoted field only as its first character, a doubled quote inside is one quote, and
 * anything but a separator or a line end right after the closing quote is an error. Empty lines
 * are skipped. A line shorter than the header reads the absent fields as null; a line with more
 * non-empty values than the header, or a quote that is never closed, is an error naming the line,
 * because both mean the columns no longer line up.
 */
final class CsvRecordReader implements RecordReader {
  private static final int CHUNK = 1 << 20;
  private static final byte QUOTE = '"';
  private static final String QUOTE_ADVICE = "; check the quotes on that line (a quote inside a quoted value is written twice: \"\")";
  private final Path path;
  private final InputStream input;
  private final byte separator;
  private final List<String> header;
  private byte[] buf = new byte[CHUNK];
  private int pos;
  private int limit;
  private boolean eof;
  /** Line number of the byte at {@code pos}. */
  private long line = 1;
  private long recordLine;
  private long recordLines;
  private int count;
  private int[] start = new int[16];
  private int[] end = new int[16];
  /** Quoted fields holding a doubled quote, whose text needs unescaping. */
  private boolean[] escaped = new boolean[16];
  private char[] chars = new char[256];
  private int used;
  private int[] charOff = new int[16];
  private int[] charLen = new int[16];
  private int generation;
  private int[] decoded = new int[16];
  /** The current record's bytes; a field is turned into characters only when asked for as text. */
  private int recordFrom;
  private int recordTo;
  /** A number field's characters, for {@link #number(int)}. */
  private char[] digits = new char[32];
  private CharSlice[] slices = new CharSlice[0];

  CsvRecordReader(Path path, char separator) {
    this.path = path;
    this.separator = (byte) separator;
    try {
      input = Files.newInputStream(path);
      fill();
      skipByteOrderMark();
    } catch (IOException e) {
      throw new HoldoutException.BadData(path + ": cannot be read (" + e.getMessage() + ")", e);
    }
    if (!advance()) {
      close();
      throw new HoldoutException.BadData(path + ": the file is empty; expected a header line naming the columns, then one line per row");
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) names.add(decode(i).strip());
    header = List.copyOf(names);
  }

  private void skipByteOrderMark() {
    int b0 = limit > 0 ? buf[0] & 0xFF : -1;
    int b1 = limit > 1 ? buf[1] & 0xFF : -1;
    if (limit >= 3 && b0 == 0xEF && b1 == 0xBB && (buf[2] & 0xFF) == 0xBF) {
      pos = 3;
    } else if (b0 == 0xFE && b1 == 0xFF || b0 == 0xFF && b1 == 0xFE) {
      close();
      throw new HoldoutException.BadData(path + ": the file is UTF-16 text; save it as UTF-8 (in a spreadsheet: CSV UTF-8)");
    }
  }

  /** Moves the unread bytes to the front, growing the buffer if they fill it, and reads more; false at the end of the file. */
  private boolean fill() throws IOException {
    if (eof) return false;
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      pos = 0;
    }
    if (limit == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
    int n = input.read(buf, limit, buf.length - limit);
    if (n < 0) {
      eof = true;
      return false;
    }
    limit += n;
    return true;
  }

  private boolean advance() {
    try {
      while (true) {
        skipEmptyLines();
        if (pos >= limit) {
          if (!fill() && pos >= limit) return false;
          continue;
        }
        int next = scan(pos);
        if (next < 0) {
          fill();
          continue;
        }
        recordLine = line;
        line += recordLines;
        generation++;
        recordFrom = pos;
        recordTo = next;
        used = next - pos;  // a field's characters go at its offset in the line; decoded ones after
        if (used > chars.length) chars = new char[Math.max(used, chars.length * 2)];
        pos = next;
        if (header != null && count > header.size()) checkExtraFields();
        return true;
      }
    } catch (IOException e) {
      throw new HoldoutException.BadData(path + ": cannot be read (" + e.getMessage() + ")", e);
    }
  }

  private void skipEmptyLines() throws IOException {
    while (true) {
      if (pos >= limit && !fill()) return;
      byte b = buf[pos];
      if (b == '\n') {
        pos++;
        line++;
      } else if (b == '\r') {
        if (pos + 1 >= limit && !eof) {
          fill();
          continue;
        }
        pos += pos + 1 < limit && buf[pos + 1] == '\n' ? 2 : 1;
        line++;
      } else {
        return;
      }
    }
  }

  /**
   * Finds the fields of the record starting at {@code p}; returns the position after its line end,
   * or -1 when the buffer ends first (read more, then scan the record again).
   */
  private int scan(int p) {
    count = 0;
    recordLines = 0;
    int fieldStart = p;
    while (true) {
      if (p >= limit) {
        if (!eof) return -1;
        addField(fieldStart, p, false);
        return p;
      }
      if (buf[p] == QUOTE) {
        int q = p + 1;
        boolean doubled = false;
        while (true) {
          if (q >= limit) {
            if (!eof) return -1;
            throw new HoldoutException.BadData(path + " line " + line + ": not valid CSV: a quoted value is never closed (the quote runs to the end of the file)"
                + QUOTE_ADVICE);
          }
          byte c = buf[q];
          if (c == QUOTE) {
            if (q + 1 >= limit && !eof) return -1;
            if (q + 1 < limit && buf[q + 1] == QUOTE) {
              doubled = true;
              q += 2;
              continue;
            }
            break;
          }
          if (c == '\n') {
            recordLines++;
          } else if (c == '\r') {
            if (q + 1 >= limit && !eof) return -1;
            if (q + 1 >= limit || buf[q + 1] != '\n') recordLines++;
          }
          q++;
        }
        addField(p + 1, q, doubled);
        p = q + 1;
        if (p >= limit) {
          if (!eof) return -1;
          return p;
        }
        byte after = buf[p];
        if (after == separator) {
          fieldStart = ++p;
          continue;
        }
        if (after == '\n' || after == '\r') return lineEnd(p);
        int ch = after & 0xFF;
        throw new HoldoutException.BadData(path + " line " + line + ": not valid CSV: Unexpected character after closing quote: '" + (char) ch + "' (0x"
            + Integer.toHexString(ch) + ")" + QUOTE_ADVICE);
      }
      // an unquoted field: one tight loop to its end
      final byte[] bytes = buf;
      final byte sep = separator;
      final int lim = limit;
      int q = p;
      while (q < lim) {
        byte c = bytes[q];
        if (c == sep || c == '\n' || c == '\r') break;
        q++;
      }
      if (q >= lim) {
        if (!eof) return -1;
        addField(fieldStart, q, false);
        return q;
      }
      addField(fieldStart, q, false);
      if (bytes[q] == sep) {
        fieldStart = p = q + 1;
        continue;
      }
      return lineEnd(q);
    }
  }

  /** The position after the line end at {@code p} (CR, LF or CRLF), or -1 to read more first. */
  private int lineEnd(int p) {
    recordLines++;
    if (buf[p] == '\n') return p + 1;
    if (p + 1 >= limit) return eof ? p + 1 : -1;
    return buf[p + 1] == '\n' ? p + 2 : p + 1;
  }

  private void addField(int from, int to, boolean doubled) {
    if (count == start.length) {
      int n = count * 2;
      start = Arrays.copyOf(start, n);
      end = Arrays.copyOf(end, n);
      escaped = Arrays.copyOf(escaped, n);
      charOff = Arrays.copyOf(charOff, n);
      charLen = Arrays.copyOf(charLen, n);
      decoded = Arrays.copyOf(decoded, n);
    }
    start[count] = from;
    end[count] = to;
    escaped[count] = doubled;
    count++;
  }

  /** Extra empty fields (a trailing separator) are harmless; extra values mean a separator that should have been quoted. */
  private void checkExtraFields() {
    for (int i = header.size(); i < count; i++) {
      if (!decode(i).isBlank()) {
        throw new HoldoutException.BadData(path + " line " + recordLine + ": found " + count + " values but the header names "
            + header.size() + " columns; quote values that contain the separator (\"a, b\"), and double a quote inside quotes (\"\")");
      }
    }
  }

  /** Field {@code i} as a String. */
  private String decode(int i) {
    decodeChars(i);
    return new String(chars, charOff[i], charLen[i]);
  }

  /**
   * Turns field {@code i} into characters, once per record. An ASCII field is copied to the
   * character buffer at its offset in the line; a field with other bytes or doubled quotes is
   * decoded (UTF-8, quotes made single) after the line's characters. Only the fields asked for are
   * touched: a numeric column never is ({@link #number(int)} reads the bytes).
   */
  private void decodeChars(int i) {
    if (decoded[i] == generation) return;
    decoded[i] = generation;
    int from = start[i];
    int n = end[i] - from;
    if (!escaped[i]) {
      char[] c = chars;
      byte[] b = buf;
      int at = from - recordFrom;
      int high = 0;
      for (int k = 0; k < n; k++) {
        byte x = b[from + k];
        high |= x;
        c[at + k] = (char) x;
      }
      if (high >= 0) {
        charOff[i] = at;
        charLen[i] = n;
        return;
      }
    }
    if (used + n > chars.length) chars = Arrays.copyOf(chars, Math.max(chars.length * 2, used + n));
    String s = new String(buf, from, n, StandardCharsets.UTF_8);
    s.getChars(0, s.length(), chars, used);
    int k = used + s.length();
    if (escaped[i]) {
      int w = used;
      for (int r = used; r < k; r++) {
        chars[w++] = chars[r];
        if (chars[r] == '"') r++;
      }
      k = w;
    }
    charOff[i] = used;
    charLen[i] = k - used;
    used = k;
  }

  @Override public Path path() { return path; }
  @Override public List<String> header() { return header; }
  @Override public boolean next() { return advance(); }

  @Override
  public int fieldCount() {
    return count;
  }

  @Override
  public String field(int column) {
    if (column >= count || end[column] == start[column]) return null;
    return decode(column);
  }

  @Override
  public CharSequence text(int column) {
    if (column >= count) return null;
    if (column >= slices.length) {
      int old = slices.length;
      slices = Arrays.copyOf(slices, Math.max(column + 1, header.size()));
      for (int i = old; i < slices.length; i++) slices[i] = new CharSlice();
    }
    decodeChars(column);
    CharSlice s = slices[column].set(chars, charOff[column], charLen[column]).strip();
    return s.len == 0 ? null : s;
  }

  /**
   * Parses the field's bytes in place: numbers are ASCII, so a numeric column is read without
   * turning its line into characters. Other fields take the text route.
   */
  @Override
  public double number(int column) {
    if (column >= count) return Double.NaN;
    int from = start[column];
    int to = end[column];
    byte[] b = buf;
    while (from < to && b[from] <= ' ' && b[from] >= 0 && Character.isWhitespace(b[from])) from++;
    while (to > from && b[to - 1] <= ' ' && b[to - 1] >= 0 && Character.isWhitespace(b[to - 1])) to--;
    if (escaped[column]) return RecordReader.super.number(column);
    double v = Decimals.parsePlain(b, from, to);
    if (v == v) return v;
    int n = to - from;  // an exponent, many digits or not a number: the full parser, on characters
    if (n > digits.length) return RecordReader.super.number(column);
    char[] c = digits;
    for (int i = 0; i < n; i++) {
      byte x = b[from + i];
      if (x < 0) return RecordReader.super.number(column);
      c[i] = (char) x;
    }
    return Decimals.parseOrNaN(c, 0, n);
  }

  @Override public String position() { return "line " + recordLine; }
  @Override public long positionNumber() { return recordLine; }

  @Override
  public void close() {
    try {
      input.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
