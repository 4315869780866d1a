package dev.holdout.suite;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;

/**
 * The {@code prompt} section of a text generation suite: the template, system message, model and
 * token prices, and for a generic JSON endpoint the request body and the JSON Pointers to the
 * answer and the token counts; {@code conversation} names the column of a row's earlier turns (a
 * JSON array of {@code {role, content}} messages) sent before the prompt, for multi-turn agents.
 */
final class PromptSection {
  private static final List<String> PROMPT = List.of("template", "system", "model", "price_per_1k_prompt_tokens", "price_per_1k_completion_tokens",
      "request", "response", "usage", "conversation");
  private static final List<String> USAGE = List.of("prompt_tokens", "completion_tokens");
  private static final List<String> PRICES = List.of("price_per_1k_prompt_tokens", "price_per_1k_completion_tokens");

  private PromptSection() {}

  static Suite.Prompt parse(YamlCursor node) {
    YamlCursor p = node.mapping();
    p.checkKeys(PROMPT);
    Double[] prices = new Double[2];
    for (int k = 0; k < 2; k++) {
      if (!p.has(PRICES.get(k))) continue;
      YamlCursor at = p.get(PRICES.get(k));
      prices[k] = at.number();
      if (!(prices[k] >= 0) || Double.isInfinite(prices[k])) {
        throw at.error("expected a price of 0 or more per 1,000 tokens, such as 0.0005; found " + prices[k]);
      }
    }
    if ((prices[0] == null) != (prices[1] == null)) {
      throw p.error("give both price_per_1k_prompt_tokens and price_per_1k_completion_tokens, or neither");
    }
    Suite.Request request = request(p);
    String template = request == null ? p.requiredText("template") : p.optionalText("template");
    if (template == null && request.body().toString().contains("{prompt}")) {
      throw p.get("request").error("{prompt} stands for the rendered prompt.template, and there is none; "
          + "add template: \"...\" or name the columns in the request, e.g. {question}");
    }
    String conversation = p.optionalText("conversation");
    if (conversation != null && request != null) {
      throw p.get("conversation").error("earlier turns are sent to a chat completions endpoint as messages; a generic JSON endpoint "
          + "names its columns in prompt.request instead: remove conversation or request");
    }
    return new Suite.Prompt(template, p.optionalText("system"), p.optionalText("model"), prices[0], prices[1], request, conversation);
  }

  /**
   * The generic JSON endpoint of a prompt section, or null for a chat completions endpoint: the
   * request body as YAML gives it, and JSON Pointers to the answer and the token counts.
   */
  private static Suite.Request request(YamlCursor p) {
    if (!p.has("request")) {
      for (String key : List.of("response", "usage")) {
        if (p.has(key)) {
          throw p.get(key).error("only a generic JSON endpoint (prompt.request) has a " + key
              + " path; chat completions endpoints answer in choices[0].message.content. Add request: {...} or remove " + key);
        }
      }
      return null;
    }
    YamlCursor body = p.get("request");
    if (!(body.node() instanceof YamlNode.Mapping)) {
      throw body.error("expected the JSON body to send as a mapping, e.g. request: {input: \"{prompt}\", max_tokens: 200}; found " + body.describe());
    }
    if (!p.has("response")) {
      throw p.error("a request template needs 'response': the JSON Pointer of the answer text in the endpoint's reply, e.g. response: /output/text");
    }
    String response = pointer(p.get("response"));
    String promptTokens = null;
    String completionTokens = null;
    if (p.has("usage")) {
      YamlCursor u = p.get("usage").mapping();
      u.checkKeys(USAGE);
      promptTokens = u.has("prompt_tokens") ? pointer(u.get("prompt_tokens")) : null;
      completionTokens = u.has("completion_tokens") ? pointer(u.get("completion_tokens")) : null;
    }
    return new Suite.Request(json(body.node()), response, promptTokens, completionTokens);
  }

  private static String pointer(YamlCursor at) {
    String text = at.text();
    try {
      JsonPointer.compile(text);
    } catch (IllegalArgumentException e) {
      throw at.error("expected a JSON Pointer such as /output/text or /choices/0/text (a slash before every key or index); found '" + text + "'");
    }
    if (text.isEmpty()) throw at.error("expected a JSON Pointer to a value inside the reply, such as /output/text; found ''");
    return text;
  }

  /** A YAML value as JSON, keeping YAML's types: numbers stay numbers, quoted text stays text. */
  private static JsonNode json(YamlNode node) {
    var f = JsonNodeFactory.instance;
    if (node instanceof YamlNode.Mapping m) {
      var o = f.objectNode();
      m.entries().forEach((k, v) -> o.set(k, json(v)));
      return o;
    }
    if (node instanceof YamlNode.Sequence s) {
      var a = f.arrayNode();
      s.items().forEach(v -> a.add(json(v)));
      return a;
    }
    YamlNode.Scalar s = (YamlNode.Scalar) node;
    return switch (s.kind()) {
      case NULL -> f.nullNode();
      case BOOLEAN -> f.booleanNode(Boolean.parseBoolean(s.text().toLowerCase(Locale.ROOT)));
      case INTEGER -> s.number() instanceof BigInteger b ? f.numberNode(b) : f.numberNode(s.number().longValue());
      case FLOAT -> f.numberNode(s.number().doubleValue());
      case STRING -> f.textNode(s.text());
    };
  }
}
