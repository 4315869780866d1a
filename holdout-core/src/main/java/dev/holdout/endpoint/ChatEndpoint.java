package dev.holdout.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdout.base.HoldoutException;
import java.io.IOException;
import java.util.Map;

/**
 * An OpenAI-compatible chat completions endpoint: {@code POST URL} with {@code model},
 * {@code messages} (the optional system message, the row's earlier turns when the suite names a
 * conversation column, then the prompt) and temperature 0; the answer is
 * {@code choices[0].message.content}, the tools it calls {@code message.tool_calls} (see
 * {@link ToolCalls}) and the tokens are {@code usage}'s.
 */
public final class ChatEndpoint implements Endpoint {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Settings settings;
  private final RetryingClient http;

  /** The column of a row's earlier turns; null when every row is a single question. */
  private final String conversation;

  public ChatEndpoint(Settings settings) {
    this(settings, null);
  }

  /** An endpoint that sends each row's earlier turns, read from the column {@code conversation} (null: none), before its prompt. */
  public ChatEndpoint(Settings settings, String conversation) {
    this.settings = settings;
    this.http = settings.client();
    this.conversation = conversation;
  }

  /** The column of a row's earlier turns, or null. */
  public String conversation() {
    return conversation;
  }

  /**
   * A row's earlier turns: a JSON array of {@code {"role": "user" | "assistant", "content": "..."}}
   * (an empty cell: none). Anything else is the suite's data error, named with what was found.
   */
  public static ArrayNode turns(String cell) {
    if (cell == null || cell.isBlank()) return JSON.createArrayNode();
    JsonNode n;
    try {
      n = JSON.readTree(cell);
    } catch (IOException e) {
      n = null;
    }
    if (n == null || !n.isArray()) {
      throw new HoldoutException.BadData("a conversation must be a JSON array of {\"role\": \"user\" or \"assistant\", \"content\": \"...\"}, found: "
          + RetryingClient.clip(cell));
    }
    for (JsonNode turn : n) {
      String role = turn.path("role").asText("");
      if (!(role.equals("user") || role.equals("assistant")) || !turn.path("content").isTextual()) {
        throw new HoldoutException.BadData("each turn of a conversation is {\"role\": \"user\" or \"assistant\", \"content\": \"...\"}, found: "
            + RetryingClient.clip(turn.toString()));
      }
    }
    return (ArrayNode) n;
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
    return "chat_endpoint";
  }

  @Override
  public String body(String system, String prompt, Map<String, String> row) {
    ObjectNode root = JSON.createObjectNode();
    if (settings.model() != null) root.put("model", settings.model());
    ArrayNode messages = root.putArray("messages");
    if (system != null) messages.addObject().put("role", "system").put("content", system);
    if (conversation != null) {
      for (JsonNode turn : turns(row.get(conversation))) messages.add(turn);
    }
    messages.addObject().put("role", "user").put("content", prompt);
    root.put("temperature", 0);
    return root.toString();
  }

  @Override
  public Answer send(String body) {
    return Answer.post(http, body, ChatEndpoint::parse);
  }

  static RetryingClient.Reading<Answer> parse(String body, long latency) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      return RetryingClient.Reading.refused("the endpoint's answer is not JSON: " + RetryingClient.clip(body));
    }
    JsonNode message = root == null ? null : root.path("choices").path(0).path("message");
    JsonNode content = message == null ? null : message.path("content");
    String tools = message == null ? null : ToolCalls.of(message.path("tool_calls"));
    // a reply that only calls tools has no text (content null): its answer is empty
    if (tools == null && (content == null || !content.isTextual())) {
      return RetryingClient.Reading.refused("the endpoint's answer has no choices[0].message.content text: " + RetryingClient.clip(body));
    }
    JsonNode usage = root.path("usage");
    return Answer.read(content.isTextual() ? content.asText() : "", latency, usage.path("prompt_tokens").asLong(-1),
        usage.path("completion_tokens").asLong(-1), tools);
  }
}
