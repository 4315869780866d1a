package dev.holdout.cli;

import dev.holdout.base.AtomicFiles;
import dev.holdout.base.HoldoutException;
import dev.holdout.engagement.Framing;
import dev.holdout.engagement.SuiteSkeleton;
import dev.holdout.metric.Task;
import dev.holdout.suite.SuiteParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code holdout init}: the framing questions before anyone builds a model, and a suite skeleton that
 * records the answers. Asks on a terminal for what the flags did not give; from a script, the flags
 * are the answers.
 */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {"Frame the problem and write a suite skeleton.",
        "Asks the framing questions (the problem in one sentence, the task, the decision, the KPI, the cost of a wrong answer, whether "
            + "outcome labels exist, who owns the model after launch), or reads them from the flags, writes a suite for the task with a "
            + "'framing' section, and says plainly when the answers point away from ML."},
    footer = {"", "Exit codes: 0 the suite was written, 2 bad input or usage (no one-sentence problem, the file exists)."})
final class InitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin MakeFolders folders;

  @Option(names = "--problem", paramLabel = "SENTENCE", description = "The problem in one sentence: the decision, and what it should achieve.")
  String problem;

  @Option(names = "--task", paramLabel = "TASK", description = "binary_classification (default), multiclass_classification, regression, "
      + "retrieval or text_generation.")
  String task;

  @Option(names = "--decision", paramLabel = "TEXT", description = "The decision the model feeds, and how often it is made.")
  String decision;

  @Option(names = "--kpi", paramLabel = "TEXT", description = "The KPI the model should move.")
  String kpi;

  @Option(names = "--error-cost", paramLabel = "TEXT", description = "What one wrong answer costs: an amount, or 'unbounded'.")
  String errorCost;

  @Option(names = "--labels", paramLabel = "yes|no", description = "Whether outcome-labeled data exists (the real outcome of past decisions).")
  String labels;

  @Option(names = "--owner", paramLabel = "TEAM", description = "Who owns the model after launch ('none' if nobody yet).")
  String owner;

  @Option(names = "--name", paramLabel = "NAME", description = "The suite's name (default: from the output's folder).")
  String name;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "The suite file to write (default: suite.yaml); never overwritten.")
  Path out = Path.of("suite.yaml");

  @Override
  public Integer call() throws IOException {
    PrintWriter o = spec.commandLine().getOut();
    if (System.console() != null) ask(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), o);
    String sentence = SuiteSkeleton.checkProblem(problem);
    Task t = task == null ? Task.BINARY_CLASSIFICATION : Task.byKey(task).orElseThrow(() -> new HoldoutException(
        "--task '" + task + "': unknown task (tasks: " + String.join(", ", Task.keys()) + ")"));
    if (Files.exists(out)) throw new HoldoutException("--out " + out + ": already exists; give another file, so a suite is never overwritten");
    InputsAndOutputs.checkOutputs(Map.of(), folders, InputsAndOutputs.output("--out", out));
    Path abs = out.toAbsolutePath();
    String suiteName = name != null ? name : SuiteSkeleton.nameFrom(abs.getParent() == null ? "acceptance" : abs.getParent().getFileName().toString());
    SuiteSkeleton.Answers answers = new SuiteSkeleton.Answers(suiteName, sentence, t, decision, kpi, errorCost,
        Framing.yesNo("--labels", labels), owner);
    String yaml = SuiteSkeleton.yaml(answers);
    SuiteParser.parse(out.toString(), yaml, abs.getParent()); // the skeleton must be a suite the parser accepts
    AtomicFiles.write(out, w -> w.write(yaml));
    Framing f = answers.framing();
    o.println("Wrote " + out + " (" + t.key() + "): edit the data columns, the bars and the costs, then run: holdout contract " + out);
    List<String> concerns = f.concerns();
    List<String> unanswered = new ArrayList<>();
    if (f.decision() == null) unanswered.add("the decision");
    if (f.kpi() == null) unanswered.add("the KPI");
    if (f.errorCost() == null) unanswered.add("the cost of a wrong answer");
    if (f.labels() == null) unanswered.add("whether outcome labels exist");
    if (concerns.isEmpty() && unanswered.isEmpty()) {
      o.println("The answers do not point away from ML: outcome labels exist, a wrong answer's cost is bounded, and the model has an owner.");
    } else if (!unanswered.isEmpty()) {
      o.println("Not answered yet (the suite's framing section leaves them out): " + String.join(", ", unanswered) + ".");
    }
    if (!concerns.isEmpty()) {
      o.println();
      o.println("The answers point away from ML for now:");
      for (String c : concerns) o.println("  - " + c);
    }
    o.println();
    o.println("Rule baseline (what to beat, and what to use if ML is not worth it): " + Framing.ruleBaseline(t));
    o.flush();
    return 0;
  }

  /** Asks on the terminal for each answer the flags did not give; an empty line leaves it unanswered. */
  void ask(BufferedReader in, PrintWriter o) throws IOException {
    problem = askIf(problem, "1. The problem, in one sentence (the decision, and what it should achieve)", in, o);
    task = askIf(task, "   The task [binary_classification]", in, o);
    decision = askIf(decision, "2. The decision the model feeds, and how often it is made", in, o);
    kpi = askIf(kpi, "3. The KPI it should move", in, o);
    errorCost = askIf(errorCost, "4. What one wrong answer costs (an amount, or 'unbounded')", in, o);
    labels = askIf(labels, "5. Is there data with the real outcome of past decisions? (yes/no)", in, o);
    owner = askIf(owner, "6. Who owns the model after launch? ('none' if nobody yet)", in, o);
  }

  private static String askIf(String given, String question, BufferedReader in, PrintWriter o) throws IOException {
    if (given != null) return given;
    o.print(question + ": ");
    o.flush();
    String line = in.readLine();
    return line == null || line.isBlank() ? null : line.strip();
  }
}
