package dev.holdout.cli;

import static dev.holdout.cli.InputsAndOutputs.output;

import dev.holdout.Holdout;
import dev.holdout.base.HoldoutException;
import dev.holdout.base.Progress;
import dev.holdout.evaluation.Submission;
import dev.holdout.onnx.OnnxScorer;
import dev.holdout.render.HtmlReport;
import dev.holdout.render.JsonReport;
import dev.holdout.render.JunitReport;
import dev.holdout.result.Report;
import dev.holdout.render.TerminalReport;
import dev.holdout.scoring.EndpointClient;
import dev.holdout.scoring.PredictionsWriter;
import dev.holdout.scoring.Scored;
import dev.holdout.suite.Suite;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code holdout score SUITE --model FILE | --endpoint URL}: runs what the vendor delivered over
 * the evaluation inputs, writes its predictions in the suite's format and evaluates them exactly as
 * {@code holdout evaluate} would, adding latency, throughput, errors and cost to the report.
 */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    description = {"Score the evaluation inputs with a vendor's ONNX model or HTTP endpoint, then evaluate.",
        "Runs the ONNX model in-process, or calls the HTTP JSON endpoint, over the evaluation inputs (never the labels), then "
            + "evaluates the predictions like 'holdout evaluate' and adds latency percentiles, throughput, error counts and cost "
            + "to the report."},
    footer = {"", "Exit codes: 0 accepted, 1 rejected, 3 inconclusive, 2 bad input or usage."})
final class ScoreCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin MakeFolders folders;

  @Parameters(index = "0", paramLabel = "SUITE", description = "The suite file (holdout.suite/v1 YAML); its model or endpoint section says how to feed it.")
  Path suite;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  static final class Target {
    @Option(names = "--model", paramLabel = "FILE", description = "An ONNX model file, run in-process with ONNX Runtime.")
    Path model;

    @Option(names = "--endpoint", paramLabel = "URL", description = "An HTTP JSON endpoint, called in batches (request and response as the suite's endpoint section says).")
    String endpoint;
  }

  @Option(names = "--predictions-out", paramLabel = "FILE", description = "Keep the predictions obtained, as a CSV file in the suite's format (default: a temporary file, removed).")
  Path predictionsOut;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the holdout.report/v1 JSON report (with its serving section).")
  Path json;

  @Option(names = "--junit", paramLabel = "FILE", description = "Also write JUnit XML, one test case per criterion.")
  Path junit;

  @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained HTML report with charts (opens offline).")
  Path html;

  @Option(names = {"-q", "--quiet"}, description = "Print only the verdict line.")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    Suite s = Holdout.suite(suite);
    Map<Path, String> inputs = InputsAndOutputs.suiteInputs(s);
    if (target.model != null) inputs.put(target.model, "the model file");
    InputsAndOutputs.checkOutputs(inputs, folders, output("--predictions-out", predictionsOut), output("--json", json), output("--junit", junit),
        output("--html", html));
    var err = spec.commandLine().getErr();
    Scored scored;
    String name;
    if (target.model != null) {
      name = Submission.defaultName(target.model);
      try (OnnxScorer scorer = OnnxScorer.open(target.model)) {
        scored = scorer.score(s);
      }
    } else {
      name = endpointName(target.endpoint);
      scored = new EndpointClient(s, target.endpoint).score();
    }
    if (scored.serving().rowsFailed() == scored.ids().length && scored.ids().length > 0) {
      throw new HoldoutException.BadData(target.endpoint + ": no row got a prediction; first errors: " + scored.serving().errors()
          + ". Check the URL, endpoint.request and endpoint.response in the suite");
    }
    Path tempDir = null;
    Path predictions = predictionsOut;
    if (predictions == null) {
      tempDir = Files.createTempDirectory("holdout-score");
      predictions = tempDir.resolve(name + "-predictions.csv");
    }
    try {
      PredictionsWriter.write(s, scored, predictions);
      Progress progress = quiet ? Progress.NONE : TerminalProgress.forThisTerminal(err);
      Report report = Holdout.evaluateScored(s, predictions, name, scored.serving(), progress);
      if (json != null) JsonReport.write(report, json);
      if (junit != null) JunitReport.write(report, junit);
      if (html != null) HtmlReport.write(report, html);
      var out = spec.commandLine().getOut();
      out.print(quiet ? "Verdict: " + report.verdict() + "\n" : TerminalReport.render(report));
      out.flush();
      return report.verdict().exitCode();
    } finally {
      if (tempDir != null) {
        Files.deleteIfExists(predictions);
        Files.deleteIfExists(tempDir);
      }
    }
  }

  private static String endpointName(String url) {
    try {
      String host = URI.create(url).getHost();
      return host == null ? "endpoint" : host;
    } catch (IllegalArgumentException e) {
      return "endpoint";
    }
  }
}
