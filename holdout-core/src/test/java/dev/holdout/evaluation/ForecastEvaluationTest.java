package dev.holdout.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.holdout.Holdout;
import dev.holdout.base.HoldoutException;
import dev.holdout.result.Report;
import dev.holdout.verdict.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A forecasting suite from files to report. The demand example's figures are checked against
 * holdout-core/src/test/python/forecast_reference.py (pandas 1.5.3, numpy, scikit-learn 1.2.1),
 * which computes them independently; small hand-worked series check the baselines, MASE's scale,
 * horizons from a horizon column, missing forecasts and the messages a person gets.
 */
class ForecastEvaluationTest {
  private static final Path DEMAND = Path.of("../examples/demand");

  /** forecast_reference.py's output for the vendor, the seasonal naive and the naive forecasts. */
  private static final Map<String, Double> VENDOR = Map.of("mae", 19.92638888888889, "rmse", 25.36467633453176, "mape", 0.11293485904990987,
      "smape", 0.1097367032536152, "wape", 0.10939799458614512, "mase", 0.6216341917832484, "bias", 4.7763888888888895, "abs_bias", 4.7763888888888895);
  private static final Map<String, Double> SEASONAL_NAIVE = Map.of("mae", 25.86111111111111, "rmse", 35.107177170614115, "mape", 0.14153228326844303,
      "smape", 0.14513414781292544, "wape", 0.14198025086736055, "mase", 0.8048719381884861, "bias", -7.902777777777778, "abs_bias", 7.902777777777778);
  private static final Map<String, Double> NAIVE = Map.of("mae", 30.493055555555557, "rmse", 40.88848316525762, "mape", 0.16345659921164002,
      "smape", 0.15443394758467535, "wape", 0.16741011857104732, "mase", 0.9081343187140902, "bias", 9.743055555555555, "abs_bias", 9.743055555555555);
  private static final double[] MASE_BY_HORIZON = {0.5314466420008924, 0.6539732602448252, 0.7127548972531668, 0.5883619676341093};
  private static final Map<String, Double> MASE_BY_ORIGIN = Map.of("2024-06-24", 0.6309368189703393, "2024-07-22", 0.6566833401505585,
      "2024-08-19", 0.5772824162288476);

  @TempDir Path dir;

  @Test
  void the_demand_example_matches_pandas_and_scikit_learn() {
    Report r = Holdout.evaluate(DEMAND.resolve("suite.yaml"), DEMAND.resolve("vendor.csv"));
    assertThat(r.rows().evaluated()).isEqualTo(144);
    VENDOR.forEach((k, v) -> assertThat(r.metrics().get(k).value()).as(k).isCloseTo(v, within(1e-9)));
    SEASONAL_NAIVE.forEach((k, v) -> assertThat(r.baseline().metrics().get(k).value()).as("baseline " + k).isCloseTo(v, within(1e-9)));
    for (int h = 1; h <= 4; h++) {
      assertThat(r.slices().get("horizon").get(Integer.toString(h)).metrics().get("mase").value()).isCloseTo(MASE_BY_HORIZON[h - 1], within(1e-9));
    }
    MASE_BY_ORIGIN.forEach((o, v) -> assertThat(r.slices().get("origin").get(o).metrics().get("mase").value()).isCloseTo(v, within(1e-9)));
    assertThat(r.slices().get("store")).hasSize(12);
    assertThat(r.rows().groups()).isEqualTo(12L);
    assertThat(r.verdict()).isEqualTo(Verdict.ACCEPTED);
  }

  @Test
  void the_naive_baseline_repeats_the_value_at_the_origin() throws IOException {
    for (String f : new String[] {"history.csv", "actuals.csv", "vendor.csv"}) Files.copy(DEMAND.resolve(f), dir.resolve(f));
    Files.writeString(dir.resolve("naive.yaml"),
        Files.readString(DEMAND.resolve("suite.yaml")).replace("baseline: {kind: seasonal_naive}", "baseline: {kind: naive}"));
    Report r = Holdout.evaluate(dir.resolve("naive.yaml"), dir.resolve("vendor.csv"));
    assertThat(r.baseline().name()).isEqualTo("naive");
    NAIVE.forEach((k, v) -> assertThat(r.baseline().metrics().get(k).value()).as("baseline " + k).isCloseTo(v, within(1e-9)));
  }

  private static final String SMALL = """
      suite: holdout.suite/v1
      name: small
      problem: Forecast a shop's daily sales.
      task: forecasting
      data: {path: actuals.csv, history: history.csv, time: day, label: sales}
      predictions: {value: f PRED}
      forecast: FORECAST
      BASELINE
      bootstrap: {replicates: 200, seed: 1}
      """;

  private Report small(String history, String actuals, String pred, String predKeys, String forecast) throws IOException {
    Files.writeString(dir.resolve("history.csv"), history);
    Files.writeString(dir.resolve("actuals.csv"), actuals);
    Files.writeString(dir.resolve("pred.csv"), pred);
    Files.writeString(dir.resolve("suite.yaml"), SMALL.replace("PRED", predKeys).replace("FORECAST", forecast)
        .replace("BASELINE", forecast.contains("season: 7") ? "baseline: {kind: naive}" : ""));
    return Holdout.evaluate(dir.resolve("suite.yaml"), dir.resolve("pred.csv"));
  }

