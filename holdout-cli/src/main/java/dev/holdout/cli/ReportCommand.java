package dev.holdout.cli;

import dev.holdout.base.HoldoutException;
import dev.holdout.result.CompareReport;
import dev.holdout.render.HtmlReport;
import dev.holdout.render.JsonReport;
import dev.holdout.result.Report;
import static dev.holdout.cli.InputsAndOutputs.output;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code holdout report REPORT.json --html FILE}: draw a saved report again, without the data or the predictions. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {"Render a saved JSON report again, without the data or the predictions.",
        "Reads holdout.report/v1 (evaluate --json) or holdout.compare/v1 (compare --json) and writes a self-contained HTML page. "
            + "Nothing is evaluated again."},
    footer = {"", "Exit codes: 0 written, 2 bad input or usage."})
final class ReportCommand implements Callable<Integer> {
  @Mixin MakeFolders folders;

  @Parameters(index = "0", paramLabel = "REPORT", description = "The JSON report to render.")
  Path report;

  @Option(names = "--html", required = true, paramLabel = "FILE", description = "The HTML file to write.")
  Path html;

  @Override
  public Integer call() {
    InputsAndOutputs.checkOutputs(Map.of(report, "the report being read"), folders, output("--html", html));
    if (InputsAndOutputs.sameFile(report, html)) {
      throw new HoldoutException("--html " + html + " is the report being read; give the HTML its own file");
    }
    Object read = JsonReport.readAny(report);
    if (read instanceof CompareReport c) {
      HtmlReport.write(c, html);
    } else {
      HtmlReport.write((Report) read, html);
    }
    return 0;
  }
}
