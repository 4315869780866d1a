package dev.holdout.endpoint;

import dev.holdout.result.Report;
import dev.holdout.stats.Bootstrap;
import java.util.Arrays;

/** Per-call latencies, growing as calls complete; thread-safe. Percentiles use numpy's linear method over every call. */
public final class Latencies {
  private double[] ms = new double[1024];
  private int n;

  public synchronized void add(double millis) {
    if (n == ms.length) ms = Arrays.copyOf(ms, n * 2);
    ms[n++] = millis;
  }

  public synchronized int count() {
    return n;
  }

  /** The percentiles; all zero when no call completed. */
  public synchronized Report.Latency summary() {
    if (n == 0) return new Report.Latency(0, 0, 0, 0, 0);
    double[] s = Arrays.copyOf(ms, n);
    Arrays.sort(s);
    return new Report.Latency(Bootstrap.quantile(s, 0.5), Bootstrap.quantile(s, 0.9), Bootstrap.quantile(s, 0.95), Bootstrap.quantile(s, 0.99),
        s[n - 1]);
  }
}
