package dev.holdout.cli;

import static dev.holdout.cli.InputsAndOutputs.output;

import dev.holdout.Holdout;
import dev.holdout.base.AtomicFiles;
import dev.holdout.base.Format;
import dev.holdout.engagement.Annex;
import dev.holdout.engagement.AnnexBuilder;
import dev.holdout.engagement.EvidenceFolder;
import dev.holdout.engagement.SuiteEngagement;
import dev.holdout.render.AnnexPage;
import dev.holdout.suite.Suite;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code holdout contract SUITE}: the acceptance annex a buyer and a vendor sign, and its fingerprint. */
@Command(
    name = "contract",
    mixinStandardHelpOptions = true,
    description = {"Write the acceptance annex of a suite, in words both parties sign.",
        "Each criterion in plain words and how it is decided, the evaluation set's rows and sha256, the handover manifest template, the "
            + "monitoring and retraining duties, data ownership and return, and the price; prints the annex's sha256 (of its Markdown) to "
            + "put in the suite as framing.annex. Without --md or --html the Markdown goes to the terminal."},
    footer = {"", "Exit codes: 0 written, 2 bad input or usage (also: --pdf without Chromium)."})
final class ContractCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin MakeFolders folders;

  @Parameters(index = "0", paramLabel = "SUITE", description = "The suite file (holdout.suite/v1 YAML).")
  Path suite;

  @Option(names = "--md", paramLabel = "FILE", description = "Write the annex as Markdown (the text the fingerprint is of).")
  Path md;

  @Option(names = "--html", paramLabel = "FILE", description = "Write the annex as a self-contained HTML page (prints cleanly).")
  Path html;

  @Option(names = "--pdf", paramLabel = "FILE", description = "Write the annex as PDF, printed by a headless Chromium when one is installed.")
  Path pdf;

  @Override
  public Integer call() {
    Suite s = Holdout.suite(suite);
    SuiteEngagement sections = SuiteEngagement.of(s.file());
    InputsAndOutputs.checkOutputs(InputsAndOutputs.suiteInputs(s), folders, output("--md", md), output("--html", html), output("--pdf", pdf));
    Annex annex = AnnexBuilder.build(s);
    String text = AnnexPage.markdown(annex);
    String sha = EvidenceFolder.sha256(text);
    if (md != null) AtomicFiles.write(md, w -> w.write(text));
    if (pdf != null) PdfPrinter.print(AnnexPage.html(annex, sha), pdf);
    if (html != null) AnnexPage.writeHtml(annex, sha, html);
    PrintWriter o = spec.commandLine().getOut();
    if (md == null && html == null && pdf == null) {
      o.print(text);
    } else {
      o.println("Acceptance annex of " + s.name() + ": " + annex.criteria().size() + " criteria, " + annex.evalSet().file() + " with "
          + Format.count(annex.evalSet().rows()) + " rows");
      if (md != null) o.println("  wrote " + md);
      if (html != null) o.println("  wrote " + html);
      if (pdf != null) o.println("  wrote " + pdf);
    }
    o.println("Annex sha256: " + sha);
    String declared = sections.framing().annex();
    if (declared == null) o.println("Once signed, put it in the suite (framing: {annex: " + sha + "}) so each verdict names the annex it was judged under.");
    else if (declared.equals(sha)) o.println("The suite names this annex (framing.annex).");
    else o.println("WARNING: the suite names annex " + declared + ": the criteria or the evaluation set changed since it was signed.");
    o.flush();
    return 0;
  }
}
