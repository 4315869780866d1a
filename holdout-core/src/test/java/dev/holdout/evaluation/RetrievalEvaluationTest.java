package dev.holdout.evaluation;

import dev.holdout.base.Progress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.holdout.Holdout;
import dev.holdout.base.HoldoutException;
import dev.holdout.render.HtmlReport;
import dev.holdout.render.JsonReport;
import dev.holdout.result.Report;
import dev.holdout.render.TerminalReport;
import dev.holdout.verdict.Status;
import dev.holdout.verdict.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * task: retrieval end to end on files small enough to work by hand: qrels and runs as trec_eval
 * reads them, the list and row shapes of a submission, missing queries, slices, criteria, and every
 * bad input the issue names.
 */
class RetrievalEvaluationTest {
  private static final String SUITE = """
      suite: holdout.suite/v1
      name: tiny-search
      problem: Find the passages that answer a question.
      task: retrieval
      data:
        path: qrels.csv
        id: query
        doc: doc
        relevance: grade
      predictions:
        doc: doc
        score: score
        docs: docs
      k: [1, 5, 10]
      bootstrap: {replicates: 200, seed: 3}
      """;

  /** Topic q1 is graded (R = 3: d1, d2, d4); topic q2 is binary (R = 2: a, b). */
  private static final String QRELS = "query,doc,grade\nq1,d1,3\nq1,d2,2\nq1,d3,0\nq1,d4,1\nq2,a,1\nq2,b,1\n";

  /**
   * q1: d3, d1, x9 (unjudged), d4, d2 by score. q2: z first, then a and b tied at 1.0; trec_eval
   * breaks the tie by document id descending, so b (rank 2) comes before a (rank 3).
   */
  private static final String RUN = "query,doc,score\nq1,d3,5.0\nq1,d1,4.0\nq1,x9,3.0\nq1,d4,2.0\nq1,d2,1.0\nq2,a,1.0\nq2,z,2.0\nq2,b,1.0\n";

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private Report evaluate(String suite, String qrels, String runName, String run) throws IOException {
    write("suite.yaml", suite);
    write("qrels.csv", qrels);
    return Holdout.evaluate(dir.resolve("suite.yaml"), write(runName, run));
  }

  private AbstractThrowableAssert<?, ? extends Throwable> refused(String suite, String qrels, String runName, String run) throws IOException {
    write("suite.yaml", suite);
    write("qrels.csv", qrels);
    Path p = write(runName, run);
    return assertThatThrownBy(() -> Holdout.evaluate(dir.resolve("suite.yaml"), p)).isInstanceOf(HoldoutException.BadData.class);
  }

  private static double value(Report r, String metric) {
    return r.metrics().get(metric).value();
  }

  /**
   * Per topic, by trec_eval's definitions (see RetrievalMetricsTest for q1): q1 recip_rank 1/2,
   * map 1.6/3, ndcg_cut_5 0.650412; q2 (grades 0, 1, 1) recip_rank 1/2, map (1/2 + 2/3) / 2 =
   * 0.583333, ndcg_cut_5 (1/log2 3 + 1/log2 4) / (1 + 1/log2 3) = 0.693426, P_5 2/5. trec_eval's
   * all-topic figures are the means: mrr 0.5, map 0.558333, ndcg_cut_5 0.671919, P_5 0.5, P_1 0.
   */
  @Test
  void means_over_queries_match_trec_eval_with_its_tie_breaking() throws IOException {
    Report r = evaluate(SUITE, QRELS, "run.csv", RUN);
    assertThat(r.rows().evaluated()).isEqualTo(2);
    assertThat(value(r, "mrr")).isCloseTo(0.5, within(1e-12));
    assertThat(value(r, "map")).isCloseTo((1.6 / 3 + (0.5 + 2.0 / 3) / 2) / 2, within(1e-12));
    assertThat(value(r, "ndcg@5")).isCloseTo(0.6719192928966872, within(1e-12));
    assertThat(value(r, "precision@5")).isCloseTo(0.5, within(1e-12));
    assertThat(value(r, "precision@1")).isEqualTo(0.0);
    assertThat(value(r, "recall@5")).isEqualTo(1.0);
    assertThat(value(r, "hit_rate@1")).isEqualTo(0.0);
    assertThat(r.metrics().keySet()).containsExactly("recall@1", "recall@5", "recall@10", "precision@1", "precision@5", "precision@10",
        "hit_rate@1", "hit_rate@5", "hit_rate@10", "ndcg@1", "ndcg@5", "ndcg@10", "mrr", "map");
    assertThat(r.suite().primaryMetric()).isEqualTo("ndcg@10");
    assertThat(r.baseline().metrics().get("map").undefined()).isEqualTo("the suite names no baseline");
    assertThat(r.bootstrap().note()).isEqualTo("each row is its own cell: the bootstrap is exact");
  }

