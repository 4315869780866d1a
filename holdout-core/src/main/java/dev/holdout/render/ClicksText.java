package dev.holdout.render;

import dev.holdout.base.Format;
import dev.holdout.result.ClicksReport;
import dev.holdout.result.Report;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The terminal rendering of {@code holdout clicks}: the log, examination by position, the judgements, a new ranking's estimate. */
public final class ClicksText {
  private ClicksText() {}

  public static String render(ClicksReport r) {
    StringBuilder b = new StringBuilder();
    ClicksReport.Log log = r.log();
    b.append("Holdout clicks · ").append(log.file()).append('\n');
    b.append(Format.count(log.rows())).append(" results shown in ").append(Format.count(log.sessions())).append(" sessions of ")
        .append(Format.count(log.queries())).append(" queries (").append(Format.count(log.pairs())).append(" query-document pairs), ")
        .append(Format.count(log.clicks())).append(" clicks; ").append(log.dwell()).append("\n\n");
    ClicksReport.Model m = r.model();
    b.append("Click model: ").append(m.name()).append(", ").append(m.iterations()).append(" rounds, ")
        .append(m.converged() ? "converged" : "not converged (raise --iterations)").append('\n');
    b.append(String.format(Locale.ROOT, "  %-9s %12s %10s %10s%n", "position", "examination", "shown", "clicks"));
    for (ClicksReport.Position p : m.examination()) {
      b.append(String.format(Locale.ROOT, "  %-9d %12s %10s %10s%n", p.position(), Format.number(p.examination()), Format.count(p.shown()), Format.count(p.clicks())));
    }
    ClicksReport.Judgements j = r.judgements();
    if (j != null) {
      b.append("\nJudgements: ").append(Format.count(j.judged())).append(" pairs shown at least ").append(j.minShown()).append(" times written to ")
          .append(j.file()).append(" (").append(Format.count(j.tooFewShown())).append(" shown less often left out); grade = how many of ")
          .append(j.thresholds().stream().map(Format::plain).toList()).append(" the attractiveness reaches\n  ");
      for (Map.Entry<String, Long> e : j.grades().entrySet()) b.append("grade ").append(e.getKey()).append(": ").append(Format.count(e.getValue())).append("   ");
      b.setLength(b.length() - 3);
      b.append('\n');
    }
    ClicksReport.Counterfactual c = r.counterfactual();
    if (c != null) {
      b.append("\nNew ranking ").append(c.ranking()).append(" on the logged traffic (per session, top ").append(c.k()).append("; ")
          .append(Format.count(c.units())).append(" queries resampled");
      if (c.sessionsUnranked() > 0) b.append("; ").append(Format.count(c.sessionsUnranked())).append(" sessions of queries it does not rank count 0");
      b.append(")\n");
      for (Map.Entry<String, Report.Estimate> e : c.metrics().entrySet()) {
        Report.Estimate est = e.getValue();
        List<Double> ci = est.ci();
        String value = e.getKey().startsWith("lift") ? Format.signed(est.value()) : Format.number(est.value());
        String interval = ci == null ? "" : " " + (e.getKey().startsWith("lift") ? Format.signedInterval(ci.get(0), ci.get(1)) : Format.interval(ci.get(0), ci.get(1)));
        b.append(String.format(Locale.ROOT, "  %-16s %s%s%n", e.getKey(), value, interval));
      }
      b.append("  ").append(c.note()).append('\n');
    }
    return b.toString();
  }
}
