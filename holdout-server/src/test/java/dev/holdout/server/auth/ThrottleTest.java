package dev.holdout.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ThrottleTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
  private final Throttle throttle = new Throttle(now::get);

  @Test
  void the_first_failures_are_free_then_slowed_step_by_step_then_refused() {
    for (int i = 1; i <= Throttle.FREE; i++) assertThat(throttle.failed("10.0.0.1")).isZero();
    for (int i = 1; i <= Throttle.SLOWED; i++) {
      assertThat(throttle.refusedFor("10.0.0.1")).isZero();
      assertThat(throttle.failed("10.0.0.1")).isEqualTo(i * Throttle.STEP_MS);
    }
    assertThat(throttle.refusedFor("10.0.0.1")).isEqualTo(60);
    assertThat(throttle.refusedFor("10.0.0.2")).as("another address").isZero();
  }

  @Test
  void a_refused_address_may_try_again_once_its_oldest_failure_is_a_minute_old() {
    for (int i = 0; i < Throttle.FREE + Throttle.SLOWED; i++) throttle.failed("10.0.0.1");
    now.addAndGet(59_500_000_000L);
    assertThat(throttle.refusedFor("10.0.0.1")).isEqualTo(1);
    now.addAndGet(500_000_000L);
    assertThat(throttle.refusedFor("10.0.0.1")).isZero();
  }
}
