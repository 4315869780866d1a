package dev.holdout.metric;

import java.util.Arrays;
import java.util.List;

/**
 * Per-query retrieval metrics by trec_eval's conventions (trec_eval 9.0.4 and later), from the relevance grade of
 * each retrieved document in rank order. A document is relevant when its grade is at least 1;
 * unjudged documents have grade 0. With R the number of relevant documents the evaluation set
 * lists for the query (retrieved or not, so R is at least 1 for every evaluated query):
 *
 * <ul>
 *   <li>recall@k: relevant documents in the first k, divided by R (trec_eval {@code recall_k});
 *   <li>precision@k: relevant documents in the first k, divided by k even when fewer than k
 *       documents were retrieved (trec_eval {@code P_k});
 *   <li>hit_rate@k: 1 when a relevant document is in the first k, else 0 (also "success@k");
 *   <li>ndcg@k: the sum over the first k ranks r of grade / log2(r + 1), divided by the same sum
 *       for the ideal ranking of every judged document by grade, as trec_eval's {@code ndcg_cut_k}
 *       since 9.0.4 (m_ndcg_cut.c), ranx and scikit-learn's {@code ndcg_score} (Järvelin and
 *       Kekäläinen 2002): the gain is the grade itself (linear, not 2^grade - 1). scikit-learn
 *       agrees where every judged document is ranked; where some are not, its ideal ranking holds
 *       only the ranked ones, while trec_eval's (and Holdout's) holds every judged document;
 *   <li>mrr: 1 / the rank of the first relevant document in the whole list, 0 when none
 *       (trec_eval {@code recip_rank});
 *   <li>map: the average precision, the sum of precision at the rank of each relevant retrieved
 *       document divided by R, so relevant documents never retrieved count as 0 (trec_eval
 *       {@code map}); mrr and map use the whole list, without cutoff.
 * </ul>
 *
 * Stateless and thread-safe.
 */
public final class RetrievalMetrics {
  private RetrievalMetrics() {}

  /** Number of values {@link #perQuery} writes for {@code ks.length} cutoffs. */
  public static int count(int[] ks) {
    return MetricCatalog.AT_K.size() * ks.length + 2;
  }

  /** The metric names in {@link #perQuery}'s order. */
  public static List<String> names(int[] ks) {
    return MetricCatalog.retrievalNames(Arrays.stream(ks).boxed().toList());
  }

  /**
   * Writes one query's metrics into {@code out} from {@code offset}, in {@link #names} order.
   * {@code grades[from..to)} holds the grade of each retrieved document, best rank first;
   * {@code ideal} the grades above 0 of every judged document of the query, highest first (its
   * length is R, at least 1). {@code ks} are the cutoffs, ascending.
   */
  public static void perQuery(int[] grades, int from, int to, int[] ideal, int[] ks, double[] out, int offset) {
    int relevant = ideal.length;
    if (relevant == 0) throw new IllegalArgumentException("a query needs at least one relevant document");
    int nk = ks.length;
    int found = 0;
    double dcg = 0;
    double averagePrecision = 0;
    double reciprocal = 0;
    int next = 0;
    int n = to - from;
    for (int r = 1; r <= n; r++) {
      int g = grades[from + r - 1];
      if (g >= 1) {
        found++;
        averagePrecision += (double) found / r;
        if (reciprocal == 0) reciprocal = 1.0 / r;
      }
      if (next < nk && g > 0) dcg += g / discount(r);
      while (next < nk && r == ks[next]) {
        cut(out, offset, nk, next, found, relevant, ks[next], dcg, ideal);
        next++;
      }
    }
    while (next < nk) {
      cut(out, offset, nk, next, found, relevant, ks[next], dcg, ideal);
      next++;
    }
    out[offset + 4 * nk] = reciprocal;
    out[offset + 4 * nk + 1] = averagePrecision / relevant;
  }

  private static void cut(double[] out, int offset, int nk, int j, int found, int relevant, int k, double dcg, int[] ideal) {
    out[offset + j] = (double) found / relevant;
    out[offset + nk + j] = (double) found / k;
    out[offset + 2 * nk + j] = found > 0 ? 1 : 0;
    out[offset + 3 * nk + j] = dcg / idealDcg(ideal, k);
  }

  /** The DCG of the first k grades of the ideal ranking; positive because ideal[0] is at least 1. */
  static double idealDcg(int[] ideal, int k) {
    double s = 0;
    for (int r = 1; r <= Math.min(k, ideal.length); r++) s += ideal[r - 1] / discount(r);
    return s;
  }

  private static final double LN2 = Math.log(2);

  /** trec_eval's discount since 9.0.4: log2(rank + 1), so rank 1 is not discounted and rank 2 by log2 3. */
  static double discount(int rank) {
    return Math.log(rank + 1.0) / LN2;
  }
}
