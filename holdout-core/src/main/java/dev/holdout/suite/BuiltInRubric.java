package dev.holdout.suite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The judge rubrics the project writes and ships, named in a suite as {@code judge: {rubric:
 * faithfulness}}, following the definitions of RAGAS (Es, James, Espinosa-Anke and Schockaert,
 * "RAGAS: Automated Evaluation of Retrieval Augmented Generation", EACL 2024 system
 * demonstrations, arXiv:2309.15217), also the "RAG triad" of TruLens:
 *
 * <ul>
 *   <li>{@link #FAITHFULNESS}: the share of the answer's claims that the passages it used support,
 *       graded 0 to 10 (10 times the share, rounded); an answer with no claim grades 10.
 *   <li>{@link #ANSWER_RELEVANCE}: how directly the answer addresses the question, 1 to 5
 *       (incomplete, redundant or non-committal answers low); RAGAS measures it by embedding
 *       questions generated back from the answer, here the judge grades it on anchored points.
 *   <li>{@link #CONTEXT_RELEVANCE}: the share of the passages needed to answer the question
 *       (RAGAS's context relevance, and context precision without its rank weights), 0 to 10.
 * </ul>
 *
 * The wording is in the jar ({@code rubrics/NAME.txt} beside this class) and names its version, so
 * a changed wording is a different prompt to the judge's cache. A built-in rubric is a judge like
 * any other: its mean grade decides criteria only once checked against human grades.
 */
public enum BuiltInRubric {
  FAITHFULNESS(0, 10, true, true),
  ANSWER_RELEVANCE(1, 5, false, true),
  CONTEXT_RELEVANCE(0, 10, true, false);

  private final int min;
  private final int max;
  private final boolean passages;
  private final boolean answer;
  private final String text;

  BuiltInRubric(int min, int max, boolean passages, boolean answer) {
    this.min = min;
    this.max = max;
    this.passages = passages;
    this.answer = answer;
    this.text = load(name().toLowerCase(Locale.ROOT));
  }

  /** The name a suite writes: {@code faithfulness}, {@code answer_relevance}, {@code context_relevance}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public int min() {
    return min;
  }

  public int max() {
    return max;
  }

  /** Whether the judge is shown the passages the answer used ({@code predictions.context}). */
  public boolean needsPassages() {
    return passages;
  }

  /** Whether the judge is shown the answer (context relevance grades the passages alone). */
  public boolean needsAnswer() {
    return answer;
  }

  /** The rubric's wording, as sent to the judge. */
  public String text() {
    return text;
  }

  /** The built-in rubric named {@code name}; null when none is. */
  public static BuiltInRubric named(String name) {
    for (BuiltInRubric r : values()) if (r.id().equals(name)) return r;
    return null;
  }

  /** The names a suite may write. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(BuiltInRubric::id).toList();
  }

  private static String load(String name) {
    try (InputStream in = BuiltInRubric.class.getResourceAsStream("rubrics/" + name + ".txt")) {
      if (in == null) throw new IllegalStateException("rubrics/" + name + ".txt is missing from the jar");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
