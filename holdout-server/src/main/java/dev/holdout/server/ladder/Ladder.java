package dev.holdout.server.ladder;

import dev.holdout.metric.Direction;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The Ladder (Blum and Hardt, 2015): a leaderboard score changes only when a submission beats
 * the vendor's best shown score by more than a step, and is shown rounded, so repeated
 * submissions learn almost nothing about the hidden labels.
 *
 * <p>{@link Variant#FIXED} uses a fixed step. {@link Variant#PARAMETER_FREE} replaces the step
 * by the standard error of the paired difference against the vendor's best submission (the
 * paper's s/&radic;n, here from the paired bootstrap so it works for any metric), and rounds to
 * 1/n.
 */
public final class Ladder {
  private Ladder() {}

  /** Metrics not measured in shares of rows (errors in the target's unit, losses, lengths): no resolution follows from the row count. */
  private static final Set<String> UNSCALED = Set.of("mae", "rmse", "median_ae", "max_error", "mape", "log_loss", "expected_cost", "answer_length");

  public enum Variant {
    FIXED,
    PARAMETER_FREE;

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Variant of(String key) {
      return valueOf(key.toUpperCase(Locale.ROOT));
    }
  }

  /** The score to show, and whether this submission moved it. */
  public record Decision(Double shown, boolean released) {}

  /**
   * Decides what a new public-part score releases. {@code threshold} is the step (fixed) or the
   * paired standard error (parameter-free); {@code resolution} the rounding unit.
   */
  public static Decision decide(Double bestShown, Double score, Direction direction, double threshold, double resolution) {
    if (score == null || score.isNaN()) return new Decision(bestShown, false);
    if (bestShown == null) return new Decision(round(score, resolution), true);
    double gain = direction == Direction.HIGHER_IS_BETTER ? score - bestShown : bestShown - score;
    // The slack keeps a gain of exactly one step (0.87 - 0.86 in binary) from counting as more than a step.
    return gain > threshold + 1e-12 ? new Decision(round(score, resolution), true) : new Decision(bestShown, false);
  }

  /** Rounds to the nearest multiple of {@code unit}, without binary noise such as 0.7000000000000001. */
  public static double round(double value, double unit) {
    if (!(unit > 0)) return value;
    BigDecimal u = BigDecimal.valueOf(unit);
    BigDecimal q = BigDecimal.valueOf(value).divide(u, 0, RoundingMode.HALF_EVEN);
    return q.multiply(u).doubleValue();
  }

  /**
   * The finest step a fixed Ladder may use for {@code metric} on {@code publicRows} rows: one row's
   * share, 1/n (the rounding unit of the parameter-free variant, as in the paper). A finer step
   * shows changes no larger than one row can make, which lets a vendor read the public labels row
   * by row. Empty for metrics in the target's own unit (mae, rmse, log_loss, pinball ...), where the
   * owner chooses the step in that unit, and while the row count is unknown.
   */
  public static OptionalDouble resolution(String metric, Integer publicRows) {
    if (publicRows == null || publicRows < 1 || UNSCALED.contains(metric) || metric.startsWith("pinball_q")) return OptionalDouble.empty();
    return OptionalDouble.of(1.0 / publicRows);
  }
}
