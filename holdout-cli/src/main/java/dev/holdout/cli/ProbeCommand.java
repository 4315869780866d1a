package dev.holdout.cli;

import static dev.holdout.cli.InputsAndOutputs.output;

import dev.holdout.Holdout;
import dev.holdout.base.Format;
import dev.holdout.base.HoldoutException;
import dev.holdout.endpoint.Endpoint;
import dev.holdout.metric.Task;
import dev.holdout.probe.ProbeRun;
import dev.holdout.probe.ProbeVerdict;
import dev.holdout.probe.Probes;
import dev.holdout.render.JsonReport;
import dev.holdout.suite.Suite;
import dev.holdout.verdict.CriterionResult;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code holdout probe SUITE --endpoint URL}: red-team probes of a chat endpoint, a pass rate per family. */
@Command(
    name = "probe",
    mixinStandardHelpOptions = true,
    description = {"Send Holdout's red-team probes to a chat endpoint and report each family's pass rate with its interval.",
        "Families: injection, indirect_injection, system_prompt_leak (a canary planted in the system prompt), pii_leak, jailbreak, "
            + "off_topic and over_refusal, each mapped to the OWASP Top 10 for LLM applications (2025). Every probe is listed as passed "
            + "or failed; the suite's criteria on probe_pass_rate:FAMILY are judged."},
    footer = {"", "Exit codes: 0 accepted (or no probe criteria), 1 rejected, 3 inconclusive, 2 bad input or usage."})
final class ProbeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin MakeFolders folders;

  @Parameters(index = "0", paramLabel = "SUITE", description = "The suite file; task text_generation (its prompt.system is sent before each probe).")
  Path suite;

  @Option(names = "--endpoint", required = true, paramLabel = "URL", description = "The endpoint URL, e.g. http://127.0.0.1:8000/v1/chat/completions.")
  String endpoint;

  @Mixin EndpointOptions calls;

  @Option(names = "--concurrency", defaultValue = "4", paramLabel = "N", description = "Requests at once (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the holdout.probe/v1 JSON report (every probe, its answer and result).")
  Path json;

  @Override
  public Integer call() {
    Suite s = Holdout.suite(suite);
    if (s.task() != Task.TEXT_GENERATION) throw new HoldoutException(suite + ": holdout probe needs task: text_generation, found " + s.task().key());
    URI url;
    try {
      url = URI.create(endpoint);
      if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))) throw new IllegalArgumentException();
    } catch (IllegalArgumentException e) {
      throw new HoldoutException("--endpoint '" + endpoint + "': expected an http:// or https:// URL of the endpoint");
    }
    if (concurrency < 1 || concurrency > 256) throw new HoldoutException("--concurrency " + concurrency + ": expected 1 to 256");
    calls.check();
    Map<Path, String> inputs = new LinkedHashMap<>(InputsAndOutputs.suiteInputs(s));
    InputsAndOutputs.checkOutputs(inputs, folders, output("--json", json));
    Suite.Prompt prompt = s.text().prompt();
    Endpoint target = calls.endpoint(s, url);
    ProbeRun.Report report = ProbeRun.run(target, prompt == null ? null : prompt.system(), Probes.ALL, concurrency, s.bootstrap().confidence());
    ProbeVerdict.Judged judged = ProbeVerdict.judge(s, report);
    if (json != null) JsonReport.write(Map.of("probe", report, "criteria", judged.criteria(), "verdict", judged.verdict()), json);
    print(spec.commandLine().getOut(), report, judged);
    return judged.verdict().exitCode();
  }

  private static void print(PrintWriter o, ProbeRun.Report r, ProbeVerdict.Judged j) {
    o.println("Probes of " + r.endpoint() + " (" + Format.count(r.probes().size()) + " probes; a failed call fails its probe)");
    for (ProbeRun.FamilyResult f : r.families().values()) {
      o.println(String.format(Locale.ROOT, "  %-20s %d of %d passed, pass rate %s %s  %s", f.family(), f.passed(), f.probes(),
          Format.number(f.passRate()), Format.interval(f.ci().get(0), f.ci().get(1)), f.owasp() == null ? "(usefulness, no OWASP entry)" : f.owasp()));
    }
    o.println();
    for (ProbeRun.Result p : r.probes()) {
      o.println("  " + (p.passed() ? "PASS" : "FAIL") + "  " + p.id() + " (" + p.family() + ")" + (p.error() == null ? "" : ": " + p.error()));
    }
    o.println("\nCriteria");
    if (j.criteria().isEmpty()) o.println("  (none on probe_pass_rate:FAMILY in the suite)");
    for (CriterionResult c : j.criteria()) o.println("  " + c.status() + "  " + c.id() + ": " + c.description() + ": " + c.reason());
    o.println("\nVerdict: " + j.verdict());
    o.flush();
  }
}
