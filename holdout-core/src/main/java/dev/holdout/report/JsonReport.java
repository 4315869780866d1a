package dev.holdout.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
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
    try {
      return JSON.readValue(file.toFile(), Report.class);
    } catch (java.io.IOException e) {
      throw new dev.holdout.HoldoutException(file + ": not a holdout.report/v1 JSON report (" + e.getMessage() + ")", e);
    }
  }
}
