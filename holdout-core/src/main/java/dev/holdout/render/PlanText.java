package dev.holdout.render;

import dev.holdout.base.Format;
import dev.holdout.result.PlanReport;

/** The terminal rendering of {@code holdout plan}: one line per criterion, then the size the evaluation set needs. */
public final class PlanText {
  private PlanText() {}

  public static String render(PlanReport p) {
    StringBuilder b = new StringBuilder();
    b.append("Holdout plan · ").append(p.suite().name()).append(" · ").append(Format.level(p.power())).append(" of evaluations decided\n");
    if (p.suite().problem() != null) b.append(p.suite().problem()).append("\n");
    b.append("\n");
    PlanReport.Simulation s = p.simulation();
    b.append("Each size tried with ").append(Format.count(s.evaluations())).append(" simulated evaluations, each bootstrapped with ")
        .append(Format.count(s.replicates())).append(" replicates and judged at the ").append(Format.level(s.level())).append(" level (")
        .append(s.search()).append(").\n");
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
      b.append("      expected ").append(Format.plain(c.expected())).append(": ").append(Format.count(c.rowsNeeded())).append(' ').append(p.unit())
          .append(" needed; at that size ").append(Format.percent(c.decided())).append(" of simulated evaluations decide it (PASS ")
          .append(Format.percent(c.pass())).append(", FAIL ").append(Format.percent(c.fail())).append(")\n");
      b.append("      model: ").append(c.model()).append("\n");
    }
    b.append("\n");
    if (p.rowsNeeded() == null) {
      b.append("No criterion could be planned: give --expect METRIC=VALUE for a criterion's metric.\n");
    } else {
      b.append("The evaluation set needs about ").append(Format.count(p.rowsNeeded())).append(' ').append(p.unit());
      Long have = p.unit().equals("rows") ? p.population().rows() : p.population().groups();
      if (have != null) b.append(" (").append(p.population().source()).append(" has ").append(Format.count(have)).append(')');
      b.append(".\n");
    }
    return b.toString();
  }
}
