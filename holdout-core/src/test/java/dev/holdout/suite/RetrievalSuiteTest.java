package dev.holdout.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdout.base.HoldoutException;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** The retrieval keys of a suite: data.doc/relevance/queries, predictions.doc/rank/score/docs, k and the run baseline. */
class RetrievalSuiteTest {
  private static final String BASE = """
      suite: holdout.suite/v1
      name: search
      problem: Find the passages that answer a question.
      task: retrieval
      data:
        path: qrels.csv
        id: query
        doc: doc
      predictions:
        doc: doc
        rank: rank
      """;

  private static Suite parse(String yaml) {
    return SuiteParser.parse("suite.yaml", yaml, Path.of("/buyer"));
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> refused(String yaml) {
    return assertThatThrownBy(() -> parse(yaml)).isInstanceOf(HoldoutException.BadSuite.class);
  }

  @Test
  void defaults_are_k_1_5_10_ndcg_at_10_and_no_baseline() {
    Suite s = parse(BASE);
    assertThat(s.retrieval().k()).containsExactly(1, 5, 10);
    assertThat(s.primaryMetric()).isEqualTo("ndcg@10");
    assertThat(s.baseline().kind()).isEqualTo(Suite.Baseline.Kind.NONE);
    assertThat(s.retrieval().relevance()).isNull();
    assertThat(s.retrieval().rank()).isEqualTo("rank");
    assertThat(s.predictions().id()).isEqualTo("query");
  }

  @Test
  void cutoffs_are_sorted_and_the_primary_metric_falls_back_to_the_largest() {
    Suite s = parse(BASE + "k: [20, 3]\nbaseline: {kind: run, path: bm25.csv}\n");
    assertThat(s.retrieval().k()).isEqualTo(List.of(3, 20));
    assertThat(s.primaryMetric()).isEqualTo("ndcg@20");
    assertThat(s.baseline().path()).isEqualTo(Path.of("/buyer/bm25.csv"));
    refused(BASE + "k: [5, 5]\n").hasMessage("suite.yaml line 12, k[1]: the cutoff 5 is listed twice");
    refused(BASE + "k: [0]\n").hasMessage("suite.yaml line 12, k[0]: expected a whole number from 1 to 100000, found 0");
  }

  @Test
  void a_metric_needs_its_cutoff_in_k() {
    refused(BASE + "primary_metric: recall@20\n")
        .hasMessage("suite.yaml line 12, primary_metric: recall@20 needs the cutoff 20 in the suite's k, which is [1, 5, 10]; add it, e.g. k: [1, 5, 10, 20]");
    refused(BASE + "k: [3]\nprimary_metric: ndcg@33\n")
        .hasMessage("suite.yaml line 13, primary_metric: ndcg@33 needs the cutoff 33 in the suite's k, which is [3]; add it, e.g. k: [3, 33]");
    refused(BASE + "k: [3]\nprimary_metric: ndgc@3\n")
        .hasMessage("suite.yaml line 13, primary_metric: unknown metric 'ndgc@3'; did you mean 'ndcg@3'? (retrieval metrics: recall@3, precision@3, hit_rate@3, ndcg@3, mrr, map)");
  }

  @Test
  void min_lift_needs_a_run_baseline() {
    refused(BASE + "criteria:\n  - {metric: mrr, min_lift: 0.1}\n")
        .hasMessage("suite.yaml line 13, criteria[0].min_lift: min_lift needs a baseline to lift over: add baseline: {kind: run, path: FILE} with the ranked lists of the search you use today");
    refused(BASE + "baseline: {kind: run}\n")
        .hasMessage("suite.yaml line 12, baseline: kind: run needs 'path': a file of ranked lists from the search you use today, in the submission's shape");
    refused(BASE + "baseline: {kind: prior}\n")
        .hasMessage("suite.yaml line 12, baseline.kind: expected one of [none, run] for retrieval, found 'prior'");
  }

  @Test
  void the_shape_of_ranked_lists_is_checked() {
    refused(BASE.replace("  rank: rank\n", "  rank: rank\n  score: s\n"))
        .hasMessage("suite.yaml line 12, predictions.score: give one of rank and score, not both");
    refused(BASE.replace("  rank: rank\n", ""))
        .hasMessage("suite.yaml line 10, predictions: retrieval needs the order of each ranked list: 'doc' with 'rank' (1 first) or 'score' (higher first)"
            + " for rows of query, document and rank, and/or 'docs' for JSON Lines with a list of document ids per query, best first");
    refused(BASE.replace("  doc: doc\n  rank: rank\n", "  rank: rank\n  docs: docs\n"))
        .hasMessage("suite.yaml line 10, predictions: 'rank' needs 'doc': the column with the document id");
    refused(BASE.replace("  doc: doc\n  rank: rank\n", "  doc: doc\n  docs: docs\n"))
        .hasMessage("suite.yaml line 10, predictions: 'doc' needs 'rank' or 'score' to order the documents");
    assertThat(parse(BASE.replace("  doc: doc\n  rank: rank\n", "  docs: docs\n")).retrieval().docs()).isEqualTo("docs");
    refused(BASE.replace("  doc: doc\n  rank: rank\n", "  score: s\n  threshold: 0.5\n"))
        .hasMessage("suite.yaml line 11, predictions.threshold: 'threshold' does not apply to retrieval; remove it");
  }

  @Test
  void keys_of_one_task_are_refused_in_another() {
    refused(BASE.replace("  doc: doc\npredictions", "  doc: doc\n  label: y\npredictions"))
        .hasMessage("suite.yaml line 9, data.label: 'label' does not apply to retrieval (name the relevance grade column with 'relevance'); remove it");
    refused(BASE.replace("  doc: doc\npredictions", "predictions"))
        .hasMessage("suite.yaml line 6, data: missing required key 'doc'");
    String binary = """
        suite: holdout.suite/v1
        name: b
        problem: p.
        task: binary_classification
        data: {path: e.csv, id: id, label: y}
        predictions: {score: p}
        """;
    refused(binary + "k: [5]\n").hasMessage("suite.yaml line 7, k: k (the retrieval cutoffs) is for task: retrieval only; remove it");
    refused(binary.replace("label: y}", "label: y, doc: d}"))
        .hasMessage("suite.yaml line 5, data.doc: 'doc' does not apply to binary_classification (doc, relevance and queries are for retrieval); remove it");
  }
}
