package dev.holdout.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdout.metric.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeakageCheckTest {
  /** A sample of {@code rows} rows whose features are {@code a} (the label again, as 10 or 20), {@code b} (noise) and {@code churned_flag} (always missing). */
  private static LeakageSample sample(int rows) {
    LeakageSample s = new LeakageSample(rows);
    for (int i = 0; i < rows; i++) {
      int label = i % 2;
      String a = label == 1 ? "20" : "10";
      String b = Integer.toString((i * 7) % 5);
      String text = a + b;
      int[] cuts = {0, a.length(), a.length(), b.length(), 0, -1};
      s.put(s.slot(i), text.toCharArray(), cuts, label);
    }
    return s;
  }

  @Test
  void a_feature_that_separates_a_binary_label_is_a_blocker_and_a_name_like_the_label_a_warning() {
    LeakageSample s = sample(200);
    ColumnProfiler a = new ColumnProfiler("a");
    ColumnProfiler b = new ColumnProfiler("b");
    for (int i = 0; i < 200; i++) {
      a.add(s.value(i, 0), () -> "line");
      b.add(s.value(i, 1), () -> "line");
    }
    Findings out = new Findings();
    LeakageCheck.check(s, List.of("a", "b", "churned_flag"), List.of(a.profile(), b.profile(), new ColumnProfiler("churned_flag").profile()),
        Task.BINARY_CLASSIFICATION, List.of("0", "1"), "1", "churned", out);
    assertThat(out.all()).extracting(Finding::check, Finding::column).containsExactly(
        org.assertj.core.groups.Tuple.tuple("leakage.separates", "a"),
        org.assertj.core.groups.Tuple.tuple("leakage.named_like_label", "churned_flag"));
    assertThat(out.all().get(0).message()).isEqualTo("column 'a' alone separates the label: roc_auc 1.0000 on 200 rows");
  }
}
