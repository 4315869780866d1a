package dev.holdout.plan;

import dev.holdout.stats.Bootstrap;
import dev.holdout.verdict.Criterion;

/**
 * The smallest size whose simulated evaluations decide a criterion in at least the wanted share:
 * doubling from {@link Planner#START} with a quarter of the simulations (at least 20) until the
 * share is reached, then bisection between the last two sizes with all of them, to within 2% of
 * the size. The result's shares are those measured at the size found.
 */
final class Search {
  private final Scenario scenario;
  private final Criterion criterion;
  private final Bootstrap.Settings bootstrap;
  private final double level;
  private final Planner.Options options;
  private final long seed;

  Search(Scenario scenario, Criterion criterion, Bootstrap.Settings bootstrap, double level, Planner.Options options, int index) {
    this.scenario = scenario;
    this.criterion = criterion;
    this.bootstrap = bootstrap;
    this.level = level;
    this.options = options;
    this.seed = options.seed() + 1_000_003L * index;
  }

  /** The size found and the shares there, or null above {@link Planner#MAX}. */
  record Result(long n, double decided, double pass, double fail) {}

  Result run() {
    int quick = Math.max(20, options.evaluations() / 4);
    long lo = 0;
    long n = Planner.START;
    while (shares(n, quick).decided() < options.power()) {
      lo = n;
      n *= 2;
      if (n > Planner.MAX) return null;
    }
    long hi = n;
    Planner.Shares atHi = null;
    while (hi - lo > Math.max(1, hi / 50)) {
      long mid = lo + (hi - lo) / 2;
      Planner.Shares s = shares(mid, options.evaluations());
      if (s.decided() >= options.power()) {
        hi = mid;
        atHi = s;
      } else {
        lo = mid;
      }
    }
    if (atHi == null) atHi = shares(hi, options.evaluations());
    return new Result(hi, atHi.decided(), atHi.pass(), atHi.fail());
  }

  private Planner.Shares shares(long n, int evaluations) {
    return Planner.simulate(scenario, criterion, n, evaluations, bootstrap, level, seed);
  }
}
