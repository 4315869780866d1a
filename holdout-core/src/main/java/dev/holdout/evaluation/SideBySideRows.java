package dev.holdout.evaluation;

import dev.holdout.base.Progress;
import dev.holdout.metric.TextMetrics;
import dev.holdout.result.RowCheck;
import dev.holdout.result.SideBySide;
import dev.holdout.suite.Suite;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds {@link SideBySide} from answer files of one text generation suite: each row's answers and failed checks ({@link PerRow#checks}). */
public final class SideBySideRows {
  private SideBySideRows() {}

  public static SideBySide of(Suite suite, List<String> names, List<Path> files) {
    EvaluationSet eval = EvaluationSet.load(suite, Progress.NONE);
    List<Submission> subs = new ArrayList<>();
    List<List<RowCheck>> checks = new ArrayList<>();
    for (int k = 0; k < files.size(); k++) {
      Submission s = Submission.load(suite, eval, files.get(k), names.get(k), Progress.NONE, true);
      subs.add(s);
      checks.add(PerRow.checks(suite, eval, s));
    }
    List<SideBySide.Row> rows = new ArrayList<>(eval.rows);
    for (int i = 0; i < eval.rows; i++) {
      List<String> answers = new ArrayList<>();
      List<List<String>> failed = new ArrayList<>();
      for (int k = 0; k < subs.size(); k++) {
        String[] t = subs.get(k).answers.texts[i];
        answers.add(t == null ? "" : t[0]);
        failed.add(checks.get(k).get(i).failed());
      }
      String first = TextMetrics.normalize(answers.get(0));
      boolean differ = answers.stream().anyMatch(a -> !TextMetrics.normalize(a).equals(first));
      rows.add(new SideBySide.Row(eval.ids.get(i), eval.references.texts[i][0], List.copyOf(answers), List.copyOf(failed), differ));
    }
    return new SideBySide(suite.name(), List.copyOf(names), List.copyOf(rows));
  }
}
