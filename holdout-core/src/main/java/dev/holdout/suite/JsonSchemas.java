package dev.holdout.suite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The JSON Schema files of {@code json_schema} assertions. */
final class JsonSchemas {
  private JsonSchemas() {}

  /**
   * The schema in {@code file}, read and compiled once (draft 2020-12), refused at {@code at} when
   * missing, not JSON or not a schema. References must stay inside the file ({@code #/...}): nothing
   * is fetched while answers are checked.
   */
  static JsonSchema read(YamlCursor at, Path file) {
    if (!Files.isRegularFile(file)) throw at.error("schema file " + file + " not found; give a JSON Schema file, relative to the suite");
    JsonNode node;
    try {
      node = new ObjectMapper().readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw at.error(file + " line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
          + ": not valid JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw at.error(file + " cannot be read (" + e.getMessage() + ")");
    }
    if (node == null || !node.isObject()) throw at.error(file + ": a JSON Schema is a JSON object, such as {\"type\": \"object\"}");
    for (JsonNode ref : node.findValues("$ref")) {
      if (!ref.isTextual() || !ref.asText().startsWith("#")) {
        throw at.error(file + ": $ref '" + ref.asText() + "' points outside the file; keep definitions in the file ($defs) and refer to them with #/$defs/...");
      }
    }
    try {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(node);
    } catch (RuntimeException e) {
      throw at.error(file + ": not a usable JSON Schema (" + e.getMessage() + ")");
    }
  }
}
