package dev.holdout.evaluation;

import dev.holdout.base.HoldoutException;
import dev.holdout.base.AtomicFiles;
import dev.holdout.base.CsvCells;
import dev.holdout.suite.Suite;
import java.nio.file.Path;
import dev.holdout.metric.MetricCatalog;
import dev.holdout.result.RowCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /**
   * Each row of a text generation suite as a check: it fails the assertions it does not pass (each
   * by id), or, in a suite without assertions, {@code exact_match} when its answer matches no
   * reference. With repeated asks a row fails an assertion that any of its answers fails.
   */
  public static List<RowCheck> checks(Suite suite, EvaluationSet eval, Submission submission) {
    if (suite.text() == null) throw new HoldoutException("--per-row with --junit lists the answers of text_generation suites as tests");
    RowMeans means = (RowMeans) TaskModel.of(suite, eval, List.of(submission));
    List<String> names = means.names();
    double[] v = means.perRow(0);
    int m = names.size();
    List<String> ids = suite.text().assertions().stream().map(a -> MetricCatalog.PASS_RATE_OF + a.id()).toList();
    List<RowCheck> out = new ArrayList<>(eval.rows);
    for (int i = 0; i < eval.rows; i++) {
      Map<String, Double> values = new LinkedHashMap<>();
      for (int k = 0; k < m; k++) values.put(names.get(k), v[i * m + k]);
      List<String> failed = new ArrayList<>();
      if (ids.isEmpty()) {
        if (values.get("exact_match") < 1) failed.add("exact_match");
      } else {
        for (String id : ids) if (values.get(id) < 1) failed.add(id.substring(MetricCatalog.PASS_RATE_OF.length()));
      }
      out.add(new RowCheck(eval.ids.get(i).toString(), failed, values));
    }
    return out;
  }

  private static String number(double x) {
    if (Double.isNaN(x)) return "";
    return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : String.format(Locale.ROOT, "%.6f", x);
  }


}
