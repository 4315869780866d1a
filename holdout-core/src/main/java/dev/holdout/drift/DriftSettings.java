package dev.holdout.drift;

import dev.holdout.stats.Bootstrap;
import java.util.List;
import java.util.Map;

/**
 * How to judge drift. Defaults ({@link #defaults()}): the method and threshold per column by the
 * rule in {@link Drift}; DRIFT when at least half the feature columns drift ({@code share} 0.5, as
 * Evidently's {@code drift_share}), when the prediction or label drifts, or when the domain
 * classifier's roc_auc lower bound reaches 0.55; intervals from 1,000 Poisson bootstrap replicates
 * at 95%, seed 7.
 *
 * @param columns per-column overrides by column name
 * @param label the label column (judged for label drift; may be absent from the current window), or null
 * @param predictions the prediction columns (judged for prediction drift), possibly empty
 * @param exclude columns left out altogether (ids)
 * @param classifierRows rows per window the domain classifier sees; 0 turns it off
 * @param guessIds leave out columns that look like ids ({@link IdColumns}); on by default, off
 *     with a suite, which names its id columns
 */
public record DriftSettings(
    Map<String, ColumnRule> columns,
    double share,
    double classifierAuc,
    int classifierRows,
    Bootstrap.Settings bootstrap,
    String label,
    List<String> predictions,
    List<String> exclude,
    boolean guessIds) {

  public static final double DEFAULT_SHARE = 0.5;
  public static final double DEFAULT_CLASSIFIER_AUC = 0.55;

  /**
   * A suite's choice for one column; a null method keeps the default method, a null threshold the
   * method's default. {@code source} names where it was set, for messages: "suite.yaml line 14, drift.columns.age".
   */
  public record ColumnRule(Method method, Double threshold, String source) {}

  public DriftSettings {
    if (!(share > 0 && share <= 1)) throw new IllegalArgumentException("share must be in (0, 1]: " + share);
    if (!(classifierAuc > 0.5 && classifierAuc <= 1)) throw new IllegalArgumentException("classifierAuc must be in (0.5, 1]: " + classifierAuc);
    if (classifierRows < 0) throw new IllegalArgumentException("classifierRows must not be negative: " + classifierRows);
    columns = Map.copyOf(columns);
    predictions = List.copyOf(predictions);
    exclude = List.copyOf(exclude);
  }

  public static DriftSettings defaults() {
    return new DriftSettings(Map.of(), DEFAULT_SHARE, DEFAULT_CLASSIFIER_AUC, DomainCheck.DEFAULT_ROWS_PER_SIDE,
        Bootstrap.Settings.DEFAULT, null, List.of(), List.of(), true);
  }

  public DriftSettings withColumns(Map<String, ColumnRule> rules) {
    return new DriftSettings(rules, share, classifierAuc, classifierRows, bootstrap, label, predictions, exclude, guessIds);
  }

  public DriftSettings withRoles(String label, List<String> predictions, List<String> exclude) {
    return new DriftSettings(columns, share, classifierAuc, classifierRows, bootstrap, label, predictions, exclude, guessIds);
  }

  public DriftSettings withVerdict(double share, double classifierAuc, int classifierRows) {
    return new DriftSettings(columns, share, classifierAuc, classifierRows, bootstrap, label, predictions, exclude, guessIds);
  }

  /** These settings, guessing id columns or not. */
  public DriftSettings withIdGuess(boolean guessIds) {
    return new DriftSettings(columns, share, classifierAuc, classifierRows, bootstrap, label, predictions, exclude, guessIds);
  }

  public DriftSettings withBootstrap(Bootstrap.Settings bootstrap) {
    return new DriftSettings(columns, share, classifierAuc, classifierRows, bootstrap, label, predictions, exclude, guessIds);
  }
}
