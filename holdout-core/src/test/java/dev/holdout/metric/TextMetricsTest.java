package dev.holdout.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Text metrics against values worked out by hand with the published definitions: the SQuAD 2.0
 * evaluation script, rouge_score's rougeL without stemming, sacrebleu's sentence_chrf defaults.
 */
class TextMetricsTest {
  @Test
  void squad_normalisation_drops_case_punctuation_and_articles() {
    assertThat(TextMetrics.normalize("The  Eiffel Tower!")).isEqualTo("eiffel tower");
    assertThat(TextMetrics.normalize("An apple, a day.")).isEqualTo("apple day");
    assertThat(TextMetrics.exactMatch("The Eiffel Tower!", List.of("Louvre", "eiffel tower"))).isEqualTo(1.0);
    assertThat(TextMetrics.exactMatch("Eiffel", List.of("eiffel tower"))).isEqualTo(0.0);
  }

  /**
   * "in Paris, France" against "Paris": tokens [in, paris, france] and [paris], 1 in common,
   * precision 1/3, recall 1, F1 = 2 (1/3) / (4/3) = 0.5. Against "the city of Paris France"
   * ([city, of, paris, france]): 2 in common, precision 2/3, recall 1/2, F1 = 4/7. The maximum is 4/7.
   */
  @Test
  void token_f1_is_the_best_over_references() {
    assertThat(TextMetrics.tokenF1("in Paris, France", List.of("Paris"))).isCloseTo(0.5, within(1e-12));
    assertThat(TextMetrics.tokenF1("in Paris, France", List.of("Paris", "the city of Paris France"))).isCloseTo(4.0 / 7, within(1e-12));
    assertThat(TextMetrics.tokenF1("Rome", List.of("Paris"))).isEqualTo(0.0);
  }

  @Test
  void empty_answers_follow_squad_2() {
    assertThat(TextMetrics.tokenF1("", List.of("the"))).isEqualTo(1.0);
    assertThat(TextMetrics.exactMatch("", List.of("The."))).isEqualTo(1.0);
    assertThat(TextMetrics.tokenF1("", List.of("Paris"))).isEqualTo(0.0);
  }

  /** "the cat on the mat" in "the cat sat on the mat": LCS 5, precision 5/5, recall 5/6, F = 10/11. */
  @Test
  void rouge_l_is_the_lcs_f_measure() {
    assertThat(TextMetrics.rougeL("the cat on the mat", List.of("the cat sat on the mat"))).isCloseTo(10.0 / 11, within(1e-12));
    assertThat(TextMetrics.rougeL("The CAT, sat.", List.of("the cat sat"))).isEqualTo(1.0);
    assertThat(TextMetrics.rougeL("dog", List.of("the cat sat"))).isEqualTo(0.0);
    assertThat(TextMetrics.rougeTokens("Straße-Grüße 42!")).containsExactly("straße", "grüße", "42");
  }

  /**
   * sentence_chrf("ab", ["abc"]): order 1 has 2 hypothesis and 3 reference n-grams with 2 matches
   * (P 1, R 2/3); order 2 has 1 and 2 with 1 match (P 1, R 1/2); orders 3-6 have no hypothesis
   * n-grams and do not count. Averages P 1, R 7/12; F2 = 5 (7/12) / (4 + 7/12) = 35/55 = 0.636364,
   * sacrebleu's 63.6364.
   */
  @Test
  void chrf_matches_sacrebleu_worked_by_hand() {
    assertThat(TextMetrics.chrf("ab", List.of("abc"))).isCloseTo(35.0 / 55, within(1e-12));
    assertThat(TextMetrics.chrf("a b", List.of("ab"))).isEqualTo(1.0);
    assertThat(TextMetrics.chrf("xyz", List.of("abc"))).isEqualTo(0.0);
    assertThat(TextMetrics.chrf("ab", List.of("zzz", "abc"))).isCloseTo(35.0 / 55, within(1e-12));
  }

  @Test
  void refusals_are_blank_answers_or_listed_phrases() {
    assertThat(TextMetrics.refusal("I\u2019m sorry, I can't help with that.")).isEqualTo(1.0);
    assertThat(TextMetrics.refusal("  ")).isEqualTo(1.0);
    assertThat(TextMetrics.refusal("Paris.")).isEqualTo(0.0);
    assertThat(TextMetrics.length("The Eiffel Tower, in Paris")).isEqualTo(4.0);
  }

  /** "Eiffel Tower in Paris": content tokens {eiffel, tower, paris}; the passage has tower and paris: 2/3. */
  @Test
  void support_is_the_share_of_content_words_found_in_the_passages() {
    assertThat(TextMetrics.support("Eiffel Tower in Paris", List.of("The tower stands in Paris."), 1)).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(TextMetrics.support("the of", List.of("x"), 1)).isEqualTo(1.0);
    assertThat(TextMetrics.support("Rome", List.of(), 1)).isEqualTo(0.0);
  }
}