  @Test
  void json_lines_lists_and_rank_rows_give_the_same_figures_as_scores() throws IOException {
    Report scored = evaluate(SUITE, QRELS, "run.csv", RUN);
    Report listed = evaluate(SUITE, QRELS, "run.jsonl",
        "{\"query\": \"q1\", \"docs\": [\"d3\", \"d1\", \"x9\", \"d4\", \"d2\"]}\n{\"query\": \"q2\", \"docs\": [\"z\", \"b\", \"a\"]}\n");
    Report ranked = evaluate(SUITE.replace("score: score", "rank: rank"), QRELS, "ranked.csv",
        "query,doc,rank\nq2,a,3\nq2,b,2\nq2,z,1\nq1,d2,5\nq1,d4,4\nq1,x9,3\nq1,d1,2\nq1,d3,1\n");
    for (String m : scored.metrics().keySet()) {
      assertThat(value(listed, m)).as(m).isEqualTo(value(scored, m));
      assertThat(value(ranked, m)).as(m).isEqualTo(value(scored, m));
    }
  }

  @Test
  void a_query_without_a_ranked_list_scores_zero_or_is_left_out() throws IOException {
    String onlyQ1 = "query,doc,score\nq1,d3,5.0\nq1,d1,4.0\nq1,x9,3.0\nq1,d4,2.0\nq1,d2,1.0\n";
    Report wrong = evaluate(SUITE, QRELS, "run.csv", onlyQ1);
    assertThat(wrong.rows().missingPredictions()).isEqualTo(1);
    assertThat(value(wrong, "map")).isCloseTo(1.6 / 3 / 2, within(1e-12));
    Report ignore = evaluate(SUITE.replace("  docs: docs\n", "  docs: docs\n  missing: ignore\n"), QRELS, "run.csv", onlyQ1);
    assertThat(ignore.rows().evaluated()).isEqualTo(1);
    assertThat(value(ignore, "map")).isCloseTo(1.6 / 3, within(1e-12));
    refused(SUITE.replace("  docs: docs\n", "  docs: docs\n  missing: fail\n"), QRELS, "run.csv", onlyQ1)
        .hasMessage(dir.resolve("run.csv") + ": 1 queries of the evaluation set have no ranked list (e.g. q2) and the suite says predictions.missing: fail; send a ranked list for every query");
  }

  @Test
  void slices_criteria_baseline_and_every_renderer() throws IOException {
    write("queries.csv", "query,lang\nq1,en\nq2,de\n");
    write("bm25.csv", "query,doc,score\nq1,d4,2\nq1,d1,1\nq2,x,1\n");
    String suite = SUITE.replace("  relevance: grade\n", "  relevance: grade\n  queries: queries.csv\n  slices: [lang]\n")
        + "baseline: {kind: run, path: bm25.csv}\n"
        + "criteria:\n  - {metric: mrr, min: 0.4, at: point}\n  - {metric: map, slice: lang, worst_min: 0.6, at: point}\n"
        + "  - {metric: mrr, min_lift: 0.1, at: point}\n";
    Report r = evaluate(suite, QRELS, "run.csv", RUN);
    assertThat(r.slices().get("lang").keySet()).containsExactly("de", "en");
    assertThat(r.slices().get("lang").get("en").metrics().get("map").value()).isCloseTo(1.6 / 3, within(1e-12));
    // bm25: q1 grades [1, 3] -> recip_rank 1; q2 [0] -> 0: mrr 0.5, so the lift is 0.
    assertThat(r.baseline().metrics().get("mrr").value()).isEqualTo(0.5);
    assertThat(r.criteria()).extracting(c -> c.status()).containsExactly(Status.PASS, Status.FAIL, Status.FAIL);
    assertThat(r.verdict()).isEqualTo(Verdict.REJECTED);
    assertThat(TerminalReport.render(r)).contains("* ndcg@10").contains("Slice lang");
    Report back = JsonReport.readReport(JsonReport.toJson(r));
    assertThat(back.metrics().get("ndcg@5").value()).isEqualTo(value(r, "ndcg@5"));
    assertThat(HtmlReport.render(r)).contains("ndcg@10").contains("REJECTED");
  }

