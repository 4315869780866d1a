package dev.holdout.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;

/**
 * An OpenAI-compatible chat completions endpoint: {@code POST URL} with {@code model},
 * {@code messages} (the optional system message, then the prompt) and temperature 0; the answer is
 * {@code choices[0].message.content} and the tokens are {@code usage}'s.
 */
public final class ChatEndpoint implements Endpoint {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Settings settings;
  private final RetryingClient http;

  public ChatEndpoint(Settings settings) {
    this.settings = settings;
    this.http = settings.client();
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
    JsonNode content = root == null ? null : root.path("choices").path(0).path("message").path("content");
    if (content == null || !content.isTextual()) {
      return RetryingClient.Reading.refused("the endpoint's answer has no choices[0].message.content text: " + RetryingClient.clip(body));
    }
    JsonNode usage = root.path("usage");
    return Answer.read(content.asText(), latency, usage.path("prompt_tokens").asLong(-1), usage.path("completion_tokens").asLong(-1));
  }
}
