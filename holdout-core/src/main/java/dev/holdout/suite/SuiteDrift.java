package dev.holdout.suite;

import dev.holdout.drift.DriftSettings;
import dev.holdout.drift.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The drift settings a suite implies, for {@code holdout drift --suite} and {@code holdout monitor}. */
public final class SuiteDrift {
  private SuiteDrift() {}

  /**
   * The defaults with a suite's roles (its id columns left out, its label judged as label drift, its
   * prediction columns as prediction drift), its bootstrap settings and its {@code drift} section;
   * {@code exclude} adds columns to leave out.
   */
  public static DriftSettings settings(Suite suite, Path suiteFile, List<String> exclude) {
    DriftSettings settings = DriftSettings.defaults();
    List<String> excluded = new ArrayList<>(exclude);
    excluded.add(suite.data().id());
    if (suite.predictions().id() != null && !excluded.contains(suite.predictions().id())) excluded.add(suite.predictions().id());
    List<String> predictions = new ArrayList<>();
    Suite.Predictions p = suite.predictions();
    for (String col : new String[] {p.score(), p.label(), p.value()}) if (col != null) predictions.add(col);
    predictions.addAll(p.probabilities().values());
    predictions.addAll(p.quantiles().values());
    settings = settings.withRoles(suite.data().label(), predictions, excluded).withBootstrap(suite.bootstrap())
        .withIdGuess(false);
    Suite.Drift d = suite.drift();
    Map<String, DriftSettings.ColumnRule> rules = new LinkedHashMap<>();
    for (var e : d.columns().entrySet()) {
      var c = e.getValue();
      rules.put(e.getKey(), new DriftSettings.ColumnRule(c.method() == null ? null : Method.byKey(c.method()).orElseThrow(), c.threshold(),
          suiteFile + " line " + c.line() + ", drift.columns." + e.getKey()));
    }
    return settings.withColumns(rules).withVerdict(d.share() == null ? settings.share() : d.share(),
        d.classifierAuc() == null ? settings.classifierAuc() : d.classifierAuc(), settings.classifierRows());
  }
}
