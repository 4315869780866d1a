package dev.holdout.render;

import dev.holdout.base.Format;
import dev.holdout.result.PlanReport;
import java.util.Locale;

/** The terminal rendering of {@code holdout plan}: one line per criterion, then the size the evaluation set needs. */
public final class PlanText {
  private PlanText() {}

  public static String render(PlanReport p) {
    StringBuilder b = new StringBuilder();
    b.append("Holdout plan · ").append(p.suite().name()).append(" · ").append(percent(p.power())).append(" of evaluations decided\n");
    if (p.suite().problem() != null) b.append(p.suite().problem()).append("\n");
    b.append("\n");
    PlanReport.Simulation s = p.simulation();
    b.append(String.format(Locale.ROOT, "Each size tried with %,d simulated evaluations, each bootstrapped with %,d replicates and judged at the %s level (%s).%n",
        s.evaluations(), s.replicates(), percent(s.level()), s.search()));
    if (p.population().note() != null) b.append("Population: ").append(p.population().note()).append(".\n");
    b.append("\n");
    for (PlanReport.CriterionPlan c : p.criteria()) {
      b.append("  ").append(c.id()).append("  ").append(c.description()).append("\n");
      if (c.notPlanned() != null) {
        b.append("      not planned: ").append(c.notPlanned());
        if (c.model() != null) b.append(" (model: ").append(c.model()).append(")");
        b.append("\n");
        continue;
      }
      b.append(String.format(Locale.ROOT, "      expected %s: %,d %s needed; at that size %s of simulated evaluations decide it (PASS %s, FAIL %s)%n",
          Format.plain(c.expected()), c.rowsNeeded(), p.unit(), percent(c.decided()), percent(c.pass()), percent(c.fail())));
      b.append("      model: ").append(c.model()).append("\n");
    }
    b.append("\n");
    if (p.rowsNeeded() == null) {
      b.append("No criterion could be planned: give --expect METRIC=VALUE for a criterion's metric.\n");
    } else {
      b.append(String.format(Locale.ROOT, "The evaluation set needs about %,d %s", p.rowsNeeded(), p.unit()));
      Long have = p.unit().equals("rows") ? p.population().rows() : p.population().groups();
      if (have != null) b.append(String.format(Locale.ROOT, " (%s has %,d)", p.population().source(), have));
      b.append(".\n");
    }
    return b.toString();
  }

  private static String percent(double share) {
    return Format.plain(Math.round(share * 1000) / 10.0) + "%";
  }
}