  // ---- bad input ----

  @Test
  void a_document_ranked_twice_names_both_lines() throws IOException {
    refused(SUITE, QRELS, "run.csv", "query,doc,score\nq1,d1,3\nq1,d2,2\nq1,d1,1\n")
        .hasMessage(dir.resolve("run.csv") + " line 4, column 'doc': document 'd1' is ranked twice for query 'q1' (first on line 2); a ranked list holds each document once, so remove the repeat");
    refused(SUITE, QRELS, "run.jsonl", "{\"query\": \"q1\", \"docs\": [\"d1\", \"d2\", \"d1\"]}\n")
        .hasMessage(dir.resolve("run.jsonl") + " line 1, column 'docs': document 'd1' is ranked twice for query 'q1' (first on line 1); a ranked list holds each document once, so remove the repeat");
  }

  @Test
  void a_second_json_lines_list_for_a_query_names_both_lines() throws IOException {
    refused(SUITE, QRELS, "run.jsonl", "{\"query\": \"q1\", \"docs\": [\"d1\"]}\n{\"query\": \"q2\", \"docs\": []}\n{\"query\": \"q1\", \"docs\": [\"d2\"]}\n")
        .hasMessage(dir.resolve("run.jsonl") + " line 3, column 'query': query 'q1' already has a ranked list on line 1; send one list per query");
  }

  @Test
  void an_unknown_query_names_the_line() throws IOException {
    refused(SUITE, QRELS, "run.csv", "query,doc,score\nq1,d1,3\nq7,d2,2\n")
        .hasMessage(dir.resolve("run.csv") + " line 3, column 'query': query 'q7' is not in the evaluation set (qrels.csv, e.g. 'q1'); rank only the evaluation set's queries, and check that both files use the same query ids");
  }

  @Test
  void a_rank_given_twice_or_not_a_whole_number_is_refused() throws IOException {
    String ranked = SUITE.replace("score: score", "rank: rank");
    refused(ranked, QRELS, "run.csv", "query,doc,rank\nq1,d1,1\nq1,d2,1\n")
        .hasMessage(dir.resolve("run.csv") + " line 3, column 'rank': rank 1 is given twice for query 'q1' (also on line 2); give each document of a query its own rank");
    refused(ranked, QRELS, "run.csv", "query,doc,rank\nq1,d1,1.5\n")
        .hasMessage(dir.resolve("run.csv") + " line 2, column 'rank': expected a rank, a whole number from 1 (1 is the best), found '1.5'");
  }

  @Test
  void a_query_without_a_relevant_document_is_missing_references() throws IOException {
    refused(SUITE, QRELS + "q3,c,0\n", "run.csv", RUN)
        .hasMessage(dir.resolve("qrels.csv") + " line 8, column 'query': query 'q3' has no relevant document (grade 1 or more); every query needs at least one relevant document,"
            + " since recall, ndcg and map divide by their number: judge one or remove the query");
    write("queries.csv", "query\nq1\nq2\nq4\n");
    refused(SUITE.replace("  relevance: grade\n", "  relevance: grade\n  queries: queries.csv\n"), QRELS, "run.csv", RUN)
        .hasMessage(dir.resolve("queries.csv") + " line 4, column 'query': query 'q4' has no judged documents in qrels.csv; every query needs at least one relevant document,"
            + " since recall, ndcg and map divide by their number: judge one or remove the query");
  }

