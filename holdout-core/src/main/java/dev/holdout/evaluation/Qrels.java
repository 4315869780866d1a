package dev.holdout.evaluation;

import dev.holdout.base.Progress;
import dev.holdout.base.HoldoutException;
import dev.holdout.data.Dictionary;
import dev.holdout.data.IdColumn;
import dev.holdout.data.RecordReader;
import dev.holdout.data.RecordReaders;
import dev.holdout.data.Values;
import dev.holdout.suite.Suite;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A retrieval evaluation set: the judged documents of each query with their relevance grades (a
 * qrels-like file, one row per query and document), the queries in order, and their slice
 * attributes, read either from the qrels rows (constant within a query) or from {@code data.queries}.
 * Grades are whole numbers; a grade of at least 1 is relevant, and a grade below 0 counts as 0.
 */
final class Qrels {
  /** Document ids of the judged documents. */
  final Dictionary docs;
  /** Judged documents of query q: {@code doc[start[q] .. start[q+1])} with {@code grade}. */
  final int[] start;
  final int[] doc;
  final int[] grade;
  /** Per query, the grades of its relevant documents, highest first: the ideal ranking for ndcg. */
  final int[][] ideal;

  private Qrels(Dictionary docs, int[] start, int[] doc, int[] grade, int[][] ideal) {
    this.docs = docs;
    this.start = start;
    this.doc = doc;
    this.grade = grade;
    this.ideal = ideal;
  }

