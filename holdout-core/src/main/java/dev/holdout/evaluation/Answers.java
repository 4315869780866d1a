package dev.holdout.evaluation;

import dev.holdout.base.Progress;
import dev.holdout.base.HoldoutException;
import dev.holdout.data.Dictionary;
import dev.holdout.data.IdColumn;
import dev.holdout.data.RecordReader;
import dev.holdout.endpoint.ToolCalls;
import dev.holdout.data.RecordReaders;
import dev.holdout.data.Values;
import dev.holdout.suite.Suite;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Text generation files: the evaluation set's reference answers per row (one or more columns, empty
 * ones skipped, at least one per row), and a submission's answers with the passages the system
 * used. An empty answer is an answer (it scores 0 against a non-empty reference and counts as a
 * refusal); an id the evaluation set lacks is counted as extra, as for the other row tasks.
 */
final class Answers {
  /** Per row: the reference answers; per row: the submission's answer and its used passages. */
  final String[][] texts;
  /**
   * Per row, a submission's answers to asks 2 to N when each row was asked N times
   * ({@code holdout run --repeat N}: columns OUTPUT.ask2 ...); null when each row was asked once.
   */
  final String[][] asks;

  /**
   * Per row, the tools the answer called (the answers file's {@code tool_calls} column, as
   * {@link ToolCalls} writes it); null when the file has no such column.
   */
  final String[] toolCalls;

  private Answers(String[][] texts) {
    this(texts, null, null);
  }

  private Answers(String[][] texts, String[][] asks, String[] toolCalls) {
    this.texts = texts;
    this.asks = asks;
    this.toolCalls = toolCalls;
  }

  /** The answers file's column of the tools each answer called, written by {@code holdout run}. */
  static final String TOOL_CALLS = "tool_calls";

  static EvaluationSet loadSet(Suite suite, Progress progress) {
    Suite.Data spec = suite.data();
    Suite.Text ts = suite.text();
    try (RecordReader r = RecordReaders.open(spec.path())) {
      var hash = RecordReaders.sha256Async(spec.path());
      int idCol = Values.column(r, spec.id(), "data.id in the suite");
      int[] refCols = new int[ts.references().size()];
      for (int k = 0; k < refCols.length; k++) refCols[k] = Values.column(r, ts.references().get(k), "data.reference in the suite");
      int[] sliceCols = EvaluationSet.groupingColumns(r, spec);
      Suite.Baseline baseline = suite.baseline();
      int baseCol = baseline.kind() == Suite.Baseline.Kind.COLUMN ? Values.column(r, baseline.column(), "baseline.column in the suite") : -1;
      List<String[]> baseAnswers = baseCol < 0 ? null : new ArrayList<>();
      Map<String, Integer> assertionCols = new LinkedHashMap<>();
      for (Suite.Assertion a : ts.assertions()) {
        for (String c : a.columns()) assertionCols.putIfAbsent(c, Values.column(r, c, "{" + c + "} in assertion " + a.id() + " (suite line " + a.line() + ")"));
      }
      Map<String, List<String>> assertionValues = new LinkedHashMap<>();
      assertionCols.keySet().forEach(c -> assertionValues.put(c, new ArrayList<>()));
      IdColumn ids = new IdColumn();
      Dictionary seen = new Dictionary();
      List<Integer> lines = new ArrayList<>();
      List<String[]> refs = new ArrayList<>();
      List<Dictionary> sliceCodes = new ArrayList<>();
      for (int s = 0; s < sliceCols.length; s++) sliceCodes.add(new Dictionary());
      List<int[]> sliceRows = new ArrayList<>();
      while (r.next()) {
        CharSequence id = Values.requiredText(r, idCol, "an id");
        int before = seen.size();
        int code = seen.code(id);
        if (code < before) {
          throw new HoldoutException.BadData(Values.where(r, idCol) + ": id '" + id + "' already appears on line " + lines.get(code)
              + "; ids in the evaluation set must be unique");
        }
        ids.add(id);
        lines.add((int) r.positionNumber());
        List<String> row = new ArrayList<>();
        for (int c : refCols) {
          String v = r.field(c);
          if (v != null && !v.isBlank()) row.add(v.strip());
        }
        if (row.isEmpty()) {
          throw new HoldoutException.BadData(r.path() + " " + r.position() + ", column" + (refCols.length > 1 ? "s " + ts.references() : " '" + ts.references().get(0) + "'")
              + ": no reference answer for id '" + id + "'; every row needs one to score exact_match, token_f1, rouge_l and chrf: write one or remove the row");
        }
        refs.add(row.toArray(new String[0]));
        assertionCols.forEach((c, at) -> {
          String v = r.field(at);
          assertionValues.get(c).add(v == null ? "" : v.strip());
        });
        if (baseAnswers != null) {
          String v = r.field(baseCol);
          baseAnswers.add(new String[] {v == null ? "" : v.strip()});
        }
        int[] groups = new int[sliceCols.length];
        for (int s = 0; s < sliceCols.length; s++) {
          CharSequence g = r.text(sliceCols[s]);
          groups[s] = sliceCodes.get(s).code(g == null ? EvaluationSet.MISSING_GROUP : g);
        }
        sliceRows.add(groups);
        if ((refs.size() & 0xFFFF) == 0) progress.rows("reading " + r.path().getFileName(), refs.size());
      }
      int n = refs.size();
      if (n == 0) throw new HoldoutException.BadData(r.path() + ": has a header but no rows; the evaluation set needs rows with reference answers");
      List<EvaluationSet.Slice> slices = new ArrayList<>();
      for (int s = 0; s < sliceCols.length; s++) {
        int[] raw = new int[n];
        for (int i = 0; i < n; i++) raw[i] = sliceRows.get(i)[s];
        slices.add(EvaluationSet.sorted(spec.groupingColumns().get(s), sliceCodes.get(s), raw, n));
      }
      EvaluationSet set = EvaluationSet.forRows(spec.path(), RecordReaders.await(hash), n, ids,
          lines.stream().mapToInt(Integer::intValue).toArray(), List.copyOf(slices), spec.group());
      set.references = new Answers(refs.toArray(new String[0][]));
      Map<String, String[]> columns = new LinkedHashMap<>();
      assertionValues.forEach((c, v) -> columns.put(c, v.toArray(new String[0])));
      set.assertionColumns = Map.copyOf(columns);
      if (baseAnswers != null) set.baselineAnswers = new Answers(baseAnswers.toArray(new String[0][]));
      if (baseline.kind() == Suite.Baseline.Kind.RUN) set.baselineAnswers = loadSubmission(suite, set, baseline.path(), "baseline", progress, "a baseline answer", true).answers;
      return set;
    }
  }

