package dev.holdout.cli;

import static dev.holdout.cli.InputsAndOutputs.output;

import dev.holdout.Holdout;
import dev.holdout.base.HoldoutException;
import dev.holdout.monitor.Monitor;
import dev.holdout.monitor.MonitorReport;
import dev.holdout.render.MonitorText;
import dev.holdout.monitor.WindowSpec;
import dev.holdout.render.JsonReport;
import dev.holdout.render.MonitorHtml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code holdout monitor LOG --reference REF --suite SUITE --window day}: does the model still work, window by window? */
@Command(
    name = "monitor",
    mixinStandardHelpOptions = true,
    description = {"Cut a prediction log into windows and judge each against the reference.",
        "Drift per column and the drift verdict, performance with intervals where outcomes are known (the suite's metrics and "
            + "criteria), and for binary classifiers CBPE estimates from the scores. The log is streamed: memory is bounded by "
            + "the windows' sketches, not the log."},
    footer = {"", "Exit codes: 0 no alert, 1 at least one alert, 2 bad input or usage."})
final class MonitorCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin MakeFolders folders;

  @Parameters(index = "0", paramLabel = "LOG", description = "The prediction log: timestamped rows of features, the model's prediction and, where known, the outcome.")
  Path log;

  @Option(names = {"-r", "--reference"}, required = true, paramLabel = "REF", description = "The reference: the data the model was accepted on.")
  Path reference;

  @Option(names = {"-s", "--suite"}, required = true, paramLabel = "SUITE", description = "The suite: column roles, metrics, criteria, bootstrap and drift settings.")
  Path suite;

  @Option(names = {"-w", "--window"}, required = true, paramLabel = "WINDOW", description = "day, week (ISO, Monday first), month, or N-rows (e.g. 10000-rows).")
  String window;

  @Option(names = "--time", paramLabel = "COLUMN", description = "The log's time column (default: timestamp, time, ts, event_time, datetime or date).")
  String time;

  @Option(names = "--outcomes", paramLabel = "FILE", description = "Late outcomes: the suite's data.id and data.label columns, joined to the log by id.")
  Path outcomes;

  @Option(names = "--exclude", split = ",", paramLabel = "COLUMN", description = "Columns to leave out of drift, comma-separated.")
  List<String> exclude = new ArrayList<>();

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the holdout.monitor/v1 JSON report.")
  Path json;

  @Option(names = "--html", paramLabel = "FILE", description = "Also write an HTML page with each metric over time.")
  Path html;

  @Override
  public Integer call() {
    WindowSpec w = WindowSpec.parse(window);
    checkInput(log, "LOG");
    checkInput(reference, "--reference");
    checkInput(suite, "--suite");
    if (outcomes != null) checkInput(outcomes, "--outcomes");
    Map<Path, String> inputs = new LinkedHashMap<>();
    inputs.put(log, "the prediction log");
    inputs.put(reference, "the reference (--reference)");
    inputs.put(suite, "the suite file");
    inputs.put(outcomes, "the outcomes file (--outcomes)");
    InputsAndOutputs.checkOutputs(inputs, folders, output("--json", json), output("--html", html));
    MonitorReport report = Monitor.run(new Monitor.Settings(log, reference, Holdout.suite(suite), w, time, outcomes, exclude),
        TerminalProgress.forThisTerminal(spec.commandLine().getErr()));
    if (json != null) JsonReport.write(report, json);
    if (html != null) MonitorHtml.write(report, html);
    var out = spec.commandLine().getOut();
    out.print(MonitorText.render(report));
    out.flush();
    return report.alert() ? 1 : 0;
  }

  private static void checkInput(Path file, String option) {
    if (!Files.exists(file)) throw new HoldoutException.BadData(file + ": file not found; check the path given to " + option);
    if (Files.isDirectory(file)) throw new HoldoutException.BadData(file + ": is a folder; " + option + " takes a .csv, .tsv, .jsonl or .parquet file");
  }
}
