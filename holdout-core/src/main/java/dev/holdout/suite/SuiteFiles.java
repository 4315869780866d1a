package dev.holdout.suite;

import dev.holdout.metric.Task;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files a suite names beside its evaluation set: a retrieval suite's query file
 * ({@code data.queries}), a forecasting suite's history ({@code data.history}) and a run baseline's
 * answers ({@code baseline.path}). A server that keeps its own copies of them (split by query or by
 * series like the evaluation set) reads the suite with {@link #with}, so the engine reads them from
 * there; the suite's text stays the contract vendors read.
 */
public final class SuiteFiles {
  /** One side file: its name in the server's API and the suite key that names it. */
  public enum Kind {
    QUERIES("queries", "data.queries"),
    HISTORY("history", "data.history"),
    BASELINE("baseline", "baseline.path");

    private final String key;
    private final String suiteKey;

    Kind(String key, String suiteKey) {
      this.key = key;
      this.suiteKey = suiteKey;
    }

    public String key() {
      return key;
    }

    public String suiteKey() {
      return suiteKey;
    }
  }

  private SuiteFiles() {}

  /** The side files the suite names, in the order above, with the paths it gives them. */
  public static Map<Kind, Path> named(Suite suite) {
    Map<Kind, Path> out = new LinkedHashMap<>();
    if (suite.task() == Task.RETRIEVAL && suite.retrieval().queries() != null) out.put(Kind.QUERIES, suite.retrieval().queries());
    if (suite.task() == Task.FORECASTING) out.put(Kind.HISTORY, suite.forecast().history());
    if (suite.baseline().kind() == Suite.Baseline.Kind.RUN) out.put(Kind.BASELINE, suite.baseline().path());
    return out;
  }

  /** The same suite reading the side file {@code kind} from {@code path}; the suite must name that file ({@link #named}). */
  public static Suite with(Suite s, Kind kind, Path path) {
    if (!named(s).containsKey(kind)) throw new IllegalArgumentException("the suite names no " + kind.suiteKey());
    Suite.Retrieval r = s.retrieval();
    Suite.Forecast f = s.forecast();
    Suite.Baseline b = s.baseline();
    switch (kind) {
      case QUERIES -> r = new Suite.Retrieval(r.doc(), r.relevance(), path, r.predictedDoc(), r.rank(), r.score(), r.docs(), r.k());
      case HISTORY -> f = new Suite.Forecast(f.series(), f.time(), path, f.season(), f.horizon(), f.origins(), f.predSeries(), f.predTime(),
          f.predOrigin(), f.predHorizon());
      case BASELINE -> b = new Suite.Baseline(b.kind(), b.column(), path);
    }
    return new Suite(s.file(), s.name(), s.problem(), s.task(), s.data(), s.predictions(), s.primaryMetric(), s.criteria(), s.costs(), b,
        s.bootstrap(), s.topK(), s.drift(), s.champion(), s.scoring(), r, s.text(), s.adjust(), s.multilabel(), s.budgets(), f);
  }
}
