package dev.holdout.cli;

import dev.holdout.base.Format;
import static dev.holdout.cli.InputsAndOutputs.output;

import dev.holdout.Holdout;
import dev.holdout.base.HoldoutException;
import dev.holdout.evaluation.FileEvaluation;
import dev.holdout.evaluation.SideBySideRows;
import dev.holdout.evaluation.Judging;
import dev.holdout.base.Progress;
import dev.holdout.evaluation.Submission;
import dev.holdout.endpoint.ChatEndpoint;
import dev.holdout.endpoint.Endpoint;
import dev.holdout.scoring.Harness;
import dev.holdout.endpoint.TemplateEndpoint;
import dev.holdout.metric.Task;
import dev.holdout.render.AnswersPage;
import dev.holdout.render.HtmlReport;
import dev.holdout.render.JsonReport;
import dev.holdout.render.JunitReport;
import dev.holdout.result.CompareReport;
import dev.holdout.result.Report;
import dev.holdout.render.TerminalReport;
import dev.holdout.suite.Suite;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

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

/** {@code holdout run SUITE --endpoint URL}: asks the vendor's chat endpoint every question, then evaluates the answers. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {"Ask a chat endpoint every question of a text_generation suite, then evaluate the answers.",
        "Sends every row, through the suite's prompt template, to an OpenAI-compatible chat completions endpoint (or, with "
            + "prompt.request and prompt.response in the suite, any JSON endpoint), writes the answers, then evaluates them like "
            + "holdout evaluate. Answers are cached by endpoint URL and request body, so a re-run sends only what failed or changed."},
    footer = {"", "Exit codes: 0 accepted, 1 rejected, 3 inconclusive, 2 bad input or usage."})
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin MakeFolders folders;

  @Parameters(index = "0", paramLabel = "SUITE", description = "The suite file; task text_generation with a 'prompt' section.")
  Path suite;

  @Option(names = "--endpoint", required = true, paramLabel = "URL",
      description = {"The endpoint URL, e.g. http://127.0.0.1:8000/v1/chat/completions.",
          "Give NAME=URL more than once to ask several systems the same rows and compare them as holdout compare does."})
  List<String> endpoints;

  @Option(names = "--model", paramLabel = "NAME", description = "The model name to send (default: prompt.model in the suite).")
  String model;

  @Option(names = "--api-key-env", paramLabel = "VAR", defaultValue = "OPENAI_API_KEY",
      description = "Environment variable with the API key, sent as a Bearer token when set (default: ${DEFAULT-VALUE}).")
  String apiKeyEnv;

  @Option(names = "--out-dir", paramLabel = "DIR", defaultValue = "holdout-out",
      description = "The working folder for the answers and the cache, made if missing (default: ${DEFAULT-VALUE} in the current folder).")
  Path outDir;

  @Option(names = "--answers", paramLabel = "FILE", description = "Where to write the answers (default: answers.csv in --out-dir).")
  Path answers;

  @Option(names = "--cache", paramLabel = "DIR", description = "The answer cache (default: .holdout-cache in --out-dir).")
  Path cache;

  @Option(names = "--concurrency", defaultValue = "8", paramLabel = "N", description = "Requests at once (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--timeout", defaultValue = "60", paramLabel = "SECONDS", description = "Per-request timeout (default: ${DEFAULT-VALUE}).")
  double timeout;

  @Option(names = "--retries", defaultValue = "3", paramLabel = "N", description = "Retries after a timeout, HTTP 429 or 5xx (default: ${DEFAULT-VALUE}).")
  int retries;

  @Option(names = "--backoff-ms", defaultValue = "500", paramLabel = "MS", description = "First wait before a retry, doubled each time (default: ${DEFAULT-VALUE}).")
  long backoffMs;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the holdout.report/v1 JSON report.")
  Path json;

  @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained HTML report with charts (opens offline).")
  Path html;

  @Option(names = "--junit", paramLabel = "FILE", description = "Also write JUnit XML, one test case per criterion (and, with --per-row, one per row).")
  Path junit;

  @Option(names = "--per-row", paramLabel = "FILE", description = "Also write each answer's metric values as CSV, as holdout evaluate does.")
  Path perRow;

  @Option(names = "--repeat", defaultValue = "1", paramLabel = "N",
      description = "Ask every row N times independently; metrics are averaged per row, and consistency is the share of rows whose answers agree (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(names = "--human-grades", paramLabel = "FILE",
      description = "With a 'judge' section: grades a person gave (CSV of the row id and 'grade'), compared with the judge's (Cohen's kappa).")
  Path humanGrades;

  @Option(names = "--judgements", paramLabel = "FILE",
      description = "With a 'judge' section: where to write every grade and reason as JSON Lines (default: beside the answers).")
  Path judgements;

  @Override
  public Integer call() {
    Suite s = Holdout.suite(suite);
    if (s.task() != Task.TEXT_GENERATION) throw new HoldoutException(suite + ": holdout run needs task: text_generation, found " + s.task().key());
    Map<String, URI> targets = targets(endpoints);
    if (concurrency < 1 || concurrency > 256) throw new HoldoutException("--concurrency " + concurrency + ": expected 1 to 256");
    if (repeat < 1 || repeat > 100) throw new HoldoutException("--repeat " + repeat + ": expected 1 to 100 asks per row");
    if (!(timeout > 0)) throw new HoldoutException("--timeout " + timeout + ": expected seconds above 0");
    boolean several = targets.size() > 1;
    if (several && (answers != null || junit != null || perRow != null || judgements != null || humanGrades != null)) {
      throw new HoldoutException("with several --endpoint NAME=URL, each system's answers go to NAME.csv in --out-dir and the run is compared as "
          + "holdout compare does; --answers, --junit, --per-row, --judgements and --human-grades are for one endpoint");
    }
    // The suite's folder is the buyer's (often under version control); answers and cache go to a working folder.
    List<Path> outs = new ArrayList<>();
    for (String name : targets.keySet()) outs.add(several ? outDir.resolve(name + ".csv") : answers != null ? answers : outDir.resolve("answers.csv"));
    Map<Path, String> inputs = InputsAndOutputs.suiteInputs(s);
    inputs.put(humanGrades, "the human grades file");
    if (answers == null || cache == null) InputsAndOutputs.makeWorkFolder(outDir, "--out-dir");
    List<InputsAndOutputs.Output> checks = new ArrayList<>(List.of(output("--json", json), output("--html", html), output("--junit", junit),
        output("--per-row", perRow), output("--judgements", judgements)));
    for (Path p : outs) checks.add(output("--answers", p));
    InputsAndOutputs.checkOutputs(inputs, folders, checks.toArray(new InputsAndOutputs.Output[0]));
    Judging.apiKey(s, System::getenv);
    if (judgements != null && !Judging.judged(s)) {
      throw new HoldoutException("--judgements writes the judge's grades, but " + suite + " has no 'judge' section; remove the option or add a judge");
    }
    if (humanGrades != null && !Judging.judged(s)) {
      throw new HoldoutException("--human-grades compares human grades with the judge's, but " + suite + " has no 'judge' section");
    }
    Path cacheDir = cache != null ? cache : outDir.resolve(".holdout-cache");
    var o = spec.commandLine().getOut();
    List<Harness.Summary> sums = new ArrayList<>();
    List<Endpoint> asked = new ArrayList<>();
    int k = 0;
    for (URI url : targets.values()) {
      Endpoint target = endpoint(s, url);
      Harness.Summary sum = Harness.run(s, target, concurrency, cacheDir, outs.get(k), TerminalProgress.forThisTerminal(spec.commandLine().getErr()), repeat);
      summary(o, url, sum, outs.get(k++));
      sums.add(sum);
      asked.add(target);
    }
    if (several) {
      CompareReport report = Holdout.compare(s, outs, Progress.NONE);
      if (json != null) JsonReport.write(report, json);
      if (html != null) HtmlReport.write(report, html);
      Path sideBySide = outDir.resolve("answers.html");
      AnswersPage.write(SideBySideRows.of(s, List.copyOf(targets.keySet()), outs), sideBySide);
      o.println("Answers side by side: " + sideBySide + "\n");
      o.print(TerminalReport.render(report));
      o.flush();
      return CompareCommand.exitCode(report);
    }
    Path out = outs.get(0);
    URI url = targets.values().iterator().next();
    FileEvaluation.Checked checked = FileEvaluation.scored(s, out, Submission.defaultName(out),
        sums.get(0).serving(asked.get(0).kind(), Endpoint.shown(url), concurrency, s.text().prompt()), Progress.NONE,
        new Judging.Options(cacheDir.resolve("judge"), judgements, humanGrades, System::getenv), perRow);
    Report report = checked.report();
    if (json != null) JsonReport.write(report, json);
    if (html != null) HtmlReport.write(report, html);
    if (junit != null) JunitReport.write(report, perRow == null ? List.of() : checked.rows(), junit);
    o.print(TerminalReport.render(report));
    o.flush();
    return report.verdict().exitCode();
  }

  /** The endpoints by name: one URL (named "answers"), or NAME=URL each, names unique. */
  private static Map<String, URI> targets(List<String> given) {
    Map<String, URI> out = new LinkedHashMap<>();
    for (String e : given) {
      int eq = e.indexOf('=');
      boolean named = eq > 0 && !e.substring(0, eq).contains(":");
      if (given.size() > 1 && !named) {
        throw new HoldoutException("--endpoint '" + e + "': with several endpoints name each, e.g. --endpoint vendor-a=http://127.0.0.1:8000/v1/chat/completions");
      }
      String name = named ? e.substring(0, eq) : "answers";
      if (!name.matches("[A-Za-z0-9_.-]+")) throw new HoldoutException("--endpoint '" + e + "': a name is letters, digits, '_', '.' or '-'");
      String raw = named ? e.substring(eq + 1) : e;
      URI url;
      try {
        url = URI.create(raw);
        if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))) throw new IllegalArgumentException();
      } catch (IllegalArgumentException x) {
        throw new HoldoutException("--endpoint '" + e + "': expected an http:// or https:// URL of the endpoint");
      }
      if (out.put(name, url) != null) throw new HoldoutException("--endpoint: the name '" + name + "' is given twice; give each system its own");
    }
    return out;
  }

  private Endpoint endpoint(Suite s, URI url) {
    String key = System.getenv(apiKeyEnv);
    String modelName = model != null ? model : s.text().prompt() == null ? null : s.text().prompt().model();
    Endpoint.Settings settings = new Endpoint.Settings(url, modelName, key == null || key.isBlank() ? null : key,
        Duration.ofMillis(Math.round(timeout * 1000)), Math.max(0, retries), Duration.ofMillis(Math.max(0, backoffMs)));
    Suite.Prompt prompt = s.text().prompt();
    return prompt != null && prompt.request() != null ? new TemplateEndpoint(settings, prompt.request()) : new ChatEndpoint(settings);
  }

  private void summary(PrintWriter o, URI url, Harness.Summary sum, Path out) {
    o.println("Endpoint " + url + ": " + Format.count(sum.rows()) + " rows" + (repeat == 1 ? "" : " asked " + repeat + " times each") + ", "
        + Format.count(sum.requests()) + " requests, " + Format.count(sum.cached())
        + " answers from the cache, " + Format.count(sum.errors()) + " errors (error rate " + Format.number(sum.errorRate()) + ")"
        + (Double.isNaN(sum.latencyP95()) ? "" : "; latency p50 " + Format.millis(sum.latencyP50()) + ", p95 " + Format.millis(sum.latencyP95())));
    if (sum.promptTokens() + sum.completionTokens() > 0) {
      o.println("Tokens: " + Format.count(sum.promptTokens()) + " prompt, " + Format.count(sum.completionTokens()) + " completion");
    }
    for (String e : sum.errorExamples()) o.println("  error " + e);
    o.println("Answers written to " + out + "\n");
  }
}
