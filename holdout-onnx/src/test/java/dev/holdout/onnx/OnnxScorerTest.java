package dev.holdout.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.holdout.Holdout;
import dev.holdout.base.HoldoutException;
import dev.holdout.base.Progress;
import dev.holdout.result.Report;
import dev.holdout.scoring.PredictionsWriter;
import dev.holdout.scoring.Scored;
import dev.holdout.suite.Suite;
import dev.holdout.suite.SuiteParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxScorerTest {
  static final double[] W = {0.8, -1.2, 0.5};
  static final double B = -0.3;

  @TempDir Path dir;

  /** 200 rows of three features, labels drawn from the same logistic model so the AUC is informative but not perfect. */
  Path evalSet(int rows) throws IOException {
    Random rnd = new Random(7);
    StringBuilder b = new StringBuilder("id,x1,x2,x3,region,churned\n");
    for (int i = 0; i < rows; i++) {
      double[] x = {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()};
      double p = sigmoid(x);
      b.append(String.format(Locale.ROOT, "r%d,%.4f,%.4f,%.4f,%s,%d%n", i, x[0], x[1], x[2], i % 2 == 0 ? "north" : "south",
          rnd.nextDouble() < p ? 1 : 0));
    }
    Path f = dir.resolve("eval.csv");
    Files.writeString(f, b);
    return f;
  }

  static double sigmoid(double[] x) {
    double z = B;
    for (int j = 0; j < x.length; j++) z += W[j] * x[j];
    return 1 / (1 + Math.exp(-z));
  }

  Suite suite(String extra) throws IOException {
    String yaml = """
        suite: holdout.suite/v1
        name: churn
        problem: Predict churn.
        task: binary_classification
        data: {path: eval.csv, id: id, label: churned, positive: "1", slices: [region]}
        predictions: {score: p_churn}
        bootstrap: {replicates: 200, seed: 3}
        """ + extra;
    Path f = dir.resolve("suite.yaml");
    Files.writeString(f, yaml);
    return SuiteParser.parse(f);
  }

  Path model() {
    Path m = dir.resolve("model.onnx");
    LogisticOnnx.write(m, W, B);
    return m;
  }

  @Test
  void hand_built_logistic_graph_scores_the_closed_form_sigmoid() throws IOException {
    evalSet(200);
    Suite s = suite("");
    try (OnnxScorer scorer = OnnxScorer.open(model())) {
      Scored scored = scorer.score(s);
      assertThat(scored.ids()).hasSize(200);
      assertThat(scored.width()).isEqualTo(1);
      var lines = Files.readAllLines(dir.resolve("eval.csv"));
      for (int i = 0; i < 200; i++) {
        String[] f = lines.get(i + 1).split(",");
        double[] x = {Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])};
        assertThat(scored.ids()[i]).isEqualTo(f[0]);
        assertThat(scored.present()[i]).isTrue();
        // float32 arithmetic inside the model: about 1e-7 relative
        assertThat(scored.values()[i]).isCloseTo(sigmoid(x), within(1e-6));
      }
      assertThat(scored.serving().kind()).isEqualTo("onnx");
      assertThat(scored.serving().rows()).isEqualTo(200);
      assertThat(scored.serving().calls()).isEqualTo(1);
      assertThat(scored.serving().errorRate()).isZero();
    }
  }

  @Test
  void batches_of_seven_give_the_same_scores_as_one_batch() throws IOException {
    evalSet(50);
    Scored one;
    try (OnnxScorer scorer = OnnxScorer.open(model())) {
      one = scorer.score(suite(""));
    }
    try (OnnxScorer scorer = OnnxScorer.open(model())) {
      Scored seven = scorer.score(suite("model: {batch_size: 7}\n"));
      assertThat(seven.values()).containsExactly(one.values());
      assertThat(seven.serving().calls()).isEqualTo(8);
      assertThat(seven.serving().batchSize()).isEqualTo(7);
    }
  }

  @Test
  void roc_auc_of_the_scored_model_equals_evaluate_on_the_same_predictions() throws IOException {
    evalSet(200);
    Suite s = suite("criteria:\n  - {metric: roc_auc, min: 0.6}\n  - {metric: latency_p95_ms, max: 60000}\n  - {metric: error_rate, max: 0}\n");
    Path out = dir.resolve("scored.csv");
    Scored scored;
    try (OnnxScorer scorer = OnnxScorer.open(model())) {
      scored = scorer.score(s);
    }
    PredictionsWriter.write(s, scored, out);
    Report viaScore = Holdout.evaluateScored(s, out, "model", scored.serving(), Progress.NONE);
    Report viaEvaluate = Holdout.evaluate(s, out, Progress.NONE);
    // and a predictions file computed in Java from the closed form
    StringBuilder b = new StringBuilder("id,p_churn\n");
    var lines = Files.readAllLines(dir.resolve("eval.csv"));
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).split(",");
      b.append(f[0]).append(',').append(sigmoid(new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])})).append('\n');
    }
    Path closed = dir.resolve("closed.csv");
    Files.writeString(closed, b);
    Report viaClosedForm = Holdout.evaluate(s, closed, Progress.NONE);

    double auc = viaScore.metrics().get("roc_auc").value();
    assertThat(auc).isEqualTo(viaEvaluate.metrics().get("roc_auc").value());
    assertThat(auc).isCloseTo(viaClosedForm.metrics().get("roc_auc").value(), within(1e-12));
    assertThat(auc).isBetween(0.6, 0.95);
    assertThat(viaScore.serving()).isNotNull();
    assertThat(viaEvaluate.serving()).isNull();
    assertThat(viaScore.criteria().get(1).status().name()).isEqualTo("PASS");
    assertThat(viaScore.criteria().get(2).status().name()).isEqualTo("PASS");
    // a predictions file has no serving measurements: those criteria cannot be judged
    assertThat(viaEvaluate.criteria().get(1).status().name()).isEqualTo("INCONCLUSIVE");
    assertThat(viaEvaluate.criteria().get(1).reason()).contains("holdout score");
  }

  @Test
  void a_model_that_takes_more_columns_than_the_suite_gives_is_refused_with_the_counts() throws IOException {
    evalSet(20);
    Path m = dir.resolve("wide.onnx");
    LogisticOnnx.write(m, new double[] {1, 2, 3, 4}, 0);
    try (OnnxScorer scorer = OnnxScorer.open(m)) {
      assertThatThrownBy(() -> scorer.score(suite("")))
          .isInstanceOf(HoldoutException.BadSuite.class)
          .hasMessageContaining("takes 4 values per row, but the suite gives 3 columns [x1, x2, x3]");
    }
  }

  @Test
  void a_suite_naming_an_input_the_model_lacks_gets_a_suggestion() throws IOException {
    evalSet(20);
    try (OnnxScorer scorer = OnnxScorer.open(model())) {
      assertThatThrownBy(() -> scorer.score(suite("model:\n  inputs:\n    - {name: feature, columns: [x1, x2, x3]}\n")))
          .isInstanceOf(HoldoutException.BadSuite.class)
          .hasMessageContaining("line 10")
          .hasMessageContaining("no input 'feature'; did you mean 'features'?");
    }
  }

  @Test
  void a_suite_mapping_columns_explicitly_uses_their_order() throws IOException {
    evalSet(30);
    try (OnnxScorer scorer = OnnxScorer.open(model())) {
      Scored straight = scorer.score(suite(""));
      Scored swapped = scorer.score(suite("model:\n  inputs:\n    - {name: features, columns: [x2, x1, x3], type: float}\n  output: probability\n"));
      assertThat(swapped.values()[0]).isNotEqualTo(straight.values()[0]);
    }
  }

  @Test
  void a_corrupt_model_file_is_bad_data_not_a_crash() throws IOException {
    Path m = dir.resolve("broken.onnx");
    byte[] good = LogisticOnnx.bytes(W, B);
    Files.write(m, java.util.Arrays.copyOf(good, good.length / 2));
    assertThatThrownBy(() -> OnnxScorer.open(m))
        .isInstanceOf(HoldoutException.BadData.class)
        .hasMessageContaining("broken.onnx: not a model ONNX Runtime can load");
    Files.writeString(m, "this is not protobuf");
    assertThatThrownBy(() -> OnnxScorer.open(m)).isInstanceOf(HoldoutException.BadData.class);
    assertThatThrownBy(() -> OnnxScorer.open(dir.resolve("absent.onnx")))
        .hasMessageContaining("model file not found");
  }

  @Test
  void a_non_numeric_feature_names_its_line_and_column() throws IOException {
    Files.writeString(dir.resolve("eval.csv"), "id,x1,x2,x3,region,churned\na,1,2,3,north,1\nb,1,oops,3,south,0\n");
    try (OnnxScorer scorer = OnnxScorer.open(model())) {
      assertThatThrownBy(() -> scorer.score(suite("")))
          .isInstanceOf(HoldoutException.BadData.class)
          .hasMessageContaining("line 3")
          .hasMessageContaining("x2")
          .hasMessageContaining("oops");
    }
  }

  @Test
  void a_regression_suite_reads_the_output_as_the_value_and_writes_the_value_column() throws IOException {
    Files.writeString(dir.resolve("eval.csv"), "id,x1,x2,x3,demand\na,1,0,0,0.7\nb,0,1,0,0.2\nc,0,0,1,0.5\n");
    Files.writeString(dir.resolve("suite.yaml"), """
        suite: holdout.suite/v1
        name: demand
        problem: Predict demand.
        task: regression
        data: {path: eval.csv, id: id, label: demand}
        predictions: {value: y_hat}
        bootstrap: {replicates: 50}
        """);
    Suite s = SuiteParser.parse(dir.resolve("suite.yaml"));
    try (OnnxScorer scorer = OnnxScorer.open(model())) {
      Scored scored = scorer.score(s);
      assertThat(scored.values()[0]).isCloseTo(sigmoid(new double[] {1, 0, 0}), within(1e-6));
      Path out = dir.resolve("pred.csv");
      PredictionsWriter.write(s, scored, out);
      var lines = Files.readAllLines(out);
      assertThat(lines.get(0)).isEqualTo("id,y_hat");
      assertThat(lines).hasSize(4);
      Report r = Holdout.evaluate(s, out, Progress.NONE);
      double mae = (Math.abs(sigmoid(new double[] {1, 0, 0}) - 0.7) + Math.abs(sigmoid(new double[] {0, 1, 0}) - 0.2)
          + Math.abs(sigmoid(new double[] {0, 0, 1}) - 0.5)) / 3;
      assertThat(r.metrics().get("mae").value()).isCloseTo(mae, within(1e-6));
    }
  }
}
