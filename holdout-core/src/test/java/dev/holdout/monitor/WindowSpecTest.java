package dev.holdout.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdout.base.HoldoutException;
import org.junit.jupiter.api.Test;

class WindowSpecTest {
  private static long at(String text) {
    return Timestamps.parse(text);
  }

  @Test
  void timestamps_in_the_usual_shapes_agree() {
    assertThat(at("2026-01-05")).isEqualTo(1_767_571_200L);
    assertThat(at("2026-01-05T01:02:03Z")).isEqualTo(1_767_571_200L + 3723);
    assertThat(at("2026-01-05 01:02:03.250")).isEqualTo(1_767_571_200L + 3723);
    assertThat(at("2026-01-05T01:02")).isEqualTo(1_767_571_200L + 3720);
    assertThat(at("2026-01-05T03:02:03+02:00")).isEqualTo(1_767_571_200L + 3723);
    assertThat(at("2026-02-30")).isEqualTo(Timestamps.INVALID);
    assertThat(at("yesterday")).isEqualTo(Timestamps.INVALID);
  }

  @Test
  void weeks_start_on_monday_and_are_named_by_iso_week() {
    WindowSpec week = WindowSpec.parse("week");
    long sunday = week.key(at("2026-01-11T23:59:59Z"));
    long monday = week.key(at("2026-01-12"));
    assertThat(monday).isEqualTo(sunday + 1);
    assertThat(week.label(monday)).isEqualTo("2026-W03");
    assertThat(week.start(monday)).isEqualTo("2026-01-12");
    assertThat(week.end(monday)).isEqualTo("2026-01-19");
    assertThat(week.label(week.key(at("2025-12-31")))).isEqualTo("2026-W01");
  }

  @Test
  void days_months_and_rows() {
    WindowSpec month = WindowSpec.parse("month");
    long feb = month.key(at("2026-02-28T12:00:00Z"));
    assertThat(month.label(feb)).isEqualTo("2026-02");
    assertThat(month.end(feb)).isEqualTo("2026-03-01");
    assertThat(month.key(at("2026-03-01"))).isEqualTo(feb + 1);
    WindowSpec day = WindowSpec.parse("day");
    assertThat(day.label(day.key(at("2026-01-05T23:00:00Z")))).isEqualTo("2026-01-05");
    WindowSpec rows = WindowSpec.parse("500-rows");
    assertThat(rows.key(499)).isZero();
    assertThat(rows.key(500)).isEqualTo(1);
    assertThat(rows.label(1)).isEqualTo("rows 501-1000");
  }

  @Test
  void an_unknown_window_says_what_is_accepted() {
    assertThatThrownBy(() -> WindowSpec.parse("fortnight")).isInstanceOf(HoldoutException.class)
        .hasMessage("--window 'fortnight': expected day, week, month or a row count such as 10000-rows");
    assertThatThrownBy(() -> WindowSpec.parse("0-rows")).isInstanceOf(HoldoutException.class);
  }
}
