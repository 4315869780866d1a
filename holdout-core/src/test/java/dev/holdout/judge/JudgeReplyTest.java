package dev.holdout.judge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading the judge's reply: lenient about form, strict about the grade. */
class JudgeReplyTest {
  private static JudgeReply parse(String s) {
    return JudgeReply.parse(s, 1, 5);
  }

  @Test
  void json_with_a_grade_and_reason() {
    JudgeReply r = parse("{\"grade\": 4, \"reason\": \"Right, but wordy.\"}");
    assertThat(r.ok()).isTrue();
    assertThat(r.grade()).isEqualTo(4);
    assertThat(r.reason()).isEqualTo("Right, but wordy.");
  }

  @Test
  void fenced_json_text_grades_and_whole_decimals_are_read() {
    assertThat(parse("Here you go:\n```json\n{\"grade\": 2, \"reason\": \"meh\"}\n```").grade()).isEqualTo(2);
    assertThat(parse("{\"grade\": \"3\", \"reason\": \"ok\"}").grade()).isEqualTo(3);
    assertThat(parse("{\"grade\": 5.0}").grade()).isEqualTo(5);
    assertThat(parse("{\"grade\": 5.0}").reason()).isEmpty();
    assertThat(parse("Grade: 4. The answer is right.").grade()).isEqualTo(4);
    assertThat(parse("{\"grade\": 4, \"reason\": \"unterminated}").grade()).isEqualTo(4);
  }

  @Test
  void grades_off_the_scale_or_not_whole_are_errors() {
    assertThat(parse("{\"grade\": 9, \"reason\": \"great\"}").error()).isEqualTo("the judge's grade 9 is outside the scale 1 to 5");
    assertThat(parse("{\"grade\": 0}").error()).isEqualTo("the judge's grade 0 is outside the scale 1 to 5");
    assertThat(parse("{\"grade\": 3.5}").error()).isEqualTo("the judge's grade 3.5 is not a whole number from 1 to 5");
    assertThat(parse("{\"grade\": \"good\"}").error()).startsWith("the judge's grade 'good' is not a number");
    assertThat(parse("{\"grade\": [4]}").error()).startsWith("the judge's grade is not a number");
  }

  @Test
  void replies_without_a_grade_are_errors() {
    assertThat(parse("").error()).isEqualTo("the judge's reply is empty");
    assertThat(parse("I think it is fine.").error()).startsWith("the judge's reply has no grade (expected {\"grade\": N, \"reason\": \"...\"}): I think");
    assertThat(parse("{\"score\": 4}").error()).startsWith("the judge's reply has no grade");
  }
}
