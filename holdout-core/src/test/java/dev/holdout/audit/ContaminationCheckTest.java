package dev.holdout.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContaminationCheckTest {
  @Test
  void overlap_is_a_warning_below_one_percent_of_the_rows_and_a_blocker_from_it() {
    Overlaps few = new Overlaps();
    few.sameId.add("id 'a' is at train.csv line 2");
    few.any = 1;
    Findings out = new Findings();
    AuditReport.Contamination c = ContaminationCheck.check("train.csv", "id", 101, few, List.of("x"), List.of(), out);
    assertThat(c.share()).isEqualTo(1 / 101.0);
    assertThat(out.all()).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.WARNING);
      assertThat(f.message()).isEqualTo("1 evaluation row (0.99%) has an id found in train.csv");
      assertThat(f.examples()).containsExactly("id 'a' is at train.csv line 2");
    });
    Findings again = new Findings();
    ContaminationCheck.check("train.csv", "id", 100, few, List.of("x"), List.of(), again);
    assertThat(again.all()).extracting(Finding::severity).containsExactly(Severity.BLOCKER);
  }
}
