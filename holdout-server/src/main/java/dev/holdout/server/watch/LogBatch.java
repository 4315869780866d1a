package dev.holdout.server.watch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import dev.holdout.monitor.MonitorSection;
import dev.holdout.server.base.ApiException;
import dev.holdout.server.base.Bounded;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One batch of the prediction log (or of outcomes), read whole and checked before anything is
 * stored: CSV with a header, or JSON Lines of flat objects. A malformed row refuses the whole batch
 * with its line and column, so a batch is never half applied. The rows are kept as canonical CSV
 * (the header, then the rows), with the batch's earliest and latest times.
 */
record LogBatch(List<String> header, List<String[]> rows, long minTime, long maxTime, String csv, byte[] raw) {
  /** The largest batch taken, in bytes (32 MiB): about 300,000 rows of ten columns. */
  static final int MAX_BYTES = 32 << 20;
  private static final JsonFactory JSON = new JsonFactory();

  /** What a batch holds. */
  enum Kind {
    LOG, OUTCOMES;

    String key() {
      return this == LOG ? "log" : "outcomes";
    }
  }

  /** Reads and checks a batch; {@code jsonl} for JSON Lines, else CSV. Throws 400 (naming line and column) or 413. */
  static LogBatch read(InputStream body, boolean jsonl, LogColumns cols, Kind kind) throws IOException {
    byte[] raw = body.readNBytes(MAX_BYTES + 1);
    if (raw.length > MAX_BYTES) throw new ApiException(413, "the batch is larger than " + MAX_BYTES + " bytes; send it in smaller batches");
    if (raw.length == 0) throw ApiException.badRequest("the batch is empty; send a CSV with a header or JSON Lines");
    List<String> header = new ArrayList<>();
    List<String[]> rows = new ArrayList<>();
    List<Long> lines = new ArrayList<>();
    if (jsonl) readJsonLines(raw, header, rows, lines);
    else readCsv(raw, header, rows, lines);
    if (rows.isEmpty()) throw ApiException.badRequest("the batch has no rows; send at least one");
    return check(header, rows, lines, cols, kind, raw);
  }

  private static void readCsv(byte[] raw, List<String> header, List<String[]> rows, List<Long> lines) {
    try (CsvReader<CsvRecord> csv = CsvReader.builder().skipEmptyLines(true).detectBomHeader(true)
        .ofCsvRecord(new ByteArrayInputStream(raw), StandardCharsets.UTF_8)) {
      int width = -1;
      for (CsvRecord r : csv) {
        if (width < 0) {
          header.addAll(r.getFields());
          width = header.size();
          Set<String> seen = new HashSet<>();
          for (int c = 0; c < width; c++) {
            String h = header.get(c).strip();
            header.set(c, h);
            if (h.isEmpty()) throw ApiException.badRequest("line 1, column " + (c + 1) + ": the header has an empty name; name every column");
            if (!seen.add(h)) throw ApiException.badRequest("line 1: the column '" + Bounded.echo(h) + "' is named twice");
          }
          continue;
        }
        if (r.getFieldCount() != width) {
          throw ApiException.badRequest("line " + r.getStartingLineNumber() + ": " + r.getFieldCount() + " fields, but the header has " + width
              + "; quote fields that hold commas");
        }
        rows.add(r.getFields().toArray(new String[0]));
        lines.add(r.getStartingLineNumber());
      }
    } catch (UncheckedIOException | IOException e) {
      throw ApiException.badRequest("the batch is not readable CSV (" + Bounded.echo(String.valueOf(e.getMessage())) + ")");
    } catch (RuntimeException e) {
      if (e instanceof ApiException) throw e;
      throw ApiException.badRequest("the batch is not readable CSV (" + Bounded.echo(String.valueOf(e.getMessage())) + ")");
    }
  }

