package dev.holdout.cli;

import static dev.holdout.cli.InputsAndOutputs.output;

import dev.holdout.base.HoldoutException;
import dev.holdout.clicks.ClickLog;
import dev.holdout.clicks.Clicks;
import dev.holdout.render.ClicksText;
import dev.holdout.render.JsonReport;
import dev.holdout.result.ClicksReport;
import dev.holdout.stats.Bootstrap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code holdout clicks LOG --judgements FILE [--ranking FILE]}: relevance from logged clicks, and a new ranking judged on the logged traffic. */
@Command(
    name = "clicks",
    mixinStandardHelpOptions = true,
    description = {"Turn a click log into graded relevance judgements and estimate a new ranking's clicks on it.",
        "The log has one row per result shown (session, query, document, position, clicked); judgements come from the position-based "
            + "click model fitted by EM, the new ranking's clicks from inverse propensity scoring, with intervals that resample queries."},
    footer = {"", "Exit codes: 0 done, 2 bad input or usage."})
final class ClicksCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "LOG", description = "The click log (.csv, .tsv, .jsonl, .parquet).")
  Path log;

  @Option(names = "--session", paramLabel = "COLUMN", defaultValue = "session_id", description = "The session column: one shown list (default session_id).")
  String session;

  @Option(names = "--query", paramLabel = "COLUMN", defaultValue = "query_id", description = "The query column (default query_id).")
  String query;

  @Option(names = "--doc", paramLabel = "COLUMN", defaultValue = "doc_id", description = "The document column (default doc_id).")
  String doc;

  @Option(names = "--position", paramLabel = "COLUMN", defaultValue = "position", description = "The position shown, 1 = top (default position).")
  String position;

  @Option(names = "--click", paramLabel = "COLUMN", defaultValue = "clicked", description = "Whether it was clicked, 1 or 0 (default clicked).")
  String click;

  @Option(names = "--dwell", paramLabel = "COLUMN", description = "A dwell time column; with --min-dwell, shorter clicks do not count.")
  String dwell;

  @Option(names = "--min-dwell", paramLabel = "SECONDS", defaultValue = "30", description = "The shortest dwell that counts as a click (default 30).")
  double minDwell;

  @Option(names = "--judgements", paramLabel = "FILE", description = "Write graded judgements (query, doc, relevance, ...): a retrieval suite's data file.")
  Path judgements;

  @Option(names = "--min-shown", paramLabel = "N", defaultValue = "10", description = "Judge a pair shown at least N times (default 10).")
  long minShown;

  @Option(names = "--grades", paramLabel = "LEVELS", split = ",", defaultValue = "0.1,0.3,0.5",
      description = "Increasing attractiveness levels; a pair's grade is how many it reaches (default 0.1,0.3,0.5: grades 0 to 3).")
  List<Double> grades = new ArrayList<>();

  @Option(names = "--ranking", paramLabel = "FILE", description = "A new ranking (query, doc, rank) to estimate on the logged traffic.")
  Path ranking;

  @Option(names = "--rank", paramLabel = "COLUMN", defaultValue = "rank", description = "The ranking's rank column, 1 = best (default rank).")
  String rank;

  @Option(names = "--k", paramLabel = "K", defaultValue = "10", description = "Count clicks in the top K (default 10).")
  int k;

  @Option(names = "--clip", paramLabel = "W", defaultValue = "10", description = "The largest weight a click gets, 1 / examination capped (default 10).")
  double clip;

  @Option(names = "--iterations", paramLabel = "N", defaultValue = "5000", description = "The most EM rounds (default 5000).")
  int iterations;

  @Option(names = "--replicates", paramLabel = "N", defaultValue = "1000", description = "Bootstrap replicates (default 1000).")
  int replicates;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "7", description = "The bootstrap's seed (default 7).")
  long seed;

  @Mixin MakeFolders folders;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the holdout.clicks/v1 JSON.")
  Path json;

  @Override
  public Integer call() {
    if (!Files.isRegularFile(log)) throw new HoldoutException.BadData(log + ": click log not found; give the path of the log file");
    if (judgements == null && ranking == null) {
      throw new HoldoutException("say what to make: --judgements FILE (graded relevance), --ranking FILE (a new ranking's estimate), or both");
    }
    if (replicates < 50 || replicates > 100_000) throw new HoldoutException("--replicates: expected 50 to 100000, found " + replicates);
    Map<Path, String> inputs = new LinkedHashMap<>();
    inputs.put(log, "the click log");
    if (ranking != null) inputs.put(ranking, "the ranking");
    InputsAndOutputs.checkOutputs(inputs, folders, output("--judgements", judgements), output("--json", json));
    ClickLog.Columns columns = new ClickLog.Columns(session, query, doc, position, click, dwell, minDwell);
    Clicks.Options options = new Clicks.Options(columns, judgements, minShown, grades, ranking, rank, k, clip,
        new Bootstrap.Settings(replicates, 0.95, seed), iterations);
    ClicksReport report = Clicks.run(log, options);
    if (json != null) JsonReport.write(report, json);
    spec.commandLine().getOut().print(ClicksText.render(report));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
