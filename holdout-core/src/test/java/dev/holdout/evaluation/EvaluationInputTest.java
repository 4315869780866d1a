package dev.holdout.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdout.Holdout;
import dev.holdout.base.HoldoutException;
import dev.holdout.result.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the engine does with every kind of input a buyer or a vendor can get wrong, on files small
 * enough to count by hand. Messages are asserted whole where the user reads them whole.
 */
class EvaluationInputTest {
  private static final String BINARY = """
      suite: holdout.suite/v1
      name: tiny
      problem: Tiny binary problem.
      task: binary_classification
      data:
        path: eval.csv
        id: id
        label: y
        slices: [region]
      predictions:
        score: p
        threshold: 0.5
      criteria:
        - metric: recall
          min: 0.5
          at: point
      bootstrap: {replicates: 50, seed: 1}
      """;

  /** Three positives (a, c, e) and three negatives (b, d, f). */
  private static final String EVAL = "id,region,y\na,n,1\nb,n,0\nc,s,1\nd,s,0\ne,s,1\nf,n,0\n";

  /** Right about every row. */
  private static final String PERFECT = "id,p\na,0.9\nb,0.1\nc,0.8\nd,0.2\ne,0.7\nf,0.3\n";

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private Report evaluate(String suite, String eval, String predictionsName, String predictions) throws IOException {
    write("suite.yaml", suite);
    write("eval.csv", eval);
    return Holdout.evaluate(dir.resolve("suite.yaml"), write(predictionsName, predictions));
  }

  private AbstractThrowableAssert<?, ? extends Throwable> refused(String suite, String eval, String predictions) throws IOException {
    write("suite.yaml", suite);
    if (eval != null) write("eval.csv", eval);
    Path p = write("pred.csv", predictions);
    return assertThatThrownBy(() -> Holdout.evaluate(dir.resolve("suite.yaml"), p)).isInstanceOf(HoldoutException.BadData.class);
  }

  private String eval() {
    return dir.toAbsolutePath().resolve("eval.csv").toString();
  }

  private String pred() {
    return dir.resolve("pred.csv").toString();
  }

  // ---- the evaluation set ----

  @Test
  void a_missing_evaluation_set_names_the_resolved_path() throws IOException {
    refused(BINARY, null, PERFECT)
        .hasMessage(eval() + ": file not found; check the path (paths in a suite are relative to the suite file)");
  }

  @Test
  void an_unknown_label_column_suggests_the_nearest() throws IOException {
    refused(BINARY.replace("label: y", "label: Y_"), EVAL, PERFECT)
        .hasMessage(eval() + ": no column 'Y_' (data.label in the suite); did you mean 'y'? The columns are [id, region, y]");
    refused(BINARY.replace("slices: [region]", "slices: [regoin]"), EVAL, PERFECT)
        .hasMessage(eval() + ": no column 'regoin' (data.slices in the suite); did you mean 'region'? The columns are [id, region, y]");
  }

  @Test
  void an_empty_or_header_only_evaluation_set_is_refused() throws IOException {
    refused(BINARY, "", PERFECT)
        .hasMessage(eval() + ": the file is empty; expected a header line naming the columns, then one line per row");
    refused(BINARY, "id,region,y\n", PERFECT)
        .hasMessage(eval() + ": has a header but no rows; the evaluation set needs labeled rows");
  }

  @Test
  void duplicate_evaluation_ids_name_both_lines() throws IOException {
    refused(BINARY, "id,region,y\na,n,1\nb,n,0\na,s,1\nd,s,0\n", PERFECT)
        .hasMessage(eval() + " line 4, column 'id': id 'a' already appears on line 2; ids in the evaluation set must be unique");
  }

  @Test
  void an_evaluation_row_without_a_label_names_the_line() throws IOException {
    refused(BINARY, "id,region,y\na,n,1\nb,n,\n", PERFECT)
        .hasMessage(eval() + " line 3, column 'y': empty; expected a label; rows without an outcome cannot be evaluated, remove them");
  }

