package dev.holdout.drift;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A per-column drift method, its score and default threshold. P-value methods flag drift when the
 * p-value is below the threshold; distances flag drift when the distance is at or above it.
 */
public enum Method {
  /** Two-sample Kolmogorov-Smirnov test; numeric only. Score: the p-value; default threshold 0.05. */
  KS("ks", true, 0.05, true, false),
  /** Chi-square test of homogeneity over categories (numeric: over the reference's decile bins). Score: the p-value; 0.05. */
  CHI_SQUARE("chi_square", true, 0.05, true, true),
  /** Population stability index over categories or the reference's decile bins; 0.2 (the usual "significant shift" band). */
  PSI("psi", false, 0.2, true, true),
  /** First Wasserstein distance divided by the reference's population standard deviation; numeric only; 0.1. */
  WASSERSTEIN("wasserstein", false, 0.1, true, false),
  /** Jensen-Shannon distance, base e as Evidently's and SciPy's default, in [0, 0.8326], over categories or the reference's decile bins; 0.1. */
  JENSEN_SHANNON("jensen_shannon", false, 0.1, true, true);

  private final String key;
  private final boolean pValue;
  private final double defaultThreshold;
  private final boolean numeric;
  private final boolean categorical;

  Method(String key, boolean pValue, double defaultThreshold, boolean numeric, boolean categorical) {
    this.key = key;
    this.pValue = pValue;
    this.defaultThreshold = defaultThreshold;
    this.numeric = numeric;
    this.categorical = categorical;
  }

  public String key() {
    return key;
  }

  /** True when the score is a p-value (drift below the threshold) rather than a distance (drift at or above). */
  public boolean isPValue() {
    return pValue;
  }

  public double defaultThreshold() {
    return defaultThreshold;
  }

  public boolean appliesTo(boolean numericColumn) {
    return numericColumn ? numeric : categorical;
  }

  /** Whether {@code score} means drift at {@code threshold}. */
  public boolean drifted(double score, double threshold) {
    return pValue ? score < threshold : score >= threshold;
  }

  public static Optional<Method> byKey(String key) {
    return Arrays.stream(values()).filter(m -> m.key.equals(key)).findFirst();
  }

  public static List<String> keys() {
    return Arrays.stream(values()).map(Method::key).toList();
  }
}
