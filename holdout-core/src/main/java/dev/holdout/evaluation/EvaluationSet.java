package dev.holdout.evaluation;

import dev.holdout.base.Progress;
import dev.holdout.base.HoldoutException;
import dev.holdout.data.Dictionary;
import dev.holdout.data.IdColumn;
import dev.holdout.data.IdIndex;
import dev.holdout.data.RecordReader;
import dev.holdout.data.RecordReaders;
import dev.holdout.data.SliceGroups;
import dev.holdout.data.Values;
import dev.holdout.metric.Task;
import dev.holdout.suite.Suite;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The buyer's labeled evaluation set, read once into columns: ids with their lines, the label
 * (binary flag, class index, number, or a multilabel row's labels), slice codes and the baseline rule's column.
 */
public final class EvaluationSet {
  /** The group of rows whose slice value is empty. */
  public static final String MISSING_GROUP = "(missing)";

  final Path path;
  final String sha256;
  final int rows;
  final IdColumn ids;
  final int[] lines;
  private volatile IdIndex index;
  private final CompletableFuture<Void> checks;
  final boolean[] positive;
  final String positiveLabel;
  final String negativeLabel;
  final List<String> classes;
  final int[] classOf;
  final double[] actual;
  final List<Slice> slices;
  /** data.group: each row's group, the unit the bootstrap resamples; null when rows are independent. */
  final Slice group;
  final double[] baselineScore;
  final int[] baselineClass;
  /** Retrieval only: the judged documents per query; null for other tasks. */
  Qrels qrels;
  /** Retrieval only: the ranked lists of the suite's {@code baseline: {kind: run}}, or null. */
  Submission baselineRun;
  /** Text generation only: the reference answers of each row; null for other tasks. */
  Answers references;
  /** Text generation only: the answers of the suite's column or run baseline, or null. */
  Answers baselineAnswers;
  /** Text generation only: the values of the columns the assertions name, by column then row (empty without such assertions). */
  Map<String, String[]> assertionColumns = Map.of();
  /** Multilabel only: the labels of each row; null for other tasks. */
  LabelSets labelSets;
  /** Forecasting only: each forecast's baseline, MASE scale and time block; null for other tasks. */
  Forecasts forecasts;

  /** One slice column: its groups (sorted) and each row's group. */
  public record Slice(String column, List<String> groups, int[] groupOf) {}

  private EvaluationSet(CompletableFuture<Void> checks, Path path, String sha256, int rows, IdColumn ids, int[] lines, boolean[] positive,
      String positiveLabel, String negativeLabel, List<String> classes, int[] classOf, double[] actual, List<Slice> slices,
      double[] baselineScore, int[] baselineClass, String groupColumn) {
    this.checks = checks;
    this.path = path;
    this.sha256 = sha256;
    this.rows = rows;
    this.ids = ids;
    this.lines = lines;
    this.positive = positive;
    this.positiveLabel = positiveLabel;
    this.negativeLabel = negativeLabel;
    this.classes = classes;
    this.classOf = classOf;
    this.actual = actual;
    this.slices = groupColumn == null ? slices : slices.subList(0, slices.size() - 1);
    this.group = groupColumn == null ? null : slices.get(slices.size() - 1);
    for (Slice slice : this.slices) {
      // data.group may have any number of groups; a slice of numbers with too many is a measurement
      String continuous = SliceGroups.continuous(slice.column(), slice.groups(), MISSING_GROUP);
      if (continuous != null) throw new HoldoutException.BadSuite(path + ", data.slices: " + continuous);
    }
    if (group != null) {
      int missing = group.groups().indexOf(MISSING_GROUP);
      for (int i = 0; missing >= 0 && i < rows; i++) {
        if (group.groupOf()[i] == missing) {
          throw new HoldoutException.BadData(path + " line " + lines[i] + ", column '" + groupColumn + "': empty; data.group says which rows belong"
              + " together, so every row needs one (a customer, question, document or series): fill it in or remove the row");
        }
      }
    }
    this.baselineScore = baselineScore;
    this.baselineClass = baselineClass;
  }

  /**
   * The row whose id is {@code id}, or -1. Tries {@code expected} first, so predictions written in
   * the evaluation set's order never touch the hash index, which is built on first need.
   */
  int find(CharSequence id, int expected) {
    if (expected >= 0 && expected < rows && ids.equalsAt(expected, id)) return expected;
    if (index == null) {
      awaitChecks();
      index = IdIndex.of(ids);
    }
    return index.find(id);
  }

  /** Waits for the checks that run in the background (unique ids) and throws what they found. */
  public void awaitChecks() {
    try {
      checks.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw e;
    }
  }

  public int rows() {
    return rows;
  }

  public String sha256() {
    return sha256;
  }

  public List<String> classes() {
    return classes;
  }

  /** A retrieval evaluation set: one row per query, with its judged documents. */
  static EvaluationSet forRetrieval(Path path, String sha256, int queries, IdColumn ids, int[] lines, List<Slice> slices, String group,
      Qrels qrels) {
    EvaluationSet set = forRows(path, sha256, queries, ids, lines, slices, group);
    set.qrels = qrels;
    return set;
  }

  /**
   * An evaluation set of unique ids and slices only; the task's own data is set by its loader.
   * {@code slices} are those of {@link #groupingColumns}, so the last is data.group when
   * {@code group} is not null.
   */
  static EvaluationSet forRows(Path path, String sha256, int rows, IdColumn ids, int[] lines, List<Slice> slices, String group) {
    return new EvaluationSet(CompletableFuture.completedFuture(null), path, sha256, rows, ids, lines, null, null, null,
        null, null, null, slices, null, null, group);
  }

  /**
   * A forecasting evaluation set: one row per forecast owed, with its actual value; {@code slices}
   * end with the bootstrap's unit ({@code group}: the series, or blocks of periods).
   */
  static EvaluationSet forForecasts(Path path, String sha256, int rows, IdColumn ids, int[] lines, double[] actual, List<Slice> slices, String group) {
    return new EvaluationSet(CompletableFuture.completedFuture(null), path, sha256, rows, ids, lines, null, null, null,
        null, null, actual, List.copyOf(slices), null, null, group);
  }

  /** The reader's columns of the suite's data.slices, then of data.group when there is one. */
  static int[] groupingColumns(RecordReader r, Suite.Data spec) {
    List<String> names = spec.groupingColumns();
    int[] cols = new int[names.size()];
    for (int s = 0; s < cols.length; s++) {
      cols[s] = Values.column(r, names.get(s), s < spec.slices().size() ? "data.slices in the suite" : "data.group in the suite");
    }
    return cols;
  }

  /** The share of positive rows of a binary evaluation set; NaN for other tasks or no rows. */
  public double positiveRate() {
    if (positive == null || rows == 0) return Double.NaN;
    long k = 0;
    for (boolean p : positive) if (p) k++;
    return (double) k / rows;
  }

  /** The file the evaluation set was read from. */
  public Path path() {
    return path;
  }

  /** The number of groups (data.group) behind the rows, or the rows when rows are independent. */
  public long units() {
    if (group == null) return rows;
    return group.groups().size();
  }

  /** Reads the suite's evaluation set, checking every value the suite relies on. */
  public static EvaluationSet load(Suite suite, Progress progress) {
    Suite.Data spec = suite.data();
    Task task = suite.task();
    if (task == Task.RETRIEVAL) {
      EvaluationSet set = Qrels.load(suite, progress);
      Path run = suite.baseline().path();
      if (run != null) set.baselineRun = RankedLists.load(suite, set, run, "baseline", progress, true);
      return set;
    }
    if (task == Task.TEXT_GENERATION) return Answers.loadSet(suite, progress);
    if (task == Task.MULTILABEL_CLASSIFICATION) return LabelSets.loadSet(suite, progress);
    if (task == Task.FORECASTING) return Forecasts.loadSet(suite, progress);
    try (RecordReader r = RecordReaders.open(spec.path())) {
      var hash = RecordReaders.sha256Async(spec.path());
      int idCol = Values.column(r, spec.id(), "data.id in the suite");
      int labelCol = Values.column(r, spec.label(), "data.label in the suite");
      int[] sliceCols = groupingColumns(r, spec);
      Suite.Baseline baseline = suite.baseline();
      int baselineCol = baseline.kind() == Suite.Baseline.Kind.COLUMN ? Values.column(r, baseline.column(), "baseline.column in the suite") : -1;

      int cap = 1 << 12;
      IdColumn ids = new IdColumn();
      int[] lines = new int[cap];
      int[] labelCode = new int[cap];
      double[] actual = task == Task.REGRESSION ? new double[cap] : null;
      int[][] sliceCode = new int[sliceCols.length][cap];
      double[] baseNum = baselineCol >= 0 && task != Task.MULTICLASS_CLASSIFICATION ? new double[cap] : null;
      String[] baseText = baselineCol >= 0 && task == Task.MULTICLASS_CLASSIFICATION ? new String[cap] : null;
      Dictionary labels = new Dictionary();
      List<Dictionary> sliceCodes = new ArrayList<>();
      for (int s = 0; s < sliceCols.length; s++) sliceCodes.add(new Dictionary());
      int n = 0;
      while (r.next()) {
        if (n == cap) {
          cap *= 2;
          lines = Arrays.copyOf(lines, cap);
          labelCode = Arrays.copyOf(labelCode, cap);
          if (actual != null) actual = Arrays.copyOf(actual, cap);
          for (int s = 0; s < sliceCols.length; s++) sliceCode[s] = Arrays.copyOf(sliceCode[s], cap);
          if (baseNum != null) baseNum = Arrays.copyOf(baseNum, cap);
          if (baseText != null) baseText = Arrays.copyOf(baseText, cap);
        }
        ids.add(Values.requiredText(r, idCol, "an id"));
        lines[n] = (int) Math.min(Integer.MAX_VALUE, r.positionNumber());
        if (task == Task.REGRESSION) {
          actual[n] = Values.value(r, labelCol, "the actual value (a number)");
        } else {
          labelCode[n] = labels.code(Values.requiredText(r, labelCol, "a label; rows without an outcome cannot be evaluated, remove them"));
        }
        for (int s = 0; s < sliceCols.length; s++) {
          CharSequence g = r.text(sliceCols[s]);
          sliceCode[s][n] = sliceCodes.get(s).code(g == null ? MISSING_GROUP : g);
        }
        if (baseNum != null) {
          baseNum[n] = task == Task.BINARY_CLASSIFICATION ? Values.probability(r, baselineCol) : Values.value(r, baselineCol, "the baseline rule's prediction (a number)");
        }
        if (baseText != null) baseText[n] = Values.requiredText(r, baselineCol, "the baseline rule's predicted class").toString();
        n++;
        if ((n & 0xFFFF) == 0) progress.rows("reading " + r.path().getFileName(), n);
      }
      if (n == 0) {
        throw new HoldoutException.BadData(r.path() + ": has a header but no rows; the evaluation set needs labeled rows");
      }
      String sha = RecordReaders.await(hash);
      // The duplicate check runs beside the reading of the predictions; awaitChecks() joins it.
      int[] idLines = lines;
      CompletableFuture<Void> unique = CompletableFuture.runAsync(() -> {
        try {
          IdIndex.requireUnique(ids);
        } catch (IdIndex.DuplicateId d) {
          throw new HoldoutException.BadData(r.path() + " " + r.positionOf(idLines[d.secondRow]) + ", column '" + spec.id() + "': id '" + d.id
              + "' already appears on " + r.positionOf(idLines[d.firstRow]) + "; ids in the evaluation set must be unique");
        }
      });

      List<Slice> slices = new ArrayList<>();
      for (int s = 0; s < sliceCols.length; s++) slices.add(sorted(spec.groupingColumns().get(s), sliceCodes.get(s), sliceCode[s], n));

      boolean[] positive = null;
      String posLabel = null, negLabel = null;
      List<String> classes = null;
      int[] classOf = null;
      double[] baselineScore = baseNum == null ? null : Arrays.copyOf(baseNum, n);
      int[] baselineClass = null;
      List<String> seen = labels.values();
      switch (task) {
        case BINARY_CLASSIFICATION -> {
          posLabel = positiveLabel(r, spec, seen, seen.size() > 2 ? lines[firstRowWith(labelCode, 2, n)] : 0);
          int posCode = seen.indexOf(posLabel);
          positive = new boolean[n];
          for (int i = 0; i < n; i++) positive[i] = labelCode[i] == posCode;
          String pl = posLabel;
          negLabel = seen.stream().filter(l -> !l.equals(pl)).findFirst().orElse("not " + posLabel);
        }
        case MULTICLASS_CLASSIFICATION -> {
          classes = spec.classes() != null ? spec.classes() : List.copyOf(new TreeSet<>(seen));
          int[] codeToClass = new int[seen.size()];
          for (int c = 0; c < seen.size(); c++) {
            int k = classes.indexOf(seen.get(c));
            if (k < 0) {
              int row = firstRowWith(labelCode, c, n);
              throw new HoldoutException.BadData(r.path() + " line " + lines[row] + ", column '" + spec.label() + "': label '" + seen.get(c)
                  + "' is not among the suite's classes " + classes + "; fix the label or add the class to the suite");
            }
            codeToClass[c] = k;
          }
          classOf = new int[n];
          for (int i = 0; i < n; i++) classOf[i] = codeToClass[labelCode[i]];
          if (baseText != null) {
            baselineClass = new int[n];
            for (int i = 0; i < n; i++) {
              baselineClass[i] = classes.indexOf(baseText[i]);
              if (baselineClass[i] < 0) {
                throw new HoldoutException.BadData(r.path() + " line " + lines[i] + ", column '" + baseline.column() + "': baseline class '" + baseText[i]
                    + "' is not among the classes " + classes);
              }
            }
          }
        }
        case REGRESSION -> actual = Arrays.copyOf(actual, n);
        default -> throw new IllegalStateException("unsupported task " + task);
      }
      return new EvaluationSet(unique, spec.path(), sha, n, ids, Arrays.copyOf(lines, n), positive, posLabel, negLabel,
          classes, classOf, actual, List.copyOf(slices), baselineScore, baselineClass, spec.group());
    }
  }

  /**
   * An evaluation set held in memory rather than read from a file (a monitoring window's labeled
   * rows): no ids, every row on "line" 0. Fields as in {@link #load}; unused ones are null.
   */
  static EvaluationSet inMemory(Path path, int rows, boolean[] positive, String positiveLabel, String negativeLabel, List<String> classes,
      int[] classOf, double[] actual, List<Slice> slices, double[] baselineScore, int[] baselineClass) {
    return new EvaluationSet(CompletableFuture.completedFuture(null), path, null, rows, new IdColumn(), new int[rows], positive,
        positiveLabel, negativeLabel, classes, classOf, actual, List.copyOf(slices), baselineScore, baselineClass, null);
  }

  /**
   * An evaluation set whose columns were gathered elsewhere (a distributed join, {@link JoinedRows}):
   * no ids, every row on "line" 0; fields as in {@link #load}, {@code slices} ending with data.group
   * when {@code group} is not null.
   */
  static EvaluationSet joined(Path path, String sha256, int rows, boolean[] positive, String positiveLabel, String negativeLabel,
      List<String> classes, int[] classOf, double[] actual, List<Slice> slices, double[] baselineScore, int[] baselineClass, String group) {
    return new EvaluationSet(CompletableFuture.completedFuture(null), path, sha256, rows, new IdColumn(), new int[rows], positive,
        positiveLabel, negativeLabel, classes, classOf, actual, List.copyOf(slices), baselineScore, baselineClass, group);
  }

  private static int firstRowWith(int[] codes, int code, int n) {
    for (int i = 0; i < n; i++) if (codes[i] == code) return i;
    return 0;
  }

  static String positiveLabel(RecordReader r, Suite.Data spec, List<String> seen, long thirdLabelLine) {
    Path file = r.path();
    if (seen.size() > 2) {
      throw new HoldoutException.BadData(file + " " + r.positionOf(thirdLabelLine) + ", column '" + spec.label() + "': label '" + seen.get(2)
          + "' makes a third value, but a binary suite needs two label values, found " + seen.size() + " ("
          + Values.sample(seen.subList(0, Math.min(5, seen.size())), seen.size())
          + "); fix the labels or use task: multiclass_classification");
    }
    if (spec.positive() != null) {
      // One label value only is a set without positives (or negatives): metrics that need both are undefined, as when inferred.
      if (!seen.contains(spec.positive()) && seen.size() > 1) {
        throw new HoldoutException.BadData(file + ", column '" + spec.label() + "': data.positive is '" + spec.positive()
            + "' but the labels are " + seen + "; set data.positive to the label of the positive class");
      }
      return spec.positive();
    }
    Set<String> lower = new TreeSet<>();
    for (String s : seen) lower.add(s.toLowerCase(Locale.ROOT));
    for (List<String> pair : List.of(List.of("0", "1"), List.of("false", "true"), List.of("no", "yes"), List.of("0.0", "1.0"))) {
      if (pair.containsAll(lower)) {
        return seen.stream().filter(s -> s.equalsIgnoreCase(pair.get(1))).findFirst().orElse(pair.get(1));
      }
    }
    throw new HoldoutException.BadData(file + ", column '" + spec.label() + "': cannot tell which label is positive among " + seen
        + "; set data.positive in the suite");
  }

  /** A column's groups sorted by name, and each of the first {@code n} rows' group from its dictionary code {@code raw}. */
  static Slice sorted(String column, Dictionary codes, int[] raw, int n) {
    List<String> values = codes.values();
    Integer[] byName = new Integer[values.size()];
    for (int c = 0; c < byName.length; c++) byName[c] = c;
    Arrays.sort(byName, (a, b) -> values.get(a).compareTo(values.get(b)));
    List<String> groups = new ArrayList<>(byName.length);
    int[] remap = new int[byName.length];
    for (int k = 0; k < byName.length; k++) {
      remap[byName[k]] = k;
      groups.add(values.get(byName[k]));
    }
    int[] groupOf = new int[n];
    for (int i = 0; i < n; i++) groupOf[i] = remap[raw[i]];
    return new Slice(column, List.copyOf(groups), groupOf);
  }
}