  @Test
  void more_than_two_labels_in_a_binary_set_name_the_line_of_the_third() throws IOException {
    refused(BINARY, "id,region,y\na,n,1\nb,n,0\nc,s,2\nd,s,0\n", PERFECT)
        .hasMessageStartingWith(eval() + " line 4, column 'y': ")
        .hasMessageContaining("a binary suite needs two label values, found 3 (1, 0, 2)")
        .hasMessageContaining("task: multiclass_classification");
  }

  @Test
  void a_positive_label_that_is_not_among_the_labels_is_refused() throws IOException {
    refused(BINARY.replace("label: y", "label: y\n  positive: \"yes\""), EVAL, PERFECT)
        .hasMessage(eval() + ", column 'y': data.positive is 'yes' but the labels are [1, 0]; set data.positive to the label of the positive class");
  }

  @Test
  void a_set_with_only_negative_labels_is_evaluated_with_the_metrics_that_need_positives_undefined() throws IOException {
    String allNegative = "id,region,y\na,n,0\nb,n,0\nc,s,0\nd,s,0\ne,s,0\nf,n,0\n";
    Report inferred = evaluate(BINARY, allNegative, "pred.csv", PERFECT);
    Report declared = evaluate(BINARY.replace("label: y", "label: y\n  positive: \"1\""), allNegative, "pred.csv", PERFECT);
    for (Report r : List.of(inferred, declared)) {
      assertThat(r.metrics().get("recall").value()).isNull();
      assertThat(r.metrics().get("recall").undefined()).contains("no positive label");
      assertThat(r.metrics().get("roc_auc").value()).isNull();
      assertThat(r.metrics().get("specificity").value()).isEqualTo(0.5);
    }
  }

  @Test
  void labels_that_do_not_say_which_is_positive_ask_for_data_positive() throws IOException {
    refused(BINARY, "id,region,y\na,n,stay\nb,n,leave\n", PERFECT)
        .hasMessage(eval() + ", column 'y': cannot tell which label is positive among [stay, leave]; set data.positive in the suite");
  }

  @Test
  void a_multiclass_label_not_among_the_declared_classes_names_the_line() throws IOException {
    String suite = """
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
          label: predicted
        bootstrap: {replicates: 50, seed: 1}
        """;
    refused(suite, "id,y\na,cat\nb,dog\nc,bird\nd,cat\n", "id,predicted\na,cat\n")
        .hasMessage(eval() + " line 4, column 'y': label 'bird' is not among the suite's classes [cat, dog];"
            + " fix the label or add the class to the suite");
  }

  // ---- the predictions ----

  @Test
  void a_missing_predictions_file_is_refused() throws IOException {
    write("suite.yaml", BINARY);
    write("eval.csv", EVAL);
    Path missing = dir.resolve("nope.csv");
    assertThatThrownBy(() -> Holdout.evaluate(dir.resolve("suite.yaml"), missing))
        .isInstanceOf(HoldoutException.BadData.class)
        .hasMessageStartingWith(missing + ": file not found");
  }

  @Test
  void an_unknown_score_column_suggests_the_nearest() throws IOException {
    refused(BINARY, EVAL, "id,P\na,0.9\n")
        .hasMessage(pred() + ": no column 'p' (predictions.score in the suite); did you mean 'P'? The columns are [id, P]");
  }

  @Test
  void a_file_separated_by_another_character_than_its_extension_says_is_named_with_advice() throws IOException {
    refused(BINARY, EVAL, "id;p\na;0,9\nb;0,1\n")
        .hasMessage(pred() + ": no column 'id' (predictions.id in the suite); the header is one column 'id;p', so the file seems to be separated by ';';"
            + " export it with commas as .csv (in a spreadsheet: CSV UTF-8), or with tabs as .tsv");
    Path tsv = write("pred.tsv", "id,p\na,0.9\n");
    assertThatThrownBy(() -> Holdout.evaluate(dir.resolve("suite.yaml"), tsv)).isInstanceOf(HoldoutException.BadData.class)
        .hasMessage(tsv + ": no column 'id' (predictions.id in the suite); the header is one column 'id,p', so the file seems to be separated by ',';"
            + " save it as .csv");
    refused(BINARY, EVAL, "identifier\na\n")
        .hasMessage(pred() + ": no column 'id' (predictions.id in the suite); the columns are [identifier]");
  }

