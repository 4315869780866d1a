package dev.holdout.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdout.Holdout;
import dev.holdout.base.HoldoutException;
import dev.holdout.base.Progress;
import dev.holdout.result.Report;
import dev.holdout.suite.Suite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark engine's reports equal the single-JVM engine's figure by figure (to 1e-9), in local[2]. */
class SparkEvaluationTest {
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
  void churn_example_report_equals_the_single_jvm_report() {
    Path examples = Path.of("..", "examples", "churn").toAbsolutePath().normalize();
    assertSameReport(examples.resolve("suite.yaml"), examples.resolve("vendor-a.csv"));
  }

  @Test
  void ticket_example_multiclass_report_equals_the_single_jvm_report() {
    Path examples = Path.of("..", "examples", "tickets").toAbsolutePath().normalize();
    assertSameReport(examples.resolve("suite.yaml"), examples.resolve("vendor.csv"));
  }

  @Test
  void generated_regression_with_missing_and_extra_ids_equals_the_single_jvm_report() throws IOException {
    Random random = new Random(20);
    List<String> eval = new ArrayList<>(List.of("id,store,size,units,rule"));
    List<String> pred = new ArrayList<>(List.of("id,forecast,q90"));
    for (int i = 0; i < 3_000; i++) {
      String store = "s" + random.nextInt(4);
      double units = Math.round(50 + 20 * random.nextGaussian()) / 1.0;
      String size = random.nextInt(10) == 0 ? "" : random.nextBoolean() ? "small" : "large";
      eval.add("r" + i + "," + store + "," + size + "," + units + "," + (units + random.nextInt(30) - 15));
      if (i % 97 == 5) continue;
      double f = units + 8 * random.nextGaussian();
      pred.add("r" + i + "," + Math.round(f * 100) / 100.0 + "," + Math.round((f + 10) * 100) / 100.0);
    }
    pred.add("extra-1,3.5,4.5");
    Files.write(dir.resolve("eval.csv"), eval);
    Files.write(dir.resolve("pred.csv"), pred);
    Files.writeString(dir.resolve("suite.yaml"), """
        suite: holdout.suite/v1
        name: generated-regression
        problem: Forecast units.
        task: regression
        data: {path: eval.csv, id: id, label: units, slices: [store, size]}
        predictions: {id: id, value: forecast, quantiles: {0.9: q90}}
        primary_metric: mae
        criteria:
          - {metric: mae, max: 8}
          - {metric: rmse, slice: store, worst_max: 12}
          - {metric: mae, min_lift: 1}
        baseline: {kind: column, column: rule}
        bootstrap: {replicates: 300, seed: 3}
        """);
    assertSameReport(dir.resolve("suite.yaml"), dir.resolve("pred.csv"));
  }

  @Test
  void generated_multiclass_by_label_in_shuffled_order_equals_the_single_jvm_report() throws IOException {
    Random random = new Random(21);
    String[] classes = {"ant", "bee", "cat"};
    List<String> eval = new ArrayList<>(List.of("key,group,truth"));
    List<String> pred = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      int truth = random.nextInt(3);
      eval.add("k" + i + "," + (random.nextBoolean() ? "g1" : "g2") + "," + classes[truth]);
      int guess = random.nextDouble() < 0.7 ? truth : random.nextInt(3);
      pred.add("k" + i + "," + classes[guess]);
    }
    Collections.shuffle(pred, random);
    pred.add(0, "key,guess");
    Files.write(dir.resolve("eval.csv"), eval);
    Files.write(dir.resolve("pred.csv"), pred);
    Files.writeString(dir.resolve("suite.yaml"), """
        suite: holdout.suite/v1
        name: generated-multiclass
        problem: Name the animal.
        task: multiclass_classification
        data: {path: eval.csv, id: key, label: truth, slices: [group]}
        predictions: {id: key, label: guess}
        primary_metric: f1_macro
        criteria:
          - {metric: accuracy, min: 0.6}
          - {metric: f1_macro, slice: group, worst_min: 0.5}
        baseline: {kind: majority}
        bootstrap: {replicates: 300, seed: 5}
        """);
    assertSameReport(dir.resolve("suite.yaml"), dir.resolve("pred.csv"));
  }

  @Test
  void a_bad_probability_is_refused_with_the_file_and_the_column() throws IOException {
    Files.write(dir.resolve("eval.csv"), List.of("id,y", "a,1", "b,0", "c,1"));
    Files.write(dir.resolve("pred.csv"), List.of("id,p", "a,0.9", "b,abc", "c,0.4"));
    Files.writeString(dir.resolve("suite.yaml"), """
        suite: holdout.suite/v1
        name: bad
        problem: Refuse bad scores.
        task: binary_classification
        data: {path: eval.csv, id: id, label: y}
        predictions: {id: id, score: p}
        """);
    Suite suite = Holdout.suite(dir.resolve("suite.yaml"));
    assertThatThrownBy(() -> SparkEvaluation.evaluate(spark, suite, dir.resolve("pred.csv").toString(), null))
        .isInstanceOf(HoldoutException.BadData.class)
        .hasMessageContaining("pred.csv the row of id 'b', column 'p': expected a probability in [0, 1], found 'abc'");
  }

  @Test
  void a_repeated_prediction_id_is_refused() throws IOException {
    Files.write(dir.resolve("eval.csv"), List.of("id,y", "a,1", "b,0"));
    Files.write(dir.resolve("pred.csv"), List.of("id,p", "a,0.9", "b,0.1", "a,0.3"));
    Files.writeString(dir.resolve("suite.yaml"), """
        suite: holdout.suite/v1
        name: twice
        problem: Refuse repeated ids.
        task: binary_classification
        data: {path: eval.csv, id: id, label: y}
        predictions: {id: id, score: p}
        """);
    Suite suite = Holdout.suite(dir.resolve("suite.yaml"));
    assertThatThrownBy(() -> SparkEvaluation.evaluate(spark, suite, dir.resolve("pred.csv").toString(), null))
        .isInstanceOf(HoldoutException.BadData.class)
        .hasMessageContaining("column 'id': id 'a' appears on 2 rows; send one prediction per id");
  }

  @Test
  void an_evaluation_set_without_rows_is_refused() throws IOException {
    Files.write(dir.resolve("eval.csv"), List.of("id,y"));
    Files.write(dir.resolve("pred.csv"), List.of("id,p", "a,0.9"));
    Files.writeString(dir.resolve("suite.yaml"), """
        suite: holdout.suite/v1
        name: empty
        problem: Refuse an empty set.
        task: binary_classification
        data: {path: eval.csv, id: id, label: y}
        predictions: {id: id, score: p}
        """);
    Suite suite = Holdout.suite(dir.resolve("suite.yaml"));
    assertThatThrownBy(() -> SparkEvaluation.evaluate(spark, suite, dir.resolve("pred.csv").toString(), null))
        .isInstanceOf(HoldoutException.BadData.class)
        .hasMessageEndingWith("eval.csv: has a header but no rows; the evaluation set needs labeled rows");
  }

  /** Both engines on the same files: the JSON reports are equal but for provenance, numbers to 1e-9. */
  private void assertSameReport(Path suiteFile, Path predictions) {
    Suite suite = Holdout.suite(suiteFile);
    Report single = Holdout.evaluate(suite, predictions, Progress.NONE);
    Report distributed = SparkEvaluation.evaluate(spark, suite, predictions.toString(), null);
    SameReports.assertSame(single, distributed);
  }
}
