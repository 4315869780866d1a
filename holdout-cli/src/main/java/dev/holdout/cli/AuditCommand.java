package dev.holdout.cli;

import static dev.holdout.cli.InputsAndOutputs.output;

import dev.holdout.base.HoldoutException;
import dev.holdout.audit.Audit;
import dev.holdout.render.AuditHtml;
import dev.holdout.render.AuditText;
import dev.holdout.render.Headline;
import dev.holdout.audit.AuditReport;
import dev.holdout.audit.AuditSettings;
import dev.holdout.metric.Task;
import dev.holdout.suite.Suite;
import dev.holdout.suite.SuiteParser;
import java.nio.file.Files;
import java.nio.file.Path;
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

/** {@code holdout audit DATA}: is the evaluation set ready, and what to fix. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {"Audit an evaluation set before anything is scored.",
        "Column profiles, ids, labels, leakage, overlap with a vendor's training data, shift, slice and time coverage; "
            + "findings by severity and a verdict, READY or NOT READY."},
    footer = {"", "Exit codes: 0 ready, 1 not ready (a blocker was found), 2 bad input or usage."})
final class AuditCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin MakeFolders folders;

  @Parameters(index = "0", paramLabel = "DATA", description = "The evaluation set (.csv, .tsv, .jsonl or .parquet).")
  Path data;

  @Option(names = "--suite", paramLabel = "SUITE", description = "A suite: the id, label, task and slices come from it.")
  Path suite;

  @Option(names = "--train", paramLabel = "TRAIN", description = "The vendor's training data, to check for overlap, shift and schema drift.")
  Path train;

  @Option(names = "--id", paramLabel = "COL", description = "The id column (without --suite).")
  String id;

  @Option(names = "--label", paramLabel = "COL", description = "The label column (without --suite).")
  String label;

  @Option(names = "--task", paramLabel = "TASK", description = "binary_classification, multiclass_classification or regression; inferred from the label if absent.")
  String task;

  @Option(names = "--time", paramLabel = "COL", description = "A date column (yyyy-MM-dd) for time coverage.")
  String time;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the holdout.audit/v1 JSON report.")
  Path json;

  @Option(names = "--html", paramLabel = "FILE", description = "Also write the audit as a self-contained HTML page.")
  Path html;

  @Override
  public Integer call() {
    if (!Files.isRegularFile(data)) {
      throw new HoldoutException.BadData(data + ": " + (Files.isDirectory(data) ? "is a folder" : "file not found") + "; give the evaluation set's file");
    }
    if (train != null && !Files.isRegularFile(train)) {
      throw new HoldoutException.BadData(train + ": " + (Files.isDirectory(train) ? "is a folder" : "file not found") + "; check the path given to --train");
    }
    Map<Path, String> inputs = new LinkedHashMap<>();
    inputs.put(data, "the evaluation set");
    inputs.put(train, "the training data (--train)");
    inputs.put(suite, "the suite file");
    InputsAndOutputs.checkOutputs(inputs, folders, output("--json", json), output("--html", html));
    AuditSettings settings;
    Headline headline = Headline.NONE;
    if (suite != null) {
      Suite s = SuiteParser.parse(suite);
      headline = new Headline(s.name(), s.problem());
      Task t = task == null ? s.task() : parseTask(task);
      settings = new AuditSettings(data, train, id == null ? s.data().id() : id, label == null ? s.data().label() : label, t,
          s.data().positive(), s.data().slices(), time, s.criteria(), s.bootstrap().confidence(), s.data().group());
    } else {
      settings = new AuditSettings(data, train, id, label, task == null ? null : parseTask(task), null, List.of(), time, List.of(), 0.95);
    }
    AuditReport report = Audit.run(settings, TerminalProgress.forThisTerminal(spec.commandLine().getErr()));
    if (json != null) AuditText.writeJson(report, json);
    if (html != null) AuditHtml.write(report, headline, html);
    var out = spec.commandLine().getOut();
    out.print(AuditText.terminal(report, headline));
    out.flush();
    return "READY".equals(report.verdict()) ? 0 : 1;
  }

  private static Task parseTask(String key) {
    Task t = Task.byKey(key).orElseThrow(() -> new HoldoutException("--task '" + key + "': unknown task; use one of " + Task.keys()));
    if (!t.supported()) throw new HoldoutException("--task '" + key + "': the audit handles binary_classification, multiclass_classification and regression");
    return t;
  }
}