  @Test
  void an_empty_or_header_only_predictions_file_is_refused() throws IOException {
    refused(BINARY, EVAL, "").hasMessage(pred() + ": the file is empty; expected a header line naming the columns, then one line per row");
    refused(BINARY, EVAL, "id,p\n").hasMessage(pred() + ": has a header but no rows; expected one prediction per id of the evaluation set");
  }

  @Test
  void a_non_numeric_score_names_file_line_and_column() throws IOException {
    refused(BINARY, EVAL, "id,p\na,0.9\nb,abc\n").hasMessage(pred() + " line 3, column 'p': expected a probability in [0, 1], found 'abc'");
  }

  @Test
  void an_empty_score_names_file_line_and_column() throws IOException {
    refused(BINARY, EVAL, "id,p\na,0.9\nb,\n").hasMessage(pred() + " line 3, column 'p': empty; expected a probability in [0, 1]");
  }

  @Test
  void nan_and_infinite_scores_are_refused_by_name() throws IOException {
    refused(BINARY, EVAL, "id,p\na,NaN\n")
        .hasMessage(pred() + " line 2, column 'p': expected a probability in [0, 1], found 'NaN' (NaN and infinity are not predictions)");
    refused(BINARY, EVAL, "id,p\na,0.5\nb,Infinity\n")
        .hasMessage(pred() + " line 3, column 'p': expected a probability in [0, 1], found 'Infinity' (NaN and infinity are not predictions)");
    refused(BINARY, EVAL, "id,p\na,-inf\n")
        .hasMessage(pred() + " line 2, column 'p': expected a probability in [0, 1], found '-inf' (NaN and infinity are not predictions)");
  }

  @Test
  void a_probability_outside_zero_to_one_is_refused() throws IOException {
    refused(BINARY, EVAL, "id,p\na,0.9\nb,1.2\n").hasMessage(pred() + " line 3, column 'p': expected a probability in [0, 1], found '1.2'");
    refused(BINARY, EVAL, "id,p\na,-0.01\n").hasMessage(pred() + " line 2, column 'p': expected a probability in [0, 1], found '-0.01'");
  }

  @Test
  void duplicate_prediction_ids_name_both_lines() throws IOException {
    refused(BINARY, EVAL, "id,p\na,0.9\nb,0.1\nc,0.8\na,0.7\n")
        .hasMessage(pred() + " line 5, column 'id': id 'a' already has a prediction on line 2; send one prediction per id");
  }

  @Test
  void a_prediction_without_an_id_names_the_line() throws IOException {
    refused(BINARY, EVAL, "id,p\na,0.9\n,0.1\n").hasMessage(pred() + " line 3, column 'id': empty; expected an id");
  }

  @Test
  void zero_overlap_between_ids_is_an_error_with_examples_from_both_files() throws IOException {
    refused(BINARY, EVAL, "id,p\nA,0.9\nB,0.1\n")
        .hasMessage(pred() + ": none of its 2 ids (e.g. A, B) is in the evaluation set's 'id' column (e.g. a); check that both files use the same ids");
  }

  @Test
  void a_predicted_class_that_is_not_a_class_names_the_line() throws IOException {
    String suite = """
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
          label: predicted
        bootstrap: {replicates: 50, seed: 1}
        """;
    refused(suite, "id,y\na,cat\nb,dog\n", "id,predicted\na,cat\nb,cow\n")
        .hasMessage(pred() + " line 3, column 'predicted': predicted class 'cow' is not among the classes [cat, dog]");
  }

  @Test
  void a_non_numeric_regression_prediction_names_the_line() throws IOException {
    String suite = """
        suite: holdout.suite/v1
        name: tiny-reg
        problem: Tiny regression problem.
        task: regression
        data:
          path: eval.csv
          id: id
          label: y
        predictions:
          value: yhat
        bootstrap: {replicates: 50, seed: 1}
        """;
    refused(suite, "id,y\na,1\nb,2\n", "id,yhat\na,1.5\nb,n/a\n")
        .hasMessage(pred() + " line 3, column 'yhat': expected a predicted value (a number), found 'n/a', a missing-value marker; every row needs a value");
    refused(suite, "id,y\na,1\nb,two\n", "id,yhat\na,1.5\n")
        .hasMessage(eval() + " line 3, column 'y': expected the actual value (a number), found 'two'");
  }

