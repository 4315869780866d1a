package dev.holdout.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.holdout.base.HoldoutException;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON Lines: one JSON object per line. The columns are the keys of the first object; a key missing
 * from a later object reads as null, and a key the first object lacks is an error (so a typo does
 * not vanish). Nested objects and arrays are not columns and are rejected.
 */
final class JsonLinesRecordReader implements RecordReader {
  // NaN and Infinity (as Python's json module writes them) are read, so the value check can name them.
  // A key given twice is refused: which of the two values was meant cannot be guessed, and Jackson would keep the last silently.
  private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");
  private final Path path;
  private final BufferedReader lines;
  private final List<String> header = new ArrayList<>();
  private final Map<String, Integer> index = new HashMap<>();
  private String[] values;
  private long lineNumber;
  private JsonNode pending;
  private long pendingLine;

  JsonLinesRecordReader(Path path) {
    this.path = path;
    try {
      InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
      in.mark(2);
      int b0 = in.read(), b1 = in.read();
      in.reset();
      if (b0 == 0xFE && b1 == 0xFF || b0 == 0xFF && b1 == 0xFE) {
        in.close();
        throw new HoldoutException.BadData(path + ": the file is UTF-16 text; save it as UTF-8");
      }
      lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    } catch (IOException e) {
      throw new HoldoutException.BadData(path + ": cannot be read (" + e.getMessage() + ")", e);
    }
    pending = readObject();
    if (pending == null) {
      close();
      throw new HoldoutException.BadData(path + ": the file is empty; expected one JSON object per line");
    }
    pendingLine = lineNumber;
    pending.fieldNames().forEachRemaining(name -> {
      index.put(name, header.size());
      header.add(name);
    });
  }

  private JsonNode readObject() {
    try {
      String line;
      do {
        line = lines.readLine();
        if (line == null) return null;
        lineNumber++;
        if (lineNumber == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') line = line.substring(1);
      } while (line.isBlank());
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (JsonProcessingException e) {
        Matcher twice = DUPLICATE.matcher(e.getOriginalMessage());
        if (twice.matches()) {
          throw new HoldoutException.BadData(path + " line " + lineNumber + ": key '" + twice.group(1)
              + "' appears twice in the object; keep one, since which value was meant cannot be guessed");
        }
        // Jackson's "(start marker at [Source: REDACTED ...])" says nothing the line number does not.
        String why = e.getOriginalMessage().replaceFirst(" \\(start marker at \\[Source: .*\\]\\)$", "");
        throw new HoldoutException.BadData(path + " line " + lineNumber + ": not valid JSON (" + why + "); each line must be one JSON object");
      }
      if (node == null || !node.isObject()) {
        throw new HoldoutException.BadData(path + " line " + lineNumber + ": expected a JSON object like {\"id\": \"a1\", \"score\": 0.7}");
      }
      return node;
    } catch (IOException e) {
      throw new HoldoutException.BadData(path + ": cannot be read (" + e.getMessage() + ")", e);
    }
  }


  @Override public Path path() { return path; }
  @Override public List<String> header() { return header; }

  @Override
  public boolean next() {
    JsonNode node;
    long at;
    if (pending != null) {
      node = pending;
      at = pendingLine;
      pending = null;
    } else {
      node = readObject();
      at = lineNumber;
    }
    if (node == null) return false;
    lineNumber = at;
    values = new String[header.size()];
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Integer col = index.get(e.getKey());
      if (col == null) {
        throw new HoldoutException.BadData(path + " line " + at + ": key '" + e.getKey()
            + "' is not in the first line's keys " + header + "; every line must use the same keys");
      }
      JsonNode v = e.getValue();
      if (v.isContainerNode()) {
        throw new HoldoutException.BadData(path + " line " + at + ", column '" + e.getKey()
            + "': expected a number, text or boolean, found a nested " + (v.isArray() ? "array" : "object"));
      }
      values[col] = v.isNull() ? null : v.asText();
    }
    return true;
  }

  @Override public String field(int column) { return values[column]; }
  @Override public String position() { return "line " + lineNumber; }
  @Override public long positionNumber() { return lineNumber; }


  @Override
  public void close() {
    try {
      lines.close();
    } catch (IOException ignored) {
      // closing a read-only file: nothing to recover
    }
  }
}
