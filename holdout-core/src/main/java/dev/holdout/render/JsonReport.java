package dev.holdout.render;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdout.audit.AuditReport;
import dev.holdout.base.AtomicFiles;
import dev.holdout.base.HoldoutException;
import dev.holdout.drift.DriftReport;
import dev.holdout.handover.HandoverReport;
import dev.holdout.monitor.MonitorReport;
import dev.holdout.result.CompareReport;
import dev.holdout.result.PlanReport;
import dev.holdout.result.Report;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON renderings: {@code holdout.report/v1} and {@code holdout.compare/v1}, keys in snake_case. */
public final class JsonReport {
  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Every JSON report Holdout writes, by its schema key: what {@link #readAny} reads back. */
  private static final Map<String, Class<?>> SCHEMAS = new LinkedHashMap<>();

  static {
    SCHEMAS.put(Report.SCHEMA, Report.class);
    SCHEMAS.put(CompareReport.SCHEMA, CompareReport.class);
    SCHEMAS.put(PlanReport.SCHEMA, PlanReport.class);
    SCHEMAS.put(AuditReport.SCHEMA, AuditReport.class);
    SCHEMAS.put(DriftReport.SCHEMA, DriftReport.class);
    SCHEMAS.put(MonitorReport.SCHEMA, MonitorReport.class);
    SCHEMAS.put(HandoverReport.SCHEMA, HandoverReport.class);
  }

  private JsonReport() {}

  public static String toJson(Object report) {
    try {
      return JSON.writeValueAsString(report) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@link #toJson} with {@code extra} top-level keys added after the report's own (null values
   * left out), for sections another package computes, such as the engagement's money and the annex
   * binding; readers that do not know them ignore them.
   */
  public static String toJson(Object report, Map<String, Object> extra) {
    ObjectNode tree = JSON.valueToTree(report);
    for (var e : extra.entrySet()) if (e.getValue() != null) tree.set(e.getKey(), JSON.valueToTree(e.getValue()));
    return toJson(tree);
  }

  /** Writes {@link #toJson(Object, Map)}, atomically. */
  public static void write(Object report, Map<String, Object> extra, Path file) {
    String text = toJson(report, extra);
    AtomicFiles.write(file, w -> w.write(text));
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

  /** Reads a comparison from JSON text written by {@link #toJson}, such as a server's answer. */
  public static CompareReport readCompare(String json) {
    try {
      return JSON.readValue(json, CompareReport.class);
    } catch (JsonProcessingException e) {
      throw new HoldoutException("a comparison cannot be read (" + e.getOriginalMessage() + ")");
    }
  }

  /** Reads a comparison written by {@link #write}. */
  public static CompareReport readCompare(Path file) {
    Object any = readAny(file);
    if (any instanceof CompareReport c) return c;
    throw new HoldoutException(file + ": is a " + Report.SCHEMA + " report; expected " + CompareReport.SCHEMA);
  }

  /**
   * Reads any report Holdout writes, chosen by its {@code schema} key: a {@link Report},
   * {@link CompareReport}, {@link PlanReport}, {@link AuditReport}, {@link DriftReport},
   * {@link MonitorReport} or {@link HandoverReport}. Every failure is a {@link HoldoutException} with a one-line message that
   * names the file (and the line and column for broken JSON).
   */
  public static Object readAny(Path file) {
    if (!Files.exists(file)) {
      throw new HoldoutException(file + ": report file not found; give a JSON report written by a holdout command's --json");
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
    Class<?> type = name == null ? null : SCHEMAS.get(name);
    if (type == null) {
      throw new HoldoutException(file + ": not a Holdout report ("
          + (name == null ? "no \"schema\" key" : "schema '" + name + "'") + "); expected one of " + String.join(", ", SCHEMAS.keySet()));
    }
    Object report;
    try {
      report = JSON.treeToValue(root, type);
    } catch (JsonProcessingException e) {
      throw new HoldoutException(file + wrongValue(file, type, root, e, name), e);
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

  /**
   * Where a value of the wrong type sits and what was expected there, as " line 40, column 22,
   * metrics.roc_auc.value: expected a number, found the text 'high'; ...". The tree has no locations, so
   * the file is read again by the mapper, which has; Java type names are turned into the user's words.
   */
  private static String wrongValue(Path file, Class<?> type, JsonNode root, JsonProcessingException fromTree, String schema) {
    JsonMappingException e = fromTree instanceof JsonMappingException m ? m : null;
    try {
      JSON.readerFor(type).readValue(file.toFile());
    } catch (JsonMappingException again) {
      e = again;
    } catch (IOException ignored) {
      // the tree's exception is all there is
    }
    if (e == null) return ": does not follow " + schema + " (" + firstLine(fromTree.getOriginalMessage()) + ")";
    StringBuilder path = new StringBuilder();
    JsonNode node = root;
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
        node = node == null ? null : node.get(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        path.append('[').append(r.getIndex()).append(']');
        node = node == null ? null : node.get(r.getIndex());
      }
    }
    JsonLocation at = e.getLocation();
    String where = at == null || at.getLineNr() < 1 ? "" : " line " + at.getLineNr() + ", column " + at.getColumnNr();
    String expected = e instanceof MismatchedInputException m && m.getTargetType() != null ? expected(m.getTargetType()) : null;
    if (expected == null || node == null) {
      return where + (path.length() == 0 ? "" : ", " + path) + ": does not follow " + schema + " (" + firstLine(e.getOriginalMessage()) + ")";
    }
    return where + ", " + path + ": expected " + expected + ", found " + found(node) + "; the file does not follow " + schema
        + ", so it was not written by Holdout or was edited since";
  }

  private static String expected(Class<?> t) {
    if (t.isEnum()) return "one of " + Arrays.toString(t.getEnumConstants());
    if (Number.class.isAssignableFrom(t) || t == double.class || t == long.class || t == int.class) return "a number";
    if (t == String.class) return "text";
    if (t == Boolean.class || t == boolean.class) return "true or false";
    if (Collection.class.isAssignableFrom(t) || t.isArray()) return "a list";
    if (Map.class.isAssignableFrom(t) || t.isRecord()) return "an object";
    return null;
  }

  private static String found(JsonNode n) {
    if (n.isTextual()) return "the text '" + n.asText() + "'";
    if (n.isNumber()) return "the number " + n.asText();
    if (n.isBoolean()) return n.asText();
    if (n.isNull()) return "null";
    return n.isArray() ? "a list" : "an object";
  }

  private static String firstLine(String message) {
    if (message == null) return "unreadable";
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).trim();
  }
}