  @Test
  void a_regression_value_too_large_to_square_is_refused_naming_the_line_instead_of_overflowing() throws IOException {
    String suite = """
        suite: holdout.suite/v1
        name: tiny-reg
        problem: Tiny regression problem.
        task: regression
        data:
          path: eval.csv
          id: id
          label: y
        predictions:
          value: yhat
          quantiles: {0.9: q90}
        bootstrap: {replicates: 50, seed: 1}
        """;
    String eval = "id,y\na,1\nb,2\nc,3\n";
    refused(suite, eval, "id,yhat,q90\na,1.5,2\nb,1e200,3\nc,3,4\n")
        .hasMessage(pred() + " line 3, column 'yhat': expected a predicted value (a number), found '1e200', beyond the largest value Holdout takes"
            + " (1e100 either way, where squared errors would overflow); check the cell and the column's unit");
    refused(suite, eval, "id,yhat,q90\na,1.5,2\nb,2,-1e150\nc,3,4\n")
        .hasMessageStartingWith(pred() + " line 3, column 'q90': expected a predicted quantile (a number), found '-1e150', beyond the largest value");
    refused(suite, "id,y\na,1\nb,2e101\nc,3\n", "id,yhat,q90\na,1.5,2\n")
        .hasMessageStartingWith(eval() + " line 3, column 'y': expected the actual value (a number), found '2e101', beyond the largest value");
    Report atTheBound = evaluate(suite, eval, "pred.csv", "id,yhat,q90\na,1e100,2\nb,-1e100,3\nc,3,4\n");
    assertThat(atTheBound.metrics().get("rmse").value()).isFinite();
  }

  // ---- missing and extra predictions ----

  @Test
  void complete_predictions_count_no_missing_and_no_extra() throws IOException {
    Report r = evaluate(BINARY, EVAL, "pred.csv", PERFECT);
    assertThat(r.rows()).isEqualTo(new Report.Rows(6, 0, 0, 0));
    assertThat(r.metrics().get("recall").value()).isEqualTo(1.0);
  }

  @Test
  void extra_ids_are_counted_and_otherwise_ignored() throws IOException {
    Report r = evaluate(BINARY, EVAL, "pred.csv", PERFECT + "x,0.5\ny,0.5\n");
    assertThat(r.rows()).isEqualTo(new Report.Rows(6, 0, 2, 0));
    assertThat(r.metrics().get("accuracy").value()).isEqualTo(1.0);
  }

  @Test
  void by_default_a_missing_prediction_is_scored_as_a_wrong_answer() throws IOException {
    // c is a positive and d a negative: without predictions they become a false negative and a false positive.
    Report r = evaluate(BINARY, EVAL, "pred.csv", "id,p\na,0.9\nb,0.1\ne,0.7\nf,0.3\n");
    assertThat(r.rows()).isEqualTo(new Report.Rows(6, 2, 0, 0));
    // counts by true label (0, 1) then predicted label (0, 1): [[tn, fp], [fn, tp]]
    assertThat(r.confusionMatrix().counts()).isEqualTo(List.of(List.of(2.0, 1.0), List.of(1.0, 2.0)));
    assertThat(r.metrics().get("recall").value()).isEqualTo(2.0 / 3);
  }

  @Test
  void a_missing_positive_is_a_false_negative_even_at_the_lowest_threshold() throws IOException {
    Report r = evaluate(BINARY.replace("threshold: 0.5", "threshold: 0.01"), EVAL, "pred.csv", "id,p\na,0.9\nb,0.1\nd,0.2\ne,0.7\nf,0.3\n");
    List<List<Double>> counts = r.confusionMatrix().counts();
    assertThat(counts.get(1).get(0)).as("false negatives").isEqualTo(1.0);
  }

