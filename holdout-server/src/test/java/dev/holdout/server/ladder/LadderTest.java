package dev.holdout.server.ladder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdout.metric.Direction;
import org.junit.jupiter.api.Test;

class LadderTest {
  @Test
  void the_first_score_is_shown_rounded() {
    assertThat(Ladder.decide(null, 0.8567, Direction.HIGHER_IS_BETTER, 0.01, 0.01)).isEqualTo(new Ladder.Decision(0.86, true));
  }

  @Test
  void a_score_moves_only_when_it_beats_the_shown_one_by_more_than_the_step() {
    assertThat(Ladder.decide(0.86, 0.869, Direction.HIGHER_IS_BETTER, 0.01, 0.01)).isEqualTo(new Ladder.Decision(0.86, false));
    assertThat(Ladder.decide(0.86, 0.87, Direction.HIGHER_IS_BETTER, 0.01, 0.01).released()).isFalse();
    assertThat(Ladder.decide(0.86, 0.8712, Direction.HIGHER_IS_BETTER, 0.01, 0.01)).isEqualTo(new Ladder.Decision(0.87, true));
    assertThat(Ladder.decide(0.86, 0.5, Direction.HIGHER_IS_BETTER, 0.01, 0.01)).isEqualTo(new Ladder.Decision(0.86, false));
  }

  @Test
  void losses_improve_downwards() {
    assertThat(Ladder.decide(0.40, 0.385, Direction.LOWER_IS_BETTER, 0.01, 0.01)).isEqualTo(new Ladder.Decision(0.38, true));
    assertThat(Ladder.decide(0.40, 0.395, Direction.LOWER_IS_BETTER, 0.01, 0.01).released()).isFalse();
    assertThat(Ladder.decide(0.40, 0.45, Direction.LOWER_IS_BETTER, 0.01, 0.01).released()).isFalse();
  }

  @Test
  void parameter_free_uses_the_standard_error_and_rounds_to_one_over_n() {
    // n = 400: resolution 0.0025; a gain of 0.004 beats a standard error of 0.003
    assertThat(Ladder.decide(0.80, 0.8041, Direction.HIGHER_IS_BETTER, 0.003, 1.0 / 400)).isEqualTo(new Ladder.Decision(0.805, true));
    assertThat(Ladder.decide(0.80, 0.8029, Direction.HIGHER_IS_BETTER, 0.003, 1.0 / 400).released()).isFalse();
  }

  @Test
  void undefined_scores_release_nothing() {
    assertThat(Ladder.decide(0.7, null, Direction.HIGHER_IS_BETTER, 0.01, 0.01)).isEqualTo(new Ladder.Decision(0.7, false));
    assertThat(Ladder.decide(null, Double.NaN, Direction.HIGHER_IS_BETTER, 0.01, 0.01)).isEqualTo(new Ladder.Decision(null, false));
  }
}
