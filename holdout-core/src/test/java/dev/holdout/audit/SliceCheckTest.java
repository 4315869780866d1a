package dev.holdout.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SliceCheckTest {
  @Test
  void a_group_needs_385_rows_for_a_95_percent_interval_of_half_width_5_points() {
    // z = 1.96: 1.96^2 * 0.25 / 0.05^2 = 384.1, so 385 rows
    SliceCounts counts = new SliceCounts(1);
    int row = 0;
    for (int i = 0; i < 400; i++) counts.add(0, "north", i % 2, row++);
    for (int i = 0; i < 384; i++) counts.add(0, "south", i % 2, row++);
    for (int i = 0; i < 3; i++) counts.add(0, null, -1, row++);
    Findings out = new Findings();
    List<AuditReport.SliceGroup> groups = SliceCheck.check(List.of("region"), List.of(), 0.95, counts, 2, 1, out);
    assertThat(groups).extracting(AuditReport.SliceGroup::group).containsExactly("north", "south", SliceCounts.MISSING_GROUP);
    assertThat(groups).extracting(AuditReport.SliceGroup::needed).containsOnly(385L);
    assertThat(groups).extracting(AuditReport.SliceGroup::tooSmall).containsExactly(false, true, true);
    assertThat(out.all()).singleElement().satisfies(f -> {
      assertThat(f.check()).isEqualTo("slices.too_small");
      assertThat(f.message()).startsWith("2 of 3 'region' groups have fewer than 385 rows, needed for a 95% interval of half-width 0.05: south (384)");
    });
  }
}
