package dev.holdout.cli;

import static dev.holdout.cli.InputsAndOutputs.output;

import dev.holdout.render.HandoverHtml;
import dev.holdout.render.Headline;
import dev.holdout.suite.Suite;
import dev.holdout.suite.SuiteParser;
import dev.holdout.render.HandoverText;
import dev.holdout.handover.Archives;
import dev.holdout.handover.HandoverReport;
import dev.holdout.handover.HandoverVerifier;
import dev.holdout.onnx.OnnxScorer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code holdout handover}: checks on what a vendor hands over; {@code verify} is the one there is. */
@Command(
    name = "handover",
    mixinStandardHelpOptions = true,
    description = "Check a vendor's handover bundle before signing it off.",
    subcommands = {HandoverCommand.Verify.class})
final class HandoverCommand {

  /** {@code holdout handover verify BUNDLE_DIR}: every check of docs/handover.md, PASS / WARN / FAIL, and COMPLETE or INCOMPLETE. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {"Verify a handover bundle against its handover.yaml.",
          "Files and sha256, open and safe weight formats, reproducibility (the delivered ONNX model on the delivered evaluation "
              + "set, the claimed metrics), licences and the model card. Nothing outside the bundle folder is read."},
      footer = {"", "Exit codes: 0 complete, 1 incomplete, 2 bad input or usage."})
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin MakeFolders folders;

    @Parameters(index = "0", paramLabel = "BUNDLE_DIR", description = "The folder the vendor handed over, holding handover.yaml.")
    Path bundle;

    @Option(names = "--suite", paramLabel = "SUITE", description = "The buyer's suite for this model: its name and problem head the report.")
    Path suite;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the holdout.handover/v1 JSON report.")
    Path json;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained HTML report.")
    Path html;

    @Override
    public Integer call() {
      InputsAndOutputs.checkOutputs(Map.of(), folders, output("--json", json), output("--html", html));
      InputsAndOutputs.checkNotInBundle(json, "--json", bundle);
      InputsAndOutputs.checkNotInBundle(html, "--html", bundle);
      Suite s = suite == null ? null : SuiteParser.parse(suite);
      Headline headline = s == null ? Headline.NONE : new Headline(s.name(), s.problem());
      HandoverReport report = HandoverVerifier.verify(bundle, (suite, model) -> {
        try (OnnxScorer scorer = OnnxScorer.open(model)) {
          return scorer.score(suite);
        }
      }, Archives.Limits.DEFAULT, TerminalProgress.forThisTerminal(spec.commandLine().getErr()));
      if (json != null) HandoverText.writeJson(report, json);
      if (html != null) HandoverHtml.write(report, headline, html);
      var out = spec.commandLine().getOut();
      out.print(HandoverText.terminal(report, headline));
      out.flush();
      return report.verdict().exitCode();
    }
  }
}
