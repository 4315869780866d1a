package dev.holdout.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * The domain classifier as Tribuo's logistic regression: AdaGrad (learning rate 1.0, epsilon 0.1),
 * 10 epochs, minibatch 1, seeded. Linear, so it finds shifts of location and of category shares,
 * not a change of spread alone (the per-column tests catch those).
 */
public final class TribuoDomainClassifier implements DomainClassifier {
  private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

  static {
    // Tribuo logs every training at INFO; a command's output is the report, not the learner's progress.
    TRIBUO_LOG.setLevel(Level.WARNING);
  }

  static final int EPOCHS = 10;
  private static final LabelFactory LABELS = new LabelFactory();
  private static final Label CURRENT = new Label("current");
  private static final Label REFERENCE = new Label("reference");

  @Override
  public String description() {
    return "Tribuo 4.3.2 logistic regression (AdaGrad, " + EPOCHS + " epochs)";
  }

  @Override
  public Scorer train(double[][] rows, boolean[] current, List<String> features, long seed) {
    String[] names = features.toArray(String[]::new);
    MutableDataset<Label> data = dataset();
    for (int i = 0; i < rows.length; i++) data.add(example(rows[i], current[i], names));
    Model<Label> model = trainer(seed).train(data);
    return row -> currentScore(model, example(row, false, names));
  }

  private static LinearSGDTrainer trainer(long seed) {
    return new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(1.0, 0.1), EPOCHS, Integer.MAX_VALUE, 1, seed);
  }

  private static MutableDataset<Label> dataset() {
    return new MutableDataset<>(new SimpleDataSourceProvenance("holdout drift windows", LABELS), LABELS);
  }

  private static Example<Label> example(double[] row, boolean current, String[] names) {
    List<String> n = new ArrayList<>();
    List<Double> v = new ArrayList<>();
    // Tribuo refuses an example without features, and a row whose every feature is 0 would be one
    n.add(" constant");
    v.add(1.0);
    for (int k = 0; k < row.length; k++) {
      if (row[k] != 0) {  // Tribuo stores features sparsely; a zero is an absent feature
        n.add(names[k]);
        v.add(row[k]);
      }
    }
    double[] values = new double[v.size()];
    for (int k = 0; k < values.length; k++) values[k] = v.get(k);
    return new ArrayExample<>(current ? CURRENT : REFERENCE, n.toArray(String[]::new), values);
  }

  private static double currentScore(Model<Label> model, Example<Label> e) {
    var scores = model.predict(e).getOutputScores();
    Label l = scores.get(CURRENT.getLabel());
    return l == null ? 0 : l.getScore();
  }
}
