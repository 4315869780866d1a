package dev.holdout.evaluation;

import dev.holdout.base.HoldoutException;
import dev.holdout.base.Progress;
import dev.holdout.data.RecordReader;
import dev.holdout.data.RecordReaders;
import dev.holdout.data.Values;
import dev.holdout.metric.BinaryCells;
import dev.holdout.metric.MulticlassMetrics;
import dev.holdout.metric.Task;
import dev.holdout.suite.Suite;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A vendor's predictions, read and aligned to the evaluation set's rows by id. Rows the vendor left
 * out are flagged absent; ids the evaluation set lacks are counted as extra and otherwise ignored.
 */
public final class Submission {
  final String name;
  final Path path;
  final String sha256;
  final boolean[] present;
  final int missing;
  final int extra;
  final List<String> extraExamples;
  final double[] score;
  final int[] predicted;
  final boolean[] topKHit;
  final double[] logLoss;
  final double[] value;
  final double[][] quantiles;
  /** Retrieval only: each query's ranked list as relevance grades; null for other tasks. */
  final RankedLists rankings;
  /** Text generation only: each row's answer and used passages; null for other tasks. */
  final Answers answers;
  /** Text generation with a judge: the judgements of the answers (null: not judged). */
  final Judging.Judged judged;
  /** Multilabel only: scores[label][row], labels in the suite's order; null for other tasks. */
  final double[][] labelScores;

  /** A retrieval submission: which queries have a ranked list, and the lists as grades. */
  Submission(String name, Path path, String sha256, boolean[] present, int missing, RankedLists rankings) {
    this(name, path, sha256, present, missing, 0, List.of(), null, null, null, null, null, null, rankings, null);
  }

  /** A text generation submission: the answers of the rows it has. */
  static Submission ofAnswers(String name, Path path, String sha256, boolean[] present, int missing, int extra, List<String> extraExamples, Answers answers) {
    return new Submission(name, path, sha256, present, missing, extra, extraExamples, null, null, null, null, null, null, null, answers);
  }

  private Submission(String name, Path path, String sha256, boolean[] present, int missing, int extra, List<String> extraExamples,
      double[] score, int[] predicted, boolean[] topKHit, double[] logLoss, double[] value, double[][] quantiles, RankedLists rankings, Answers answers) {
    this(name, path, sha256, present, missing, extra, extraExamples, score, predicted, topKHit, logLoss, value, quantiles, rankings, answers, null);
  }

  /** A forecasting submission: the forecast of each row it has. */
  static Submission ofValues(String name, Path path, String sha256, boolean[] present, int missing, int extra, List<String> extraExamples,
      double[] value) {
    return new Submission(name, path, sha256, present, missing, extra, extraExamples, null, null, null, null, value, null, null, null);
  }

  /** A multilabel submission: the score of every label for the rows it has. */
  static Submission ofLabelScores(String name, Path path, String sha256, boolean[] present, int missing, int extra, List<String> extraExamples,
      double[][] labelScores) {
    return new Submission(name, path, sha256, present, missing, extra, extraExamples, null, null, null, null, null, null, null, null, null,
        labelScores);
  }

  private Submission(String name, Path path, String sha256, boolean[] present, int missing, int extra, List<String> extraExamples,
      double[] score, int[] predicted, boolean[] topKHit, double[] logLoss, double[] value, double[][] quantiles, RankedLists rankings, Answers answers,
      Judging.Judged judged) {
    this(name, path, sha256, present, missing, extra, extraExamples, score, predicted, topKHit, logLoss, value, quantiles, rankings, answers, judged,
        null);
  }

  private Submission(String name, Path path, String sha256, boolean[] present, int missing, int extra, List<String> extraExamples,
      double[] score, int[] predicted, boolean[] topKHit, double[] logLoss, double[] value, double[][] quantiles, RankedLists rankings, Answers answers,
      Judging.Judged judged, double[][] labelScores) {
    this.name = name;
    this.path = path;
    this.sha256 = sha256;
    this.present = present;
    this.missing = missing;
    this.extra = extra;
    this.extraExamples = extraExamples;
    this.score = score;
    this.predicted = predicted;
    this.topKHit = topKHit;
    this.logLoss = logLoss;
    this.value = value;
    this.quantiles = quantiles;
    this.rankings = rankings;
    this.answers = answers;
    this.judged = judged;
    this.labelScores = labelScores;
  }

