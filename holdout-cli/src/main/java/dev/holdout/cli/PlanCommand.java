package dev.holdout.cli;

import static dev.holdout.cli.InputsAndOutputs.output;

import dev.holdout.Holdout;
import dev.holdout.plan.Planner;
import dev.holdout.render.JsonReport;
import dev.holdout.render.PlanText;
import dev.holdout.result.PlanReport;
import dev.holdout.suite.Suite;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code holdout plan SUITE --expect roc_auc=0.85}: how many labeled rows the evaluation set needs. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {"Say how many labeled rows the evaluation set needs for each criterion to be decided.",
        "How many labeled rows (or groups, with data.group) make each criterion come out PASS or FAIL in a given share of "
            + "evaluations when a metric's true value is the one you expect; by simulation with the suite's own bootstrap and criteria."},
    footer = {"", "Exit codes: 0 done, 2 bad input or usage."})
final class PlanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin MakeFolders folders;

  @Parameters(index = "0", paramLabel = "SUITE", description = "The suite file (holdout.suite/v1 YAML).")
  Path suite;

  @Option(names = "--expect", required = true, paramLabel = "METRIC=VALUE",
      description = "The value you expect a metric to have, e.g. roc_auc=0.85; once per metric.")
  Map<String, Double> expect = new LinkedHashMap<>();

  @Option(names = "--power", paramLabel = "SHARE", defaultValue = "0.8",
      description = "The share of evaluations that should decide each criterion (default 0.8).")
  double power;

  @Option(names = "--simulations", paramLabel = "N", defaultValue = "200",
      description = "Simulated evaluations per size tried (default 200; a quarter of them while doubling).")
  int simulations;

  @Option(names = "--positive-rate", paramLabel = "SHARE",
      description = "Binary suites: the share of positive rows to plan for (default: the evaluation set's, or 0.5 without one).")
  Double positiveRate;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "7", description = "The simulations' seed (default 7).")
  long seed;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the holdout.plan/v1 JSON.")
  Path json;

  @Override
  public Integer call() {
    Suite s = Holdout.suite(suite);
    Map<Path, String> inputs = InputsAndOutputs.suiteInputs(s);
    InputsAndOutputs.checkOutputs(inputs, folders, output("--json", json));
    Planner.Options options = new Planner.Options(power, simulations, seed, positiveRate);
    PlanReport report = Planner.plan(s, expect, options, TerminalProgress.forThisTerminal(spec.commandLine().getErr()));
    if (json != null) JsonReport.write(report, json);
    spec.commandLine().getOut().print(PlanText.render(report));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
