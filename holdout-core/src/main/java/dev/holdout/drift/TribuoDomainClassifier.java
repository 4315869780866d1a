package dev.holdout.drift;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
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
  private static final String CONSTANT_NAME = " constant";
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
    return new LinearScorer(fit(rows, current, names, seed), names);
  }

  /** The fitted Tribuo model itself. */
  static LinearSGDModel fit(double[][] rows, boolean[] current, String[] names, long seed) {
    MutableDataset<Label> data = dataset();
    for (int i = 0; i < rows.length; i++) data.add(example(rows[i], current[i], names));
    return trainer(seed).train(data);
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
    n.add(CONSTANT_NAME);
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

  /**
   * Tribuo's prediction of a fitted model done on arrays: the weights taken once through the model's
   * public {@code getWeightsCopy}, then per row the same sums in the same order (features by the
   * model's feature id, zeros skipped as Tribuo's sparse examples do, the bias last) and the same
   * exponential normalisation as {@code ExpNormalizer}, so each score equals {@code model.predict}'s
   * to the last bit ({@code TribuoDomainClassifierTest}) at a fraction of the cost: Tribuo builds,
   * sorts and looks up an {@link Example} per row, which was most of {@code holdout drift}'s time.
   * Stateless, so safe from any number of threads.
   */
  static final class LinearScorer implements Scorer {
    private final double[][] weights;  // [output][j]: the weight of the j-th feature in the model's id order
    private final int[] position;      // row index of each weight column; CONSTANT for the constant feature
    private final double[] bias;
    private final int current;
    private static final int CONSTANT = -1;

    LinearScorer(LinearSGDModel model, String[] names) {
      ImmutableFeatureMap ids = model.getFeatureIDMap();
      DenseMatrix w = model.getWeightsCopy();
      int outputs = w.getDimension1Size();
      current = model.getOutputIDInfo().getID(CURRENT);
      List<int[]> byId = new ArrayList<>();  // {feature id, row position}
      int constantId = ids.getID(CONSTANT_NAME);
      if (constantId >= 0) byId.add(new int[] {constantId, CONSTANT});
      for (int k = 0; k < names.length; k++) {
        int id = ids.getID(names[k]);
        if (id >= 0) byId.add(new int[] {id, k});
      }
      byId.sort(Comparator.comparingInt(a -> a[0]));
      position = new int[byId.size()];
      weights = new double[outputs][byId.size()];
      bias = new double[outputs];
      for (int j = 0; j < position.length; j++) {
        position[j] = byId.get(j)[1];
        for (int o = 0; o < outputs; o++) weights[o][j] = w.get(o, byId.get(j)[0]);
      }
      for (int o = 0; o < outputs; o++) bias[o] = w.get(o, ids.size());
    }

    @Override
    public double score(double[] row) {
      if (current < 0) return 0;
      double[] out = new double[bias.length];
      for (int j = 0; j < position.length; j++) {
        double v = position[j] == CONSTANT ? 1 : row[position[j]];
        if (v == 0) continue;
        for (int o = 0; o < out.length; o++) out[o] += weights[o][j] * v;
      }
      for (int o = 0; o < out.length; o++) out[o] += bias[o];
      double max = -Double.MAX_VALUE;
      for (double v : out) if (max < v) max = v;
      double sum = 0;
      for (int o = 0; o < out.length; o++) {
        out[o] = Math.exp(out[o] - max);
        sum += out[o];
      }
      return out[current] / sum;
    }
  }

  /** Tribuo's own prediction, the reference {@link LinearScorer} is tested against. */
  static double tribuoScore(Model<Label> model, double[] row, String[] names) {
    var scores = model.predict(example(row, false, names)).getOutputScores();
    Label l = scores.get(CURRENT.getLabel());
    return l == null ? 0 : l.getScore();
  }
}