  @Test
  void bad_judgements_name_the_line() throws IOException {
    refused(SUITE, QRELS + "q1,d1,1\n", "run.csv", RUN)
        .hasMessage(dir.resolve("qrels.csv") + " line 8, column 'doc': document 'd1' is judged twice for query 'q1' (first on line 2); keep one judgement per query and document");
    refused(SUITE, QRELS + "q1,d9,1.5\n", "run.csv", RUN)
        .hasMessage(dir.resolve("qrels.csv") + " line 8, column 'grade': expected a relevance grade, a whole number such as 0, 1, 2 or 3 (as in trec_eval's qrels), found '1.5'");
    write("queries.csv", "query\nq1\n");
    refused(SUITE.replace("  relevance: grade\n", "  relevance: grade\n  queries: queries.csv\n"), QRELS, "run.csv", RUN)
        .hasMessage(dir.resolve("qrels.csv") + " line 6, column 'query': query 'q2' is not in queries.csv (data.queries); add the query there or remove its judgements");
  }

  @Test
  void a_slice_must_be_constant_within_a_query() throws IOException {
    refused(SUITE.replace("  relevance: grade\n", "  relevance: grade\n  slices: [lang]\n"),
        "query,doc,grade,lang\nq1,d1,1,en\nq1,d2,0,de\n", "run.csv", RUN)
        .hasMessage(dir.resolve("qrels.csv") + " line 3, column 'lang': query 'q1' has 'de' here but 'en' on line 2; a slice is an attribute of the query:"
            + " give every row of a query the same value, or put the attributes in data.queries");
  }

  @Test
  void without_relevance_every_listed_pair_is_relevant() throws IOException {
    Report r = evaluate(SUITE.replace("  relevance: grade\n", ""), "query,doc\nq1,d1\nq1,d2\n", "run.csv", "query,doc,score\nq1,d2,2\nq1,x,1\n");
    assertThat(value(r, "recall@5")).isEqualTo(0.5);
    assertThat(value(r, "map")).isEqualTo(0.5);
  }

  @Test
  void per_query_values_are_written_as_csv() throws IOException {
    write("suite.yaml", SUITE);
    write("qrels.csv", QRELS);
    Path out = dir.resolve("per-query.csv");
    Holdout.evaluate(Holdout.suite(dir.resolve("suite.yaml")), write("run.csv", "query,doc,score\nq1,d3,5.0\nq1,d1,4.0\nq1,x9,3.0\nq1,d4,2.0\nq1,d2,1.0\n"),
        Progress.NONE, out);
    List<String> lines = Files.readAllLines(out);
    assertThat(lines.get(0)).isEqualTo("query,has_prediction,recall@1,recall@5,recall@10,precision@1,precision@5,precision@10,"
        + "hit_rate@1,hit_rate@5,hit_rate@10,ndcg@1,ndcg@5,ndcg@10,mrr,map");
    assertThat(lines.get(1)).isEqualTo("q1,true,0,1,1,0,0.600000,0.300000,0,1,1,0,0.650412,0.650412,0.500000,0.533333");
    assertThat(lines.get(2)).isEqualTo("q2,false,0,0,0,0,0,0,0,0,0,0,0,0,0,0");
  }

  @Test
  void per_query_csv_cells_cannot_run_as_spreadsheet_formulas() throws IOException {
    write("suite.yaml", SUITE);
    write("qrels.csv", "query,doc,grade\n=1+2,d1,1\n\"@q,2\",a,1\n-7,b,1\n");
    Path out = dir.resolve("per-query.csv");
    Holdout.evaluate(Holdout.suite(dir.resolve("suite.yaml")), write("run.csv", "query,doc,score\n=1+2,d1,1.0\n\"@q,2\",a,1.0\n-7,b,1.0\n"),
        Progress.NONE, out);
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).hasSize(4);
    assertThat(lines.subList(1, 4)).as("guarded, quoted where needed; a number stays a number")
        .anySatisfy(l -> assertThat(l).startsWith("'=1+2,true,"))
        .anySatisfy(l -> assertThat(l).startsWith("\"'@q,2\",true,"))
        .anySatisfy(l -> assertThat(l).startsWith("-7,true,"));
  }
}