  @Test
  void a_hand_worked_series_with_a_season_of_two() throws IOException {
    // history 10, 20, 12, 22, 14: seasonal differences |12-10|, |22-20|, |14-12| = 2 each, so the scale is 2.
    // origin day 5; days 6 and 7 are 25 and 15; seasonal naive repeats days 4 and 5: 22 and 14.
    Report r = small("day,sales\n1,10\n2,20\n3,12\n4,22\n5,14\n", "day,sales\n6,25\n7,15\n", "day,f\n6,24\n7,18\n", "", "{season: 2}");
    assertThat(r.metrics().get("mae").value()).isCloseTo(2.0, within(1e-12));
    assertThat(r.metrics().get("mase").value()).isCloseTo(1.0, within(1e-12));
    assertThat(r.metrics().get("bias").value()).isCloseTo(1.0, within(1e-12));
    assertThat(r.metrics().get("wape").value()).isCloseTo(4.0 / 40, within(1e-12));
    assertThat(r.baseline().name()).isEqualTo("seasonal_naive");
    assertThat(r.baseline().metrics().get("mae").value()).isCloseTo(2.0, within(1e-12));
    assertThat(r.baseline().metrics().get("bias").value()).isCloseTo(-2.0, within(1e-12));
    assertThat(r.slices().get("horizon").keySet()).containsExactly("1", "2");
  }

  @Test
  void a_horizon_column_names_the_origin_and_forecasts_not_owed_are_extra() throws IOException {
    // origins 3 and 4, horizon 1: day 4 from origin 3 and day 5 from origin 4; the day 5 row at horizon 2 is not owed
    Report r = small("day,sales\n1,10\n2,11\n3,12\n", "day,sales\n4,13\n5,14\n", "day,h,f\n4,1,13\n5,1,15\n5,2,99\n", ", horizon: h",
        "{horizon: 1, origins: [3, 4]}");
    assertThat(r.rows().evaluated()).isEqualTo(2);
    assertThat(r.rows().extraPredictions()).isEqualTo(1);
    assertThat(r.metrics().get("mae").value()).isCloseTo(0.5, within(1e-12));
    // naive: day 3's 12 for day 4, day 4's 13 (known at origin 4) for day 5
    assertThat(r.baseline().metrics().get("mae").value()).isCloseTo(1.0, within(1e-12));
    assertThat(r.slices().get("origin").keySet()).containsExactly("3", "4");
  }

  @Test
  void a_missing_forecast_is_scored_as_the_far_end_of_the_actual_values() throws IOException {
    Report r = small("day,sales\n1,10\n2,11\n3,12\n", "day,sales\n4,13\n5,19\n", "day,f\n4,13\n", "", "{}");
    assertThat(r.rows().missingPredictions()).isEqualTo(1);
    // day 5 (19) is scored as 13, the far end of [13, 19]
    assertThat(r.metrics().get("mae").value()).isCloseTo(3.0, within(1e-12));
  }

  @Test
  void mase_is_undefined_for_a_history_too_short_for_its_season() throws IOException {
    Report r = small("day,sales\n1,10\n2,11\n", "day,sales\n3,13\n", "day,f\n3,13\n", "", "{season: 7}");
    assertThat(r.metrics().get("mase").value()).isNull();
    assertThat(r.metrics().get("mase").undefined()).contains("no seasonal naive error");
  }

  @Test
  void a_seasonal_naive_forecast_without_its_value_says_which_row_to_add() throws IOException {
    assertThatThrownBy(() -> small("day,sales\n3,10\n4,11\n", "day,sales\n5,13\n", "day,f\n5,13\n", "", "{season: 3}"))
        .isInstanceOf(HoldoutException.class)
        .hasMessageContaining("history.csv: the seasonal naive forecast of day 5 from origin 4 repeats the value 3 periods earlier")
        .hasMessageContaining("use baseline: {kind: naive}");
  }

  @Test
  void a_forecast_sent_twice_is_refused_with_both_lines() throws IOException {
    assertThatThrownBy(() -> small("day,sales\n1,10\n", "day,sales\n2,13\n", "day,f\n2,13\n2,14\n", "", "{}"))
        .isInstanceOf(HoldoutException.class)
        .hasMessageContaining("pred.csv line 3: day 2 from origin 1 already has a forecast on line 2");
  }

  @Test
  void an_origin_after_every_period_is_refused() throws IOException {
    assertThatThrownBy(() -> small("day,sales\n1,10\n", "day,sales\n2,13\n", "day,f\n2,13\n", "", "{origins: [2]}"))
        .isInstanceOf(HoldoutException.class)
        .hasMessageContaining("origin '2' has no period of actuals.csv after it");
  }

  @Test
  void a_period_in_both_files_is_refused() throws IOException {
    assertThatThrownBy(() -> small("day,sales\n1,10\n2,11\n", "day,sales\n2,13\n", "day,f\n2,13\n", "", "{}"))
        .isInstanceOf(HoldoutException.class)
        .hasMessageContaining("actuals.csv line 2: day 2 already has an actual value on")
        .hasMessageContaining("history.csv line 3");
  }
}
