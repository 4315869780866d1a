package dev.holdout.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaCheckTest {
  @Test
  void columns_on_one_side_only_and_a_type_change_are_reported_and_the_label_is_expected_in_evaluation_only() {
    Findings out = new Findings();
    SchemaCheck.check(List.of("id", "x", "new", "y"), List.of("id", "x", "old"), "y", List.of("id", "x"),
        List.of(ColumnType.CATEGORICAL, ColumnType.NUMERIC), List.of(ColumnType.CATEGORICAL, ColumnType.CATEGORICAL), out);
    assertThat(out.all()).extracting(Finding::check).containsExactly("schema.missing_in_train", "schema.missing_in_eval", "schema.type_differs");
    assertThat(out.all().get(0).message()).endsWith("[new]");
    assertThat(out.all().get(1).message()).endsWith("[old]");
    assertThat(out.all().get(2).message()).isEqualTo("column 'x' is categorical in the training file but numeric in the evaluation set");
  }
}
