package dev.holdout.stats;

/**
 * Knuth's MMIX linear congruential generator, for test data that a Python script can reproduce
 * bit for bit when computing scikit-learn reference values:
 *
 * <pre>
 * MASK = (1 << 64) - 1
 * x = (x * 6364136223846793005 + 1442695040888963407) & MASK
 * u = (x >> 11) * 2.0**-53
 * </pre>
 */
public final class Lcg {
  private long x;

  public Lcg(long seed) {
    this.x = seed;
  }

  /** A double in [0, 1) from the top 53 bits of the state. */
  public double next() {
    x = x * 6364136223846793005L + 1442695040888963407L;
    return (x >>> 11) * 0x1.0p-53;
  }
}
