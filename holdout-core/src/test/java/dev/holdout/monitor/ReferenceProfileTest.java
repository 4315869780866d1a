package dev.holdout.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdout.base.HoldoutException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceProfileTest {
  @TempDir Path dir;

  @Test
  void a_column_is_typed_by_its_first_value_and_every_marker_is_missing() throws IOException {
    Path f = Files.writeString(dir.resolve("ref.csv"), "id,x,g,empty\na,?,north,\nb,2,south,NA\nc,-,north,\nd,nil,north,none\ne,5.5,N/A,\n");
    ReferenceProfile ref = ReferenceProfile.read(f, Set.of("id"), List.of("g"), new Random(1));
    assertThat(ref.profile().names()).containsExactly("x", "g", "empty");
    assertThat(ref.numericFlags()).containsExactly(true, false, false);
    assertThat(ref.profile().rows()).isEqualTo(5);
    assertThat(ref.profile().numbers(0).count()).isEqualTo(2);
    assertThat(ref.profile().numbers(0).missing()).isEqualTo(3);
    assertThat(ref.profile().categories(1).missing()).isEqualTo(1);
    // the slice's groups, a missing value among them
    assertThat(ref.slices().groups(0)).hasSize(3);
    assertThat(ref.slices().find(0, "north").rows()).isEqualTo(3);
  }

  @Test
  void a_later_text_in_a_numeric_column_names_the_line_and_the_first_value() throws IOException {
    Path f = Files.writeString(dir.resolve("ref.csv"), "x\n1\n2\nlots\n");
    assertThatThrownBy(() -> ReferenceProfile.read(f, Set.of(), List.of(), new Random(1)))
        .isInstanceOf(HoldoutException.class)
        .hasMessageContaining("ref.csv line 4, column 'x': expected a number, found 'lots'")
        .hasMessageContaining("numeric from its first value (line 2)");
  }

  @Test
  void a_reference_without_rows_is_refused() throws IOException {
    Path f = Files.writeString(dir.resolve("ref.csv"), "x,y\n");
    assertThatThrownBy(() -> ReferenceProfile.read(f, Set.of(), List.of(), new Random(1)))
        .isInstanceOf(HoldoutException.class).hasMessageContaining("has a header but no rows");
  }
}
