package dev.holdout.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Per-query retrieval metrics against values worked out by hand with trec_eval 9's definitions
 * (usnistgov/trec_eval: m_P.c, m_recall.c, m_success.c, m_recip_rank.c, m_map.c, m_ndcg_cut.c).
 */
class RetrievalMetricsTest {
  private static final int[] KS = {1, 5, 10};

  private static Map<String, Double> metrics(int[] grades, int[] ideal) {
    double[] out = new double[RetrievalMetrics.count(KS)];
    RetrievalMetrics.perQuery(grades, 0, grades.length, ideal, KS, out, 0);
    Map<String, Double> m = new LinkedHashMap<>();
    List<String> names = RetrievalMetrics.names(KS);
    for (int i = 0; i < names.size(); i++) m.put(names.get(i), out[i]);
    return m;
  }

  @Test
  void names_follow_the_cutoffs_then_mrr_and_map() {
    assertThat(RetrievalMetrics.names(new int[] {3, 20})).containsExactly("recall@3", "recall@20", "precision@3", "precision@20",
        "hit_rate@3", "hit_rate@20", "ndcg@3", "ndcg@20", "mrr", "map");
  }

  /**
   * qrels for topic 1 (trec_eval format "qid 0 docno rel"):
   * <pre>
   * 1 0 d1 3
   * 1 0 d2 2
   * 1 0 d3 0
   * 1 0 d4 1
   * </pre>
   * run ("qid Q0 docno rank sim tag"): d3 5.0, d1 4.0, x9 3.0, d4 2.0, d2 1.0, so the grades in
   * rank order are [0, 3, 0 (x9 is unjudged), 1, 2] and R = 3 (d1, d2, d4).
   * trec_eval -m all_trec gives, worked by hand:
   * <ul>
   *   <li>P_5 = 3/5 = 0.6, P_10 = 3/10 = 0.3 (divided by 10 although only 5 were retrieved), P_1 = 0;
   *   <li>recall_1 = 0, recall_5 = recall_10 = 3/3 = 1; success_1 = 0, success_5 = 1;
   *   <li>recip_rank = 1/2 (d1 at rank 2);
   *   <li>map = (1/2 + 2/4 + 3/5) / 3 = 1.6 / 3 = 0.533333;
   *   <li>ndcg_cut_5 (trec_eval 9.0.4 and later, discount log2(rank + 1)): DCG = 3/log2(3) +
   *       1/log2(5) + 2/log2(6) = 1.892789 + 0.430677 + 0.773706 = 3.097172; the ideal ranking
   *       3, 2, 1 gives 3/1 + 2/log2(3) + 1/log2(4) = 4.761860; 3.097172 / 4.761860 = 0.650412,
   *       which is also scikit-learn's ndcg_score([[0, 3, 0, 1, 2]], [[5, 4, 3, 2, 1]], k=5), since
   *       every judged document is ranked. ndcg_cut_1 = 0 (rank 1 has grade 0), ndcg_cut_10 = ndcg_cut_5.
   * </ul>
   */
  @Test
  void graded_topic_matches_trec_eval_worked_by_hand() {
    Map<String, Double> m = metrics(new int[] {0, 3, 0, 1, 2}, new int[] {3, 2, 1});
    assertThat(m.get("precision@1")).isEqualTo(0.0);
    assertThat(m.get("precision@5")).isCloseTo(0.6, within(1e-12));
    assertThat(m.get("precision@10")).isCloseTo(0.3, within(1e-12));
    assertThat(m.get("recall@1")).isEqualTo(0.0);
    assertThat(m.get("recall@5")).isEqualTo(1.0);
    assertThat(m.get("recall@10")).isEqualTo(1.0);
    assertThat(m.get("hit_rate@1")).isEqualTo(0.0);
    assertThat(m.get("hit_rate@5")).isEqualTo(1.0);
    assertThat(m.get("mrr")).isEqualTo(0.5);
    assertThat(m.get("map")).isCloseTo(1.6 / 3, within(1e-12));
    assertThat(m.get("ndcg@1")).isEqualTo(0.0);
    assertThat(m.get("ndcg@5")).isCloseTo(0.6504121821761035, within(1e-12));
    assertThat(m.get("ndcg@10")).isCloseTo(m.get("ndcg@5"), within(1e-15));
  }

  /**
   * Two relevant documents, only one retrieved at rank 1: trec_eval's map divides by R = 2, so the
   * unretrieved one counts as 0: map = (1/1) / 2 = 0.5. recall_5 = 0.5, P_5 = 1/5 = 0.2, P_1 = 1,
   * recip_rank = 1. ndcg_cut_5 = 1 / (1 + 1/log2(3)) = 0.613147, since the ideal ranking puts both
   * relevant documents at ranks 1 and 2 (scikit-learn cannot say: its ideal holds ranked documents only).
   */
  @Test
  void map_counts_unretrieved_relevant_documents_as_zero() {
    Map<String, Double> m = metrics(new int[] {1}, new int[] {1, 1});
    assertThat(m.get("map")).isEqualTo(0.5);
    assertThat(m.get("recall@5")).isEqualTo(0.5);
    assertThat(m.get("precision@5")).isCloseTo(0.2, within(1e-12));
    assertThat(m.get("precision@1")).isEqualTo(1.0);
    assertThat(m.get("mrr")).isEqualTo(1.0);
    assertThat(m.get("ndcg@5")).isCloseTo(0.6131471927654584, within(1e-12));
    assertThat(m.get("ndcg@1")).isEqualTo(1.0);
  }

