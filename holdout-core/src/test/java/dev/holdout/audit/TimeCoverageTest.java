package dev.holdout.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TimeCoverageTest {
  @Test
  void epoch_day_equals_local_date_for_every_day_of_four_centuries_and_the_ends() {
    for (LocalDate d = LocalDate.of(1800, 1, 1); d.getYear() < 2200; d = d.plusDays(1)) {
      assertThat(TimeCoverage.epochDay(d.toString())).as(d.toString()).isEqualTo(d.toEpochDay());
    }
    for (String s : new String[] {"0000-01-01", "0000-02-29", "0000-03-01", "0001-01-01", "9999-12-31", "2024-02-29T10:00:00"}) {
      assertThat(TimeCoverage.epochDay(s)).as(s).isEqualTo(LocalDate.parse(s.substring(0, 10)).toEpochDay());
    }
  }

  @Test
  void impossible_dates_are_unreadable() {
    for (String s : new String[] {"2023-02-29", "1900-02-29", "2024-04-31", "2024-13-01", "2024-00-10", "2024-01-00", "2024-01-32", "24-01-01", "2024/01/01", "abcd-ef-gh"}) {
      assertThat(TimeCoverage.epochDay(s)).as(s).isEqualTo(Long.MIN_VALUE);
    }
    assertThat(TimeCoverage.epochDay("2000-02-29")).isEqualTo(LocalDate.of(2000, 2, 29).toEpochDay());
  }
}
