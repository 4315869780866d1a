package dev.holdout.endpoint;

import dev.holdout.base.HoldoutException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * The bounded fan-out every endpoint caller uses: tasks run on at most {@code concurrency} daemon
 * threads, and at most {@code 2 × concurrency} tasks are taken from the iterator and not yet done,
 * so a producer that builds request bodies as it goes holds at most that many whatever the number
 * of rows. The first task to throw stops the rest (tasks not started are skipped, running ones are
 * interrupted) and its exception is rethrown as it was thrown: a {@link HoldoutException} stays the
 * user's error, with its message, and never becomes an internal one.
 */
public final class FanOut {
  private FanOut() {}

  /** Runs {@code task} for 0 to {@code count - 1}; threads are named holdout-{@code name}. */
  public static void run(String name, int concurrency, int count, IntConsumer task) {
    run(name, concurrency, new Iterator<Runnable>() {
      int next = 0;

      @Override
      public boolean hasNext() {
        return next < count;
      }

      @Override
      public Runnable next() {
        if (next >= count) throw new NoSuchElementException();
        int i = next++;
        return () -> task.accept(i);
      }
    });
  }

  /**
   * Runs every task of {@code tasks}, asking the iterator for the next one only when fewer than
   * {@code 2 × concurrency} are waiting or running; returns when all are done.
   */
  public static void run(String name, int concurrency, Iterator<? extends Runnable> tasks) {
    if (concurrency < 1) throw new IllegalArgumentException("concurrency must be 1 or more: " + concurrency);
    int window = 2 * concurrency;
    Semaphore slots = new Semaphore(window);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency, runnable -> {
      Thread t = new Thread(runnable, "holdout-" + name);
      t.setDaemon(true);
      return t;
    });
    try {
      while (true) {
        slots.acquire();
        Runnable task;
        try {
          if (failure.get() != null || !tasks.hasNext()) {
            slots.release();
            break;
          }
          task = tasks.next();
        } catch (RuntimeException | Error e) {
          slots.release();
          throw e;
        }
        pool.execute(() -> {
          try {
            if (failure.get() == null) task.run();
          } catch (Throwable t) {
            // the first failure wakes the producer and the wait below at once: the run ends now
            if (failure.compareAndSet(null, t)) slots.release(window);
          } finally {
            slots.release();
          }
        });
      }
      slots.acquire(window);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HoldoutException("interrupted while waiting for the " + name);
    } finally {
      pool.shutdownNow();
    }
    Throwable t = failure.get();
    if (t instanceof RuntimeException r) throw r;
    if (t instanceof Error e) throw e;
    if (t != null) throw new IllegalStateException("a task of holdout-" + name + " failed", t);
  }
}