  /**
   * Binary relevance, relevant at ranks 3 and 6 of 10, R = 2: map = (1/3 + 2/6) / 2 = 1/3;
   * ndcg_cut_10 = (1/log2 4 + 1/log2 7) / (1 + 1/log2 3) = (0.5 + 0.356207) / 1.630930 = 0.524981;
   * ndcg_cut_5 = 0.5 / 1.630930 = 0.306574; recip_rank = 1/3; P_10 = 0.2; success_1 = 0.
   */
  @Test
  void binary_topic_with_relevant_documents_deep_in_the_list() {
    Map<String, Double> m = metrics(new int[] {0, 0, 1, 0, 0, 1, 0, 0, 0, 0}, new int[] {1, 1});
    assertThat(m.get("map")).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(m.get("ndcg@10")).isCloseTo(0.5249810332008933, within(1e-12));
    assertThat(m.get("ndcg@5")).isCloseTo(0.3065735963827292, within(1e-12));
    assertThat(m.get("mrr")).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(m.get("precision@10")).isCloseTo(0.2, within(1e-12));
    assertThat(m.get("recall@5")).isEqualTo(0.5);
    assertThat(m.get("hit_rate@1")).isEqualTo(0.0);
  }

  /**
   * Forty ranked documents graded 0 to 4 ((7i + 3) mod 5 at rank i + 1), every judged document
   * ranked, so the ideal rankings agree: scikit-learn 1.2.1's ndcg_score(y_true=[grades],
   * y_score=[[40, 39, ..., 1]], k) for k = 1, 5, 10 and 40.
   */
  @Test
  void ndcg_equals_scikit_learn_when_every_judged_document_is_ranked() {
    int[] grades = new int[40];
    for (int i = 0; i < 40; i++) grades[i] = (7 * i + 3) % 5;
    int[] ideal = java.util.Arrays.stream(grades).filter(g -> g > 0).boxed().sorted(java.util.Comparator.reverseOrder())
        .mapToInt(Integer::intValue).toArray();
    int[] ks = {1, 5, 10, 40};
    double[] out = new double[RetrievalMetrics.count(ks)];
    RetrievalMetrics.perQuery(grades, 0, grades.length, ideal, ks, out, 0);
    java.util.List<String> names = RetrievalMetrics.names(ks);
    assertThat(out[names.indexOf("ndcg@1")]).isCloseTo(0.75, within(1e-12));
    assertThat(out[names.indexOf("ndcg@5")]).isCloseTo(0.5180298244944079, within(1e-12));
    assertThat(out[names.indexOf("ndcg@10")]).isCloseTo(0.5290161375415623, within(1e-12));
    assertThat(out[names.indexOf("ndcg@40")]).isCloseTo(0.8133333999593496, within(1e-12));
  }

  @Test
  void an_empty_list_scores_zero_everywhere() {
    Map<String, Double> m = metrics(new int[0], new int[] {2});
    assertThat(m.values()).allMatch(v -> v == 0.0);
  }

  @Test
  void a_perfect_ranking_scores_one_everywhere_but_precision_beyond_the_relevant() {
    Map<String, Double> m = metrics(new int[] {3, 2, 1}, new int[] {3, 2, 1});
    assertThat(m.get("ndcg@1")).isEqualTo(1.0);
    assertThat(m.get("ndcg@10")).isCloseTo(1.0, within(1e-15));
    assertThat(m.get("map")).isEqualTo(1.0);
    assertThat(m.get("mrr")).isEqualTo(1.0);
    assertThat(m.get("recall@5")).isEqualTo(1.0);
    assertThat(m.get("precision@5")).isCloseTo(0.6, within(1e-12));
  }

  @Test
  void cells_give_weighted_means_of_the_per_query_values() {
    List<String> names = List.of("a", "b");
    double[] values = {1, 0, 0, 1, 0.5, 0.5};
    MeanCells cells = MeanCells.of(names, 3, new double[][] {values, null}, new String[] {null, "no baseline"});
    Map<String, MetricValue> m = cells.compute(0, new double[] {2, 0, 1});
    assertThat(m.get("a").value()).isCloseTo((2 * 1 + 0.5) / 3, within(1e-15));
    assertThat(m.get("b").value()).isCloseTo(0.5 / 3, within(1e-15));
    assertThat(cells.compute(1, new double[] {1, 1, 1}).get("a").undefined()).isEqualTo("no baseline");
    assertThat(cells.compute(0, new double[3]).get("a").undefined()).isEqualTo("no queries");
  }

  @Test
  void identical_queries_share_a_cell_and_the_means_do_not_change() {
    List<String> names = List.of("a", "b");
    double[] sub = {1, 0, 0.5, 0.5, 1, 0, 1, 0};
    double[] base = {0, 0, 0, 0, 0, 0, 1, 1};
    MeanCells cells = MeanCells.of(names, 4, new double[][] {sub, base}, new String[2]);
    // Queries 0 and 2 agree in both sets; query 3 agrees with them in the submission only.
    assertThat(cells.size()).isEqualTo(3);
    assertThat(cells.counts()).containsExactly(2, 1, 1);
    assertThat(cells.compute(0, cells.counts()).get("a").value()).isCloseTo(3.5 / 4, within(1e-15));
    assertThat(cells.compute(1, cells.counts()).get("b").value()).isCloseTo(0.25, within(1e-15));
  }
}
