package dev.holdout.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdout.endpoint.RetryingClient;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One judgement read from the judge's reply: a grade on the scale and its reason, or the error
 * that makes the reply unusable. Parsing is lenient about form and strict about the grade: the
 * JSON object may sit in a code fence or among other text, and the grade may be a number or a
 * numeric string, but it must be a whole number within the scale.
 */
public record JudgeReply(Integer grade, String reason, String error) {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A grade written outside valid JSON, such as {@code grade: 4} or {@code "grade": 4,} in a broken object. */
  private static final Pattern LOOSE = Pattern.compile("(?i)\"?grade\"?\\s*[:=]\\s*\"?(-?\\d+(?:\\.\\d+)?)");

  public boolean ok() {
    return error == null;
  }

  static JudgeReply failed(String error) {
    return new JudgeReply(null, null, error);
  }

  /** Reads {@code content}, the judge's message text, for a scale from {@code min} to {@code max}. */
  public static JudgeReply parse(String content, int min, int max) {
    if (content == null || content.isBlank()) return failed("the judge's reply is empty");
    int open = content.indexOf('{');
    int close = content.lastIndexOf('}');
    if (open >= 0 && close > open) {
      JsonNode node = null;
      try {
        node = JSON.readTree(content.substring(open, close + 1));
      } catch (IOException e) {
        // fall through to the loose pattern: the object is broken, the grade may still be plain
      }
      if (node != null && node.isObject() && node.has("grade")) {
        JsonNode g = node.get("grade");
        String reason = node.path("reason").isValueNode() ? node.path("reason").asText() : "";
        if (g.isNumber()) return check(g.decimalValue().toPlainString(), reason, min, max, content);
        if (g.isTextual()) return check(g.asText().strip(), reason, min, max, content);
        return failed("the judge's grade is not a number: " + RetryingClient.clip(content));
      }
    }
    Matcher m = LOOSE.matcher(content);
    if (m.find()) return check(m.group(1), content.strip(), min, max, content);
    return failed("the judge's reply has no grade (expected {\"grade\": N, \"reason\": \"...\"}): " + RetryingClient.clip(content));
  }

  private static JudgeReply check(String number, String reason, int min, int max, String content) {
    BigDecimal d;
    try {
      d = new BigDecimal(number);
    } catch (NumberFormatException e) {
      return failed("the judge's grade '" + number + "' is not a number: " + RetryingClient.clip(content));
    }
    BigDecimal whole;
    try {
      whole = d.setScale(0, RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      return failed("the judge's grade " + number + " is not a whole number from " + min + " to " + max);
    }
    if (whole.compareTo(BigDecimal.valueOf(min)) < 0 || whole.compareTo(BigDecimal.valueOf(max)) > 0) {
      return failed("the judge's grade " + number + " is outside the scale " + min + " to " + max);
    }
    return new JudgeReply(whole.intValueExact(), reason, null);
  }
}
