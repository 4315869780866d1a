package dev.holdout.cli;

import static dev.holdout.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code holdout clicks} on examples/search-clicks, whose log was simulated with planted
 * attractiveness (make-data.py prints the truth: 1.2842 expected clicks in the top 5 per search
 * for the re-ranking), and on broken logs.
 */
class ClicksCommandTest {
  private static final Path EXAMPLE = Path.of("..", "examples", "search-clicks");

  @TempDir Path dir;

  @Test
  void clicks_writes_judgements_and_estimates_the_new_rankings_clicks_within_the_planted_truth() throws Exception {
    Path judgements = dir.resolve("judgements.csv");
    Path json = dir.resolve("clicks.json");
    Cli r = run("clicks", EXAMPLE.resolve("log.csv"), "--judgements", judgements, "--ranking", EXAMPLE.resolve("reranker.csv"), "--k", "5",
        "--json", json);
    assertThat(r.err()).isEmpty();
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("Holdout clicks · log.csv\n18,000 results shown in 1,800 sessions of 120 queries (1,200 query-document pairs)");
    assertThat(r.out()).contains("Judgements: 1,200 pairs shown at least 10 times written to judgements.csv");
    // the committed judgements are this command's output
    assertThat(Files.readString(judgements)).isEqualTo(Files.readString(EXAMPLE.resolve("judgements.csv")));
    JsonNode j = new ObjectMapper().readTree(json.toFile());
    assertThat(j.path("schema").asText()).isEqualTo("holdout.clicks/v1");
    JsonNode ctr = j.path("counterfactual").path("metrics").path("ips_ctr@5");
    assertThat(ctr.path("ci").get(0).asDouble()).isLessThanOrEqualTo(1.2842);
    assertThat(ctr.path("ci").get(1).asDouble()).isGreaterThanOrEqualTo(1.2842);
    assertThat(j.path("counterfactual").path("units").asLong()).isEqualTo(120);
    assertThat(j.path("model").path("examination").get(0).path("examination").asDouble()).isEqualTo(1.0);
  }

  @Test
  void a_click_that_is_not_0_or_1_names_the_line_and_column() throws Exception {
    Path log = Files.writeString(dir.resolve("log.csv"), "session_id,query_id,doc_id,position,clicked\ns1,q1,d1,1,1\ns1,q1,d2,2,yes\n");
    Cli r = run("clicks", log, "--judgements", dir.resolve("j.csv"));
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("log.csv line 3, column 'clicked': expected 1 or 0 (whether the result was clicked), found 'yes'");
    assertThat(dir.resolve("j.csv")).doesNotExist();
  }

  @Test
  void a_session_with_two_queries_or_a_position_twice_is_refused() throws Exception {
    Path log = Files.writeString(dir.resolve("log.csv"), "session_id,query_id,doc_id,position,clicked\ns1,q1,d1,1,1\ns1,q2,d2,2,0\n");
    assertThat(run("clicks", log, "--judgements", dir.resolve("j.csv")).err())
        .contains("session 's1' showed query 'q1' on line 2; a session is one shown list of one query");
    Path twice = Files.writeString(dir.resolve("twice.csv"), "session_id,query_id,doc_id,position,clicked\ns1,q1,d1,1,1\ns1,q1,d2,1,0\n");
    assertThat(run("clicks", twice, "--judgements", dir.resolve("j.csv")).err())
        .contains("session 's1' already shows position 1 on line 2; give each position of a session once");
  }

  @Test
  void nothing_asked_for_and_a_cutoff_deeper_than_the_log_are_usage_errors() throws Exception {
    Cli none = run("clicks", EXAMPLE.resolve("log.csv"));
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).contains("say what to make: --judgements FILE");
    Cli deep = run("clicks", EXAMPLE.resolve("log.csv"), "--ranking", EXAMPLE.resolve("reranker.csv"), "--k", "20");
    assertThat(deep.exit()).isEqualTo(2);
    assertThat(deep.err()).contains("--k 20: the log never shows position 11, so its examination is unknown; give --k at most 10");
  }
}
