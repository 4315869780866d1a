package dev.holdout.evaluation;

import dev.holdout.base.Progress;
import dev.holdout.base.HoldoutException;
import dev.holdout.base.Names;
import dev.holdout.data.IdColumn;
import dev.holdout.data.IdIndex;
import dev.holdout.data.RecordReader;
import dev.holdout.data.RecordReaders;
import dev.holdout.data.Values;
import dev.holdout.suite.Suite;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Multilabel files: the evaluation set's labels of each row, from one column of labels joined by
 * the suite's separator (an empty cell is a row without labels; blanks around a label and empty
 * pieces such as a trailing separator are ignored) or from a 0/1 column per label (1, 0, true,
 * false, 1.0, 0.0; every row needs a value), and a submission's score per label (a probability in
 * [0, 1] in each of predictions.scores' columns). Every label must be one of the suite's labels.
 */
final class LabelSets {
  /** truth[label][row]: whether the row has the label, labels in the suite's order. */
  final boolean[][] truth;

  private LabelSets(boolean[][] truth) {
    this.truth = truth;
  }

  static EvaluationSet loadSet(Suite suite, Progress progress) {
    Suite.Data spec = suite.data();
    Suite.Multilabel ml = suite.multilabel();
    List<String> labels = ml.labels();
    int k = labels.size();
    Map<String, Integer> index = new HashMap<>();
    for (int l = 0; l < k; l++) index.put(labels.get(l), l);
    try (RecordReader r = RecordReaders.open(spec.path())) {
      var hash = RecordReaders.sha256Async(spec.path());
      int idCol = Values.column(r, spec.id(), "data.id in the suite");
      int joinedCol = ml.column() == null ? -1 : Values.column(r, ml.column(), "data.label in the suite");
      int[] labelCols = new int[ml.columns().size()];
      for (int l = 0; l < labelCols.length; l++) labelCols[l] = Values.column(r, ml.columns().get(labels.get(l)), "data.labels." + labels.get(l) + " in the suite");
      Pattern separator = ml.separator() == null ? null : Pattern.compile(Pattern.quote(ml.separator()));
      Groupings groupings = new Groupings(r, spec);
      IdColumn ids = new IdColumn();
      int cap = 1 << 12;
      int[] lines = new int[cap];
      boolean[][] truth = new boolean[k][cap];
      int n = 0;
      while (r.next()) {
        if (n == cap) {
          cap *= 2;
          lines = Arrays.copyOf(lines, cap);
          for (int l = 0; l < k; l++) truth[l] = Arrays.copyOf(truth[l], cap);
        }
        ids.add(Values.requiredText(r, idCol, "an id"));
        lines[n] = (int) Math.min(Integer.MAX_VALUE, r.positionNumber());
        if (joinedCol >= 0) {
          joined(r, joinedCol, separator, ml.separator(), index, labels, truth, n);
        } else {
          for (int l = 0; l < k; l++) truth[l][n] = flag(r, labelCols[l], labels.get(l));
        }
        groupings.read(r);
        n++;
        if ((n & 0xFFFF) == 0) progress.rows("reading " + r.path().getFileName(), n);
      }
      if (n == 0) throw new HoldoutException.BadData(r.path() + ": has a header but no rows; the evaluation set needs labeled rows");
      try {
        IdIndex.requireUnique(ids);
      } catch (IdIndex.DuplicateId d) {
        throw new HoldoutException.BadData(r.path() + " " + r.positionOf(lines[d.secondRow]) + ", column '" + spec.id() + "': id '" + d.id
            + "' already appears on " + r.positionOf(lines[d.firstRow]) + "; ids in the evaluation set must be unique");
      }
      for (int l = 0; l < k; l++) truth[l] = Arrays.copyOf(truth[l], n);
      EvaluationSet set = EvaluationSet.forRows(spec.path(), RecordReaders.await(hash), n, ids, Arrays.copyOf(lines, n), groupings.slices(), spec.group());
      set.labelSets = new LabelSets(truth);
      return set;
    }
  }

  /** The labels of one row from a joined column; an empty cell has none. */
  private static void joined(RecordReader r, int col, Pattern separator, String sep, Map<String, Integer> index, List<String> labels,
      boolean[][] truth, int row) {
    if (col >= r.fieldCount()) Values.required(r, col, "the row's labels");
    String cell = r.field(col);
    if (cell == null || cell.isBlank()) return;
    for (String piece : separator.split(cell, -1)) {
      String label = piece.strip();
      if (label.isEmpty()) continue;
      Integer l = index.get(label);
      if (l == null) {
        String other = otherSeparator(cell, sep, index);
        throw new HoldoutException.BadData(Values.where(r, col) + ": label '" + label + "' is not among the suite's labels " + labels
            + (other.isEmpty() ? Names.didYouMean(label, labels) : other) + "; fix the label or add it to predictions.scores");
      }
      truth[l][row] = true;
    }
  }

  /** Advice when the cell splits into known labels at another common separator. */
  private static String otherSeparator(String cell, String sep, Map<String, Integer> index) {
    for (String other : List.of(",", ";", "|", "/", " ")) {
      if (other.equals(sep) || !cell.contains(other)) continue;
      boolean all = true;
      for (String piece : cell.split(Pattern.quote(other))) all &= piece.isBlank() || index.containsKey(piece.strip());
      if (all) return " (the cell holds labels joined by '" + other + "', but data.separator is '" + sep + "': set data.separator: '" + other + "')";
    }
    return "";
  }

  /** A 0/1 cell of data.labels. */
  private static boolean flag(RecordReader r, int col, String label) {
    String v = Values.required(r, col, "0 or 1 (whether the row has label '" + label + "')").strip().toLowerCase(Locale.ROOT);
    switch (v) {
      case "1", "1.0", "true" -> {
        return true;
      }
      case "0", "0.0", "false" -> {
        return false;
      }
      default -> throw new HoldoutException.BadData(Values.where(r, col) + ": expected 0 or 1 (whether the row has label '" + label + "'), found '"
          + r.field(col).strip() + "'");
    }
  }

  /**
   * A submission's score of every label for the rows it has; {@code scores[label][row]}, 0 for rows
   * it lacks. {@code part}: the set is a part of the one the file was checked against (see {@link IdJoin}).
   */
  static Submission loadSubmission(Suite suite, EvaluationSet eval, Path path, String name, Progress progress, boolean part) {
    Suite.Multilabel ml = suite.multilabel();
    List<String> labels = ml.labels();
    int k = labels.size();
    try (RecordReader r = RecordReaders.open(path)) {
      var hash = RecordReaders.sha256Async(path);
      int idCol = Values.column(r, suite.predictions().id(), "predictions.id in the suite");
      int[] cols = new int[k];
      for (int l = 0; l < k; l++) cols[l] = Values.column(r, ml.scores().get(labels.get(l)), "predictions.scores." + labels.get(l) + " in the suite");
      double[][] scores = new double[k][eval.rows];
      IdJoin join = new IdJoin(suite, eval, path, "a prediction", part);
      while (r.next()) {
        int row = join.row(r, idCol);
        if (row < 0) continue;
        for (int l = 0; l < k; l++) scores[l][row] = Values.probability(r, cols[l]);
        if ((join.seen() & 0xFFFF) == 0) progress.rows("reading " + path.getFileName(), join.seen());
      }
      int missing = join.finish();
      return Submission.ofLabelScores(name, path, RecordReaders.await(hash), join.present, missing, join.reportedExtra(), join.reportedExtraExamples(), scores);
    }
  }
}
