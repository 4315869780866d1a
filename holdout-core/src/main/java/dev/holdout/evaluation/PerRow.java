package dev.holdout.evaluation;

import dev.holdout.base.HoldoutException;
import dev.holdout.base.AtomicFiles;
import dev.holdout.base.CsvCells;
import dev.holdout.suite.Suite;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes one submission's per-row metric values as CSV (id, whether the row had a prediction, then
 * one column per metric in report order), for retrieval and text generation suites, whose metrics
 * are means of these values: sort by a column to find the queries or answers that failed. Rows
 * without a prediction show the values the suite's {@code predictions.missing} scores them with
 * ({@code wrong}: an empty list or answer). A value a row does not have (judge_score of an answer
 * the judge could not grade) is left empty. The file is for people and spreadsheets: text cells
 * (ids, column names) pass the formula guard of {@link CsvCells#cell}.
 */
public final class PerRow {
  private PerRow() {}

  public static void write(Suite suite, EvaluationSet eval, Submission submission, Path file) {
    TaskModel model = TaskModel.of(suite, eval, List.of(submission));
    if (!(model instanceof RowMeans means)) {
      throw new HoldoutException("--per-row lists per-row metric values of retrieval and text_generation suites; "
          + suite.task().key() + " metrics such as roc_auc are not means of per-row values");
    }
    List<String> names = means.names();
    double[] v = means.perRow(0);
    int m = names.size();
    AtomicFiles.write(file, w -> {
      StringBuilder b = new StringBuilder();
      b.append(CsvCells.cell(suite.data().id())).append(",has_prediction");
      for (String n : names) b.append(',').append(CsvCells.cell(n));
      b.append('\n');
      for (int i = 0; i < eval.rows; i++) {
        b.append(CsvCells.cell(eval.ids.get(i))).append(',').append(submission.present[i]);
        for (int k = 0; k < m; k++) b.append(',').append(number(v[i * m + k]));
        b.append('\n');
        if (b.length() > 1 << 16) {
          w.write(b.toString());
          b.setLength(0);
        }
      }
      w.write(b.toString());
    });
  }

  private static String number(double x) {
    if (Double.isNaN(x)) return "";
    return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : String.format(Locale.ROOT, "%.6f", x);
  }


}
