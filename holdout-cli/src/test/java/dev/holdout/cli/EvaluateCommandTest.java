package dev.holdout.cli;

import static dev.holdout.cli.Cli.example;
import static dev.holdout.cli.Cli.perfect;
import static dev.holdout.cli.Cli.run;
import static dev.holdout.cli.Cli.tinySuite;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class EvaluateCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  // ---- the bundled examples: exit codes and reports ----

  @Test
  void an_accepted_submission_exits_0_and_writes_the_json_and_junit_reports() throws Exception {
    Path json = dir.resolve("out/report.json");
    Path junit = dir.resolve("out/report.xml");
    Cli r = run("evaluate", example("churn/suite.yaml"), "--predictions", example("churn/vendor-a.csv"), "--json", json, "--junit", junit, "--mkdirs");
    assertThat(r.exit()).isZero();
    assertThat(r.err()).as("no progress or messages when output is redirected").isEmpty();
    assertThat(r.out()).startsWith("Holdout · churn-acceptance (binary_classification)\n")
        .contains("20,000 rows evaluated, 0 missing predictions, 0 extra")
        .endsWith("Verdict: ACCEPTED (6 passed, 0 failed, 0 inconclusive of 6 criteria)\n");

    JsonNode j = JSON.readTree(json.toFile());
    assertThat(j.path("schema").asText()).isEqualTo("holdout.report/v1");
    assertThat(j.path("suite").path("name").asText()).isEqualTo("churn-acceptance");
    assertThat(j.path("suite").path("task").asText()).isEqualTo("binary_classification");
    assertThat(j.path("suite").path("data_sha256").asText()).matches("[0-9a-f]{64}");
    assertThat(j.path("submission").path("name").asText()).isEqualTo("vendor-a");
    assertThat(j.path("submission").path("sha256").asText()).matches("[0-9a-f]{64}");
    assertThat(j.path("rows").path("evaluated").asLong()).isEqualTo(20_000);
    assertThat(j.path("rows").path("missing_predictions").asLong()).isZero();
    assertThat(j.path("rows").path("extra_predictions").asLong()).isZero();
    JsonNode auc = j.path("metrics").path("roc_auc");
    assertThat(auc.path("value").asDouble()).isBetween(0.5, 1.0);
    assertThat(auc.path("ci")).hasSize(2);
    assertThat(auc.path("ci").get(0).asDouble()).isLessThanOrEqualTo(auc.path("value").asDouble());
    assertThat(auc.path("ci").get(1).asDouble()).isGreaterThanOrEqualTo(auc.path("value").asDouble());
    JsonNode regions = j.path("slices").path("region");
    assertThat(regions.fieldNames()).toIterable().containsExactly("east", "north", "south", "west");
    long sliceRows = 0;
    for (JsonNode g : regions) {
      sliceRows += g.path("rows").asLong();
      assertThat(g.path("metrics").path("recall").has("value")).isTrue();
    }
    assertThat(sliceRows).isEqualTo(20_000);
    assertThat(j.path("baseline").path("name").asText()).isNotBlank();
    assertThat(j.path("baseline").path("metrics").path("roc_auc").has("value")).isTrue();
    assertThat(j.path("baseline").path("difference").path("roc_auc").path("ci")).hasSize(2);
    assertThat(j.path("criteria")).hasSize(6);
    JsonNode first = j.path("criteria").get(0);
    assertThat(first.path("id").asText()).isEqualTo("auc");
    assertThat(first.path("description").asText()).isEqualTo("roc_auc >= 0.8 (95% CI lower end)");
    assertThat(first.path("status").asText()).isEqualTo("PASS");
    assertThat(first.path("observed").asDouble()).isEqualTo(auc.path("value").asDouble());
    assertThat(first.path("threshold").asDouble()).isEqualTo(0.8);
    assertThat(j.path("verdict").asText()).isEqualTo("ACCEPTED");

    Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
    assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(6);
    assertThat(xml.getElementsByTagName("failure").getLength()).isZero();
    assertThat(xml.getElementsByTagName("skipped").getLength()).isZero();
  }

  @Test
  void a_rejected_submission_exits_1_and_junit_shows_the_failed_criteria() throws Exception {
    Path junit = dir.resolve("report.xml");
    Cli r = run("evaluate", example("churn/suite.yaml"), "-p", example("churn/vendor-b.csv"), "--junit", junit, "--quiet");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).isEqualTo("Verdict: REJECTED\n");
    assertThat(r.err()).isEmpty();
    Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
    NodeList failures = xml.getElementsByTagName("failure");
    assertThat(failures.getLength()).isPositive();
    Element failedCase = (Element) failures.item(0).getParentNode();
    assertThat(failedCase.getTagName()).isEqualTo("testcase");
    assertThat(((Element) xml.getElementsByTagName("testsuite").item(0)).getAttribute("failures"))
        .isEqualTo(Integer.toString(failures.getLength()));
  }

  @Test
  void an_inconclusive_submission_exits_3_and_junit_marks_it_skipped() throws Exception {
    Path junit = dir.resolve("report.xml");
    Cli r = run("evaluate", example("tickets/suite.yaml"), "-p", example("tickets/vendor.csv"), "--junit", junit);
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).contains("INCONCLUSIVE").endsWith("Verdict: INCONCLUSIVE (3 passed, 0 failed, 1 inconclusive of 4 criteria)\n");
    Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
    assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(4);
    NodeList skipped = xml.getElementsByTagName("skipped");
    assertThat(skipped.getLength()).isEqualTo(1);
    assertThat(((Element) skipped.item(0)).getAttribute("message")).startsWith("INCONCLUSIVE: observed ");
    assertThat(xml.getElementsByTagName("failure").getLength()).isZero();
  }

  @Test
  void the_tagging_example_is_rejected_on_its_weakest_label_and_prints_the_labels() throws Exception {
    Path json = dir.resolve("tagging.json");
    Cli r = run("evaluate", example("tagging/suite.yaml"), "-p", example("tagging/vendor.csv"), "--json", json);
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).startsWith("Holdout · ticket-topics (multilabel_classification)\n")
        .contains("* f1_micro ", "  label_ranking_average_precision 0.9547 ", "Labels: 1.5325 per row, 1.4950 predicted per row\n")
        .contains("  cancellation            104     0.3500     0.1667     0.7404     0.2721     0.8277\n")
        .contains("FAIL          every-topic: worst label f1 >= 0.5 (95% CI lower end)")
        .contains("observed 0.2721 [0.2072, 0.3370] (cancellation): the whole interval is below 0.5; interval simultaneous over the 8 labels")
        .endsWith("Verdict: REJECTED (3 passed, 1 failed, 1 inconclusive of 5 criteria)\n");
    JsonNode j = JSON.readTree(json.toFile());
    assertThat(j.path("labels").path("per_label").fieldNames()).toIterable().hasSize(8).startsWith("account");
    assertThat(j.path("labels").path("per_label").path("refund").path("metrics").path("recall").path("ci")).hasSize(2);
    assertThat(j.path("charts").isMissingNode()).isTrue();
  }

  @Test
  void the_call_list_example_reports_metrics_at_each_budget_and_where_each_list_ends() throws Exception {
    Path json = dir.resolve("calls.json");
    Cli r = run("evaluate", example("churn/call-list.yaml"), "-p", example("churn/vendor-a.csv"), "--json", json);
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("* recall@5%          0.1984 [0.1923, 0.2043]        0.1459       +0.0526 [+0.0461, +0.0585]\n")
        .contains("Top 5% by score: 1,000 rows, scores at or above 0.7593\n", "Top 10% by score: 2,000 rows, scores at or above 0.5912\n")
        .endsWith("Verdict: ACCEPTED (4 passed, 0 failed, 0 inconclusive of 4 criteria)\n");
    JsonNode charts = JSON.readTree(json.toFile()).path("charts");
    assertThat(charts.path("budgets")).hasSize(2);
    assertThat(charts.path("budgets").get(0).path("rows").asDouble()).isEqualTo(1000.0);
    assertThat(charts.path("budgets").get(0).path("recall").asDouble()).isEqualTo(0.19840536168245898);
    assertThat(charts.path("gains").path("x").get(0).asDouble()).isZero();
    assertThat(charts.path("lift").path("y").size()).isEqualTo(charts.path("gains").path("y").size() - 1);
  }

  @Test
  void the_same_evaluation_twice_gives_identical_json_apart_from_the_creation_time() throws IOException {
    Path one = dir.resolve("one.json");
    Path two = dir.resolve("two.json");
    assertThat(run("evaluate", example("churn/suite.yaml"), "-p", example("churn/vendor-a.csv"), "--json", one, "-q").exit()).isZero();
    assertThat(run("evaluate", example("churn/suite.yaml"), "-p", example("churn/vendor-a.csv"), "--json", two, "-q").exit()).isZero();
    assertThat(withoutCreatedAt(two)).isEqualTo(withoutCreatedAt(one));
  }

  private static String withoutCreatedAt(Path json) throws IOException {
    String text = Files.readString(json);
    JsonNode tree = JSON.readTree(text);
    assertThat(tree.path("provenance").path("created_at").asText()).isNotEmpty();
    String created = tree.path("provenance").path("created_at").asText();
    // byte for byte: only the one created_at value may differ
    return text.replace("\"created_at\" : \"" + created + "\"", "\"created_at\" : \"?\"");
  }

  // ---- small files in every format ----

  @Test
  void json_lines_and_parquet_predictions_are_read_by_extension() throws Exception {
    Path suite = tinySuite(dir);
    Path jsonl = Files.writeString(dir.resolve("pred.jsonl"),
        "{\"id\": \"a\", \"p\": 0.9}\n{\"id\": \"b\", \"p\": 0.1}\n{\"id\": \"c\", \"p\": 0.8}\n"
            + "{\"id\": \"d\", \"p\": 0.2}\n{\"id\": \"e\", \"p\": 0.7}\n{\"id\": \"f\", \"p\": 0.3}\n");
    Cli fromJsonl = run("evaluate", suite, "-p", jsonl, "-q");
    assertThat(fromJsonl.exit()).isZero();
    assertThat(fromJsonl.err()).isEmpty();
    Path parquet = dir.resolve("pred.parquet");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      st.execute("COPY (SELECT * FROM read_json_auto('" + jsonl + "')) TO '" + parquet + "' (FORMAT parquet)");
    }
    Cli fromParquet = run("evaluate", suite, "-p", parquet, "-q");
    assertThat(fromParquet.exit()).isZero();
    assertThat(fromParquet.out()).isEqualTo("Verdict: ACCEPTED\n");
    Cli unknown = run("evaluate", suite, "-p", Files.writeString(dir.resolve("pred.xlsx"), "x"));
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).isEqualTo("holdout: " + dir.resolve("pred.xlsx")
        + ": unknown file type '.xlsx'; Holdout reads .csv, .tsv, .jsonl (or .ndjson) or .parquet files, chosen by the extension\n");
  }

  // ---- bad input: exit 2, one message, no stack trace, nothing written ----

  /** Exit 2, nothing on standard output, and exactly one line on standard error: "holdout: " and the message. */
  private static void assertBadInput(Cli r, String message) {
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("holdout: " + message + "\n");
    assertThat(r.err()).doesNotContain("\tat ", "Exception");
  }

  @Test
  void a_missing_suite_file_exits_2() {
    Path missing = dir.resolve("nope.yaml");
    assertBadInput(run("evaluate", missing, "-p", example("churn/vendor-a.csv")),
        missing + ": suite file not found; give the path of a suite YAML file");
  }

  @Test
  void a_missing_evaluation_set_exits_2() throws IOException {
    Path suite = tinySuite(dir);
    Files.delete(dir.resolve("eval.csv"));
    assertBadInput(run("evaluate", suite, "-p", perfect(dir)),
        dir.toAbsolutePath().resolve("eval.csv") + ": file not found; check the path (paths in a suite are relative to the suite file)");
  }

  @Test
  void a_missing_predictions_file_exits_2_before_any_work() throws IOException {
    Path suite = tinySuite(dir);
    Path missing = dir.resolve("vendor.csv");
    assertBadInput(run("evaluate", suite, "-p", missing), missing + ": predictions file not found; check the path given to --predictions");
  }

  @Test
  void an_unknown_column_exits_2_with_did_you_mean() throws IOException {
    Path suite = tinySuite(dir);
    Path p = Files.writeString(dir.resolve("pred.csv"), "id,P\na,0.9\n");
    assertBadInput(run("evaluate", suite, "-p", p),
        p + ": no column 'p' (predictions.score in the suite); did you mean 'P'? The columns are [id, P]");
  }

  @Test
  void an_empty_or_header_only_predictions_file_exits_2() throws IOException {
    Path suite = tinySuite(dir);
    Path empty = Files.writeString(dir.resolve("empty.csv"), "");
    assertBadInput(run("evaluate", suite, "-p", empty),
        empty + ": the file is empty; expected a header line naming the columns, then one line per row");
    Path header = Files.writeString(dir.resolve("header.csv"), "id,p\n");
    assertBadInput(run("evaluate", suite, "-p", header),
        header + ": has a header but no rows; expected one prediction per id of the evaluation set");
  }

  @Test
  void bad_scores_exit_2_naming_file_line_and_column() throws IOException {
    Path suite = tinySuite(dir);
    Path p = dir.resolve("pred.csv");
    Files.writeString(p, "id,p\na,0.9\nb,high\n");
    assertBadInput(run("evaluate", suite, "-p", p), p + " line 3, column 'p': expected a probability in [0, 1], found 'high'");
    Files.writeString(p, "id,p\na,0.9\nb,\n");
    assertBadInput(run("evaluate", suite, "-p", p), p + " line 3, column 'p': empty; expected a probability in [0, 1]");
    Files.writeString(p, "id,p\na,NaN\n");
    assertBadInput(run("evaluate", suite, "-p", p),
        p + " line 2, column 'p': expected a probability in [0, 1], found 'NaN' (NaN and infinity are not predictions)");
    Files.writeString(p, "id,p\na,Infinity\n");
    assertBadInput(run("evaluate", suite, "-p", p),
        p + " line 2, column 'p': expected a probability in [0, 1], found 'Infinity' (NaN and infinity are not predictions)");
    Files.writeString(p, "id,p\na,0.9\nb,0.1\nc,1.5\n");
    assertBadInput(run("evaluate", suite, "-p", p), p + " line 4, column 'p': expected a probability in [0, 1], found '1.5'");
  }

  @Test
  void duplicate_ids_exit_2_naming_both_lines() throws IOException {
    Path suite = tinySuite(dir);
    Path p = Files.writeString(dir.resolve("pred.csv"), "id,p\na,0.9\nb,0.1\nb,0.2\n");
    assertBadInput(run("evaluate", suite, "-p", p),
        p + " line 4, column 'id': id 'b' already has a prediction on line 3; send one prediction per id");
    Files.writeString(dir.resolve("eval.csv"), "id,region,y\na,n,1\nb,n,0\nc,s,1\nb,s,0\n");
    assertBadInput(run("evaluate", suite, "-p", perfect(dir)), dir.toAbsolutePath().resolve("eval.csv")
        + " line 5, column 'id': id 'b' already appears on line 3; ids in the evaluation set must be unique");
  }

  @Test
  void zero_overlap_exits_2() throws IOException {
    Path suite = tinySuite(dir);
    Path p = Files.writeString(dir.resolve("pred.csv"), "id,p\nx,0.9\n");
    assertBadInput(run("evaluate", suite, "-p", p),
        p + ": none of its 1 ids (e.g. x) is in the evaluation set's 'id' column (e.g. a); check that both files use the same ids");
  }

  @Test
  void missing_predictions_with_missing_fail_exit_2_naming_example_ids() throws IOException {
    Path suite = tinySuite(dir);
    Files.writeString(suite, Files.readString(suite).replace("  score: p\n", "  score: p\n  missing: fail\n"));
    Path p = Files.writeString(dir.resolve("pred.csv"), "id,p\na,0.9\nb,0.1\n");
    assertBadInput(run("evaluate", suite, "-p", p), p + ": 4 ids of the evaluation set have no prediction (e.g. c, d, e, f)"
        + " and the suite says predictions.missing: fail; send a prediction for every id");
  }

  @Test
  void missing_and_extra_predictions_are_counted_in_the_report() throws IOException {
    Path suite = tinySuite(dir);
    Path p = Files.writeString(dir.resolve("pred.csv"), "id,p\na,0.9\nb,0.1\nc,0.8\nd,0.2\nx,0.5\n");
    Path json = dir.resolve("r.json");
    Cli r = run("evaluate", suite, "-p", p, "--json", json);
    assertThat(r.out()).contains("6 rows evaluated, 2 missing predictions, 1 extra");
    JsonNode rows = JSON.readTree(json.toFile()).path("rows");
    assertThat(rows.path("evaluated").asLong()).isEqualTo(6);
    assertThat(rows.path("missing_predictions").asLong()).isEqualTo(2);
    assertThat(rows.path("extra_predictions").asLong()).isEqualTo(1);
    assertThat(rows.path("ignored").asLong()).isZero();

    Files.writeString(suite, Files.readString(suite).replace("  score: p\n", "  score: p\n  missing: ignore\n"));
    r = run("evaluate", suite, "-p", p, "--json", json);
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("4 rows evaluated, 2 missing predictions, 1 extra, 2 left out");
    rows = JSON.readTree(json.toFile()).path("rows");
    assertThat(rows.path("evaluated").asLong()).isEqualTo(4);
    assertThat(rows.path("ignored").asLong()).isEqualTo(2);
  }

  @Test
  void suite_errors_exit_2_naming_the_suite_file_and_line() throws IOException {
    Path suite = tinySuite(dir);
    String good = Files.readString(suite);
    Files.writeString(suite, good.replace("metric: recall", "metric: rocauc"));
    Cli r = run("evaluate", suite, "-p", perfect(dir));
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("holdout: " + suite + " line 13, criteria[0].metric: unknown metric 'rocauc'; did you mean 'roc_auc'?");
    assertThat(r.err().lines()).hasSize(1);
    Files.writeString(suite, good.replace("min: 0.5", "min: high"));
    assertBadInput(run("evaluate", suite, "-p", perfect(dir)), suite + " line 14, criteria[0].min: expected a number, found the text 'high'");
    Files.writeString(suite, good.replace("slices: [region]", "slices: [region"));
    r = run("evaluate", suite, "-p", perfect(dir));
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("holdout: " + suite + " line 10, column 12: not valid YAML: ");
    assertThat(r.err().lines()).hasSize(1);
    Files.writeString(suite, good.replace("name: tiny", "nmae: tiny"));
    r = run("evaluate", suite, "-p", perfect(dir));
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("holdout: " + suite + " line 2, nmae: unknown key 'nmae'; did you mean 'name'?");
    Files.writeString(suite, good.replace("min: 0.5", "min: .nan"));
    assertBadInput(run("evaluate", suite, "-p", perfect(dir)), suite + " line 14, criteria[0].min: expected a finite number, found .nan");
  }

  /** One bad input: how to spoil the tiny suite or its files, and what the one line of error must say. */
  record BadInput(String name, UnaryOperator<String> suite, String eval, String predictions, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<BadInput> bad_inputs() {
    String eval = "id,region,y\na,n,1\nb,n,0\nc,s,1\nd,s,0\ne,s,1\nf,n,0\n";
    String pred = "id,p\na,0.9\nb,0.1\nc,0.8\nd,0.2\ne,0.7\nf,0.3\n";
    UnaryOperator<String> same = s -> s;
    String multiclass = """
        suite: holdout.suite/v1
        name: tiny-multi
        problem: Tiny multiclass problem.
        task: multiclass_classification
        data:
          path: eval.csv
          id: id
          label: y
          classes: [cat, dog]
        predictions:
          label: p
        """;
    String regression = """
        suite: holdout.suite/v1
        name: tiny-regression
        problem: Tiny regression problem.
        task: regression
        data:
          path: eval.csv
          id: id
          label: y
        predictions:
          value: p
        bootstrap: {replicates: 50, seed: 1}
        """;
    return Stream.of(
        new BadInput("wrong type", s -> s.replace("slices: [region]", "slices: {region: 1}"), eval, pred,
            "suite.yaml line 9, data.slices: expected a list like [a, b], found a mapping"),
        new BadInput("metric of another task", s -> s.replace("metric: recall", "metric: mae"), eval, pred,
            "suite.yaml line 13, criteria[0].metric: metric 'mae' does not apply to binary_classification; use one of [accuracy,"),
        new BadInput("slice not in data.slices", s -> s.replace("    min: 0.5\n    at: point", "    worst_min: 0.5\n    slice: plan"), eval, pred,
            "suite.yaml line 15, criteria[0].slice: 'plan' is not among data.slices [region]; add it to data.slices"),
        new BadInput("min on a lower-is-better metric", s -> s.replace("metric: recall", "metric: log_loss"), eval, pred,
            "suite.yaml line 14, criteria[0].min: log_loss is better when lower, so bound it with max"),
        new BadInput("missing required key", s -> s.replace("problem: Tiny binary problem.\n", ""), eval, pred,
            "suite.yaml line 1: missing required key 'problem'"),
        new BadInput("unknown key", s -> s.replace("  score: p", "  scroe: p"), eval, pred,
            "suite.yaml line 11, predictions.scroe: unknown key 'scroe'; did you mean 'score'?"),
        new BadInput("unknown column in the evaluation set", s -> s.replace("label: y", "label: yy"), eval, pred,
            "eval.csv: no column 'yy' (data.label in the suite); did you mean 'y'? The columns are [id, region, y]"),
        new BadInput("empty evaluation set", same, "", pred,
            "eval.csv: the file is empty; expected a header line naming the columns, then one line per row"),
        new BadInput("header-only evaluation set", same, "id,region,y\n", pred,
            "eval.csv: has a header but no rows; the evaluation set needs labeled rows"),
        new BadInput("three labels in a binary set", same, eval + "g,n,2\n", pred,
            "a binary suite needs two label values, found 3 (1, 0, 2)"),
        new BadInput("label not among the declared classes", s -> multiclass, "id,y\na,cat\nb,dog\nc,cow\n", "id,p\na,cat\n",
            "eval.csv line 4, column 'y': label 'cow' is not among the suite's classes [cat, dog]"),
        new BadInput("unclosed quote in the predictions", same, eval, "id,p\na,0.9\nb,\"0.1\nc,0.8\n",
            "pred.csv line 3: not valid CSV: a quoted value is never closed"),
        new BadInput("unquoted separator in the predictions", same, eval, "id,p\na,0,9\n",
            "pred.csv line 2: found 3 values but the header names 2 columns"),
        new BadInput("a regression prediction too large to square", s -> regression, "id,y\na,1\nb,2\n", "id,p\na,1.5\nb,1e300\n",
            "pred.csv line 3, column 'p': expected a predicted value (a number), found '1e300', beyond the largest value Holdout takes"),
        new BadInput("an empty list of reference columns", s -> """
            suite: holdout.suite/v1
            name: tiny-qa
            problem: Tiny question answering.
            task: text_generation
            data:
              path: eval.csv
              id: id
              reference: []
            predictions:
              output: p
            """, "id,y\na,Paris\n", "id,p\na,Paris\n",
            "suite.yaml line 8, data.reference: the list is empty; name the column (or columns) with the reference answer"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bad_inputs")
  void every_kind_of_bad_input_exits_2_with_one_line_and_no_stack_trace(BadInput bad) throws IOException {
    Path suite = tinySuite(dir);
    Files.writeString(suite, bad.suite().apply(Files.readString(suite)));
    Files.writeString(dir.resolve("eval.csv"), bad.eval());
    Path p = Files.writeString(dir.resolve("pred.csv"), bad.predictions());
    Path json = dir.resolve("out.json");
    Cli r = run("evaluate", suite, "-p", p, "--json", json);
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("holdout: ").contains(bad.message()).doesNotContain("\tat ", "Exception");
    assertThat(r.err().lines()).hasSize(1);
    assertThat(json).doesNotExist();
  }

  @Test
  void a_failed_evaluation_creates_no_json_or_junit_file() throws IOException {
    Path suite = tinySuite(dir);
    Path p = Files.writeString(dir.resolve("pred.csv"), "id,p\na,0.9\nb,oops\n");
    Path json = dir.resolve("reports/out.json");
    Path junit = dir.resolve("reports/out.xml");
    Cli r = run("evaluate", suite, "-p", p, "--json", json, "--junit", junit);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(json).doesNotExist();
    assertThat(junit).doesNotExist();
    assertThat(filesIn(dir)).containsExactlyInAnyOrder("eval.csv", "pred.csv", "suite.yaml");
  }

  @Test
  void a_failed_evaluation_leaves_existing_reports_unchanged() throws IOException {
    Path suite = tinySuite(dir);
    Path json = Files.writeString(dir.resolve("out.json"), "{\"previous\": true}\n");
    Path junit = Files.writeString(dir.resolve("out.xml"), "<previous/>\n");
    Path p = Files.writeString(dir.resolve("pred.csv"), "id,p\na,2\n");
    Cli r = run("evaluate", suite, "-p", p, "--json", json, "--junit", junit);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(json).hasContent("{\"previous\": true}");
    assertThat(junit).hasContent("<previous/>");
    assertThat(filesIn(dir)).containsExactlyInAnyOrder("eval.csv", "pred.csv", "suite.yaml", "out.json", "out.xml");
  }

  @Test
  void an_output_that_cannot_be_written_is_refused_before_anything_is_written() throws IOException {
    Path suite = tinySuite(dir);
    Path json = dir.resolve("out.json");
    Path folder = Files.createDirectory(dir.resolve("reports"));
    assertBadInput(run("evaluate", suite, "-p", perfect(dir), "--json", json, "--junit", folder),
        "--junit " + folder + ": is a folder; give the name of the file to write");
    assertThat(json).doesNotExist();
    assertBadInput(run("evaluate", suite, "-p", perfect(dir), "--json", json, "--junit", json),
        "--json and --junit name the same file " + json + "; give each its own file");
    assertThat(json).doesNotExist();
    Path file = dir.resolve("pred.csv");
    assertBadInput(run("evaluate", suite, "-p", perfect(dir), "--json", file.resolve("out.json")),
        "--json " + file.resolve("out.json") + ": cannot be written because " + file.toAbsolutePath() + " is a file, not a folder");
  }

  @Test
  void an_output_that_names_an_input_is_refused_and_the_input_is_left_intact() throws IOException {
    Path suite = tinySuite(dir);
    Path p = perfect(dir);
    String predictions = Files.readString(p);
    String suiteText = Files.readString(suite);
    String eval = Files.readString(dir.resolve("eval.csv"));
    assertBadInput(run("evaluate", suite, "-p", p, "--json", p),
        "--json " + p + " is the predictions file, which this command reads; give the output its own file");
    assertBadInput(run("evaluate", suite, "-p", p, "--html", suite),
        "--html " + suite + " is the suite file, which this command reads; give the output its own file");
    Path evalSpelledOtherwise = dir.resolve("sub/../eval.csv");
    assertBadInput(run("evaluate", suite, "-p", p, "--junit", evalSpelledOtherwise),
        "--junit " + evalSpelledOtherwise + " is the evaluation set (data.path in the suite), which this command reads; give the output its own file");
    Path link = Files.createSymbolicLink(dir.resolve("link.csv"), p.getFileName());
    assertBadInput(run("evaluate", suite, "-p", p, "--json", link),
        "--json " + link + " is the predictions file, which this command reads; give the output its own file");
    assertThat(p).hasContent(predictions);
    assertThat(suite).hasContent(suiteText);
    assertThat(dir.resolve("eval.csv")).hasContent(eval);
    assertThat(Files.isSymbolicLink(link)).isTrue();
  }

  @Test
  void judgements_without_a_judge_in_the_suite_is_refused_instead_of_ignored() throws IOException {
    Path suite = tinySuite(dir);
    Path judgements = dir.resolve("grades.jsonl");
    assertBadInput(run("evaluate", suite, "-p", perfect(dir), "--judgements", judgements),
        "--judgements writes the judge's grades, but " + suite + " has no 'judge' section; remove the option or add a judge");
    assertThat(judgements).doesNotExist();
  }

  @Test
  void verbose_adds_the_stack_trace_to_the_message() throws IOException {
    Path suite = tinySuite(dir);
    Path p = Files.writeString(dir.resolve("pred.csv"), "id,p\na,x\n");
    Cli r = run("evaluate", suite, "-p", p, "--verbose");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("holdout: " + p + " line 2, column 'p': expected a probability in [0, 1], found 'x'\n")
        .contains("\tat dev.holdout.");
  }

  // ---- usage ----

  @Test
  void usage_errors_exit_2_with_the_usage() {
    Cli noPredictions = run("evaluate", example("churn/suite.yaml"));
    assertThat(noPredictions.exit()).isEqualTo(2);
    assertThat(noPredictions.err()).startsWith("Missing required option: '--predictions=FILE'").contains("Usage: holdout evaluate");
    assertThat(noPredictions.out()).isEmpty();

    Cli unknownOption = run("evaluate", example("churn/suite.yaml"), "-p", example("churn/vendor-a.csv"), "--bogus");
    assertThat(unknownOption.exit()).isEqualTo(2);
    assertThat(unknownOption.err()).startsWith("Unknown option: '--bogus'");

    Cli noSuite = run("evaluate", "-p", example("churn/vendor-a.csv"));
    assertThat(noSuite.exit()).isEqualTo(2);
    assertThat(noSuite.err()).startsWith("Missing required parameter: 'SUITE'");

    Cli noCommand = run();
    assertThat(noCommand.exit()).isEqualTo(2);
    assertThat(noCommand.err()).startsWith("Missing required subcommand").contains("Usage: holdout");

    Cli unknownCommand = run("evalute");
    assertThat(unknownCommand.exit()).isEqualTo(2);
    assertThat(unknownCommand.err()).contains("Unmatched argument at index 0: 'evalute'").contains("Did you mean: holdout evaluate");
  }

  @Test
  void help_and_version_exit_0() {
    Cli help = run("evaluate", "--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).startsWith("Usage: holdout evaluate").contains("Exit codes: 0 accepted, 1 rejected, 3 inconclusive, 2 bad input or usage.");
    Cli version = run("--version");
    assertThat(version.exit()).isZero();
    assertThat(version.out()).startsWith("holdout ");
  }

  private static java.util.List<String> filesIn(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).toList();
    }
  }
}