  @Test
  void with_missing_ignore_the_rows_are_left_out_and_counted() throws IOException {
    Report r = evaluate(BINARY.replace("  threshold: 0.5", "  threshold: 0.5\n  missing: ignore"), EVAL, "pred.csv",
        "id,p\na,0.9\nb,0.1\ne,0.7\nf,0.3\n");
    assertThat(r.rows()).isEqualTo(new Report.Rows(4, 2, 0, 2));
    assertThat(r.confusionMatrix().counts()).isEqualTo(List.of(List.of(2.0, 0.0), List.of(0.0, 2.0)));
    assertThat(r.metrics().get("recall").value()).isEqualTo(1.0);
    assertThat(r.slices().get("region")).containsOnlyKeys("n", "s");
    assertThat(r.slices().get("region").get("s").rows()).isEqualTo(1);
  }

  @Test
  void with_missing_fail_the_submission_is_refused_naming_example_ids() throws IOException {
    refused(BINARY.replace("  threshold: 0.5", "  threshold: 0.5\n  missing: fail"), EVAL, "id,p\na,0.9\nb,0.1\ne,0.7\nf,0.3\n")
        .hasMessage(pred() + ": 2 ids of the evaluation set have no prediction (e.g. c, d) and the suite says predictions.missing: fail;"
            + " send a prediction for every id");
  }

  @Test
  void a_missing_multiclass_prediction_counts_as_a_wrong_class() throws IOException {
    String suite = """
        suite: holdout.suite/v1
        name: tiny-multi
        problem: Tiny multiclass problem.
        task: multiclass_classification
        data:
          path: eval.csv
          id: id
          label: y
        predictions:
          probabilities: {cat: p_cat, dog: p_dog, owl: p_owl}
        bootstrap: {replicates: 50, seed: 1}
        """;
    Report r = evaluate(suite, "id,y\na,cat\nb,dog\nc,owl\nd,cat\n", "pred.csv",
        "id,p_cat,p_dog,p_owl\na,0.8,0.1,0.1\nb,0.1,0.8,0.1\nc,0.1,0.1,0.8\n");
    assertThat(r.rows()).isEqualTo(new Report.Rows(4, 1, 0, 0));
    assertThat(r.metrics().get("accuracy").value()).isEqualTo(0.75);
    assertThat(r.metrics().get("top_k_accuracy").value()).isEqualTo(0.75);
  }

  @Test
  void a_missing_regression_prediction_is_scored_at_the_far_end_of_the_observed_range() throws IOException {
    String suite = """
        suite: holdout.suite/v1
        name: tiny-reg
        problem: Tiny regression problem.
        task: regression
        data:
          path: eval.csv
          id: id
          label: y
        predictions:
          value: yhat
        bootstrap: {replicates: 50, seed: 1}
        """;
    // d (actual 10) has no prediction: the far end of [0, 10] from 10 is 0, an error of 10.
    Report r = evaluate(suite, "id,y\na,0\nb,5\nc,5\nd,10\n", "pred.csv", "id,yhat\na,0\nb,5\nc,5\n");
    assertThat(r.rows()).isEqualTo(new Report.Rows(4, 1, 0, 0));
    assertThat(r.metrics().get("mae").value()).isEqualTo(2.5);
    assertThat(r.metrics().get("max_error").value()).isEqualTo(10.0);
  }

  // ---- every format gives the same answer ----

