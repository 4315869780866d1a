package dev.holdout.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdout.Holdout;
import dev.holdout.base.HoldoutException;
import dev.holdout.base.Progress;
import dev.holdout.result.CompareReport;
import dev.holdout.suite.Suite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compare} on Spark equals the single-JVM engine's comparison figure by figure (to 1e-9), in local[2]. */
class SparkCompareTest {
  private static SparkSession spark;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    spark = Sessions.start("local[2]");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void churn_vendors_comparison_equals_the_single_jvm_comparison() {
    Path examples = Path.of("..", "examples", "churn").toAbsolutePath().normalize();
    Suite suite = Holdout.suite(examples.resolve("suite.yaml"));
    List<Path> files = List.of(examples.resolve("vendor-a.csv"), examples.resolve("vendor-b.csv"));
    CompareReport single = Holdout.compare(suite, files, Progress.NONE);
    CompareReport distributed = SparkComparison.compare(spark, suite, suite.data().path().toString(),
        files.stream().map(Path::toString).toList());
    assertThat(distributed.ranking()).extracting(CompareReport.Ranked::name).containsExactlyInAnyOrder("vendor-a", "vendor-b");
    assertThat(distributed.pairs()).hasSize(1);
    assertThat(distributed.pairs().get(0).test().pValue()).isNotNull();
    SameReports.assertSame(single, distributed);
  }

  @Test
  void generated_regression_of_three_with_missing_ids_and_a_repeated_name_equals_the_single_jvm_comparison() throws IOException {
    Random random = new Random(22);
    List<String> eval = new ArrayList<>(List.of("id,store,units"));
    List<List<String>> preds = List.of(new ArrayList<>(List.of("id,forecast")), new ArrayList<>(List.of("id,forecast")),
        new ArrayList<>(List.of("id,forecast")));
    double[] noise = {6, 7, 9};
    for (int i = 0; i < 1_500; i++) {
      double units = Math.round(50 + 20 * random.nextGaussian());
      eval.add("r" + i + ",s" + random.nextInt(3) + "," + units);
      for (int m = 0; m < 3; m++) {
        if (i % (40 + m) == m) continue;
        preds.get(m).add("r" + i + "," + Math.round((units + noise[m] * random.nextGaussian()) * 100) / 100.0);
      }
    }
    Files.write(dir.resolve("eval.csv"), eval);
    Files.createDirectories(dir.resolve("b"));
    // two files named pred.csv: the second is "pred-2" in both engines
    List<Path> files = List.of(dir.resolve("pred.csv"), dir.resolve("b").resolve("pred.csv"), dir.resolve("third.csv"));
    for (int m = 0; m < 3; m++) Files.write(files.get(m), preds.get(m));
    Files.writeString(dir.resolve("suite.yaml"), """
        suite: holdout.suite/v1
        name: generated-regression
        problem: Forecast units.
        task: regression
        data: {path: eval.csv, id: id, label: units, slices: [store]}
        predictions: {id: id, value: forecast}
        primary_metric: mae
        criteria:
          - {metric: mae, max: 7}
        bootstrap: {replicates: 200, seed: 5}
        """);
    Suite suite = Holdout.suite(dir.resolve("suite.yaml"));
    CompareReport single = Holdout.compare(suite, files, Progress.NONE);
    CompareReport distributed = SparkComparison.compare(spark, suite, dir.resolve("eval.csv").toString(),
        files.stream().map(Path::toString).toList());
    assertThat(distributed.ranking()).extracting(CompareReport.Ranked::name).containsExactlyInAnyOrder("pred", "pred-2", "third");
    assertThat(distributed.pairs()).hasSize(3);
    SameReports.assertSame(single, distributed);
  }

  @Test
  void a_bad_submission_is_refused_with_its_file_as_the_default_engine_does() throws IOException {
    Files.write(dir.resolve("eval.csv"), List.of("id,y", "a,1", "b,0", "c,1"));
    Files.write(dir.resolve("good.csv"), List.of("id,p", "a,0.9", "b,0.2", "c,0.4"));
    Files.write(dir.resolve("bad.csv"), List.of("id,p", "a,0.9", "b,abc", "c,0.4"));
    Files.writeString(dir.resolve("suite.yaml"), """
        suite: holdout.suite/v1
        name: bad
        problem: Refuse bad scores.
        task: binary_classification
        data: {path: eval.csv, id: id, label: y}
        predictions: {id: id, score: p}
        """);
    Suite suite = Holdout.suite(dir.resolve("suite.yaml"));
    assertThatThrownBy(() -> SparkComparison.compare(spark, suite, dir.resolve("eval.csv").toString(),
        List.of(dir.resolve("good.csv").toString(), dir.resolve("bad.csv").toString())))
        .isInstanceOf(HoldoutException.BadData.class)
        .hasMessageContaining("bad.csv the row of id 'b', column 'p': expected a probability in [0, 1], found 'abc'");
  }
}
