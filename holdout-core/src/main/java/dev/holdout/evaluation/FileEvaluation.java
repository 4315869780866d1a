package dev.holdout.evaluation;

import dev.holdout.base.Progress;
import dev.holdout.result.CompareReport;
import dev.holdout.result.Report;
import dev.holdout.result.RowCheck;
import dev.holdout.suite.Suite;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluating predictions files end to end: load the evaluation set, join the predictions to it by
 * id, have a judge grade text answers when the suite has one, then evaluate. The library facade
 * {@code dev.holdout.Holdout}, the CLI and the handover check all go through here.
 */
public final class FileEvaluation {
  private FileEvaluation() {}

  /**
   * Evaluates one predictions file named {@code name}; writes each row's metric values to
   * {@code perRow} as CSV when it is not null.
   */
  public static Report report(Suite suite, Path predictions, String name, Progress progress, Path perRow, Judging.Options judging) {
    EvaluationSet eval = EvaluationSet.load(suite, progress);
    Submission s = Submission.load(suite, eval, predictions, name, progress);
    s = Judging.judge(suite, eval, s, judging.resolve(suite, predictions), progress);
    Report report = new Evaluator(suite, eval, progress).evaluate(s);
    if (perRow != null) PerRow.write(suite, eval, s, perRow);
    return report;
  }

  /** Evaluates predictions that running a model or calling an endpoint produced, with the serving measurements. */
  public static Report scored(Suite suite, Path predictions, String name, Report.Serving serving, Progress progress, Judging.Options judging) {
    EvaluationSet eval = EvaluationSet.load(suite, progress);
    Submission s = Submission.load(suite, eval, predictions, name, progress, true);
    s = Judging.judge(suite, eval, s, judging.resolve(suite, predictions), progress);
    return new Evaluator(suite, eval, progress).evaluate(s, serving);
  }

  /** A scored run's report with each row as a check ({@link PerRow#checks}; empty when no per-row file was asked for). */
  public record Checked(Report report, List<RowCheck> rows) {}

  /**
   * As {@link #scored(Suite, Path, String, Report.Serving, Progress, Judging.Options)}; when
   * {@code perRow} is not null, also writes each row's metric values there as CSV and returns each
   * row as a check.
   */
  public static Checked scored(Suite suite, Path predictions, String name, Report.Serving serving, Progress progress, Judging.Options judging,
      Path perRow) {
    EvaluationSet eval = EvaluationSet.load(suite, progress);
    Submission s = Submission.load(suite, eval, predictions, name, progress, true);
    s = Judging.judge(suite, eval, s, judging.resolve(suite, predictions), progress);
    Report report = new Evaluator(suite, eval, progress).evaluate(s, serving);
    if (perRow == null) return new Checked(report, List.of());
    PerRow.write(suite, eval, s, perRow);
    return new Checked(report, PerRow.checks(suite, eval, s));
  }

  /** Ranks several predictions files and compares every pair on the same rows; a name given twice gets -2, -3. */
  public static CompareReport compare(Suite suite, List<Path> predictions, Progress progress) {
    EvaluationSet eval = EvaluationSet.load(suite, progress);
    List<Submission> subs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Path p : predictions) {
      String name = Submission.defaultName(p);
      String unique = name;
      for (int k = 2; names.contains(unique); k++) unique = name + "-" + k;
      names.add(unique);
      subs.add(Judging.judge(suite, eval, Submission.load(suite, eval, p, unique, progress), Judging.Options.defaults(suite, p), progress));
    }
    return new Evaluator(suite, eval, progress).compare(subs);
  }
}
