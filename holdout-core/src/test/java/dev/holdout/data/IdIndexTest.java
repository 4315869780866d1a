package dev.holdout.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class IdIndexTest {
  private static IdColumn column(String... ids) {
    IdColumn c = new IdColumn();
    for (String id : ids) c.add(id);
    return c;
  }

  @Test
  void finds_every_id_and_answers_minus_one_for_others() {
    IdColumn ids = new IdColumn();
    for (int i = 0; i < 100_000; i++) ids.add("C" + (100_000 + i * 7));
    IdIndex index = IdIndex.of(ids);
    for (int i = 0; i < ids.size(); i++) assertThat(index.find(ids.get(i))).isEqualTo(i);
    assertThat(index.find("C100001")).isEqualTo(-1);
    assertThat(index.find("")).isEqualTo(-1);
  }

  @Test
  void a_repeated_id_names_both_rows() {
    IdIndex.DuplicateId d = catchThrowableOfType(IdIndex.DuplicateId.class, () -> IdIndex.of(column("a", "b", "c", "b")));
    assertThat(d.id).isEqualTo("b");
    assertThat(d.firstRow).isEqualTo(1);
    assertThat(d.secondRow).isEqualTo(3);
  }

  @Test
  void require_unique_reports_the_earliest_repeat_with_its_first_occurrence() {
    IdIndex.DuplicateId d = catchThrowableOfType(IdIndex.DuplicateId.class,
        () -> IdIndex.requireUnique(column("x", "a", "b", "a", "x", "b")));
    assertThat(d.id).isEqualTo("a");
    assertThat(d.firstRow).isEqualTo(1);
    assertThat(d.secondRow).isEqualTo(3);
    assertThatCode(() -> IdIndex.requireUnique(column("a", "ab", "ba", "b", ""))).doesNotThrowAnyException();
  }

  @Test
  void the_column_keeps_ids_of_any_length_and_alphabet() {
    IdColumn ids = column("", "ä-ß", "a".repeat(100_000), "日本");
    assertThat(ids.get(1)).isEqualTo("ä-ß");
    assertThat(ids.get(2)).hasSize(100_000);
    assertThat(ids.equalsAt(3, "日本")).isTrue();
    assertThat(ids.equalsAt(0, "")).isTrue();
    assertThat(IdIndex.of(ids).find("日本")).isEqualTo(3);
  }
}
