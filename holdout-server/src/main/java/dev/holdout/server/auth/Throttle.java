package dev.holdout.server.auth;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Bad tokens from one address, counted over the last minute: the first {@link #FREE} are answered
 * at once, the next ones after a delay that grows by {@link #STEP_MS} ms each (at most
 * {@link #FREE} times that), and beyond {@link #SLOWED} more the address is refused with 429 and
 * no store lookup until its oldest failure is a minute old. A token the server already knows to be
 * valid passes even then, so a vendor behind the same address is not locked out. At most 10,000
 * addresses are remembered (the least recently failing forgotten first). Thread-safe.
 */
public final class Throttle {
  /** Failures per address and minute answered without delay. */
  public static final int FREE = 10;
  /** Failures after the free ones that are answered, slowly, before the address is refused. */
  public static final int SLOWED = 10;
  /** Added delay per slowed failure, in milliseconds. */
  public static final long STEP_MS = 25;
  private static final long WINDOW_NANOS = 60_000_000_000L;
  private static final int ADDRESSES = 10_000;

  private final LongSupplier nanos;
  private final Map<String, Deque<Long>> failures = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Deque<Long>> eldest) {
      return size() > ADDRESSES;
    }
  };

  public Throttle() {
    this(System::nanoTime);
  }

  /** With a clock in nanoseconds, for tests. */
  public Throttle(LongSupplier nanos) {
    this.nanos = nanos;
  }

  /** Seconds until {@code address} may try a token it has not used before; 0 when it may now. */
  public synchronized long refusedFor(String address) {
    Deque<Long> d = recent(address);
    if (d.size() < FREE + SLOWED) return 0;
    return Math.max(1, (d.peekFirst() + WINDOW_NANOS - nanos.getAsLong() + 999_999_999L) / 1_000_000_000L);
  }

  /** Counts a bad token from {@code address}; returns how long to wait before answering it, in milliseconds. */
  public synchronized long failed(String address) {
    Deque<Long> d = recent(address);
    d.addLast(nanos.getAsLong());
    failures.put(address, d);
    int over = d.size() - FREE;
    return over <= 0 ? 0 : Math.min(over, SLOWED) * STEP_MS;
  }

  private Deque<Long> recent(String address) {
    Deque<Long> d = failures.getOrDefault(address, new ArrayDeque<>());
    long now = nanos.getAsLong();
    while (!d.isEmpty() && now - d.peekFirst() >= WINDOW_NANOS) d.removeFirst();
    return d;
  }
}