  private static void readJsonLines(byte[] raw, List<String> header, List<String[]> rows, List<Long> lines) throws IOException {
    Map<String, Integer> index = new LinkedHashMap<>();
    List<Map<Integer, String>> objects = new ArrayList<>();
    int start = 0;
    long line = 0;
    while (start < raw.length) {
      int end = start;
      while (end < raw.length && raw[end] != '\n') end++;
      line++;
      if (!new String(raw, start, end - start, StandardCharsets.UTF_8).isBlank()) {
        Map<Integer, String> row = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(raw, start, end - start)) {
          if (p.nextToken() != JsonToken.START_OBJECT) throw ApiException.badRequest("line " + line + ": expected a JSON object such as {\"id\": \"r1\", ...}");
          for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
              throw ApiException.badRequest("line " + line + ", key '" + Bounded.echo(key) + "': expected a text, number, boolean or null, found a nested "
                  + (v == JsonToken.START_OBJECT ? "object" : "array") + "; flatten it into columns");
            }
            Integer c = index.computeIfAbsent(key, k -> index.size());
            if (row.put(c, v == JsonToken.VALUE_NULL ? "" : p.getText()) != null) {
              throw ApiException.badRequest("line " + line + ": the key '" + Bounded.echo(key) + "' is given twice");
            }
          }
          if (p.nextToken() != null) throw ApiException.badRequest("line " + line + ": more than one JSON value; put one object on each line");
        } catch (JsonProcessingException e) {
          throw ApiException.badRequest("line " + line + ", column " + e.getLocation().getColumnNr() + ": not valid JSON (" + Bounded.echo(e.getOriginalMessage()) + ")");
        }
        objects.add(row);
        lines.add(line);
      }
      start = end + 1;
    }
    header.addAll(index.keySet());
    for (Map<Integer, String> o : objects) {
      String[] r = new String[header.size()];
      for (int c = 0; c < r.length; c++) r[c] = o.getOrDefault(c, "");
      rows.add(r);
    }
  }

  private static LogBatch check(List<String> header, List<String[]> rows, List<Long> lines, LogColumns cols, Kind kind, byte[] raw) {
    int id = need(header, cols.id(), "the row id");
    int time = -1;
    for (String t : cols.times()) {
      if (header.contains(t)) {
        time = header.indexOf(t);
        break;
      }
    }
    if (kind == Kind.LOG && time < 0 && cols.needsTime()) {
      throw ApiException.badRequest("no time column (looked for " + String.join(", ", cols.times()) + "); the suite's monitor windows are calendar windows");
    }
    List<Integer> probabilities = new ArrayList<>();
    List<Integer> numbers = new ArrayList<>();
    int label = -1;
    if (kind == Kind.LOG) {
      for (String c : cols.probabilities()) probabilities.add(need(header, c, "a model output the suite names"));
      for (String c : cols.numbers()) numbers.add(need(header, c, "a model output the suite names"));
      for (String c : cols.texts()) need(header, c, "a model output the suite names");
    } else {
      label = need(header, cols.label(), "the outcome (the suite's data.label)");
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < rows.size(); i++) {
      String[] r = rows.get(i);
      long line = lines.get(i);
      String v = r[id].strip();
      if (v.isEmpty() || v.length() > 200) throw cell(line, header.get(id), v, "a row id of 1 to 200 characters");
      if (!ids.add(v)) throw ApiException.badRequest("line " + line + ", column '" + Bounded.echo(header.get(id)) + "': the id '" + Bounded.echo(v)
          + "' is given twice in this batch");
      if (time >= 0) {
        long s = MonitorSection.epochSeconds(r[time].strip());
        if (s == MonitorSection.NOT_A_TIME) throw cell(line, header.get(time), r[time], "a timestamp such as 2026-01-05T13:45:10Z");
        min = Math.min(min, s);
        max = Math.max(max, s);
      }
      for (int c : probabilities) {
        double p = number(r[c], line, header.get(c));
        if (!(p >= 0 && p <= 1)) throw cell(line, header.get(c), r[c], "a probability from 0 to 1");
      }
      for (int c : numbers) {
        if (!Double.isFinite(number(r[c], line, header.get(c)))) throw cell(line, header.get(c), r[c], "a finite number");
      }
      if (label >= 0 && r[label].isBlank()) throw cell(line, header.get(label), r[label], "the outcome (send outcomes once they are known)");
    }
    return new LogBatch(List.copyOf(header), rows, time < 0 ? 0 : min, time < 0 ? 0 : max, canonical(header, rows), raw);
  }

  private static int need(List<String> header, String column, String what) {
    int i = header.indexOf(column);
    if (i < 0) throw ApiException.badRequest("no column '" + Bounded.echo(column) + "' (" + what + "); the batch's columns are " + Bounded.echo(header.toString()));
    return i;
  }

  private static double number(String text, long line, String column) {
    try {
      return Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      throw cell(line, column, text, "a number");
    }
  }

  private static ApiException cell(long line, String column, String value, String expected) {
    return ApiException.badRequest("line " + line + ", column '" + Bounded.echo(column) + "': expected " + expected + ", found '" + Bounded.echo(value) + "'");
  }

  /** The rows as CSV text under {@code header}. */
  static String canonical(List<String> header, List<String[]> rows) {
    StringWriter out = new StringWriter(rows.size() * 64);
    try (CsvWriter w = CsvWriter.builder().build(out)) {
      w.writeRecord(header);
      for (String[] r : rows) w.writeRecord(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
