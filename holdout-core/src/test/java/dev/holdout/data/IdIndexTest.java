package dev.holdout.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class IdIndexTest {
  @Test
  void finds_every_id_and_answers_minus_one_for_others() {
    String[] ids = new String[1000];
    for (int i = 0; i < ids.length; i++) ids[i] = "C" + (100_000 + i * 7);
    IdIndex index = IdIndex.of(ids, ids.length);
    for (int i = 0; i < ids.length; i++) assertThat(index.find(ids[i])).isEqualTo(i);
    assertThat(index.find("C100001")).isEqualTo(-1);
    assertThat(index.find("")).isEqualTo(-1);
  }

  @Test
  void only_the_first_n_ids_are_indexed() {
    IdIndex index = IdIndex.of(new String[] {"a", "b", "c", null}, 2);
    assertThat(index.find("b")).isEqualTo(1);
    assertThat(index.find("c")).isEqualTo(-1);
  }

  @Test
  void a_repeated_id_names_both_rows() {
    IdIndex.DuplicateId d = catchThrowableOfType(IdIndex.DuplicateId.class,
        () -> IdIndex.of(new String[] {"a", "b", "c", "b"}, 4));
    assertThat(d.id).isEqualTo("b");
    assertThat(d.firstRow).isEqualTo(1);
    assertThat(d.secondRow).isEqualTo(3);
  }
}
