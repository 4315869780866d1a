package dev.holdout.spark;

import dev.holdout.base.HoldoutException;
import dev.holdout.base.Progress;
import dev.holdout.evaluation.Evaluator;
import dev.holdout.evaluation.JoinedRows;
import dev.holdout.evaluation.Submission;
import dev.holdout.result.CompareReport;
import dev.holdout.suite.Suite;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * {@code holdout compare} on Spark: each predictions location is joined with the evaluation set
 * and gathered as {@link SparkEvaluation} does for one, and the driver runs holdout-core's
 * comparison (ranking, paired differences and tests, tiers) on the joined submissions. The
 * report equals the single-JVM engine's figure by figure; only its provenance (the time) differs.
 * Binary classification, multiclass classification and regression, as {@code evaluate}.
 */
public final class SparkComparison {
  private SparkComparison() {}

  /**
   * Compares on a session of its own at {@code master} ({@code local[*]}, {@code spark://HOST:PORT}),
   * stopped afterwards: the entry point of {@code holdout compare --engine spark}.
   */
  public static CompareReport onMaster(String master, Suite suite, List<String> predictions) {
    SparkSession spark = Sessions.start(master);
    try {
      return compare(spark, suite, suite.data().path().toString(), predictions);
    } finally {
      spark.stop();
    }
  }

  /**
   * Ranks the predictions at {@code predictions} (paths or Hadoop URLs, two or more) against the
   * evaluation set at {@code data}, named from their file names as {@code holdout compare} names
   * them (a name given twice gets -2, -3). Bad input throws the {@link HoldoutException}
   * that {@code holdout compare} would.
   */
  public static CompareReport compare(SparkSession spark, Suite suite, String data, List<String> predictions) {
    return SparkEvaluation.advice(() -> {
      List<Submission> subs = new ArrayList<>();
      List<String> names = new ArrayList<>();
      JoinedRows.Joined first = null;
      for (String p : predictions) {
        String name = Submission.defaultName(Path.of(p));
        String unique = name;
        for (int k = 2; names.contains(unique); k++) unique = name + "-" + k;
        names.add(unique);
        JoinedRows.Joined j = SparkEvaluation.join(spark, suite, data, p, unique);
        // every join builds the same evaluation set from the same file; the first one serves all
        if (first == null) first = j;
        subs.add(j.submission());
      }
      return new Evaluator(suite, first.eval(), Progress.NONE).compare(subs);
    });
  }
}
