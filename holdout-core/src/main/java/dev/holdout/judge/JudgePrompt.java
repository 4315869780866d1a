package dev.holdout.judge;

import dev.holdout.suite.Suite;
import java.util.List;

/**
 * The messages sent to the judge: a fixed system message that asks for JSON only, and a user
 * message with the rubric, the scale, the input, the reference answers, the answer to grade and
 * which repeat this is. The repeat line makes each repeat a distinct request, so a cache in front
 * of the endpoint cannot answer all repeats with one reply.
 */
public final class JudgePrompt {
  /** Changes when the wording below changes, so cached judgements of an older wording are not reused. */
  static final String VERSION = "judge-prompt/1";

  private JudgePrompt() {}

  public static String system(Suite.Judge judge) {
    return "You grade answers strictly by the rubric you are given. Reply with one JSON object and nothing else: "
        + "{\"grade\": <a whole number from " + judge.min() + " to " + judge.max() + ">, \"reason\": \"<one or two sentences>\"}";
  }

  /** The user message for repeat {@code repeat} (1-based) of one answer. */
  public static String user(Suite.Judge judge, String input, List<String> references, String answer, int repeat) {
    StringBuilder b = new StringBuilder();
    b.append("Rubric:\n").append(judge.rubric()).append("\n\n");
    b.append("Grades: whole numbers from ").append(judge.min()).append(" (worst) to ").append(judge.max()).append(" (best).\n\n");
    b.append("Input:\n").append(input).append("\n\n");
    b.append(references.size() == 1 ? "Reference answer:\n" : "Reference answers:\n");
    for (String r : references) b.append(references.size() == 1 ? "" : "- ").append(r).append('\n');
    b.append("\nAnswer to grade:\n").append(answer.isEmpty() ? "(empty answer)" : answer).append("\n\n");
    b.append("Judgement ").append(repeat).append(" of ").append(judge.repeats()).append(". Reply with the JSON object only.");
    return b.toString();
  }
}
