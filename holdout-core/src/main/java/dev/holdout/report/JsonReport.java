package dev.holdout.report;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.holdout.HoldoutException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The JSON renderings: {@code holdout.report/v1} and {@code holdout.compare/v1}, keys in snake_case. */
public final class JsonReport {
  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private JsonReport() {}

  public static String toJson(Object report) {
    try {
      return JSON.writeValueAsString(report) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void write(Object report, Path file) {
    String text = toJson(report);
    AtomicFiles.write(file, w -> w.write(text));
  }

  /** Reads a report written by {@link #write}; keys it does not know (from newer versions) are ignored. */
  public static Report read(Path file) {
    Object any = readAny(file);
    if (any instanceof Report r) return r;
    throw new HoldoutException(file + ": is a " + CompareReport.SCHEMA + " report; expected " + Report.SCHEMA);
  }

  /** Reads a report from JSON text written by {@link #toJson}, such as one kept in a database. */
  public static Report readReport(String json) {
    try {
      return JSON.readValue(json, Report.class);
    } catch (JsonProcessingException e) {
      throw new HoldoutException("a stored report cannot be read (" + e.getOriginalMessage() + ")");
    }
  }

  /** Reads a comparison written by {@link #write}. */
  public static CompareReport readCompare(Path file) {
    Object any = readAny(file);
    if (any instanceof CompareReport c) return c;
    throw new HoldoutException(file + ": is a " + Report.SCHEMA + " report; expected " + CompareReport.SCHEMA);
  }

  /**
   * Reads either kind of report, chosen by its {@code schema} key: a {@link Report} or a
   * {@link CompareReport}. Every failure is a {@link HoldoutException} with a one-line message that
   * names the file (and the line and column for broken JSON).
   */
  public static Object readAny(Path file) {
    if (!Files.exists(file)) {
      throw new HoldoutException(file + ": report file not found; give a JSON report written by 'holdout evaluate --json' or 'holdout compare --json'");
    }
    if (Files.isDirectory(file)) throw new HoldoutException(file + ": is a folder; give a JSON report file");
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null || at.getLineNr() < 1 ? "" : " line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new HoldoutException(file + where + ": not valid JSON (" + firstLine(e.getOriginalMessage()) + ")", e);
    } catch (IOException e) {
      throw new HoldoutException(file + ": cannot be read (" + e.getMessage() + ")", e);
    }
    if (root == null || !root.isObject()) throw new HoldoutException(file + ": not a Holdout report (expected a JSON object with a \"schema\" key)");
    JsonNode schema = root.get("schema");
    String name = schema == null || !schema.isTextual() ? null : schema.asText();
    Class<?> type;
    if (Report.SCHEMA.equals(name)) {
      type = Report.class;
    } else if (CompareReport.SCHEMA.equals(name)) {
      type = CompareReport.class;
    } else {
      throw new HoldoutException(file + ": not a Holdout report ("
          + (name == null ? "no \"schema\" key" : "schema '" + name + "'") + "); expected " + Report.SCHEMA + " or " + CompareReport.SCHEMA);
    }
    Object report;
    try {
      report = JSON.treeToValue(root, type);
    } catch (JsonProcessingException e) {
      throw new HoldoutException(file + ": does not follow " + name + " (" + firstLine(e.getOriginalMessage()) + ")", e);
    }
    String missing = null;
    if (report instanceof Report r) {
      missing = r.suite() == null ? "suite" : r.verdict() == null ? "verdict" : null;
    } else if (report instanceof CompareReport c) {
      missing = c.suite() == null ? "suite" : c.ranking() == null ? "ranking" : c.primaryMetric() == null ? "primary_metric" : null;
    }
    if (missing != null) throw new HoldoutException(file + ": does not follow " + name + " (no \"" + missing + "\" key)");
    return report;
  }

  private static String firstLine(String message) {
    if (message == null) return "unreadable";
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).trim();
  }
}
