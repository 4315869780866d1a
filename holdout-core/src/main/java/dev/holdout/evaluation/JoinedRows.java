package dev.holdout.evaluation;

import dev.holdout.base.HoldoutException;
import dev.holdout.base.Progress;
import dev.holdout.data.Dictionary;
import dev.holdout.data.RecordReader;
import dev.holdout.data.Values;
import dev.holdout.metric.BinaryCells;
import dev.holdout.metric.MulticlassMetrics;
import dev.holdout.metric.Task;
import dev.holdout.result.Report;
import dev.holdout.suite.Suite;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * The rows of a join of predictions to the evaluation set made elsewhere (a Spark job), gathered
 * as columns where the rows are and merged where the report is made. Each row is parsed and checked
 * by the same {@link Values} rules as {@code holdout evaluate}; {@link #report} puts the columns in
 * evaluation-set order by each row's number and hands them to the same {@link Evaluator}, so the
 * report equals the single-JVM one figure by figure on the same files. Binary, multiclass and
 * regression tasks.
 *
 * <p>{@link #merge} is associative and an empty block is its identity, so blocks may be merged in
 * any tree. Memory per row: 17 bytes for binary classification (row number, presence, label,
 * score), 25 plus 8 per quantile for regression, 13 for multiclass plus 9 with probabilities (the
 * top-k hit and the log loss); 4 more per slice column. The first bad row (by row number) is kept rather than thrown, so
 * the message reaches the driver intact whatever the cluster does with a worker's exceptions. Not
 * thread-safe.
 */
public final class JoinedRows implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Where each column the suite names sits in the two files' headers (-1: not used), fixed once
   * before the rows are read. {@code classes} are the multiclass classes (else null);
   * {@code firstLine} is the position number of the evaluation set's row 0.
   */
  public record Layout(Task task, int evalId, int label, int[] grouping, int baseline, int predictionId, int score, int predictedLabel,
      int value, int[] quantiles, int[] probabilities, List<String> classes, int topK, long firstLine) implements Serializable {
    /** The evaluation set's columns the rows need, ascending. */
    public int[] evalColumns() {
      return used(new int[] {evalId, label, baseline}, grouping);
    }

    /** The predictions' columns the rows need, ascending. */
    public int[] predictionColumns() {
      return used(new int[] {predictionId, score, predictedLabel, value}, quantiles, probabilities);
    }

    private static int[] used(int[]... columns) {
      return Arrays.stream(columns).flatMapToInt(Arrays::stream).filter(i -> i >= 0).distinct().sorted().toArray();
    }
  }

  /**
   * The layout of {@code suite}'s columns in the headers of {@code eval} and {@code predictions}
   * (readers positioned before their first row), refused with the messages of {@code holdout
   * evaluate} when a column is absent. {@code classes}: multiclass only, the suite's
   * {@code data.classes} or the sorted labels of the set.
   */
  public static Layout layout(Suite suite, RecordReader eval, RecordReader predictions, List<String> classes, long firstLine) {
    Task task = suite.task();
    if (task != Task.BINARY_CLASSIFICATION && task != Task.MULTICLASS_CLASSIFICATION && task != Task.REGRESSION) {
      throw new HoldoutException.BadSuite(suite.file() + ": task " + task.key() + " is evaluated by the default engine only; "
          + "this engine takes binary_classification, multiclass_classification and regression");
    }
    Suite.Data spec = suite.data();
    int id = Values.column(eval, spec.id(), "data.id in the suite");
    int label = Values.column(eval, spec.label(), "data.label in the suite");
    int[] grouping = EvaluationSet.groupingColumns(eval, spec);
    Suite.Baseline b = suite.baseline();
    int baseline = b.kind() == Suite.Baseline.Kind.COLUMN ? Values.column(eval, b.column(), "baseline.column in the suite") : -1;
    Suite.Predictions p = suite.predictions();
    int predictionId = Values.column(predictions, p.id(), "predictions.id in the suite");
    int score = -1, predictedLabel = -1, value = -1;
    int[] quantiles = new int[0];
    int[] probabilities = new int[0];
    switch (task) {
      case BINARY_CLASSIFICATION -> score = Values.column(predictions, p.score(), "predictions.score in the suite");
      case MULTICLASS_CLASSIFICATION -> {
        if (p.label() != null) predictedLabel = Values.column(predictions, p.label(), "predictions.label in the suite");
        if (!p.probabilities().isEmpty()) {
          probabilities = new int[classes.size()];
          for (int k = 0; k < classes.size(); k++) {
            probabilities[k] = Values.column(predictions, p.probabilities().get(classes.get(k)),
                "predictions.probabilities." + classes.get(k) + " in the suite");
          }
        }
      }
      default -> {
        value = Values.column(predictions, p.value(), "predictions.value in the suite");
        quantiles = new int[p.quantiles().size()];
        int q = 0;
        for (String col : p.quantiles().values()) quantiles[q++] = Values.column(predictions, col, "predictions.quantiles in the suite");
      }
    }
    return new Layout(task, id, label, grouping, baseline, predictionId, score, predictedLabel, value, quantiles, probabilities,
        classes == null ? null : List.copyOf(classes), suite.topK(), firstLine);
  }

  private final Layout layout;
  private int n;
  private int[] row;
  private boolean[] present;
  /** Binary: the label's dictionary code; multiclass: the class index. */
  private int[] label;
  private double[] actual;
  /** Binary: the score; regression: the predicted value. */
  private double[] prediction;
  private double[][] quantiles;
  private int[] predicted;
  private boolean[] hit;
  private double[] logLoss;
  private double[] baselineScore;
  private int[] baselineClass;
  private int[][] groups;
  private transient Dictionary labels = new Dictionary();
  private transient Dictionary[] groupNames;
  private int seen;
  private int extra;
  private final ArrayList<String> extraExamples = new ArrayList<>();
  /** The set's first id (row 0), for the message of a file that matches none. */
  private String firstId;
  /** Up to five ids without a prediction, by row number. */
  private final TreeMap<Integer, String> missingExamples = new TreeMap<>();
  /** The first failure found, by row number (extra rows last): its row, kind and message. */
  private long errorRow = Long.MAX_VALUE;
  private boolean errorInSuite;
  private String error;

  public JoinedRows(Layout layout) {
    this.layout = layout;
    int cap = 16;
    row = new int[cap];
    present = new boolean[cap];
    label = new int[cap];
    switch (layout.task()) {
      case BINARY_CLASSIFICATION -> {
        prediction = new double[cap];
        if (layout.baseline() >= 0) baselineScore = new double[cap];
      }
      case REGRESSION -> {
        actual = new double[cap];
        prediction = new double[cap];
        quantiles = new double[layout.quantiles().length][cap];
        if (layout.baseline() >= 0) baselineScore = new double[cap];
      }
      default -> {
        predicted = new int[cap];
        if (layout.probabilities().length > 0) {
          hit = new boolean[cap];
          logLoss = new double[cap];
        }
        if (layout.baseline() >= 0) baselineClass = new int[cap];
      }
    }
    groups = new int[layout.grouping().length][cap];
    groupNames = new Dictionary[groups.length];
    for (int s = 0; s < groups.length; s++) groupNames[s] = new Dictionary();
  }

  /**
   * Adds the evaluation set's row number {@code rowNumber} (0-based, in the set's order) read by
   * {@code eval}, with its prediction read by {@code predictions} (null: the id has none). A bad
   * value is kept as this block's failure (the first by row number), thrown by {@link #report}.
   */
  public void add(int rowNumber, RecordReader eval, RecordReader predictions) {
    if (rowNumber > errorRow) return;
    try {
      addRow(rowNumber, eval, predictions);
    } catch (HoldoutException e) {
      fail(rowNumber, e);
    }
  }

  /** Counts a prediction whose id the evaluation set does not have. */
  public void addExtra(RecordReader predictions) {
    seen++;
    extra++;
    try {
      CharSequence id = Values.requiredText(predictions, layout.predictionId(), "an id");
      if (extraExamples.size() < 5) extraExamples.add(id.toString());
    } catch (HoldoutException e) {
      fail(Long.MAX_VALUE - 1, e);
    }
  }

  private void fail(long at, HoldoutException e) {
    if (at >= errorRow) return;
    errorRow = at;
    errorInSuite = e instanceof HoldoutException.BadSuite;
    error = e.getMessage();
  }

  private void addRow(int rowNumber, RecordReader e, RecordReader p) {
    CharSequence id = Values.requiredText(e, layout.evalId(), "an id");
    if (rowNumber == 0) firstId = id.toString();
    if (n == row.length) grow();
    row[n] = rowNumber;
    Task task = layout.task();
    switch (task) {
      case BINARY_CLASSIFICATION -> {
        label[n] = labels.code(Values.requiredText(e, layout.label(), "a label; rows without an outcome cannot be evaluated, remove them"));
        if (baselineScore != null) baselineScore[n] = Values.probability(e, layout.baseline());
      }
      case REGRESSION -> {
        actual[n] = Values.value(e, layout.label(), "the actual value (a number)");
        if (baselineScore != null) baselineScore[n] = Values.value(e, layout.baseline(), "the baseline rule's prediction (a number)");
      }
      default -> {
        List<String> classes = layout.classes();
        String text = Values.requiredText(e, layout.label(), "a label; rows without an outcome cannot be evaluated, remove them").toString();
        label[n] = classes.indexOf(text);
        if (label[n] < 0) {
          throw new HoldoutException.BadData(e.path() + " " + e.position() + ", column '" + e.header().get(layout.label()) + "': label '" + text
              + "' is not among the suite's classes " + classes + "; fix the label or add the class to the suite");
        }
        if (baselineClass != null) {
          String base = Values.requiredText(e, layout.baseline(), "the baseline rule's predicted class").toString();
          baselineClass[n] = classes.indexOf(base);
          if (baselineClass[n] < 0) {
            throw new HoldoutException.BadData(e.path() + " " + e.position() + ", column '" + e.header().get(layout.baseline()) + "': baseline class '"
                + base + "' is not among the classes " + classes);
          }
        }
      }
    }
    for (int s = 0; s < groups.length; s++) {
      CharSequence g = e.text(layout.grouping()[s]);
      groups[s][n] = groupNames[s].code(g == null ? EvaluationSet.MISSING_GROUP : g);
    }
    if (p == null) {
      present[n] = false;
      missingExamples.put(rowNumber, id.toString());
      if (missingExamples.size() > 5) missingExamples.pollLastEntry();
    } else {
      seen++;
      present[n] = true;
      predict(p);
    }
    n++;
  }

  private void predict(RecordReader p) {
    switch (layout.task()) {
      case BINARY_CLASSIFICATION -> prediction[n] = Values.probability(p, layout.score());
      case REGRESSION -> {
        prediction[n] = Values.value(p, layout.value(), "a predicted value (a number)");
        for (int q = 0; q < quantiles.length; q++) quantiles[q][n] = Values.value(p, layout.quantiles()[q], "a predicted quantile (a number)");
      }
      default -> {
        // as Submission.load: the first most probable class, clipped probabilities renormalised for log loss
        int[] cols = layout.probabilities();
        int best = -1;
        if (cols.length > 0) {
          double[] probs = new double[cols.length];
          double sum = 0;
          for (int k = 0; k < cols.length; k++) {
            probs[k] = Values.probability(p, cols[k]);
            if (best < 0 || probs[k] > probs[best]) best = k;
            sum += Math.min(Math.max(probs[k], BinaryCells.EPS), 1 - BinaryCells.EPS);
          }
          int a = label[n];
          logLoss[n] = -Math.log(Math.min(Math.max(probs[a], BinaryCells.EPS), 1 - BinaryCells.EPS) / sum);
          hit[n] = MulticlassMetrics.topKHit(probs, a, layout.topK());
        }
        if (layout.predictedLabel() >= 0) {
          String text = Values.requiredText(p, layout.predictedLabel(), "a predicted class").toString();
          best = layout.classes().indexOf(text);
          if (best < 0) {
            throw new HoldoutException.BadData(Values.where(p, layout.predictedLabel()) + ": predicted class '" + text
                + "' is not among the classes " + layout.classes());
          }
        }
        predicted[n] = best;
      }
    }
  }

  private void grow() {
    resize(Math.max(16, row.length * 2));
  }

  private void resize(int cap) {
    row = Arrays.copyOf(row, cap);
    present = Arrays.copyOf(present, cap);
    label = Arrays.copyOf(label, cap);
    if (actual != null) actual = Arrays.copyOf(actual, cap);
    if (prediction != null) prediction = Arrays.copyOf(prediction, cap);
    if (quantiles != null) for (int q = 0; q < quantiles.length; q++) quantiles[q] = Arrays.copyOf(quantiles[q], cap);
    if (predicted != null) predicted = Arrays.copyOf(predicted, cap);
    if (hit != null) hit = Arrays.copyOf(hit, cap);
    if (logLoss != null) logLoss = Arrays.copyOf(logLoss, cap);
    if (baselineScore != null) baselineScore = Arrays.copyOf(baselineScore, cap);
    if (baselineClass != null) baselineClass = Arrays.copyOf(baselineClass, cap);
    for (int s = 0; s < groups.length; s++) groups[s] = Arrays.copyOf(groups[s], cap);
  }

  /** Rows of the evaluation set added. */
  public int size() {
    return n;
  }

  /** Adds {@code other}'s rows and counts to these; returns this. */
  public JoinedRows merge(JoinedRows other) {
    if (other.errorRow < errorRow) {
      errorRow = other.errorRow;
      errorInSuite = other.errorInSuite;
      error = other.error;
    }
    seen += other.seen;
    extra += other.extra;
    for (String id : other.extraExamples) if (extraExamples.size() < 5) extraExamples.add(id);
    if (firstId == null) firstId = other.firstId;
    missingExamples.putAll(other.missingExamples);
    while (missingExamples.size() > 5) missingExamples.pollLastEntry();
    int[] labelCode = remap(labels, other.labels, layout.task() == Task.BINARY_CLASSIFICATION);
    int[][] groupCode = new int[groups.length][];
    for (int s = 0; s < groups.length; s++) groupCode[s] = remap(groupNames[s], other.groupNames[s], true);
    while (n + other.n > row.length) grow();
    for (int i = 0; i < other.n; i++) {
      int j = n + i;
      row[j] = other.row[i];
      present[j] = other.present[i];
      label[j] = labelCode == null ? other.label[i] : labelCode[other.label[i]];
      if (actual != null) actual[j] = other.actual[i];
      if (prediction != null) prediction[j] = other.prediction[i];
      if (quantiles != null) for (int q = 0; q < quantiles.length; q++) quantiles[q][j] = other.quantiles[q][i];
      if (predicted != null) predicted[j] = other.predicted[i];
      if (hit != null) hit[j] = other.hit[i];
      if (logLoss != null) logLoss[j] = other.logLoss[i];
      if (baselineScore != null) baselineScore[j] = other.baselineScore[i];
      if (baselineClass != null) baselineClass[j] = other.baselineClass[i];
      for (int s = 0; s < groups.length; s++) groups[s][j] = groupCode[s][other.groups[s][i]];
    }
    n += other.n;
    return this;
  }

  /** Codes of {@code other}'s values in {@code mine}, adding those it lacks; null when codes are not dictionary codes. */
  private static int[] remap(Dictionary mine, Dictionary other, boolean coded) {
    if (!coded) return null;
    int[] out = new int[other.size()];
    for (int c = 0; c < out.length; c++) out[c] = mine.code(other.values().get(c));
    return out;
  }

  /**
   * The {@code holdout.report/v1} report of the joined rows: {@code rows} is the number of rows of
   * the evaluation set at {@code evalPath} (whose position readers {@code evalHeader} describes),
   * every one of which must have been added. Throws the first bad row's failure, then the checks
   * of {@code holdout evaluate} on the set and on the predictions file at {@code predictionsPath}.
   */
  public Report report(Suite suite, RecordReader evalHeader, String evalSha256, int rows, String name, Path predictionsPath, String predictionsSha256) {
    Joined j = joined(suite, evalHeader, evalSha256, rows, name, predictionsPath, predictionsSha256);
    return new Evaluator(suite, j.eval(), Progress.NONE).evaluate(j.submission());
  }

  /**
   * The evaluation set and the submission the evaluator takes, both in the set's row order: what
   * {@link #report} evaluates, and what a comparison of several joined submissions ranks (the set
   * is the same whichever submission it was joined with).
   */
  public record Joined(EvaluationSet eval, Submission submission) {}

  /** The joined rows as the evaluator's inputs, with the checks of {@link #report}. */
  public Joined joined(Suite suite, RecordReader evalHeader, String evalSha256, int rows, String name, Path predictionsPath, String predictionsSha256) {
    if (error != null) throw errorInSuite ? new HoldoutException.BadSuite(error) : new HoldoutException.BadData(error);
    Path evalPath = evalHeader.path();
    if (rows == 0) throw new HoldoutException.BadData(evalPath + ": has a header but no rows; the evaluation set needs labeled rows");
    if (n != rows) throw new IllegalStateException(n + " rows joined for an evaluation set of " + rows);
    int[] at = new int[rows];
    Arrays.fill(at, -1);
    for (int i = 0; i < n; i++) {
      if (at[row[i]] >= 0) throw new IllegalStateException("row " + row[i] + " joined twice");
      at[row[i]] = i;
    }
    Suite.Data spec = suite.data();
    List<EvaluationSet.Slice> slices = new ArrayList<>();
    for (int s = 0; s < groups.length; s++) {
      slices.add(EvaluationSet.sorted(spec.groupingColumns().get(s), groupNames[s], TaskModel.pick(groups[s], at), rows));
    }
    int[] lab = TaskModel.pick(label, at);
    EvaluationSet eval;
    switch (layout.task()) {
      case BINARY_CLASSIFICATION -> {
        // the labels in order of first appearance, as the single-JVM reader codes them
        int[] rank = new int[labels.size()];
        Arrays.fill(rank, -1);
        List<String> seenLabels = new ArrayList<>();
        int third = -1;
        for (int r = 0; r < rows; r++) {
          if (rank[lab[r]] >= 0) continue;
          rank[lab[r]] = seenLabels.size();
          seenLabels.add(labels.values().get(lab[r]));
          if (seenLabels.size() == 3) third = r;
        }
        String pos = EvaluationSet.positiveLabel(evalHeader, spec, seenLabels, third < 0 ? 0 : layout.firstLine() + third);
        boolean[] positive = new boolean[rows];
        for (int r = 0; r < rows; r++) positive[r] = labels.values().get(lab[r]).equals(pos);
        String neg = seenLabels.stream().filter(l -> !l.equals(pos)).findFirst().orElse("not " + pos);
        eval = EvaluationSet.joined(evalPath, evalSha256, rows, positive, pos, neg, null, null, null, slices,
            pickOrNull(baselineScore, at), null, spec.group());
      }
      case REGRESSION -> eval = EvaluationSet.joined(evalPath, evalSha256, rows, null, null, null, null, null, TaskModel.pick(actual, at), slices,
          pickOrNull(baselineScore, at), null, spec.group());
      default -> eval = EvaluationSet.joined(evalPath, evalSha256, rows, null, null, null, layout.classes(), lab, null, slices, null,
          baselineClass == null ? null : TaskModel.pick(baselineClass, at), spec.group());
    }
    boolean[] has = TaskModel.pick(present, at);
    int missing = IdJoin.check(suite, predictionsPath, "a prediction", false, rows, seen, extra, List.copyOf(extraExamples), firstId,
        () -> List.copyOf(missingExamples.values()));
    double[][] qs = null;
    if (quantiles != null) {
      qs = new double[quantiles.length][];
      for (int q = 0; q < qs.length; q++) qs[q] = TaskModel.pick(quantiles[q], at);
    }
    Submission sub = Submission.joined(name, predictionsPath, predictionsSha256, has, missing, extra, List.copyOf(extraExamples),
        layout.task() == Task.BINARY_CLASSIFICATION ? TaskModel.pick(prediction, at) : null,
        predicted == null ? null : TaskModel.pick(predicted, at), hit == null ? null : TaskModel.pick(hit, at),
        logLoss == null ? null : TaskModel.pick(logLoss, at), layout.task() == Task.REGRESSION ? TaskModel.pick(prediction, at) : null, qs);
    return new Joined(eval, sub);
  }

  private static double[] pickOrNull(double[] values, int[] at) {
    return values == null ? null : TaskModel.pick(values, at);
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    resize(n);
    out.defaultWriteObject();
    out.writeObject(new ArrayList<>(labels.values()));
    for (Dictionary d : groupNames) out.writeObject(new ArrayList<>(d.values()));
  }

  @SuppressWarnings("unchecked")
  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    labels = dictionary((List<String>) in.readObject());
    groupNames = new Dictionary[groups.length];
    for (int s = 0; s < groups.length; s++) groupNames[s] = dictionary((List<String>) in.readObject());
  }

  private static Dictionary dictionary(List<String> values) {
    Dictionary d = new Dictionary();
    for (String v : values) d.code(v);
    return d;
  }
}
