package dev.holdout.suite;

import java.util.ArrayList;
import java.util.List;

/** The criteria on how a model is served, measured by {@code holdout score} rather than computed from predictions; all are better when lower. */
public final class ServingMetrics {
  /** The 95th percentile of one call's latency in milliseconds. */
  public static final String LATENCY_P95_MS = "latency_p95_ms";
  /** The share of evaluation rows left without a prediction after every retry. */
  public static final String ERROR_RATE = "error_rate";
  /** The price of the calls made, per 1,000 rows scored, from {@code endpoint.price_per_call}. */
  public static final String COST_PER_1000 = "cost_per_1000";

  public static final List<String> NAMES = List.of(LATENCY_P95_MS, ERROR_RATE, COST_PER_1000);

  private ServingMetrics() {}

  public static boolean is(String metric) {
    return NAMES.contains(metric);
  }

  static String example(String metric) {
    return switch (metric) {
      case LATENCY_P95_MS -> "200";
      case ERROR_RATE -> "0.01";
      default -> "0.50";
    };
  }

  static List<String> withServing(List<String> names) {
    List<String> all = new ArrayList<>(names);
    all.addAll(NAMES);
    return all;
  }
}
