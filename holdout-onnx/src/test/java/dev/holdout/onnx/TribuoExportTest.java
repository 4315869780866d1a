package dev.holdout.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.holdout.scoring.Scored;
import dev.holdout.suite.SuiteParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.ONNXExportable;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/** A multiclass model trained and exported by Tribuo, as a vendor's JVM team would deliver it, scored by Holdout. */
class TribuoExportTest {
  @TempDir Path dir;

  @Test
  void a_tribuo_multiclass_export_scores_the_probabilities_tribuo_predicts() throws Exception {
    Logger.getLogger("org.tribuo").setLevel(Level.WARNING);
    LabelFactory labels = new LabelFactory();
    MutableDataset<Label> train = new MutableDataset<>(new SimpleDataSourceProvenance("train", labels), labels);
    Random rnd = new Random(5);
    String[] names = {"f1", "f2"};
    String[] classes = {"bird", "cat", "dog"};
    double[][] centres = {{0, 3}, {3, 0}, {-3, -3}};
    for (int i = 0; i < 600; i++) {
      int c = i % 3;
      train.add(new ArrayExample<>(new Label(classes[c]), names,
          new double[] {centres[c][0] + rnd.nextGaussian(), centres[c][1] + rnd.nextGaussian()}));
    }
    Model<Label> model = new LogisticRegressionTrainer().train(train);
    Path onnx = dir.resolve("tribuo.onnx");
    ((ONNXExportable) model).saveONNXModel("dev.holdout.test", 1, onnx);
    // The export's output columns follow Tribuo's label ids.
    List<String> order = new ArrayList<>();
    for (int id = 0; id < classes.length; id++) order.add(model.getOutputIDInfo().getOutput(id).getLabel());

    StringBuilder eval = new StringBuilder("id,f1,f2,animal\n");
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      int c = i % 3;
      double[] x = {centres[c][0] + rnd.nextGaussian(), centres[c][1] + rnd.nextGaussian()};
      rows.add(x);
      eval.append(String.format(Locale.ROOT, "e%d,%s,%s,%s%n", i, x[0], x[1], classes[c]));
    }
    Files.writeString(dir.resolve("eval.csv"), eval);
    Files.writeString(dir.resolve("suite.yaml"), """
        suite: holdout.suite/v1
        name: animals
        problem: Which animal.
        task: multiclass_classification
        data: {path: eval.csv, id: id, label: animal, classes: [bird, cat, dog]}
        predictions: {probabilities: {bird: p_bird, cat: p_cat, dog: p_dog}}
        model:
          classes: %s
        """.formatted(order));
    try (OnnxScorer scorer = OnnxScorer.open(onnx)) {
      Scored scored = scorer.score(SuiteParser.parse(dir.resolve("suite.yaml")));
      assertThat(scored.width()).isEqualTo(3);
      for (int i = 0; i < rows.size(); i++) {
        Example<Label> ex = new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, rows.get(i));
        Prediction<Label> p = model.predict(ex);
        Map<String, Label> scores = p.getOutputScores();
        for (int c = 0; c < classes.length; c++) {
          // suite order: bird, cat, dog; float32 inside the ONNX graph
          assertThat(scored.values()[i * 3 + c]).isCloseTo(scores.get(classes[c]).getScore(), within(1e-5));
        }
      }
    }
  }
}