  /** The same submission with its answers' judgements. */
  Submission withJudged(Judging.Judged j) {
    return new Submission(name, path, sha256, present, missing, extra, extraExamples, score, predicted, topKHit, logLoss, value, quantiles, rankings,
        answers, j);
  }

  public String name() {
    return name;
  }

  /** A submission's default name: its file name without the extension. */
  public static String defaultName(Path path) {
    String f = path.getFileName().toString();
    int dot = f.lastIndexOf('.');
    return dot > 0 ? f.substring(0, dot) : f;
  }

  public static Submission load(Suite suite, EvaluationSet eval, Path path, String name, Progress progress) {
    return load(suite, eval, path, name, progress, false);
  }

  /**
   * As {@link #load(Suite, EvaluationSet, Path, String, Progress)}; {@code fromHarness}: answers that
   * {@code holdout run} collected from an endpoint, which returns no passages, so a text suite's
   * {@code predictions.context} columns may be absent and grounding is then not measured.
   */
  public static Submission load(Suite suite, EvaluationSet eval, Path path, String name, Progress progress, boolean fromHarness) {
    return load(suite, eval, path, name, progress, fromHarness, false);
  }

  /**
   * A file already loaded without error against a whole evaluation set, loaded against a part of
   * that set (a server's public or private part): ids of the other part are extra, and a file that
   * matches none of this part's ids has all of them missing instead of being refused, so whether it
   * fails does not depend on which part its ids are in.
   */
  public static Submission loadPart(Suite suite, EvaluationSet part, Path path, String name, Progress progress) {
    return load(suite, part, path, name, progress, false, true);
  }

