package dev.holdout.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdout.metric.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelCheckTest {
  private static ColumnProfile profile(String... values) {
    ColumnProfiler p = new ColumnProfiler("y");
    for (String v : values) p.add(v, () -> "line");
    return p.profile();
  }

  @Test
  void a_rare_class_is_a_blocker_below_ten_rows_and_a_warning_below_thirty_and_imbalance_is_a_ratio() {
    Findings out = new Findings();
    Tally missing = new Tally();
    missing.add("line 7");
    AuditReport.Labels l = LabelCheck.check("y", Task.MULTICLASS_CLASSIFICATION, profile("a", "b", "c"), List.of("a", "b", "c"),
        new long[] {900, 20, 5}, missing, 926, out);
    assertThat(l.classes()).extracting(ColumnProfile.Category::value).containsExactly("a", "b", "c");
    assertThat(l.imbalanceRatio()).isEqualTo(180.0);
    assertThat(l.tooRare()).containsExactly("b", "c");
    assertThat(out.all()).extracting(Finding::check, Finding::severity).containsExactly(
        org.assertj.core.groups.Tuple.tuple("labels.missing", Severity.BLOCKER),
        org.assertj.core.groups.Tuple.tuple("labels.rare_class", Severity.WARNING),
        org.assertj.core.groups.Tuple.tuple("labels.rare_class", Severity.BLOCKER),
        org.assertj.core.groups.Tuple.tuple("labels.imbalance", Severity.WARNING),
        org.assertj.core.groups.Tuple.tuple("labels.distribution", Severity.INFO));
    assertThat(out.all().get(0).examples()).containsExactly("line 7");
  }

  @Test
  void three_values_for_a_binary_task_are_a_blocker_and_the_task_is_inferred_from_the_values() {
    Findings out = new Findings();
    LabelCheck.check("y", Task.BINARY_CLASSIFICATION, profile("a"), List.of("0", "1", "2"), new long[] {50, 50, 50}, new Tally(), 150, out);
    assertThat(out.all()).extracting(Finding::check).contains("labels.not_binary");
    assertThat(LabelCheck.inferTask(profile("0", "1", "1"))).isEqualTo(Task.BINARY_CLASSIFICATION);
    assertThat(LabelCheck.inferTask(profile("a", "b", "c"))).isEqualTo(Task.MULTICLASS_CLASSIFICATION);
    String[] many = new String[30];
    for (int i = 0; i < many.length; i++) many[i] = Double.toString(i * 1.5);
    assertThat(LabelCheck.inferTask(profile(many))).isEqualTo(Task.REGRESSION);
    assertThat(LabelCheck.positiveLabel(null, List.of("no", "yes"))).isEqualTo("yes");
    assertThat(LabelCheck.positiveLabel(null, List.of("cat", "dog"))).isEqualTo("dog");
    assertThat(LabelCheck.positiveLabel("cat", List.of("cat", "dog"))).isEqualTo("cat");
  }
}
