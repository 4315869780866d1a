package dev.holdout.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;

/**
 * The tools an agent's reply calls, in OpenAI's chat completions shape
 * ({@code choices[0].message.tool_calls[i].function.name} and {@code .arguments}, a JSON text),
 * kept as one JSON array {@code [{"name": ..., "arguments": {...}}]} in the answers file's
 * {@code tool_calls} column. Arguments that are not a JSON object are kept as their text, so a
 * check on an argument fails rather than the row.
 */
public final class ToolCalls {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ToolCalls() {}

  /** The calls of a reply's {@code message.tool_calls}, as the compact array above; null when the reply calls no tool. */
  public static String of(JsonNode toolCalls) {
    if (toolCalls == null || !toolCalls.isArray() || toolCalls.isEmpty()) return null;
    ArrayNode out = JSON.createArrayNode();
    for (JsonNode call : toolCalls) {
      JsonNode f = call.path("function");
      ObjectNode c = out.addObject();
      c.put("name", f.path("name").asText(""));
      JsonNode args = f.path("arguments");
      if (args.isTextual()) {
        try {
          JsonNode parsed = JSON.readTree(args.asText());
          c.set("arguments", parsed != null && parsed.isObject() ? parsed : args);
        } catch (IOException e) {
          c.set("arguments", args);
        }
      } else {
        c.set("arguments", args.isObject() ? args : JSON.createObjectNode());
      }
    }
    return out.toString();
  }

  /**
   * Whether {@code calls} (an array as {@link #of} writes it; null or empty: no call) holds a call
   * of {@code name} whose arguments include every one of {@code arguments}: a text argument must
   * equal the expected text after trimming both, a number, boolean or object its JSON text.
   */
  public static boolean called(String calls, String name, Map<String, String> arguments) {
    if (calls == null || calls.isBlank()) return false;
    JsonNode array;
    try {
      array = JSON.readTree(calls);
    } catch (IOException e) {
      return false;
    }
    if (array == null || !array.isArray()) return false;
    for (JsonNode call : array) {
      if (!call.path("name").asText().equals(name)) continue;
      JsonNode args = call.path("arguments");
      boolean all = true;
      for (Map.Entry<String, String> e : arguments.entrySet()) {
        JsonNode v = args.path(e.getKey());
        String text = v.isMissingNode() || v.isNull() ? null : v.isTextual() ? v.asText() : v.toString();
        if (text == null || !text.strip().equals(e.getValue().strip())) {
          all = false;
          break;
        }
      }
      if (all) return true;
    }
    return false;
  }
}