  private static Submission load(Suite suite, EvaluationSet eval, Path path, String name, Progress progress, boolean fromHarness, boolean part) {
    if (suite.task() == Task.RETRIEVAL) return RankedLists.load(suite, eval, path, name, progress, false, part);
    if (suite.task() == Task.TEXT_GENERATION) return Answers.loadSubmission(suite, eval, path, name, progress, "an answer", fromHarness, part);
    if (suite.task() == Task.MULTILABEL_CLASSIFICATION) return LabelSets.loadSubmission(suite, eval, path, name, progress, part);
    if (suite.task() == Task.FORECASTING) return Forecasts.loadSubmission(suite, eval, path, name, progress, part);
    Suite.Predictions spec = suite.predictions();
    int n = eval.rows;
    try (RecordReader r = RecordReaders.open(path)) {
      var hash = RecordReaders.sha256Async(path);
      int idCol = Values.column(r, spec.id(), "predictions.id in the suite");
      int scoreCol = -1, labelCol = -1, valueCol = -1;
      int[] probCols = null;
      double[] quantileLevels = spec.quantiles().keySet().stream().mapToDouble(Double::doubleValue).toArray();
      int[] quantileCols = new int[quantileLevels.length];
      double[] score = null, logLoss = null, value = null;
      int[] predicted = null;
      boolean[] hit = null;
      double[][] quantiles = null;
      List<String> classes = eval.classes;
      switch (suite.task()) {
        case BINARY_CLASSIFICATION -> {
          scoreCol = Values.column(r, spec.score(), "predictions.score in the suite");
          score = new double[n];
        }
        case MULTICLASS_CLASSIFICATION -> {
          if (spec.label() != null) labelCol = Values.column(r, spec.label(), "predictions.label in the suite");
          if (!spec.probabilities().isEmpty()) {
            probCols = new int[classes.size()];
            for (int k = 0; k < classes.size(); k++) {
              probCols[k] = Values.column(r, spec.probabilities().get(classes.get(k)), "predictions.probabilities." + classes.get(k) + " in the suite");
            }
            hit = new boolean[n];
            logLoss = new double[n];
          }
          predicted = new int[n];
        }
        case REGRESSION -> {
          valueCol = Values.column(r, spec.value(), "predictions.value in the suite");
          value = new double[n];
          quantiles = new double[quantileLevels.length][n];
          int q = 0;
          for (String col : spec.quantiles().values()) quantileCols[q++] = Values.column(r, col, "predictions.quantiles in the suite");
        }
        default -> throw new IllegalStateException("unsupported task " + suite.task());
      }
      IdJoin join = new IdJoin(suite, eval, path, "a prediction", part);
      double[] probs = probCols == null ? null : new double[probCols.length];
      while (r.next()) {
        int row = join.row(r, idCol);
        if (row < 0) continue;
        switch (suite.task()) {
          case BINARY_CLASSIFICATION -> score[row] = Values.probability(r, scoreCol);
          case MULTICLASS_CLASSIFICATION -> {
            int best = -1;
            if (probs != null) {
              double sum = 0;
              for (int k = 0; k < probs.length; k++) {
                probs[k] = Values.probability(r, probCols[k]);
                if (best < 0 || probs[k] > probs[best]) best = k;
                sum += Math.min(Math.max(probs[k], BinaryCells.EPS), 1 - BinaryCells.EPS);
              }
              int actual = eval.classOf[row];
              double p = Math.min(Math.max(probs[actual], BinaryCells.EPS), 1 - BinaryCells.EPS) / sum;
              logLoss[row] = -Math.log(p);
              hit[row] = MulticlassMetrics.topKHit(probs, actual, suite.topK());
            }
            if (labelCol >= 0) {
              String label = Values.requiredText(r, labelCol, "a predicted class").toString();
              best = classes.indexOf(label);
              if (best < 0) {
                throw new SubmissionMismatch(Values.where(r, labelCol) + ": predicted class '" + label + "' is not among the classes " + classes,
                    new SubmissionMismatch.Facts(SubmissionMismatch.Kind.UNKNOWN_CLASS, join.seen(), join.seen() - join.extra(), List.of(),
                        r.position() + ", column '" + r.header().get(labelCol) + "'", label));
              }
            }
            predicted[row] = best;
          }
          case REGRESSION -> {
            value[row] = Values.value(r, valueCol, "a predicted value (a number)");
            for (int q = 0; q < quantileCols.length; q++) quantiles[q][row] = Values.value(r, quantileCols[q], "a predicted quantile (a number)");
          }
          default -> throw new IllegalStateException();
        }
        if ((join.seen() & 0xFFFF) == 0) progress.rows("reading " + path.getFileName(), join.seen());
      }
      int missing = join.finish();
      return new Submission(name, path, RecordReaders.await(hash), join.present, missing, join.reportedExtra(), join.reportedExtraExamples(),
          score, predicted, hit, logLoss, value, quantiles, null, null);
    }
  }

  /** Predictions whose columns were gathered elsewhere (a distributed join, {@link JoinedRows}); fields as in {@link #load}. */
  static Submission joined(String name, Path path, String sha256, boolean[] present, int missing, int extra, List<String> extraExamples,
      double[] score, int[] predicted, boolean[] topKHit, double[] logLoss, double[] value, double[][] quantiles) {
    return new Submission(name, path, sha256, present, missing, extra, extraExamples, score, predicted, topKHit, logLoss, value, quantiles,
        null, null);
  }

  /** Predictions held in memory, one per row of an in-memory evaluation set (none missing). */
  static Submission inMemory(String name, Path path, int rows, double[] score, int[] predicted, boolean[] topKHit, double[] logLoss, double[] value,
      double[][] quantiles) {
    boolean[] present = new boolean[rows];
    Arrays.fill(present, true);
    return new Submission(name, path, null, present, 0, 0, List.of(), score, predicted, topKHit, logLoss, value, quantiles, null, null);
  }
}