  @Test
  void csv_tsv_json_lines_and_parquet_predictions_give_the_same_report() throws Exception {
    String predictions = "id,p\na,0.9\nb,0.4\nc,0.35\nd,0.2\ne,0.7\nf,0.6\n";
    Map<String, Double> csv = values(evaluate(BINARY, EVAL, "pred.csv", predictions));
    Map<String, Double> crlfBom = values(evaluate(BINARY, EVAL, "bom.csv", "\uFEFF" + predictions.replace("\n", "\r\n")));
    Map<String, Double> quoted = values(evaluate(BINARY, EVAL, "quoted.csv", predictions.replaceAll("(?m)^([a-f]),", "\"$1\",")));
    Map<String, Double> tsv = values(evaluate(BINARY, EVAL, "pred.tsv", predictions.replace(',', '\t')));
    StringBuilder jsonl = new StringBuilder();
    for (String line : predictions.split("\n")) {
      if (line.startsWith("id")) continue;
      String[] f = line.split(",");
      jsonl.append("{\"id\": \"").append(f[0]).append("\", \"p\": ").append(f[1]).append("}\n");
    }
    Map<String, Double> json = values(evaluate(BINARY, EVAL, "pred.jsonl", jsonl.toString()));
    Path parquet = dir.resolve("pred.parquet");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      st.execute("COPY (SELECT * FROM read_csv('" + dir.resolve("pred.csv") + "', header = true, columns = {'id': 'VARCHAR', 'p': 'DOUBLE'}))"
          + " TO '" + parquet + "' (FORMAT parquet)");
    }
    Map<String, Double> pq = values(Holdout.evaluate(dir.resolve("suite.yaml"), parquet));
    assertThat(csv).containsKey("roc_auc");
    assertThat(crlfBom).isEqualTo(csv);
    assertThat(quoted).isEqualTo(csv);
    assertThat(tsv).isEqualTo(csv);
    assertThat(json).isEqualTo(csv);
    assertThat(pq).isEqualTo(csv);
  }

  @Test
  void the_evaluation_set_may_be_parquet_or_json_lines() throws Exception {
    Map<String, Double> csv = values(evaluate(BINARY, EVAL, "pred.csv", PERFECT));
    Path parquet = dir.resolve("eval.parquet");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      st.execute("COPY (SELECT * FROM read_csv('" + dir.resolve("eval.csv") + "', header = true, all_varchar = true))"
          + " TO '" + parquet + "' (FORMAT parquet)");
    }
    write("suite.yaml", BINARY.replace("path: eval.csv", "path: eval.parquet"));
    assertThat(values(Holdout.evaluate(dir.resolve("suite.yaml"), dir.resolve("pred.csv")))).isEqualTo(csv);
    write("eval.jsonl", "{\"id\": \"a\", \"region\": \"n\", \"y\": 1}\n{\"id\": \"b\", \"region\": \"n\", \"y\": 0}\n"
        + "{\"id\": \"c\", \"region\": \"s\", \"y\": 1}\n{\"id\": \"d\", \"region\": \"s\", \"y\": 0}\n"
        + "{\"id\": \"e\", \"region\": \"s\", \"y\": 1}\n{\"id\": \"f\", \"region\": \"n\", \"y\": 0}\n");
    write("suite.yaml", BINARY.replace("path: eval.csv", "path: eval.jsonl"));
    assertThat(values(Holdout.evaluate(dir.resolve("suite.yaml"), dir.resolve("pred.csv")))).isEqualTo(csv);
  }

  @Test
  void duplicate_ids_in_parquet_files_name_both_rows_as_rows() throws Exception {
    write("suite.yaml", BINARY.replace("path: eval.csv", "path: eval.parquet"));
    Path eval = dir.resolve("eval.parquet");
    Path pred = dir.resolve("pred.parquet");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      st.execute("COPY (SELECT * FROM (VALUES ('a', 'n', 1), ('b', 'n', 0), ('a', 's', 1)) t(id, region, y)) TO '" + eval + "' (FORMAT parquet)");
    }
    assertThatThrownBy(() -> Holdout.evaluate(dir.resolve("suite.yaml"), write("pred.csv", PERFECT)))
        .isInstanceOf(HoldoutException.BadData.class)
        .hasMessage(eval.toAbsolutePath() + " row 3, column 'id': id 'a' already appears on row 1; ids in the evaluation set must be unique");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      st.execute("COPY (SELECT * FROM (VALUES ('a', 'n', 1), ('b', 'n', 0)) t(id, region, y)) TO '" + eval + "' (FORMAT parquet)");
      st.execute("COPY (SELECT * FROM (VALUES ('a', 0.9), ('b', 0.1), ('a', 0.8)) t(id, p)) TO '" + pred + "' (FORMAT parquet)");
    }
    assertThatThrownBy(() -> Holdout.evaluate(dir.resolve("suite.yaml"), pred))
        .isInstanceOf(HoldoutException.BadData.class)
        .hasMessage(pred + " row 3, column 'id': id 'a' already has a prediction on row 1; send one prediction per id");
  }

  private static Map<String, Double> values(Report r) {
    return r.metrics().entrySet().stream()
        .filter(e -> e.getValue().value() != null)
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().value()));
  }
}
