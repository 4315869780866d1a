package dev.holdout.cli;

import dev.holdout.base.HoldoutException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The root command; {@code main} runs it and exits with its code. It has no action of its own, so
 * {@code holdout} without a subcommand is a usage error (exit 2) that prints the usage.
 */
@Command(
    name = "holdout",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "The evaluation a buyer of machine learning keeps for itself.",
    footer = {"", "Exit codes: 0 accepted, 1 rejected, 3 inconclusive, 2 bad input or usage, 70 internal error."})
public final class Main {
  public static final int BAD_INPUT = 2;
  public static final int INTERNAL_ERROR = 70;

  @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces of errors.")
  boolean verbose;

  /** The subcommands, in the order the help lists them. */
  static final List<Class<?>> SUBCOMMANDS = List.of(InitCommand.class, ContractCommand.class, EvaluateCommand.class, CompareCommand.class,
      PlanCommand.class, ClicksCommand.class, RunCommand.class, ProbeCommand.class, AuditCommand.class, ReportCommand.class, DriftCommand.class,
      MonitorCommand.class, ScoreCommand.class, HandoverCommand.class, EvidenceCommand.class, ServeCommand.class, AdminCommand.class,
      ProjectCommand.class, SubmitCommand.class, LeaderboardCommand.class, SubmissionsCommand.class, ChampionCommand.class, LogCommand.class,
      InputsCommand.class, CommandLine.HelpCommand.class);

  public static void main(String[] args) {
    System.exit(commandLine(args.length > 0 ? args[0] : null).execute(args));
  }

  /** The configured command line, for tests: {@code commandLine().setOut(...).execute(...)}. */
  public static CommandLine commandLine() {
    return commandLine(null);
  }

  /**
   * The command line with only the subcommand named {@code first} when it names one (other than
   * help), else with all of them. picocli reads every option of every subcommand it is given, which
   * was most of the start-up of a run; a run of one subcommand parses the same with that one alone.
   */
  static CommandLine commandLine(String first) {
    CommandLine cl = new CommandLine(new Main());
    Class<?> only = null;
    for (Class<?> c : SUBCOMMANDS) {
      if (first != null && c != CommandLine.HelpCommand.class && c.getAnnotation(Command.class).name().equals(first)) only = c;
    }
    for (Class<?> c : SUBCOMMANDS) if (only == null || c == only) cl.addSubcommand(c);
    cl.setExecutionStrategy(Main::refuseUnmatched);
    cl.setExecutionExceptionHandler((e, line, parsed) -> {
      PrintWriter err = line.getErr();
      boolean verbose = parsed.matchedOption("--verbose") != null || hasVerbose(parsed);
      if (e instanceof HoldoutException) {
        err.println("holdout: " + e.getMessage());
        if (verbose) e.printStackTrace(err);
        err.flush();
        return BAD_INPUT;
      }
      err.println("holdout: internal error: " + e + (verbose ? "" : " (run again with --verbose for details, and report it)"));
      if (verbose) e.printStackTrace(err);
      err.flush();
      return INTERNAL_ERROR;
    });
    return cl;
  }

  /**
   * picocli lets {@code --help} win over a word it does not know, so {@code holdout nosuch --help}
   * would print the root help and exit 0; a mistyped command is a usage error (exit 2) with the
   * closest name, whatever else is on the line.
   */
  private static int refuseUnmatched(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (!p.unmatched().isEmpty()) throw new UnmatchedArgumentException(p.commandSpec().commandLine(), p.unmatched());
    }
    return new CommandLine.RunLast().execute(parsed);
  }

  private static boolean hasVerbose(CommandLine.ParseResult parsed) {
    for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) return true;
    }
    return false;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"holdout " + (v == null ? "dev" : v) + " (Java " + System.getProperty("java.version") + ")"};
    }
  }
}
