package dev.holdout.clicks;

import dev.holdout.base.AtomicFiles;
import dev.holdout.base.CsvCells;
import dev.holdout.base.HoldoutException;
import dev.holdout.result.ClicksReport;
import dev.holdout.result.Report;
import dev.holdout.stats.Bootstrap;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code holdout clicks}: reads a click log, fits the position-based model, writes graded
 * judgements (a retrieval suite's judgements file: query, document, relevance) and, given a new
 * ranking, estimates its clicks on the logged traffic ({@link Counterfactual}).
 */
public final class Clicks {
  private Clicks() {}

  /**
   * What to do. {@code judgements}: the file to write (null: none). {@code minShown}: a pair is
   * judged when shown at least this often. {@code thresholds}: increasing attractiveness levels;
   * a pair's grade is how many it reaches. {@code ranking}: a new ranking to estimate (null: none),
   * with its rank column, the cutoff {@code k} and the weight cap {@code clip}.
   */
  public record Options(ClickLog.Columns columns, Path judgements, long minShown, List<Double> thresholds, Path ranking, String rankColumn, int k,
      double clip, Bootstrap.Settings bootstrap, int maxIterations) {
    public Options {
      thresholds = List.copyOf(thresholds);
      for (int i = 0; i < thresholds.size(); i++) {
        double t = thresholds.get(i);
        if (!(t > 0 && t <= 1) || (i > 0 && t <= thresholds.get(i - 1))) {
          throw new HoldoutException("--grades: expected increasing attractiveness levels above 0 and at most 1, such as 0.1,0.3,0.5; found "
              + thresholds);
        }
      }
      if (minShown < 1) throw new HoldoutException("--min-shown: expected 1 or more, found " + minShown);
      if (k < 1) throw new HoldoutException("--k: expected 1 or more, found " + k);
      if (!(clip >= 1)) throw new HoldoutException("--clip: expected a weight cap of 1 or more, such as 10; found " + clip);
    }
  }

  public static ClicksReport run(Path logFile, Options o) {
    ClickLog log = ClickLog.read(logFile, o.columns());
    PositionBasedModel model = PositionBasedModel.fit(log, o.maxIterations(), 1e-6);
    long[] shown = new long[log.maxPosition + 1];
    long[] clicked = new long[log.maxPosition + 1];
    long[] pairShown = new long[log.pairs()];
    long[] pairClicks = new long[log.pairs()];
    for (int i = 0; i < log.rows; i++) {
      shown[log.position[i]]++;
      pairShown[log.pairOf[i]]++;
      if (log.clicked[i]) {
        clicked[log.position[i]]++;
        pairClicks[log.pairOf[i]]++;
      }
    }
    if (shown[1] == 0) throw new HoldoutException.BadData(logFile + ": no row shows position 1; positions count from 1, the top");
    if (log.clicks == 0) throw new HoldoutException.BadData(logFile + ": no result was clicked, so there is nothing to learn relevance from");
    List<ClicksReport.Position> positions = new ArrayList<>();
    for (int k = 1; k <= log.maxPosition; k++) {
      if (shown[k] > 0) positions.add(new ClicksReport.Position(k, model.examination(k), shown[k], clicked[k]));
    }
    ClicksReport.Judgements judgements = o.judgements() == null ? null : judge(log, model, pairShown, pairClicks, o);
    ClicksReport.Counterfactual cf = null;
    if (o.ranking() != null) {
      for (int k = 1; k <= o.k(); k++) {
        if (k > log.maxPosition || shown[k] == 0) {
          throw new HoldoutException("--k " + o.k() + ": the log never shows position " + k + ", so its examination is unknown;"
              + " give --k at most " + firstGap(shown));
        }
      }
      Counterfactual.Ranking ranking = Counterfactual.readRanking(o.ranking(), o.columns().query(), o.columns().doc(), o.rankColumn());
      cf = Counterfactual.estimate(log, model, ranking, o.k(), o.clip(), o.bootstrap());
    }
    String dwell = o.columns().dwell() == null ? "every click counts"
        : "a click counts when column '" + o.columns().dwell() + "' is at least " + o.columns().minDwell();
    String version = Clicks.class.getPackage().getImplementationVersion();
    return new ClicksReport(ClicksReport.SCHEMA,
        new ClicksReport.Log(logFile.getFileName().toString(), log.sha256, log.rows, log.sessions, log.queries.size(), log.pairs(), log.clicks, dwell),
        new ClicksReport.Model("position-based model (EM)", model.iterations(), model.converged(), positions), judgements, cf,
        new Report.Provenance(version == null ? "dev" : version, System.getProperty("java.version"), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()));
  }

  private static int firstGap(long[] shown) {
    int k = 1;
    while (k + 1 < shown.length && shown[k + 1] > 0) k++;
    return k;
  }

  /** Writes the judgements file all at once and counts the grades. */
  private static ClicksReport.Judgements judge(ClickLog log, PositionBasedModel model, long[] pairShown, long[] pairClicks, Options o) {
    long[] grades = new long[o.thresholds().size() + 1];
    long tooFew = 0;
    List<Integer> judged = new ArrayList<>();
    for (int p = 0; p < log.pairs(); p++) {
      if (pairShown[p] < o.minShown()) {
        tooFew++;
        continue;
      }
      judged.add(p);
      grades[grade(model.attractiveness(p), o.thresholds())]++;
    }
    ClickLog.Columns c = o.columns();
    AtomicFiles.write(o.judgements(), out -> {
      out.write(CsvCells.cell(c.query()) + "," + CsvCells.cell(c.doc()) + ",relevance,attractiveness,shown,clicks\n");
      for (int p : judged) {
        double a = model.attractiveness(p);
        out.write(CsvCells.cell(log.queries.get(log.pairQuery[p])) + "," + CsvCells.cell(log.docs.get(log.pairDoc[p])) + "," + grade(a, o.thresholds())
            + "," + a + "," + pairShown[p] + "," + pairClicks[p] + "\n");
      }
    });
    Map<String, Long> counts = new LinkedHashMap<>();
    for (int g = 0; g < grades.length; g++) counts.put(Integer.toString(g), grades[g]);
    return new ClicksReport.Judgements(o.judgements().getFileName().toString(), o.minShown(), o.thresholds(), judged.size(), tooFew, counts);
  }

  /** How many of the increasing thresholds an attractiveness reaches. */
  static int grade(double attractiveness, List<Double> thresholds) {
    int g = 0;
    while (g < thresholds.size() && attractiveness >= thresholds.get(g)) g++;
    return g;
  }
}
