package dev.holdout.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdout.result.Report;
import dev.holdout.verdict.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScorecardTest {
  @TempDir Path dir;

  private static Report report() {
    Map<String, Report.Estimate> metrics = Map.of("roc_auc", new Report.Estimate(0.85, List.of(0.84, 0.86), null, null, null));
    return new Report(Report.SCHEMA, null, new Report.SubmissionInfo("v", "v.csv", "0"), new Report.Rows(100, 0, 0, 0), metrics, null, null, null,
        null, null, List.of(), Verdict.ACCEPTED, null, null, null);
  }

  @Test
  void a_claim_outside_the_interval_and_an_unanswered_question_raise_flags() throws Exception {
    Files.createDirectories(dir.resolve("vendors"));
    Files.writeString(dir.resolve("vendors/v.yaml"), """
        answers:
          advise_against_ml: "When a rule does as well."
        red_flags: [no_rollback]
        claims: {roc_auc: 0.9, recall: 0.7}
        build_price: 90000
        """);
    Scorecard card = Scorecard.beside(dir.resolve("suite.yaml"), "v").orElseThrow();
    assertThat(card.vendor()).isEqualTo("v");
    assertThat(card.buildPrice()).isEqualTo(90_000);
    ScorecardReview r = ScorecardReview.of(card, report(), null);
    assertThat(r.checked()).containsExactly("no provision for rollback, retraining or monitoring");
    assertThat(r.raised()).hasSize(6)
        .contains("claims roc_auc 0.9, outside Holdout's interval [0.8400, 0.8600] on the hidden set")
        .contains("claims recall 0.7, which the suite does not measure")
        .contains("did not answer: How do you check that our data is fit for the problem?");
  }

  @Test
  void a_claim_inside_the_interval_raises_nothing() throws Exception {
    Path f = Files.writeString(dir.resolve("v.yaml"), "claims: {roc_auc: 0.855}\n");
    ScorecardReview r = ScorecardReview.of(Scorecard.read(f), report(), null);
    assertThat(r.raised()).noneMatch(s -> s.startsWith("claims"));
  }

  @Test
  void an_unknown_red_flag_is_refused_with_the_nearest() throws Exception {
    Path f = Files.writeString(dir.resolve("v.yaml"), "red_flags: [no_rollbak]\n");
    assertThatThrownBy(() -> Scorecard.read(f)).hasMessageContaining("line 1, red_flags: unknown red flag 'no_rollbak'; did you mean 'no_rollback'?");
  }
}
