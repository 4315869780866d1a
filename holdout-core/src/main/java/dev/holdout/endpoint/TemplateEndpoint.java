package dev.holdout.endpoint;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.holdout.suite.Suite;
import dev.holdout.suite.Template;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A JSON endpoint of the vendor's own design: the suite's request template, with
 * {@code {prompt}}, {@code {system}}, {@code {model}} and {@code {column}} filled in every text
 * value (so a value is always sent as JSON text, quoted and escaped, never spliced into the JSON),
 * and the answer read at the suite's JSON Pointer. Only text values are filled: numbers, booleans
 * and keys are sent as written.
 */
public final class TemplateEndpoint implements Endpoint {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> BUILT_IN = Set.of("prompt", "system", "model");
  private final Settings settings;
  private final Suite.Request request;
  private final JsonPointer response;
  private final JsonPointer promptTokens;
  private final JsonPointer completionTokens;
  private final RetryingClient http;

  public TemplateEndpoint(Settings settings, Suite.Request request) {
    this.settings = settings;
    this.request = request;
    this.response = JsonPointer.compile(request.response());
    this.promptTokens = request.promptTokens() == null ? null : JsonPointer.compile(request.promptTokens());
    this.completionTokens = request.completionTokens() == null ? null : JsonPointer.compile(request.completionTokens());
    this.http = settings.client();
  }

  /** The evaluation set's columns the request template names, in order of first use. */
  public static Set<String> columns(Suite.Request request) {
    Set<String> out = new LinkedHashSet<>();
    collect(request.body(), out);
    out.removeAll(BUILT_IN);
    return out;
  }

  private static void collect(JsonNode node, Set<String> out) {
    if (node.isTextual()) out.addAll(Template.names(node.asText()));
    node.forEach(child -> collect(child, out));
  }

  @Override
  public Settings settings() {
    return settings;
  }

  @Override
  public Traffic traffic() {
    return http.traffic();
  }

  @Override
  public String kind() {
    return "json_endpoint";
  }

  @Override
  public String body(String system, String prompt, Map<String, String> row) {
    return fill(request.body(), name -> switch (name) {
      case "prompt" -> prompt;
      case "system" -> system;
      case "model" -> settings.model();
      default -> row.get(name);
    }).toString();
  }

  private static JsonNode fill(JsonNode node, Function<String, String> value) {
    if (node.isTextual()) return TextNode.valueOf(Template.render(node.asText(), value));
    if (node instanceof ObjectNode o) {
      ObjectNode copy = JSON.createObjectNode();
      o.fields().forEachRemaining(e -> copy.set(e.getKey(), fill(e.getValue(), value)));
      return copy;
    }
    if (node instanceof ArrayNode a) {
      ArrayNode copy = JSON.createArrayNode();
      a.forEach(v -> copy.add(fill(v, value)));
      return copy;
    }
    return node;
  }

  @Override
  public Answer send(String body) {
    return Answer.post(http, body, this::parse);
  }

  RetryingClient.Reading<Answer> parse(String body, long latency) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      return RetryingClient.Reading.refused("the endpoint's answer is not JSON: " + RetryingClient.clip(body));
    }
    JsonNode content = root == null ? null : root.at(response);
    if (content == null || !content.isValueNode() || content.isNull()) {
      return RetryingClient.Reading.refused("the endpoint's answer has no text at " + request.response() + ": " + RetryingClient.clip(body));
    }
    return Answer.read(content.asText(), latency, tokens(root, promptTokens), tokens(root, completionTokens));
  }

  private static long tokens(JsonNode root, JsonPointer at) {
    if (at == null) return -1;
    JsonNode n = root.at(at);
    return n.canConvertToLong() ? n.asLong() : -1;
  }
}
