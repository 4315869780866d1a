package dev.holdout.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepeatsCheckTest {
  @TempDir Path dir;

  private static final Path QA = Path.of("../examples/qa/eval.csv");

  private static List<Finding> of(AuditReport a, String check) {
    return a.findings().stream().filter(f -> f.check().equals(check)).toList();
  }

  private static AuditSettings qa(String group) {
    return new AuditSettings(QA, null, "id", null, null, null, List.of(), null, List.of(), 0.95, group);
  }

  @Test
  void the_qa_set_without_data_group_is_told_its_240_rows_are_60_questions() {
    AuditReport a = Audit.run(qa(null));
    List<Finding> entity = of(a, "rows.repeated_entity");
    assertThat(entity).hasSize(1);
    assertThat(entity.get(0).severity()).isEqualTo(Severity.WARNING);
    assertThat(entity.get(0).column()).isEqualTo("question_id");
    assertThat(entity.get(0).message()).contains("240 rows are 60 'question_id' values").contains("about 60 independent rows")
        .contains("design effect 4.00");
    assertThat(entity.get(0).action()).startsWith("set data.group: question_id");
    AuditReport.Grouping g = a.repeats().groupings().get(0);
    assertThat(g.groups()).isEqualTo(60);
    assertThat(g.largest()).isEqualTo(4);
    assertThat(g.designEffect()).isCloseTo(4.0, within(1e-12));
    assertThat(g.effectiveRows()).isCloseTo(60.0, within(1e-9));
    // paraphrased questions with the same answers are near-duplicate inputs too
    assertThat(of(a, "rows.repeated_inputs")).hasSize(1);
    assertThat(a.repeats().nearDuplicateInputRows()).isPositive();
  }

  @Test
  void with_data_group_set_the_audit_states_the_groups_instead_of_warning() {
    AuditReport a = Audit.run(qa("question_id"));
    assertThat(of(a, "rows.repeated_entity")).isEmpty();
    assertThat(of(a, "rows.repeated_inputs")).isEmpty();
    assertThat(of(a, "rows.grouped")).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.INFO);
      assertThat(f.message()).contains("60 'question_id' values");
    });
    assertThat(a.repeats().group()).isEqualTo("question_id");
  }

  @Test
  void exact_repeats_of_inputs_are_counted_and_independent_rows_are_not_flagged() throws IOException {
    StringBuilder sb = new StringBuilder("id,text,score\n");
    for (int i = 0; i < 100; i++) sb.append("r").append(i).append(",the quick brown fox number ").append(i).append(" jumps,").append(i).append('\n');
    Path clean = dir.resolve("clean.csv");
    Files.writeString(clean, sb);
    AuditReport a = Audit.run(AuditSettings.of(clean, null, "id", null, null));
    assertThat(of(a, "rows.repeated_inputs")).isEmpty();
    assertThat(a.repeats().inputClusters()).isEqualTo(100);
    for (int i = 0; i < 100; i++) sb.append("s").append(i).append(",the quick brown fox number ").append(i).append(" jumps,").append(i).append('\n');
    Path doubled = dir.resolve("doubled.csv");
    Files.writeString(doubled, sb);
    AuditReport b = Audit.run(AuditSettings.of(doubled, null, "id", null, null));
    assertThat(b.repeats().duplicateInputRows()).isEqualTo(100);
    assertThat(b.repeats().inputClusters()).isEqualTo(100);
    // every input twice: m = 2, rows alike: design effect 2, 100 independent rows of 200
    assertThat(b.repeats().inputDesignEffect()).isCloseTo(2.0, within(1e-12));
    assertThat(of(b, "rows.repeated_inputs")).singleElement().satisfies(f -> assertThat(f.message()).contains("about 100 independent rows"));
  }

  @Test
  void the_intraclass_correlation_is_the_one_way_anova_estimate() {
    // numpy, by the one-way ANOVA formula (MSB - MSW) / (MSB + (m0 - 1) MSW), m0 = (N - sum n_i^2 / N) / (k - 1):
    // 0.9398127316749159; size-weighted mean group size sum n_i^2 / N = 3.1666666666666665
    int[] g = {0, 0, 0, 1, 1, 1, 2, 2, 3, 3, 3, 3};
    double[] y = {1.0, 2.0, 1.5, 4.0, 5.0, 4.5, 2.0, 2.5, 7.0, 6.0, 6.5, 8.0};
    assertThat(RepeatsCheck.icc(g, y, g.length)).isCloseTo(0.9398127316749159, within(1e-12));
    AuditReport.Grouping grouping = RepeatsCheck.grouping("g", "test", g, g.length, y);
    assertThat(grouping.meanSize()).isCloseTo(3.1666666666666665, within(1e-12));
    assertThat(grouping.designEffect()).isCloseTo(1 + (3.1666666666666665 - 1) * 0.9398127316749159, within(1e-12));
    // a label that does not vary with the group: no design effect
    double[] flat = {1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2};
    int[] pairs = {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5};
    assertThat(RepeatsCheck.icc(pairs, flat, flat.length)).isZero();
  }

  @Test
  void a_slice_on_a_column_of_many_numbers_is_a_blocker() throws IOException {
    StringBuilder sb = new StringBuilder("id,charges,churned\n");
    for (int i = 0; i < 300; i++) sb.append("c").append(i).append(',').append(20 + i * 0.37).append(',').append(i % 3 == 0 ? 1 : 0).append('\n');
    Path eval = dir.resolve("eval.csv");
    Files.writeString(eval, sb);
    AuditReport a = Audit.run(new AuditSettings(eval, null, "id", "churned", null, null, List.of("charges"), null, List.of(), 0.95));
    assertThat(of(a, "slices.continuous")).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.BLOCKER);
      assertThat(f.message()).contains("'charges' holds numbers with 300 distinct values").contains("bin it");
    });
    assertThat(of(a, "slices.too_small")).isEmpty();
    assertThat(a.verdict()).isEqualTo("NOT_READY");
  }
}
