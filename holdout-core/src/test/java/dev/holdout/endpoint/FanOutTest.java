package dev.holdout.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdout.base.HoldoutException;
import java.util.Iterator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class FanOutTest {

  @Test
  void every_task_runs_exactly_once() {
    AtomicIntegerArray runs = new AtomicIntegerArray(1000);
    FanOut.run("test", 4, 1000, runs::incrementAndGet);
    for (int i = 0; i < 1000; i++) assertThat(runs.get(i)).as("task %d", i).isEqualTo(1);
  }

  @Test
  void no_tasks_is_nothing_to_do() {
    AtomicInteger runs = new AtomicInteger();
    FanOut.run("test", 3, 0, i -> runs.incrementAndGet());
    assertThat(runs.get()).isZero();
  }

  @Test
  void at_most_concurrency_tasks_run_at_once_and_at_most_twice_that_are_taken_and_unfinished() {
    int concurrency = 3;
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    AtomicInteger taken = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    AtomicInteger maxAhead = new AtomicInteger();
    Iterator<Runnable> tasks = new Iterator<>() {
      int left = 200;

      @Override
      public boolean hasNext() {
        return left > 0;
      }

      @Override
      public Runnable next() {
        left--;
        maxAhead.accumulateAndGet(taken.incrementAndGet() - done.get(), Math::max);
        return () -> {
          maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
          Thread.yield();
          running.decrementAndGet();
          done.incrementAndGet();
        };
      }
    };
    FanOut.run("test", concurrency, tasks);
    assertThat(done.get()).isEqualTo(200);
    assertThat(maxRunning.get()).isBetween(1, concurrency);
    assertThat(maxAhead.get()).isBetween(1, 2 * concurrency);
  }

  @Test
  void a_users_mistake_in_a_task_comes_out_as_itself_not_as_an_internal_error() {
    HoldoutException mistake = new HoldoutException.BadData("answers.csv line 3: expected a number, found 'abc'");
    assertThatThrownBy(() -> FanOut.run("test", 2, 10, i -> {
      if (i == 4) throw mistake;
    })).isSameAs(mistake);
  }

  @Test
  void the_first_failure_stops_the_tasks_not_yet_started() {
    AtomicInteger ran = new AtomicInteger();
    // one thread: task 0 fails before any other starts, so none of the other 999 runs
    assertThatThrownBy(() -> FanOut.run("test", 1, 1000, i -> {
      ran.incrementAndGet();
      if (i == 0) throw new IllegalArgumentException("task 0");
    })).isInstanceOf(IllegalArgumentException.class).hasMessage("task 0");
    assertThat(ran.get()).isEqualTo(1);
  }

  @Test
  void a_failure_ends_the_run_without_waiting_for_a_task_that_never_ends() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    assertThatThrownBy(() -> FanOut.run("test", 2, 2, i -> {
      if (i == 1) {
        // fail only once the first task is blocked: a failure before it starts would skip it
        try {
          started.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("second");
      }
      try {
        started.countDown();
        never.await();
      } catch (InterruptedException e) {
        interrupted.countDown();
      }
    })).hasMessage("second");
    // the run returned while the first task was still blocked; the shutdown interrupts it
    assertThat(interrupted.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void concurrency_below_one_is_a_programming_error() {
    assertThatThrownBy(() -> FanOut.run("test", 0, 1, i -> {})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
  }
}
