package dev.holdout.probe;

import dev.holdout.metric.ProbeFamily;
import dev.holdout.suite.Suite;
import dev.holdout.verdict.Criterion;
import dev.holdout.verdict.CriterionResult;
import dev.holdout.verdict.Decider;
import dev.holdout.verdict.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * The suite's criteria on probe families ({@code metric: probe_pass_rate:injection, min: 0.95}),
 * judged on a probe run as every criterion is: on the Wilson interval unless {@code at: point},
 * counted in probes. Criteria on other metrics are left to {@code holdout evaluate} and
 * {@code holdout run}; the verdict covers the probe criteria only.
 */
public final class ProbeVerdict {
  private static final Decider.Unit PROBES = new Decider.Unit("probe", "probes");

  private ProbeVerdict() {}

  /** The probe criteria's results and the verdict over them (ACCEPTED when the suite has none). */
  public record Judged(List<CriterionResult> criteria, Verdict verdict) {}

  public static Judged judge(Suite suite, ProbeRun.Report report) {
    List<Criterion> criteria = new ArrayList<>();
    List<Decider.Observation> observations = new ArrayList<>();
    for (Criterion c : suite.criteria()) {
      if (!c.metric().startsWith(ProbeFamily.PREFIX)) continue;
      criteria.add(c);
      ProbeRun.FamilyResult f = report.families().get(c.metric().substring(ProbeFamily.PREFIX.length()));
      if (f == null || (c.kind() != Criterion.Kind.MIN && c.kind() != Criterion.Kind.MAX)) {
        observations.add(new Decider.Observation(null, new double[0], 0, null, 0, PROBES,
            f == null ? "no probe of this family was sent" : c.metric() + " is bounded with min or max only", null, conf -> null));
        continue;
      }
      observations.add(new Decider.Observation(f.passRate(), new double[0], 0, null, f.probes(), PROBES, null,
          "Wilson interval over " + f.probes() + " probes", conf -> {
            List<Double> ci = ProbeRun.wilson(f.passed(), f.probes(), conf);
            return new double[] {ci.get(0), ci.get(1)};
          }));
    }
    List<CriterionResult> results = Decider.judgeAll(criteria, observations, report.confidence(), false);
    return new Judged(results, Verdict.of(results.stream().map(CriterionResult::status).toList()));
  }
}
