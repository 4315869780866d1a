package dev.holdout.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.holdout.Holdout;
import dev.holdout.base.HoldoutException;
import dev.holdout.result.Report;
import dev.holdout.suite.Suite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorTest {
  static final Path EXAMPLE = Path.of("..", "examples", "monitor");
  static MonitorReport weekly;

  @TempDir Path dir;

  @BeforeAll
  static void runTheExample() {
    weekly = Monitor.run(new Monitor.Settings(EXAMPLE.resolve("log.csv"), EXAMPLE.resolve("reference.csv"),
        Holdout.suite(EXAMPLE.resolve("suite.yaml")), WindowSpec.parse("week"), null, EXAMPLE.resolve("outcomes.csv"), List.of()));
  }

  @Test
  void a_planted_shift_in_week_3_raises_exactly_that_windows_alerts() {
    assertThat(weekly.windows()).extracting(MonitorReport.WindowResult::label)
        .containsExactly("2026-W02", "2026-W03", "2026-W04", "2026-W05", "2026-W06", "2026-W07");
    assertThat(weekly.windows()).extracting(MonitorReport.WindowResult::rows).containsOnly(4_900L);
    assertThat(weekly.alerts()).extracting(MonitorReport.Alert::window).containsOnly("2026-W04");
    // the price rise also takes monthly charges past the reference's range (data quality), and the failed criteria call for retraining
    assertThat(weekly.alerts()).extracting(MonitorReport.Alert::kind).containsExactlyInAnyOrder("drift", "performance", "performance", "data_quality",
        "retrain");
    assertThat(weekly.alerts()).filteredOn(a -> a.kind().equals("data_quality")).extracting(MonitorReport.Alert::subject)
        .containsExactly("monthly_charges/out_of_domain");
    assertThat(weekly.alerts()).extracting(MonitorReport.Alert::subject).contains("auc", "accuracy");
    MonitorReport.WindowResult third = weekly.windows().get(2);
    assertThat(third.start()).isEqualTo("2026-01-19");
    assertThat(third.end()).isEqualTo("2026-01-26");
    assertThat(third.driftVerdict()).isEqualTo("DRIFT");
    assertThat(third.drift().columns()).filteredOn(c -> Boolean.TRUE.equals(c.drifted())).extracting(c -> c.column())
        .containsExactlyInAnyOrder("region", "monthly_charges", "p_churn");
    for (MonitorReport.WindowResult w : weekly.windows()) {
      if (w != third) assertThat(w.driftVerdict()).as(w.label()).isEqualTo("NO_DRIFT");
    }
    assertThat(weekly.status()).isEqualTo("ALERT");
  }

  @Test
  void each_region_is_judged_on_its_own_rows_and_the_price_rise_shows_in_every_region() {
    for (MonitorReport.WindowResult w : weekly.windows()) {
      var regions = w.slices().get("region");
      assertThat(regions).as(w.label()).containsOnlyKeys("east", "north", "south", "west");
      for (var g : regions.values()) {
        assertThat(g.columns()).extracting(c -> c.column()).doesNotContain("region");
        // a region holds about 1,000 reference rows, so its columns are judged by p-value tests at 0.05: over 6 weeks, 4 regions and
        // 6 columns a few false alarms are expected (west's p_churn scores p = 0.04 to 0.05 in three weeks), the price rise only in week 3
        if (w.label().equals("2026-W04")) assertThat(g.driftedColumns()).as(w.label()).contains("monthly_charges", "p_churn");
        else assertThat(g.driftedColumns()).as(w.label()).doesNotContain("monthly_charges");
      }
      assertThat(regions.get("south").currentRows() + regions.get("north").currentRows() + regions.get("east").currentRows()
          + regions.get("west").currentRows()).isEqualTo(w.rows());
    }
    assertThat(weekly.alerts()).noneMatch(a -> a.message().contains("region="));
  }

  @Test
  void a_second_run_gives_the_same_windows_alerts_and_notes() {
    // the reference's 5,000 rows compact its sketches (k = 4,000): the coins are the run's own, seeded, drawn in file order
    MonitorReport again = Monitor.run(new Monitor.Settings(EXAMPLE.resolve("log.csv"), EXAMPLE.resolve("reference.csv"),
        Holdout.suite(EXAMPLE.resolve("suite.yaml")), WindowSpec.parse("week"), null, EXAMPLE.resolve("outcomes.csv"), List.of()));
    assertThat(again.windows()).isEqualTo(weekly.windows());
    assertThat(again.alerts()).isEqualTo(weekly.alerts());
    assertThat(again.notes()).isEqualTo(weekly.notes());
  }

  @Test
  void every_missing_marker_in_a_numeric_log_column_is_a_missing_value() throws IOException {
    Path log = smallLog(List.of("2026-03-02"));
    List<String> lines = new ArrayList<>(Files.readAllLines(log));
    for (int i = 0; i < 3; i++) {
      String[] f = lines.get(2 + i).split(",");
      f[2] = List.of("?", "-", "nil").get(i);
      lines.set(2 + i, String.join(",", f));
    }
    Files.write(log, lines);
    MonitorReport r = Monitor.run(new Monitor.Settings(log, reference(), suiteObject(), WindowSpec.parse("day"), "ts", null, List.of()));
    assertThat(r.windows().get(0).drift().columns()).filteredOn(c -> c.column().equals("x")).singleElement()
        .satisfies(c -> assertThat(c.currentMissing()).isEqualTo(3));
  }

  @Test
  void late_outcomes_are_joined_by_id_and_the_last_week_is_estimated_only() {
    assertThat(weekly.windows()).extracting(MonitorReport.WindowResult::labeledRows).containsExactly(4_900L, 4_900L, 4_900L, 4_900L, 4_900L, 0L);
    assertThat(weekly.outcomes().rows()).isEqualTo(4_900);
    MonitorReport.WindowResult last = weekly.windows().get(5);
    assertThat(last.metrics()).isNull();
    assertThat(last.estimated().get("roc_auc").value()).isBetween(0.80, 0.85);
    assertThat(weekly.labeledRows()).isEqualTo(24_500);
  }

  @Test
  void performance_per_window_equals_holdout_evaluate_on_the_same_rows() throws IOException {
    // week 2 (the log's second window) written out as an evaluation set and a predictions file
    List<String> lines = Files.readAllLines(EXAMPLE.resolve("log.csv"));
    List<String> eval = new ArrayList<>(List.of("customer_id,region,churned"));
    List<String> pred = new ArrayList<>(List.of("customer_id,p_churn"));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      if (f[0].compareTo("2026-01-12") < 0 || f[0].compareTo("2026-01-19") >= 0) continue;
      eval.add(f[1] + "," + f[2] + "," + f[8]);
      pred.add(f[1] + "," + f[7]);
    }
    Files.write(dir.resolve("eval.csv"), eval);
    Files.write(dir.resolve("pred.csv"), pred);
    String suite = Files.readString(EXAMPLE.resolve("suite.yaml")).replace("path: reference.csv", "path: eval.csv");
    Files.writeString(dir.resolve("suite.yaml"), suite);
    Report direct = Holdout.evaluate(dir.resolve("suite.yaml"), dir.resolve("pred.csv"));

    MonitorReport.WindowResult second = weekly.windows().get(1);
    assertThat(second.labeledRows()).isEqualTo(direct.rows().evaluated());
    assertThat(second.metrics()).isEqualTo(direct.metrics());
    assertThat(second.criteria()).isEqualTo(direct.criteria());
    assertThat(second.verdict()).isEqualTo(direct.verdict().name());
  }

  @Test
  void cbpe_follows_the_realized_performance_while_the_scores_stay_calibrated() {
    for (MonitorReport.WindowResult w : weekly.windows()) {
      if (w.metrics() == null || w.label().equals("2026-W04")) continue;
      // 4,900 rows a week: the realized roc_auc's interval is about ±0.012, accuracy's about ±0.013
      assertThat(w.estimated().get("roc_auc").value()).as(w.label()).isCloseTo(w.metrics().get("roc_auc").value(), within(0.02));
      assertThat(w.estimated().get("accuracy").value()).as(w.label()).isCloseTo(w.metrics().get("accuracy").value(), within(0.025));
    }
    // concept drift in week 3: the scores no longer say what happens, and CBPE cannot know it
    MonitorReport.WindowResult broken = weekly.windows().get(2);
    assertThat(broken.estimated().get("roc_auc").value() - broken.metrics().get("roc_auc").value()).isGreaterThan(0.2);
  }

  @Test
  void two_runs_give_the_same_sketched_statistics() {
    MonitorReport again = Monitor.run(new Monitor.Settings(EXAMPLE.resolve("log.csv"), EXAMPLE.resolve("reference.csv"),
        Holdout.suite(EXAMPLE.resolve("suite.yaml")), WindowSpec.parse("week"), null, EXAMPLE.resolve("outcomes.csv"), List.of()));
    for (int w = 0; w < again.windows().size(); w++) {
      var first = weekly.windows().get(w).drift().columns();
      var second = again.windows().get(w).drift().columns();
      assertThat(second).as(again.windows().get(w).label()).isEqualTo(first);
      assertThat(second).anyMatch(c -> "sketch".equals(c.computed()));
    }
  }

  @Test
  void a_regression_log_in_row_windows_matches_holdout_evaluate_on_each_windows_rows() throws IOException {
    // the demand example joined into one log (its rows in file order), cut into windows of 2,000 rows
    Path demand = Path.of("..", "examples", "daily-units");
    List<String> eval = Files.readAllLines(demand.resolve("eval.csv"));
    List<String> pred = Files.readAllLines(demand.resolve("vendor.csv"));
    List<String> log = new ArrayList<>();
    for (int i = 0; i < eval.size(); i++) log.add(eval.get(i) + "," + pred.get(i).substring(pred.get(i).indexOf(',') + 1));
    Files.write(dir.resolve("log.csv"), log);
    Files.write(dir.resolve("eval.csv"), eval.subList(0, 2_001));
    Files.write(dir.resolve("vendor.csv"), pred.subList(0, 2_001));
    Files.copy(demand.resolve("suite.yaml"), dir.resolve("suite.yaml"));
    Suite suite = Holdout.suite(dir.resolve("suite.yaml"));
    MonitorReport r = Monitor.run(new Monitor.Settings(dir.resolve("log.csv"), demand.resolve("eval.csv"), suite, WindowSpec.parse("2000-rows"),
        null, null, List.of("store")));
    assertThat(r.windows()).hasSize(3);
    assertThat(r.windows().get(0).estimated()).isNull();  // CBPE is for binary classifiers
    Report direct = Holdout.evaluate(dir.resolve("suite.yaml"), dir.resolve("vendor.csv"));
    assertThat(r.windows().get(0).metrics()).isEqualTo(direct.metrics());
    assertThat(r.windows().get(0).criteria()).isEqualTo(direct.criteria());
    // the reference is the whole evaluation set, so no window drifts
    assertThat(r.windows()).extracting(MonitorReport.WindowResult::driftVerdict).containsOnly("NO_DRIFT");
  }

  @Test
  void a_multiclass_log_in_row_windows_matches_holdout_evaluate_on_each_windows_rows() throws IOException {
    Path tickets = Path.of("..", "examples", "tickets");
    List<String> eval = Files.readAllLines(tickets.resolve("eval.csv"));
    List<String> pred = Files.readAllLines(tickets.resolve("vendor.csv"));
    List<String> log = new ArrayList<>();
    for (int i = 0; i < eval.size(); i++) log.add(eval.get(i) + "," + pred.get(i).substring(pred.get(i).indexOf(',') + 1));
    Files.write(dir.resolve("log.csv"), log);
    List<String> lastEval = new ArrayList<>(List.of(eval.get(0)));
    lastEval.addAll(eval.subList(4_001, eval.size()));
    List<String> lastPred = new ArrayList<>(List.of(pred.get(0)));
    lastPred.addAll(pred.subList(4_001, pred.size()));
    Files.write(dir.resolve("eval.csv"), lastEval);
    Files.write(dir.resolve("vendor.csv"), lastPred);
    Files.copy(tickets.resolve("suite.yaml"), dir.resolve("suite.yaml"));
    Suite suite = Holdout.suite(dir.resolve("suite.yaml"));
    MonitorReport r = Monitor.run(new Monitor.Settings(dir.resolve("log.csv"), tickets.resolve("eval.csv"), suite, WindowSpec.parse("2000-rows"),
        null, null, List.of()));
    assertThat(r.windows()).hasSize(3);
    Report direct = Holdout.evaluate(dir.resolve("suite.yaml"), dir.resolve("vendor.csv"));
    assertThat(r.windows().get(2).labeledRows()).isEqualTo(2_000);
    assertThat(r.windows().get(2).metrics()).isEqualTo(direct.metrics());
    assertThat(r.windows().get(2).criteria()).isEqualTo(direct.criteria());
  }

  @Test
  void row_windows_cut_the_log_in_file_order_without_a_time_column() {
    MonitorReport r = Monitor.run(new Monitor.Settings(EXAMPLE.resolve("log.csv"), EXAMPLE.resolve("reference.csv"),
        Holdout.suite(EXAMPLE.resolve("suite.yaml")), WindowSpec.parse("10000-rows"), null, null, List.of("timestamp")));
    assertThat(r.windows()).extracting(MonitorReport.WindowResult::label).containsExactly("rows 1-10000", "rows 10001-20000", "rows 20001-30000");
    assertThat(r.windows()).extracting(MonitorReport.WindowResult::rows).containsExactly(10_000L, 10_000L, 9_400L);
    assertThat(r.window().timeColumn()).isNull();
  }

  @Test
  void a_day_without_rows_is_reported_as_empty_not_as_drift() throws IOException {
    Path log = smallLog(List.of("2026-03-02", "2026-03-04"));
    MonitorReport r = Monitor.run(new Monitor.Settings(log, reference(), suiteObject(), WindowSpec.parse("day"), "ts", null, List.of()));
    assertThat(r.windows()).extracting(MonitorReport.WindowResult::label).containsExactly("2026-03-02", "2026-03-03", "2026-03-04");
    MonitorReport.WindowResult empty = r.windows().get(1);
    assertThat(empty.empty()).isTrue();
    assertThat(empty.rows()).isZero();
    assertThat(empty.driftVerdict()).isNull();
    assertThat(empty.alerts()).isEmpty();
    assertThat(r.notes()).anyMatch(n -> n.contains("without rows: reported as empty"));
  }

  @Test
  void an_unparseable_timestamp_names_the_file_line_and_column() throws IOException {
    Path log = smallLog(List.of("2026-03-02"));
    List<String> lines = new ArrayList<>(Files.readAllLines(log));
    lines.set(3, lines.get(3).replace("2026-03-02T", "yesterday T"));
    Files.write(log, lines);
    assertThatThrownBy(() -> Monitor.run(new Monitor.Settings(log, reference(), suiteObject(), WindowSpec.parse("day"), "ts", null, List.of())))
        .isInstanceOf(HoldoutException.class)
        .hasMessageContaining("log.csv line 4, column 'ts': expected a timestamp such as 2026-01-05");
  }

  @Test
  void a_row_more_than_a_window_late_is_refused_with_advice_to_sort() throws IOException {
    Path log = smallLog(List.of("2026-03-02", "2026-03-03", "2026-03-04"));
    List<String> lines = new ArrayList<>(Files.readAllLines(log));
    lines.add(lines.get(1));
    Files.write(log, lines);
    assertThatThrownBy(() -> Monitor.run(new Monitor.Settings(log, reference(), suiteObject(), WindowSpec.parse("day"), "ts", null, List.of())))
        .isInstanceOf(HoldoutException.class)
        .hasMessageContaining("column 'ts'").hasMessageContaining("sort the log by time");
  }

  @Test
  void a_text_value_in_a_numeric_reference_column_is_a_type_change() throws IOException {
    Path log = smallLog(List.of("2026-03-02"));
    List<String> lines = new ArrayList<>(Files.readAllLines(log));
    String[] f = lines.get(5).split(",");
    f[2] = "lots";
    lines.set(5, String.join(",", f));
    Files.write(log, lines);
    assertThatThrownBy(() -> Monitor.run(new Monitor.Settings(log, reference(), suiteObject(), WindowSpec.parse("day"), "ts", null, List.of())))
        .isInstanceOf(HoldoutException.class)
        .hasMessageContaining("log.csv line 6, column 'x': expected a number, found 'lots'")
        .hasMessageContaining("type change");
  }

  @Test
  void a_log_without_a_reference_column_is_refused() throws IOException {
    Path log = dir.resolve("log.csv");
    Files.writeString(log, "ts,id,p,y\n2026-03-02,a,0.5,1\n");
    assertThatThrownBy(() -> Monitor.run(new Monitor.Settings(log, reference(), suiteObject(), WindowSpec.parse("day"), "ts", null, List.of())))
        .isInstanceOf(HoldoutException.class)
        .hasMessageContaining("no column 'g', which the reference");
  }

  // ---------------------------------------------------------------- a small world: x numeric, g categorical, p the score, y the outcome

  private Path reference() throws IOException {
    StringBuilder b = new StringBuilder("id,g,x,p,y\n");
    for (int i = 0; i < 400; i++) b.append("r").append(i).append(',').append(i % 3 == 0 ? "a" : "b").append(',').append(i % 50).append(',')
        .append((i % 10) / 10.0 + 0.05).append(',').append(i % 10 >= 5 ? 1 : 0).append('\n');
    return Files.writeString(dir.resolve("reference.csv"), b);
  }

  private Path suite() throws IOException {
    reference();
    return writeSuite();
  }

  private Path writeSuite() throws IOException {
    return SmallSuite.write(dir, """
          - metric: accuracy
            min: 0.5
            at: point
        """);
  }

  private Path smallLog(List<String> days) throws IOException {
    StringBuilder b = new StringBuilder("ts,id,x,g,p,y\n");
    int n = 0;
    for (String day : days) {
      for (int i = 0; i < 100; i++, n++) {
        b.append(day).append(String.format("T%02d:%02d:00Z", i / 5, (i % 5) * 10)).append(",l").append(n).append(',').append(i % 50).append(',')
            .append(i % 3 == 0 ? "a" : "b").append(',').append((i % 10) / 10.0 + 0.05).append(',').append(i % 10 >= 5 ? 1 : 0).append('\n');
      }
    }
    return Files.writeString(dir.resolve("log.csv"), b);
  }

  private Suite suiteObject() throws IOException {
    return Holdout.suite(suite());
  }
}
