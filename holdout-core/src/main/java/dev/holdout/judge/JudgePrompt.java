package dev.holdout.judge;

import dev.holdout.suite.BuiltInRubric;
import dev.holdout.suite.Suite;
import java.util.List;

/**
 * The messages sent to the judge: a fixed system message that asks for JSON only, and a user
 * message with the rubric, the scale, the input, the reference answers, the answer to grade and
 * which repeat this is (for a built-in rubric, the passages instead of the references). The repeat
 * line makes each repeat a distinct request, so a cache in front of the endpoint cannot answer all
 * repeats with one reply.
 */
public final class JudgePrompt {
  /** Changes when the wording below changes, so cached judgements of an older wording are not reused. */
  static final String VERSION = "judge-prompt/1";

  private JudgePrompt() {}

  public static String system(Suite.Judge judge) {
    return "You grade answers strictly by the rubric you are given. Reply with one JSON object and nothing else: "
        + "{\"grade\": <a whole number from " + judge.min() + " to " + judge.max() + ">, \"reason\": \"<one or two sentences>\"}";
  }

  /** The user message for repeat {@code repeat} (1-based) of one item: {@link #builtIn} for a built-in rubric. */
  static String user(Suite.Judge judge, JudgeRun.Item item, int repeat) {
    if (judge.builtIn() != null) return builtIn(judge, judge.builtIn(), item.input(), item.passages(), item.answer(), repeat);
    return user(judge, item.input(), item.references(), item.answer(), repeat);
  }

  /**
   * The user message of a built-in rubric: its wording, the question, the passages the answer used
   * (numbered) when the rubric judges them, and the answer when it judges one. The reference
   * answers are left out: RAGAS's faithfulness and relevance need none, and showing one would turn
   * faithfulness to the passages into agreement with the reference.
   */
  public static String builtIn(Suite.Judge judge, BuiltInRubric rubric, String input, List<String> passages, String answer, int repeat) {
    StringBuilder b = new StringBuilder();
    b.append("Rubric:\n").append(rubric.text()).append("\n\n");
    b.append("Grades: whole numbers from ").append(rubric.min()).append(" (worst) to ").append(rubric.max()).append(" (best).\n\n");
    b.append("Question:\n").append(input).append("\n\n");
    if (rubric.needsPassages()) {
      b.append("Passages:\n");
      if (passages.isEmpty()) b.append("(no passages)\n");
      for (int i = 0; i < passages.size(); i++) b.append('[').append(i + 1).append("] ").append(passages.get(i)).append('\n');
      b.append('\n');
    }
    if (rubric.needsAnswer()) b.append("Answer to grade:\n").append(answer.isEmpty() ? "(empty answer)" : answer).append("\n\n");
    b.append("Judgement ").append(repeat).append(" of ").append(judge.repeats()).append(". Reply with the JSON object only.");
    return b.toString();
  }

  /** The user message for repeat {@code repeat} (1-based) of one answer, with the suite's own rubric. */
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
