package dev.holdout.server.submission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdout.server.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A vendor probing for the hidden set, on both stores: files of one id (from either part), foreign
 * ids, odd classes, too few ids under missing: fail, an id twice and a 5 MB cell. Every id in an
 * error must be one the vendor sent; every body the vendor sees (the upload's answer, its
 * submissions, the leaderboard, the project and its inputs) is searched for the baseline column,
 * an example id of the set and the words public or private (but the leaderboard's own "part"). No
 * probe may find one, and a one-id file ends the same way whichever part its id is in. A
 * multiclass suite must name its classes, so no class is learnt from the hidden set.
 */
class VendorMessagesTest {
  @TempDir Path dir;

  private static final String BINARY = """
      suite: holdout.suite/v1
      name: churn
      problem: Which customers cancel.
      task: binary_classification
      data: {path: eval.csv, id: id, label: churned, positive: "1"}
      predictions: {id: id, score: p, missing: %s}
      baseline: {kind: column, column: rule_score}
      criteria: [{metric: roc_auc, min: 0.6}]
      bootstrap: {replicates: 50, seed: 1}
      """;

  private static final String MULTICLASS = """
      suite: holdout.suite/v1
      name: tickets
      problem: Route support tickets.
      task: multiclass_classification
      data: {path: eval.csv, id: id, label: queue}
      predictions: {id: id, label: predicted}
      criteria: [{metric: accuracy, min: 0.5}]
      bootstrap: {replicates: 50, seed: 1}
      """;

  private final List<String> bodies = new ArrayList<>();
  private int probes;

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void a_vendor_probing_the_hidden_set_learns_no_hidden_id_part_class_or_label(String store) throws Exception {
    try (TestServer s = new TestServer(dir, store)) {
      // Binary, missing: wrong. 400 rows; ids h0..h399; a rule_score baseline the vendor must not see.
      List<String> ids = new ArrayList<>();
      StringBuilder eval = new StringBuilder("id,region,rule_score,churned\n");
      Random r = new Random(3);
      for (int i = 0; i < 400; i++) {
        ids.add("h" + i);
        eval.append("h").append(i).append(',').append(i % 2 == 0 ? "north" : "south").append(",0.").append(100 + r.nextInt(800)).append(',')
            .append(r.nextInt(3) == 0 ? 1 : 0).append('\n');
      }
      String p = project(s, BINARY.formatted("wrong"), eval.toString());
      String v = s.invite(p, "probe");
      String inputs = seen(s.call("GET", "/projects/" + p + "/inputs", v, (String) null)).body();
      assertThat(inputs.lines().findFirst().orElseThrow()).isEqualTo("id,region");

      // One-id files: accepted and evaluated alike whether the id is public or private.
      s.call("PATCH", "/projects/" + p, s.ownerToken, "{\"daily_quota\": 100}");
      Set<String> outcomes = new HashSet<>();
      for (int i = 0; i < 12; i++) {
        String id = ids.get(i * 31);
        TestServer.Answer a = probe(s, p, v, "one.csv", "id,p\n" + id + ",0.9\n", Set.of(id));
        assertThat(a.status()).isEqualTo(202);
        JsonNode done = s.await(p, a.json().path("id").asText());
        outcomes.add(done.path("status").asText());
        seen(s.call("GET", "/projects/" + p + "/submissions/" + a.json().path("id").asText(), v, (String) null));
      }
      assertThat(outcomes).containsExactly("done");
      // With missing: ignore, a part without any of the file's ids has no rows to score: still the same outcome either way.
      String lenient = project(s, BINARY.formatted("ignore"), eval.toString());
      s.invite(lenient, "probe");
      s.call("PATCH", "/projects/" + lenient, s.ownerToken, "{\"daily_quota\": 100}");
      Set<String> lenientOutcomes = new HashSet<>();
      for (int i = 0; i < 12; i++) {
        String id = ids.get(i * 31 + 1);
        TestServer.Answer a = probe(s, lenient, v, "one.csv", "id,p\n" + id + ",0.9\n", Set.of(id));
        JsonNode done = s.await(lenient, a.json().path("id").asText());
        lenientOutcomes.add(done.path("status").asText() + " " + done.path("error").asText());
        seen(s.call("GET", "/projects/" + lenient + "/submissions/" + a.json().path("id").asText(), v, (String) null));
      }
      assertThat(lenientOutcomes).hasSize(1);
      // Foreign ids, an id twice, a huge cell, a bad value.
      probe(s, p, v, "foreign.csv", "id,p\nzz1,0.5\nzz2,0.5\n", Set.of("zz1", "zz2"));
      probe(s, p, v, "twice.csv", "id,p\nh1,0.5\nh1,0.6\n", Set.of("h1"));
      probe(s, p, v, "huge.csv", "id,p\nh1,0." + "9".repeat(5 << 20) + "\n", Set.of("h1"));
      probe(s, p, v, "word.csv", "id,p\nh1,high\n", Set.of("h1"));
      probe(s, p, v, "empty.csv", "id,p\n", Set.of());

      // missing: fail: a file short of ids is refused by counts, naming none of the ids it lacks.
      String strict = project(s, BINARY.formatted("fail"), eval.toString());
      s.invite(strict, "probe");
      String w = v;
      TestServer.Answer few = probe(s, strict, w, "few.csv", "id,p\nh0,0.1\nh1,0.2\n", Set.of("h0", "h1"));
      assertThat(few.json().path("error").asText()).contains("has predictions for 2 of the inputs' ids").contains("missing: fail");

      // Multiclass: the classes are the suite's, never the hidden set's, so a suite must name them.
      TestServer.Answer unnamed = s.call("POST", "/projects", s.ownerToken, MULTICLASS);
      assertThat(unnamed.status()).isEqualTo(400);
      assertThat(unnamed.json().path("error").asText()).contains("names its classes in the suite");
      StringBuilder tickets = new StringBuilder("id,text,queue\n");
      List<String> classes = List.of("account", "billing", "shipping");
      for (int i = 0; i < 300; i++) tickets.append("t").append(i).append(",help,").append(i < 2 ? "legal" : classes.get(i % 3)).append('\n');
      String m = project(s, MULTICLASS.replace("label: queue}", "label: queue, classes: [account, billing, shipping, legal]}"), tickets.toString());
      s.invite(m, "probe");
      String x = v;
      TestServer.Answer odd = probe(s, m, x, "odd.csv", "id,predicted\nt0,zzz\n", Set.of("t0"));
      assertThat(odd.status()).isEqualTo(400);
      assertThat(odd.json().path("error").asText()).contains("'zzz' is not one of the suite's classes [account, billing, shipping, legal]")
          .contains("line 2");

      for (String project : List.of(p, strict, m)) {
        seen(s.call("GET", "/projects/" + project + "/leaderboard", v, (String) null));
        seen(s.call("GET", "/projects/" + project + "/submissions", v, (String) null));
        seen(s.call("GET", "/projects/" + project, v, (String) null));
      }
      // The hidden words: labels' column values are 0/1 and classes; the baseline column; the parts.
      List<String> leaks = new ArrayList<>();
      for (String b : bodies) {
        String text = b;
        for (String hidden : List.of("rule_score\"", ",rule_score", "public", "private", "e.g. h", "C100")) {
          if (text.contains(hidden) && !(hidden.equals("public") && text.contains("\"part\":\"public\""))) leaks.add(hidden + " in " + b);
        }
      }
      assertThat(probes).isGreaterThanOrEqualTo(19);
      assertThat(leaks).as("hidden words in %d vendor-visible bodies", bodies.size()).isEmpty();
    }
  }

  private String project(TestServer s, String suite, String evalCsv) {
    TestServer.Answer c = s.call("POST", "/projects", s.ownerToken, suite);
    assertThat(c.status()).as(c.body()).isEqualTo(201);
    String p = c.json().path("id").asText();
    TestServer.Answer d = s.upload("/projects/" + p + "/data", s.ownerToken, TestServer.Data.write(dir.resolve("eval-" + p + ".csv"), evalCsv));
    assertThat(d.status()).as(d.body()).isEqualTo(200);
    return p;
  }

  /** Uploads a file as the vendor; the answer may name only ids in {@code own}; it is kept for the final search. */
  private TestServer.Answer probe(TestServer s, String project, String token, String name, String csv, Set<String> own) {
    probes++;
    TestServer.Answer a = s.upload("/projects/" + project + "/submissions?name=" + name, token, TestServer.Data.write(dir.resolve(name), csv));
    seen(a);
    assertThat(a.body().length()).as("a bounded answer").isLessThan(3_000);
    assertThat(a.status()).as(a.body()).isIn(202, 400);
    if (a.status() == 400) {
      String error = a.json().path("error").asText();
      java.util.regex.Matcher ids = java.util.regex.Pattern.compile("'([a-z]+\\d+)'").matcher(error);
      while (ids.find()) assertThat(own).as("an id in: " + error).contains(ids.group(1));
      assertThat(error).doesNotContain(dir.toString());
    }
    return a;
  }

  private TestServer.Answer seen(TestServer.Answer a) {
    bodies.add(a.body());
    return a;
  }
}
