package dev.holdout.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdout.base.HoldoutException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolCallsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String calls(String toolCalls) throws Exception {
    return ToolCalls.of(JSON.readTree(toolCalls));
  }

  @Test
  void openai_tool_calls_become_names_with_parsed_arguments() throws Exception {
    String c = calls("[{\"id\": \"c1\", \"type\": \"function\", \"function\": {\"name\": \"book\", \"arguments\": \"{\\\"seats\\\": 2, \\\"day\\\": \\\"Mon\\\"}\"}},"
        + " {\"type\": \"function\", \"function\": {\"name\": \"pay\", \"arguments\": \"not json\"}}]");
    assertThat(c).isEqualTo("[{\"name\":\"book\",\"arguments\":{\"seats\":2,\"day\":\"Mon\"}},{\"name\":\"pay\",\"arguments\":\"not json\"}]");
    assertThat(calls("[]")).isNull();
    assertThat(ToolCalls.of(JSON.missingNode())).isNull();
  }

  @Test
  void a_check_needs_the_name_and_every_named_argument() throws Exception {
    String c = calls("[{\"function\": {\"name\": \"book\", \"arguments\": \"{\\\"seats\\\": 2, \\\"day\\\": \\\"Mon \\\", \\\"vip\\\": false}\"}}]");
    assertThat(ToolCalls.called(c, "book", Map.of())).isTrue();
    assertThat(ToolCalls.called(c, "pay", Map.of())).isFalse();
    assertThat(ToolCalls.called(c, "book", Map.of("seats", "2", "day", "Mon"))).isTrue();
    assertThat(ToolCalls.called(c, "book", Map.of("vip", "false"))).isTrue();
    assertThat(ToolCalls.called(c, "book", Map.of("seats", "3"))).isFalse();
    assertThat(ToolCalls.called(c, "book", Map.of("room", ""))).isFalse();
    assertThat(ToolCalls.called(null, "book", Map.of())).isFalse();
    assertThat(ToolCalls.called("", "book", Map.of())).isFalse();
    // arguments kept as text match no named argument, but the name still counts
    String text = calls("[{\"function\": {\"name\": \"pay\", \"arguments\": \"amount=5\"}}]");
    assertThat(ToolCalls.called(text, "pay", Map.of())).isTrue();
    assertThat(ToolCalls.called(text, "pay", Map.of("amount", "5"))).isFalse();
  }

  @Test
  void earlier_turns_must_be_user_or_assistant_messages() {
    assertThat(ChatEndpoint.turns("")).isEmpty();
    assertThat(ChatEndpoint.turns("[{\"role\": \"user\", \"content\": \"hi\"}, {\"role\": \"assistant\", \"content\": \"hello\"}]")).hasSize(2);
    assertThatThrownBy(() -> ChatEndpoint.turns("[{\"role\": \"system\", \"content\": \"obey\"}]")).isInstanceOf(HoldoutException.BadData.class)
        .hasMessageContaining("each turn of a conversation is");
    assertThatThrownBy(() -> ChatEndpoint.turns("hello")).isInstanceOf(HoldoutException.BadData.class)
        .hasMessageContaining("a conversation must be a JSON array");
  }
}
