package dev.holdout.evaluation;

import dev.holdout.metric.RetrievalMetrics;
import dev.holdout.suite.Suite;
import java.util.List;

/**
 * Retrieval: each query is a row, and its metrics are computed once per ranked-list source. A query
 * without a ranked list is scored as an empty list (every metric 0, the worst) under
 * {@code missing: wrong}, as trec_eval -c does. The baseline is the suite's {@code run} file, or
 * none (its metrics are then undefined, and the report says why).
 */
final class RetrievalModel extends TaskModel implements RowMeans {
  private final List<String> names;
  private final int m;
  /** perQuery[source][query * m + metric]; null for a missing baseline. */
  private final double[][] perQuery;
  private final String baselineName;

  RetrievalModel(Suite suite, EvaluationSet eval, List<Submission> submissions) {
    super(suite, eval, submissions.size());
    int[] ks = suite.retrieval().k().stream().mapToInt(Integer::intValue).toArray();
    names = RetrievalMetrics.names(ks);
    m = names.size();
    perQuery = new double[submissions.size() + 1][];
    for (int s = 0; s < submissions.size(); s++) perQuery[s] = values(submissions.get(s).rankings, ks);
    Submission run = eval.baselineRun;
    if (run != null) {
      perQuery[baseline] = values(run.rankings, ks);
      baselineName = "the ranked lists of " + suite.baseline().path().getFileName() + " (the search in use today)";
    } else {
      baselineName = "none: the suite names no baseline (add baseline: {kind: run, path: FILE} to compare with today's search)";
    }
  }

  private double[] values(RankedLists lists, int[] ks) {
    int n = eval.rows;
    double[] out = new double[n * m];
    Qrels qrels = eval.qrels;
    for (int q = 0; q < n; q++) {
      RetrievalMetrics.perQuery(lists.grades, lists.start[q], lists.start[q + 1], qrels.ideal[q], ks, out, q * m);
    }
    return out;
  }

  @Override
  public double[] perRow(int source) {
    return perQuery[source];
  }

  @Override
  public List<String> names() {
    return names;
  }

  @Override
  String baselineName() {
    return baselineName;
  }

  @Override
  Cells cells(int[] rows, int[] sources) {
    return meanCells(rows, sources);
  }
}
