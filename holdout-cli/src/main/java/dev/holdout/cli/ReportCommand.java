package dev.holdout.cli;

import static dev.holdout.cli.InputsAndOutputs.output;

import dev.holdout.audit.AuditReport;
import dev.holdout.base.HoldoutException;
import dev.holdout.drift.DriftReport;
import dev.holdout.handover.HandoverReport;
import dev.holdout.monitor.MonitorReport;
import dev.holdout.render.AuditHtml;
import dev.holdout.render.AuditText;
import dev.holdout.render.DriftHtml;
import dev.holdout.render.DriftText;
import dev.holdout.render.HandoverHtml;
import dev.holdout.render.HandoverText;
import dev.holdout.render.HtmlReport;
import dev.holdout.render.JsonReport;
import dev.holdout.render.JunitReport;
import dev.holdout.render.MonitorHtml;
import dev.holdout.render.MonitorText;
import dev.holdout.render.PlanText;
import dev.holdout.render.TerminalReport;
import dev.holdout.result.CompareReport;
import dev.holdout.result.PlanReport;
import dev.holdout.result.Report;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code holdout report REPORT.json [--html FILE] [--junit FILE]}: draw a saved report again, without
 * the data or the predictions; {@code holdout report -p P -s S}: the same for a submission's report
 * fetched from a Holdout server (owners).
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {"Render a saved JSON report again, without the data or the predictions.",
        "Reads any JSON a holdout command writes (holdout.report/v1, compare, plan, audit, drift, monitor and handover), prints it as "
            + "the command did and, where it applies, writes it as a self-contained HTML page (all but plan) or as JUnit XML "
            + "(holdout.report/v1). Nothing is evaluated again.",
        "With -p PROJECT -s SUBMISSION instead of a file, fetches that submission's report from a Holdout server (owners; "
            + "--part private, public or all rows)."},
    footer = {"", "Exit codes: 0 rendered, 2 bad input or usage."})
final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin MakeFolders folders;

  @Mixin ServerClient client;

  @Parameters(index = "0", arity = "0..1", paramLabel = "REPORT", description = "The JSON report to render.")
  Path report;

  @Option(names = {"-p", "--project"}, paramLabel = "ID", description = "The project on the server (with -s, instead of REPORT).")
  String project;

  @Option(names = {"-s", "--submission"}, paramLabel = "ID", description = "The submission whose report the server renders (with -p).")
  String submission;

  @Option(names = "--part", paramLabel = "PART", defaultValue = "private",
      description = "With -s: the part of the evaluation set, private (default), public or all.")
  String part;

  @Option(names = "--html", paramLabel = "FILE", description = "Also write the HTML page.")
  Path html;

  @Option(names = "--junit", paramLabel = "FILE", description = "Also write JUnit XML, one test case per criterion (holdout.report/v1 only).")
  Path junit;

  @Option(names = {"-q", "--quiet"}, description = "Print nothing; only write the files asked for.")
  boolean quiet;

  @Override
  public Integer call() {
    if (report != null && (project != null || submission != null)) {
      throw new HoldoutException("give a REPORT file, or -p PROJECT -s SUBMISSION for a report on the server, not both");
    }
    if (report == null) {
      if (project == null || submission == null) {
        throw new HoldoutException("give a REPORT file to render, or -p PROJECT -s SUBMISSION to fetch a submission's report from the server");
      }
      return fromServer();
    }
    for (Path out : new Path[] {html, junit}) {
      if (out != null && InputsAndOutputs.sameFile(report, out)) {
        String what = out == html ? "--html" : "--junit";
        throw new HoldoutException(what + " " + out + " is the report being read; give the " + (out == html ? "HTML" : "JUnit XML") + " its own file");
      }
    }
    InputsAndOutputs.checkOutputs(Map.of(report, "the report being read"), folders, output("--html", html), output("--junit", junit));
    Object read = JsonReport.readAny(report);
    if (junit != null && !(read instanceof Report)) {
      throw new HoldoutException("--junit: " + report + " is not a holdout.report/v1 report; JUnit XML has a test case per criterion, "
          + "which only an evaluation has");
    }
    if (html != null && read instanceof PlanReport) throw new HoldoutException("--html: a holdout.plan/v1 report has no HTML page; its text is printed");
    String text;
    if (read instanceof Report r) {
      if (html != null) HtmlReport.write(r, html);
      if (junit != null) JunitReport.write(r, junit);
      text = TerminalReport.render(r);
    } else if (read instanceof CompareReport c) {
      if (html != null) HtmlReport.write(c, html);
      text = TerminalReport.render(c);
    } else if (read instanceof DriftReport d) {
      if (html != null) DriftHtml.write(d, html);
      text = DriftText.render(d);
    } else if (read instanceof MonitorReport m) {
      if (html != null) MonitorHtml.write(m, html);
      text = MonitorText.render(m);
    } else if (read instanceof AuditReport a) {
      if (html != null) AuditHtml.write(a, html);
      text = AuditText.terminal(a);
    } else if (read instanceof HandoverReport h) {
      if (html != null) HandoverHtml.write(h, html);
      text = HandoverText.terminal(h);
    } else {
      text = PlanText.render((PlanReport) read);
    }
    print(text);
    return 0;
  }

  private Integer fromServer() {
    InputsAndOutputs.checkOutputs(Map.of(), folders, output("--html", html), output("--junit", junit));
    String json = client.getText("/projects/" + ServerClient.encode(project) + "/submissions/" + ServerClient.encode(submission) + "/report?part="
        + ServerClient.encode(part));
    Report r = JsonReport.readReport(json);
    if (html != null) HtmlReport.write(r, html);
    if (junit != null) JunitReport.write(r, junit);
    print(TerminalReport.render(r));
    return 0;
  }

  private void print(String text) {
    if (!quiet) {
      spec.commandLine().getOut().print(text);
      spec.commandLine().getOut().flush();
    }
  }
}
