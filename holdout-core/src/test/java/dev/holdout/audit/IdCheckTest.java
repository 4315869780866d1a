package dev.holdout.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdCheckTest {
  @Test
  void missing_and_repeated_ids_are_blockers_with_their_share_and_first_examples() {
    Tally missing = new Tally();
    Tally repeated = new Tally();
    for (int i = 0; i < 7; i++) repeated.add("id 'A' at line 2 and line " + (i + 3));
    Findings out = new Findings();
    AuditReport.Ids ids = IdCheck.check("id", 200, missing, repeated, 193, out);
    assertThat(ids).isEqualTo(new AuditReport.Ids(0, 7, 193));
    assertThat(out.all()).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.BLOCKER);
      assertThat(f.message()).isEqualTo("7 rows repeat an id seen earlier (3.50%)");
      assertThat(f.examples()).hasSize(Findings.EXAMPLES).first().isEqualTo("id 'A' at line 2 and line 3");
    });
  }
}
