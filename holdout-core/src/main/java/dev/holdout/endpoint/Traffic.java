package dev.holdout.endpoint;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a {@link RetryingClient} sent, counted as it happens: calls (one per {@code post}: a row, a
 * batch or a judgement), HTTP requests (every attempt, the first of each call and its retries),
 * retries (requests beyond the first of their call, so {@code requests = calls + retries}), failed
 * requests (a timeout, a connection that failed, an HTTP error or an answer the caller could not
 * use) and the latency of every request that ended, answered or not. A request is counted when it is
 * handed to the HTTP client, so one whose connection could not be opened counts too. Thread-safe.
 */
public final class Traffic {
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final Latencies latencies = new Latencies();

  /** The counts at one moment; {@link #minus} gives what happened between two moments. */
  public record Counts(long calls, long requests, long retries, long failedRequests) {
    public Counts minus(Counts earlier) {
      return new Counts(calls - earlier.calls, requests - earlier.requests, retries - earlier.retries, failedRequests - earlier.failedRequests);
    }
  }

  void call() {
    calls.incrementAndGet();
  }

  void request(boolean retry) {
    requests.incrementAndGet();
    if (retry) retries.incrementAndGet();
  }

  void failed() {
    failed.incrementAndGet();
  }

  void latency(double millis) {
    latencies.add(millis);
  }

  /** A snapshot; taken while calls are in flight, a request may be counted before its call's failure is. */
  public Counts counts() {
    return new Counts(calls.get(), requests.get(), retries.get(), failed.get());
  }

  /** Every ended request's time in milliseconds, from sending to the last byte of the answer (or the timeout). */
  public Latencies latencies() {
    return latencies;
  }
}
