package dev.holdout.cli;

import static dev.holdout.cli.InputsAndOutputs.output;

import dev.holdout.Holdout;
import dev.holdout.base.HoldoutException;
import dev.holdout.result.CompareReport;
import dev.holdout.render.EngagementSection;
import dev.holdout.render.HtmlReport;
import dev.holdout.render.JsonReport;
import dev.holdout.render.TerminalReport;
import dev.holdout.suite.Suite;
import dev.holdout.verdict.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code holdout compare SUITE --predictions a.csv --predictions b.csv ...}: rank submissions and test
 * every gap; {@code holdout compare -p PROJECT S1 S2 ...}: the same for submissions on a Holdout
 * server, compared there on the hidden rows (owners). Submission ids (s_...) in place of the suite
 * choose the server.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {"Rank several submissions on the same suite and test every gap between them.",
        "Ranks by the primary metric, with intervals, gives the paired difference and the paired test of every pair (DeLong for "
            + "roc_auc, McNemar for accuracy, the paired bootstrap otherwise), and groups the submissions into tiers that cannot "
            + "be told apart.",
        "On a Holdout server (owners): holdout compare -p PROJECT S1 S2 [S3 S4], with two to four submission ids, compares them on "
            + "the private part (--part public or all for the others)."},
    footer = {"", "Exit codes: 0 at least one submission is accepted, 1 none is (3 when the best-ranked one is inconclusive), "
        + "2 bad input or usage."})
final class CompareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin MakeFolders folders;

  @Mixin ServerClient client;

  @Parameters(paramLabel = "SUITE", arity = "1..*",
      description = "The suite file (holdout.suite/v1 YAML); or, on a server, the ids of two to four submissions (s_...).")
  List<String> positional;

  @Option(names = {"-p", "--predictions"}, required = true, paramLabel = "FILE",
      description = "A submission's predictions file; give two or more. On a server: the project id, once.")
  List<Path> predictions;

  @Option(names = "--part", paramLabel = "PART", defaultValue = "private",
      description = "On a server: the part of the evaluation set, private (default), public or all.")
  String part;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the holdout.compare/v1 JSON report.")
  Path json;

  @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained HTML comparison with charts (opens offline).")
  Path html;

  @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "local",
      description = "local (default): this process; spark: Apache Spark, for data that outgrows one machine (binary, multiclass "
          + "and regression suites; the same report; --predictions may then be Hadoop URLs such as hdfs://...).")
  EvaluateCommand.Engine engine;

  @Option(names = "--master", paramLabel = "URL", defaultValue = "local[*]",
      description = "With --engine spark: the Spark master (default local[*]: every core of this machine; spark://HOST:PORT for a cluster).")
  String master;

  @Override
  public Integer call() {
    boolean spark = engine == EvaluateCommand.Engine.spark;
    if (positional.stream().allMatch(a -> a.startsWith("s_"))) {
      if (spark) throw new HoldoutException("--engine spark compares predictions files against a suite; a server compares its submissions itself");
      return onServer();
    }
    if (positional.size() > 1) {
      throw new HoldoutException("compare takes one SUITE and two or more -p predictions files, or -p PROJECT and two to four submission ids "
          + "(s_...) on a server; found " + positional.size() + " arguments");
    }
    Path suite = Path.of(positional.get(0));
    if (predictions.size() < 2) {
      throw new HoldoutException("compare needs at least two --predictions files; for one, use 'holdout evaluate'");
    }
    Suite s = Holdout.suite(suite);
    // a Hadoop URL keeps its "//" only as given, not as a Path
    List<String> locations = spec.commandLine().getParseResult().matchedOption("--predictions").stringValues();
    for (int i = 0; i < predictions.size(); i++) {
      if (!(spark && locations.get(i).contains("://"))) InputsAndOutputs.checkPredictions(predictions.get(i));
    }
    for (int i = 0; i < predictions.size(); i++) {
      for (int k = 0; k < i; k++) {
        boolean same = spark && (locations.get(k).contains("://") || locations.get(i).contains("://"))
            ? locations.get(k).equals(locations.get(i)) : InputsAndOutputs.sameFile(predictions.get(k), predictions.get(i));
        if (same) {
          throw new HoldoutException("--predictions: " + predictions.get(i) + " is the same file as " + predictions.get(k)
              + "; compare needs two or more different submissions");
        }
      }
    }
    Map<Path, String> inputs = InputsAndOutputs.suiteInputs(s);
    for (Path p : predictions) inputs.put(p, "a predictions file");
    InputsAndOutputs.checkOutputs(inputs, folders, output("--json", json), output("--html", html));
    Engagements engagement = Engagements.of(s);
    List<String> where = new ArrayList<>();
    for (int i = 0; i < predictions.size(); i++) {
      where.add(locations.get(i).contains("://") ? locations.get(i) : predictions.get(i).toString());
    }
    CompareReport report = spark ? SparkEngine.compare(s, where, master)
        : Holdout.compare(s, predictions, TerminalProgress.forThisTerminal(spec.commandLine().getErr()));
    // the engagement's figures first: a malformed scorecard is refused before any file is written
    EngagementSection money = engagement.section(report);
    Map<String, Object> extra = engagement.json(money);
    String engagementText = engagement.text(money);
    if (json != null) JsonReport.write(report, extra, json);
    if (html != null) HtmlReport.write(report, money, html);
    spec.commandLine().getOut().print(TerminalReport.render(report) + engagementText);
    spec.commandLine().getOut().flush();
    return exitCode(report);
  }

  private Integer onServer() {
    if (predictions.size() != 1) {
      throw new HoldoutException("with submission ids, -p is the project: give it once (found " + predictions.size() + ")");
    }
    if (positional.size() < 2 || positional.size() > 4) {
      throw new HoldoutException("compare two to four submissions on a server (found " + positional.size() + ")");
    }
    InputsAndOutputs.checkOutputs(Map.of(), folders, output("--json", json), output("--html", html));
    StringBuilder q = new StringBuilder("/projects/" + ServerClient.encode(predictions.get(0).toString()) + "/compare?part=" + ServerClient.encode(part));
    for (String s : positional) q.append("&submission=").append(ServerClient.encode(s));
    CompareReport report = JsonReport.readCompare(client.getText(q.toString()));
    if (json != null) JsonReport.write(report, json);
    if (html != null) HtmlReport.write(report, html);
    spec.commandLine().getOut().print(TerminalReport.render(report));
    spec.commandLine().getOut().flush();
    return exitCode(report);
  }

  /**
   * 0 when any submission is ACCEPTED; otherwise 3 when the best-ranked one is INCONCLUSIVE (more
   * labeled rows might accept it), else 1.
   */
  static int exitCode(CompareReport report) {
    if (report.ranking().stream().anyMatch(r -> r.verdict() == Verdict.ACCEPTED)) return 0;
    return !report.ranking().isEmpty() && report.ranking().get(0).verdict() == Verdict.INCONCLUSIVE ? 3 : 1;
  }
}
