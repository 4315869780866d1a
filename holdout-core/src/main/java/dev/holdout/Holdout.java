package dev.holdout;

import dev.holdout.evaluation.FileEvaluation;
import dev.holdout.evaluation.Judging;
import dev.holdout.base.Progress;
import dev.holdout.evaluation.PerRow;
import dev.holdout.evaluation.Submission;
import dev.holdout.result.CompareReport;
import dev.holdout.result.Report;
import dev.holdout.suite.Suite;
import dev.holdout.suite.SuiteParser;
import java.nio.file.Path;
import java.util.List;

/**
 * The library entry point: evaluate a vendor's predictions against a suite from any JVM program,
 * with the same numbers as the {@code holdout} command.
 *
 * <pre>{@code
 * Report report = Holdout.evaluate(Path.of("suite.yaml"), Path.of("vendor-a.csv"));
 * if (report.verdict() != Verdict.ACCEPTED) ...
 * }</pre>
 *
 * Bad input throws {@link HoldoutException} with a message meant for a person.
 */
public final class Holdout {
  private Holdout() {}

  /** Parses and validates a suite file. */
  public static Suite suite(Path suiteFile) {
    return SuiteParser.parse(suiteFile);
  }

  /** Evaluates one predictions file against the suite at {@code suiteFile}. */
  public static Report evaluate(Path suiteFile, Path predictions) {
    return evaluate(suite(suiteFile), predictions, Progress.NONE);
  }

  /** Evaluates one predictions file; the submission is named after the file. */
  public static Report evaluate(Suite suite, Path predictions, Progress progress) {
    return evaluate(suite, predictions, progress, null);
  }

  /**
   * Evaluates one predictions file and, when {@code perRow} is not null, writes each row's metric
   * values there as CSV (retrieval and text generation suites only; see {@link PerRow}).
   */
  public static Report evaluate(Suite suite, Path predictions, Progress progress, Path perRow) {
    return evaluate(suite, predictions, progress, perRow, Judging.Options.defaults(suite, predictions));
  }

  /**
   * Evaluates one predictions file; a text generation suite with a judge first has every answer
   * judged as {@code judging} says (cache, judgements file, human grades, environment).
   */
  public static Report evaluate(Suite suite, Path predictions, Progress progress, Path perRow, Judging.Options judging) {
    return FileEvaluation.report(suite, predictions, Submission.defaultName(predictions), progress, perRow, judging);
  }

  /**
   * Evaluates predictions that {@code holdout score} obtained by running a model or calling an
   * endpoint, adding its serving measurements; {@code name} names the submission.
   */
  public static Report evaluateScored(Suite suite, Path predictions, String name, Report.Serving serving, Progress progress) {
    return evaluateScored(suite, predictions, name, serving, progress, Judging.Options.defaults(suite, predictions));
  }

  /** As {@link #evaluateScored(Suite, Path, String, Report.Serving, Progress)}, judging answers as {@code judging} says. */
  public static Report evaluateScored(Suite suite, Path predictions, String name, Report.Serving serving, Progress progress, Judging.Options judging) {
    return FileEvaluation.scored(suite, predictions, name, serving, progress, judging);
  }

  /** Ranks several predictions files and compares every pair on the same rows. */
  public static CompareReport compare(Suite suite, List<Path> predictions, Progress progress) {
    return FileEvaluation.compare(suite, predictions, progress);
  }
}
