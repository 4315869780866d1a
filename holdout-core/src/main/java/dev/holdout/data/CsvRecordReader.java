package dev.holdout.data;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.holdout.HoldoutException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.util.List;

/** CSV and TSV with RFC 4180 quoting, an optional UTF-8 byte order mark and CRLF or LF line ends (FastCSV). */
final class CsvRecordReader implements RecordReader {
  private final Path path;
  private final DigestInputStream digest;
  private final CsvReader<CsvRecord> csv;
  private final CloseableIterator<CsvRecord> records;
  private final List<String> header;
  private CsvRecord current;
  private String sha256;

  CsvRecordReader(Path path, char separator) {
    this.path = path;
    try {
      digest = RecordReaders.digesting(new BufferedInputStream(Files.newInputStream(path), 1 << 16));
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
        .ofCsvRecord(digest, StandardCharsets.UTF_8);
    records = csv.iterator();
    if (!advance()) {
      close();
      throw new HoldoutException.BadData(path + ": the file is empty; expected a header line naming the columns, then one line per row");
    }
    header = current.getFields().stream().map(String::strip).toList();
    current = null;
  }

  private boolean advance() {
    try {
      if (!records.hasNext()) {
        drain();
        return false;
      }
      current = records.next();
      return true;
    } catch (CsvParseException e) {
      String why = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
      throw new HoldoutException.BadData(path + ": not valid CSV (" + why + "); check the quoting near that line", e);
    } catch (UncheckedIOException e) {
      throw new HoldoutException.BadData(path + ": cannot be read (" + e.getMessage() + ")", e);
    }
  }

  private void drain() {
    if (sha256 != null) return;
    try {
      digest.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new HoldoutException.BadData(path + ": cannot be read (" + e.getMessage() + ")", e);
    }
    sha256 = RecordReaders.hex(digest.getMessageDigest());
  }

  @Override public Path path() { return path; }
  @Override public List<String> header() { return header; }
  @Override public boolean next() { return advance(); }

  @Override
  public String field(int column) {
    if (column >= current.getFieldCount()) return null;
    String v = current.getField(column);
    return v.isEmpty() ? null : v;
  }

  @Override public String position() { return "line " + current.getStartingLineNumber(); }
  @Override public long positionNumber() { return current.getStartingLineNumber(); }

  @Override
  public String sha256() {
    if (sha256 == null) drain();
    return sha256;
  }

  @Override
  public void close() {
    try {
      csv.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