  /**
   * A submission's answers; {@code texts[row]} is {answer, used passage...}, or null when the row
   * has none; {@code what} names a row's answer in messages. With {@code passagesOptional} (a baseline file, or answers {@code holdout run}
   * collected) the file may lack the passage columns: its answers then have only the answer
   * ({@code texts[row].length == 1}), and its grounding scores are undefined.
   */
  static Submission loadSubmission(Suite suite, EvaluationSet eval, Path path, String name, Progress progress, String what,
      boolean passagesOptional) {
    return loadSubmission(suite, eval, path, name, progress, what, passagesOptional, false);
  }

  /** As above; {@code part}: as {@link Submission#loadPart}. */
  static Submission loadSubmission(Suite suite, EvaluationSet eval, Path path, String name, Progress progress, String what,
      boolean passagesOptional, boolean part) {
    Suite.Text ts = suite.text();
    Suite.Predictions spec = suite.predictions();
    int n = eval.rows;
    try (RecordReader r = RecordReaders.open(path)) {
      var hash = RecordReaders.sha256Async(path);
      int idCol = Values.column(r, spec.id(), "predictions.id in the suite");
      int outCol = Values.column(r, ts.output(), "predictions.output in the suite");
      boolean passages = !passagesOptional || r.header().containsAll(ts.usedContext());
      int[] ctxCols = new int[passages ? ts.usedContext().size() : 0];
      for (int k = 0; k < ctxCols.length; k++) ctxCols[k] = Values.column(r, ts.usedContext().get(k), "predictions.context in the suite");
      String[][] texts = new String[n][];
      List<Integer> askCols = new ArrayList<>();
      for (int k = 2; r.header().contains(ts.askColumn(k)); k++) askCols.add(Values.column(r, ts.askColumn(k), "ask " + k + " of every row"));
      String[][] asks = askCols.isEmpty() ? null : new String[n][];
      int toolCol = r.header().indexOf(TOOL_CALLS);
      String[] tools = toolCol < 0 ? null : new String[n];
      IdJoin join = new IdJoin(suite, eval, path, what, part);
      while (r.next()) {
        int row = join.row(r, idCol);
        if (row < 0) continue;
        String[] t = new String[1 + ctxCols.length];
        String out = r.field(outCol);
        t[0] = out == null ? "" : out;
        for (int k = 0; k < ctxCols.length; k++) {
          String c = r.field(ctxCols[k]);
          t[1 + k] = c == null ? "" : c;
        }
        texts[row] = t;
        if (tools != null) tools[row] = r.field(toolCol);
        if (asks != null) {
          String[] more = new String[askCols.size()];
          for (int k = 0; k < more.length; k++) {
            String a = r.field(askCols.get(k));
            more[k] = a == null ? "" : a;
          }
          asks[row] = more;
        }
        if ((join.seen() & 0xFFFF) == 0) progress.rows("reading " + path.getFileName(), join.seen());
      }
      int missing = join.finish();
      return Submission.ofAnswers(name, path, RecordReaders.await(hash), join.present, missing, join.reportedExtra(), join.reportedExtraExamples(), new Answers(texts, asks, tools));
    }
  }

  static String[] empty(int passages) {
    String[] t = new String[1 + passages];
    Arrays.fill(t, "");
    return t;
  }
}
