package dev.holdout.cli;

import static dev.holdout.cli.InputsAndOutputs.output;

import dev.holdout.Holdout;
import dev.holdout.base.HoldoutException;
import dev.holdout.evaluation.Judging;
import dev.holdout.base.Progress;
import dev.holdout.render.HtmlReport;
import dev.holdout.render.JsonReport;
import dev.holdout.render.JunitReport;
import dev.holdout.result.Report;
import dev.holdout.render.TerminalReport;
import dev.holdout.suite.Suite;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;

/** {@code holdout evaluate SUITE --predictions FILE}: one submission, its report and verdict. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {"Evaluate a vendor's predictions against a suite.",
        "Metrics with confidence intervals, each criterion PASS / FAIL / INCONCLUSIVE, the lift over the baseline and the verdict."},
    footer = {"", "Exit codes: 0 accepted, 1 rejected, 3 inconclusive, 2 bad input or usage."})
final class EvaluateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin MakeFolders folders;

  @Parameters(index = "0", paramLabel = "SUITE", description = "The suite file (holdout.suite/v1 YAML).")
  Path suite;

  @Option(names = {"-p", "--predictions"}, required = true, paramLabel = "FILE",
      description = "The submission: a .csv, .tsv, .jsonl or .parquet file of predictions by id.")
  Path predictions;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the holdout.report/v1 JSON report.")
  Path json;

  @Option(names = "--junit", paramLabel = "FILE", description = "Also write JUnit XML, one test case per criterion.")
  Path junit;

  @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained HTML report with charts (opens offline).")
  Path html;

  @Option(names = "--per-row", paramLabel = "FILE",
      description = "Also write each query's or answer's metric values as CSV (retrieval and text_generation suites).")
  Path perRow;

  @Option(names = "--human-grades", paramLabel = "FILE",
      description = "Grades a person gave (CSV of the row id and 'grade' on the judge's scale): the report gives Cohen's kappa "
          + "between them and the judge. Suites with a 'judge' section only.")
  Path humanGrades;

  @Option(names = "--judgements", paramLabel = "FILE",
      description = "Where to write every judge grade and reason as JSON Lines (default: NAME.judgements.jsonl beside the predictions).")
  Path judgements;

  @Option(names = "--judge-cache", paramLabel = "DIR", description = "The judge's cache (default: .holdout-cache/judge beside the suite).")
  Path judgeCache;

  @Option(names = {"-q", "--quiet"}, description = "Print only the verdict line.")
  boolean quiet;

  /** Where the evaluation runs. */
  enum Engine { local, spark }

  @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "local",
      description = "local (default): this process; spark: Apache Spark, for data that outgrows one machine "
          + "(binary, multiclass and regression suites; --predictions may then be a Hadoop URL such as hdfs://...).")
  Engine engine;

  @Option(names = "--master", paramLabel = "URL", defaultValue = "local[*]",
      description = "With --engine spark: the Spark master (default local[*]: every core of this machine; spark://HOST:PORT for a cluster).")
  String master;

  @Override
  public Integer call() {
    Suite s = Holdout.suite(suite);
    // a Hadoop URL keeps its "//" only as given, not as a Path
    String location = spec.commandLine().getParseResult().matchedOption("--predictions").stringValues().get(0);
    boolean url = engine == Engine.spark && location.contains("://");
    if (!url) InputsAndOutputs.checkPredictions(predictions);
    if (engine == Engine.spark && (perRow != null || humanGrades != null || judgements != null)) {
      throw new HoldoutException("--engine spark evaluates predictions files only: leave out --per-row, --human-grades and --judgements");
    }
    if (judgements != null && !Judging.judged(s)) {
      throw new HoldoutException("--judgements writes the judge's grades, but " + suite + " has no 'judge' section; remove the option or add a judge");
    }
    Map<Path, String> inputs = InputsAndOutputs.suiteInputs(s);
    inputs.put(predictions, "the predictions file");
    inputs.put(humanGrades, "the human grades file");
    InputsAndOutputs.checkOutputs(inputs, folders, output("--json", json), output("--junit", junit), output("--html", html),
        output("--per-row", perRow), output("--judgements", judgements));
    Engagements engagement = Engagements.of(s);
    Progress progress = quiet ? Progress.NONE : TerminalProgress.forThisTerminal(spec.commandLine().getErr());
    Report report = engine == Engine.spark ? SparkEngine.evaluate(s, url ? location : predictions.toString(), master)
        : Holdout.evaluate(s, predictions, progress, perRow, new Judging.Options(judgeCache, judgements, humanGrades, System::getenv));
    // the engagement's figures first: a malformed scorecard is refused before any file is written
    Map<String, Object> extra = engagement.json(report);
    String engagementText = quiet ? "" : engagement.text(report);
    if (json != null) JsonReport.write(report, extra, json);
    if (junit != null) JunitReport.write(report, junit);
    if (html != null) HtmlReport.write(report, engagement.section(report), html);
    var out = spec.commandLine().getOut();
    out.print(quiet ? "Verdict: " + report.verdict() + "\n" : TerminalReport.render(report) + engagementText);
    out.flush();
    return report.verdict().exitCode();
  }
}