  /** Reads the suite's qrels (and queries file) into an evaluation set whose rows are queries. */
  static EvaluationSet load(Suite suite, Progress progress) {
    Suite.Data spec = suite.data();
    Suite.Retrieval rs = suite.retrieval();
    Path qrelsPath = spec.path();
    boolean attributesInQrels = rs.queries() == null;
    Dictionary queries = new Dictionary();
    List<Integer> queryLines = new ArrayList<>();
    List<Dictionary> sliceCodes = new ArrayList<>();
    for (int s = 0; s < spec.groupingColumns().size(); s++) sliceCodes.add(new Dictionary());
    int[][] sliceOf = new int[spec.groupingColumns().size()][16];
    int[] sliceLine = new int[16];
    Path queriesPath = rs.queries();
    if (!attributesInQrels) {
      try (RecordReader r = RecordReaders.open(queriesPath)) {
        int idCol = Values.column(r, spec.id(), "data.id in the suite, the query id");
        int[] cols = EvaluationSet.groupingColumns(r, spec);
        while (r.next()) {
          CharSequence id = Values.requiredText(r, idCol, "a query id");
          int before = queries.size();
          int q = queries.code(id);
          if (q < before) {
            throw new HoldoutException.BadData(Values.where(r, idCol) + ": query '" + id + "' already appears on line " + queryLines.get(q)
                + "; list each query once");
          }
          queryLines.add((int) r.positionNumber());
          for (int s = 0; s < cols.length; s++) {
            if (q >= sliceOf[s].length) sliceOf[s] = Arrays.copyOf(sliceOf[s], sliceOf[s].length * 2);
            CharSequence g = r.text(cols[s]);
            sliceOf[s][q] = sliceCodes.get(s).code(g == null ? EvaluationSet.MISSING_GROUP : g);
          }
        }
        if (queries.size() == 0) throw new HoldoutException.BadData(queriesPath + ": has a header but no queries");
      }
    }
    int cap = 1 << 12;
    int[] qOf = new int[cap];
    int[] docOf = new int[cap];
    int[] gradeOf = new int[cap];
    int[] lineOf = new int[cap];
    Dictionary docs = new Dictionary();
    String sha;
    int n = 0;
    try (RecordReader r = RecordReaders.open(qrelsPath)) {
      var hash = RecordReaders.sha256Async(qrelsPath);
      int idCol = Values.column(r, spec.id(), "data.id in the suite, the query id");
      int docCol = Values.column(r, rs.doc(), "data.doc in the suite");
      int gradeCol = rs.relevance() == null ? -1 : Values.column(r, rs.relevance(), "data.relevance in the suite");
      int[] cols = attributesInQrels ? EvaluationSet.groupingColumns(r, spec) : new int[0];
      while (r.next()) {
        if (n == cap) {
          cap *= 2;
          qOf = Arrays.copyOf(qOf, cap);
          docOf = Arrays.copyOf(docOf, cap);
          gradeOf = Arrays.copyOf(gradeOf, cap);
          lineOf = Arrays.copyOf(lineOf, cap);
        }
        CharSequence id = Values.requiredText(r, idCol, "a query id");
        int q;
        if (attributesInQrels) {
          int before = queries.size();
          q = queries.code(id);
          if (q == before) {
            queryLines.add((int) r.positionNumber());
            if (q >= sliceLine.length) sliceLine = Arrays.copyOf(sliceLine, sliceLine.length * 2);
            sliceLine[q] = (int) r.positionNumber();
          }
          for (int s = 0; s < cols.length; s++) {
            if (q >= sliceOf[s].length) sliceOf[s] = Arrays.copyOf(sliceOf[s], Math.max(sliceOf[s].length * 2, q + 1));
            CharSequence g = r.text(cols[s]);
            int code = sliceCodes.get(s).code(g == null ? EvaluationSet.MISSING_GROUP : g);
            if (q == before) {
              sliceOf[s][q] = code;
            } else if (sliceOf[s][q] != code) {
              throw new HoldoutException.BadData(Values.where(r, cols[s]) + ": query '" + id + "' has '" + sliceCodes.get(s).values().get(code)
                  + "' here but '" + sliceCodes.get(s).values().get(sliceOf[s][q]) + "' on line " + sliceLine[q]
                  + "; a slice is an attribute of the query: give every row of a query the same value, or put the attributes in data.queries");
            }
          }
        } else {
          q = queries.find(id);
          if (q < 0) {
            throw new HoldoutException.BadData(Values.where(r, idCol) + ": query '" + id + "' is not in " + queriesPath.getFileName()
                + " (data.queries); add the query there or remove its judgements");
          }
        }
        qOf[n] = q;
        docOf[n] = docs.code(Values.requiredText(r, docCol, "a document id"));
        gradeOf[n] = gradeCol < 0 ? 1 : grade(r, gradeCol);
        lineOf[n] = (int) r.positionNumber();
        n++;
        if ((n & 0xFFFF) == 0) progress.rows("reading " + qrelsPath.getFileName(), n);
      }
      if (n == 0) throw new HoldoutException.BadData(qrelsPath + ": has a header but no rows; expected one row per judged query and document");
      sha = RecordReaders.await(hash);
    }
    int queryCount = queries.size();
    int[] start = new int[queryCount + 1];
    for (int i = 0; i < n; i++) start[qOf[i] + 1]++;
    for (int q = 0; q < queryCount; q++) start[q + 1] += start[q];
    int[] fill = Arrays.copyOf(start, queryCount);
    int[] doc = new int[n];
    int[] grade = new int[n];
    int[] line = new int[n];
    for (int i = 0; i < n; i++) {
      int at = fill[qOf[i]]++;
      doc[at] = docOf[i];
      grade[at] = gradeOf[i];
      line[at] = lineOf[i];
    }
    int[] seen = new int[docs.size()];
    int[] seenAt = new int[docs.size()];
    int[][] ideal = new int[queryCount][];
    for (int q = 0; q < queryCount; q++) {
      int relevant = 0;
      for (int e = start[q]; e < start[q + 1]; e++) {
        if (seen[doc[e]] == q + 1) {
          throw new HoldoutException.BadData(qrelsPath + " line " + line[e] + ", column '" + rs.doc() + "': document '" + docs.values().get(doc[e])
              + "' is judged twice for query '" + queries.values().get(q) + "' (first on line " + line[seenAt[doc[e]]] + "); keep one judgement per query and document");
        }
        seen[doc[e]] = q + 1;
        seenAt[doc[e]] = e;
        if (grade[e] >= 1) relevant++;
      }
      if (relevant == 0) {
        String where = start[q] == start[q + 1]
            ? queriesPath + " line " + queryLines.get(q) + ", column '" + spec.id() + "': query '" + queries.values().get(q) + "' has no judged documents in " + qrelsPath.getFileName()
            : qrelsPath + " line " + line[start[q]] + ", column '" + spec.id() + "': query '" + queries.values().get(q) + "' has no relevant document (grade 1 or more)";
        throw new HoldoutException.BadData(where + "; every query needs at least one relevant document, since recall, ndcg and map divide by their number: judge one or remove the query");
      }
      int[] g = new int[relevant];
      int k = 0;
      for (int e = start[q]; e < start[q + 1]; e++) if (grade[e] >= 1) g[k++] = grade[e];
      Arrays.sort(g);
      for (int a = 0, b = g.length - 1; a < b; a++, b--) {
        int t = g[a];
        g[a] = g[b];
        g[b] = t;
      }
      ideal[q] = g;
    }
    IdColumn ids = new IdColumn();
    for (String id : queries.values()) ids.add(id);
    int[] lines = queryLines.stream().mapToInt(Integer::intValue).toArray();
    List<EvaluationSet.Slice> slices = new ArrayList<>();
    for (int s = 0; s < sliceCodes.size(); s++) slices.add(EvaluationSet.sorted(spec.groupingColumns().get(s), sliceCodes.get(s), sliceOf[s], queryCount));
    Qrels qrels = new Qrels(docs, start, doc, grade, ideal);
    return EvaluationSet.forRetrieval(qrelsPath, sha, queryCount, ids, lines, List.copyOf(slices), spec.group(), qrels);
  }


  /** A whole-number grade; negative grades (TREC's spam judgements) count as 0. */
  private static int grade(RecordReader r, int col) {
    String what = "a relevance grade, a whole number such as 0, 1, 2 or 3";
    double v = Values.number(r, col, what);
    if (v != Math.rint(v) || Math.abs(v) > 1_000_000) {
      throw new HoldoutException.BadData(Values.where(r, col) + ": expected " + what + " (as in trec_eval's qrels), found '" + r.field(col).strip() + "'");
    }
    return (int) Math.max(0, v);
  }
}
