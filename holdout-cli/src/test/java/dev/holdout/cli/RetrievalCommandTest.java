package dev.holdout.cli;

import static dev.holdout.cli.Cli.example;
import static dev.holdout.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retrieval example through the command: exit codes, the terminal text, the JSON, HTML and JUnit reports, compare and bad input. */
class RetrievalCommandTest {
  @TempDir Path dir;

  @Test
  void vendor_a_is_accepted_and_vendor_b_rejected_for_german_queries() throws Exception {
    Path json = dir.resolve("a.json");
    Cli a = run("evaluate", example("rag-retrieval/suite.yaml"), "-p", example("rag-retrieval/vendor-a.csv"), "--json", json,
        "--html", dir.resolve("a.html"), "--junit", dir.resolve("a.xml"));
    assertThat(a.exit()).isZero();
    assertThat(a.out()).startsWith("Holdout · policy-search-retrieval (retrieval)\n")
        .contains("400 queries evaluated, 0 without a ranked list")
        .contains("* ndcg@10 ")
        .contains("Baseline: the ranked lists of bm25.csv (the search in use today)")
        .endsWith("Verdict: ACCEPTED (4 passed, 0 failed, 0 inconclusive of 4 criteria)\n");
    JsonNode j = new ObjectMapper().readTree(json.toFile());
    assertThat(j.path("suite").path("task").asText()).isEqualTo("retrieval");
    assertThat(j.path("metrics").path("ndcg@10").path("ci")).hasSize(2);
    assertThat(j.path("baseline").path("name").asText()).isEqualTo("run");
    assertThat(j.path("slices").path("language").path("de").path("rows").asLong()).isEqualTo(111);
    assertThat(Files.readString(dir.resolve("a.html"))).contains("queries evaluated");

    Cli b = run("evaluate", example("rag-retrieval/suite.yaml"), "-p", example("rag-retrieval/vendor-b.jsonl"));
    assertThat(b.exit()).isEqualTo(1);
    assertThat(b.out()).contains("FAIL          worst-language: worst language recall@10 >= 0.5 (95% CI lower end)");
  }

  @Test
  void compare_ranks_the_two_vendors_on_paired_queries() {
    Cli c = run("compare", example("rag-retrieval/suite.yaml"), "-p", example("rag-retrieval/vendor-a.csv"), "-p", example("rag-retrieval/vendor-b.jsonl"));
    assertThat(c.exit()).isZero();
    assertThat(c.out()).contains("ranked by ndcg@10").contains("1    vendor-a").contains("(real difference)");
  }

  @Test
  void a_document_ranked_twice_exits_2_with_the_line() throws Exception {
    Path bad = Files.writeString(dir.resolve("dup.csv"), "query_id,doc_id,rank\nQ001,D1264,1\nQ001,D1264,2\n");
    Cli r = run("evaluate", example("rag-retrieval/suite.yaml"), "-p", bad);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("holdout: " + bad + " line 3, column 'doc_id': document 'D1264' is ranked twice for query 'Q001' (first on line 2);"
        + " a ranked list holds each document once, so remove the repeat\n");
  }
}
