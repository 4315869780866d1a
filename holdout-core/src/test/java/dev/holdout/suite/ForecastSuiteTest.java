package dev.holdout.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdout.base.HoldoutException;
import dev.holdout.metric.Task;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** The keys of a forecasting suite: time, series and history, the origin or horizon column, the forecast section, the naive baselines. */
class ForecastSuiteTest {
  private static final String BASE = """
      suite: holdout.suite/v1
      name: demand
      problem: Forecast weekly units per store.
      task: forecasting
      data:
        path: actuals.csv
        history: history.csv
        series: store
        time: week
        label: units
      predictions:
        value: forecast
        PRED
      FORECAST
      """;

  private static Suite parse(String pred, String forecast) {
    return SuiteParser.parse("suite.yaml", BASE.replace("PRED", pred).replace("FORECAST", forecast), Path.of("/buyer"));
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> refused(String pred, String forecast) {
    return assertThatThrownBy(() -> parse(pred, forecast)).isInstanceOf(HoldoutException.BadSuite.class);
  }

  @Test
  void a_forecasting_suite_with_origins_and_a_season() {
    Suite s = parse("origin: origin", "forecast: {season: 52, horizon: 4, origins: [2024-06-24, 2024-07-22]}");
    assertThat(s.task()).isEqualTo(Task.FORECASTING);
    Suite.Forecast f = s.forecast();
    assertThat(f.series()).isEqualTo("store");
    assertThat(f.time()).isEqualTo("week");
    assertThat(f.history()).isEqualTo(Path.of("/buyer/history.csv"));
    assertThat(f.season()).isEqualTo(52);
    assertThat(f.horizon()).isEqualTo(4);
    assertThat(f.origins()).containsExactly("2024-06-24", "2024-07-22");
    assertThat(f.predSeries()).isEqualTo("store");
    assertThat(f.predOrigin()).isEqualTo("origin");
    assertThat(s.primaryMetric()).isEqualTo("mase");
    // a season makes the seasonal naive forecast the buyer's rule
    assertThat(s.baseline().kind()).isEqualTo(Suite.Baseline.Kind.SEASONAL_NAIVE);
  }

  @Test
  void without_a_season_the_baseline_is_the_naive_forecast() {
    assertThat(parse("", "").baseline().kind()).isEqualTo(Suite.Baseline.Kind.NAIVE);
    assertThat(parse("", "").forecast().season()).isEqualTo(1);
  }

  @Test
  void criteria_may_name_the_horizon_origin_and_series_slices() {
    Suite s = parse("origin: origin", """
        forecast: {origins: [1, 2]}
        criteria:
          - {metric: mase, slice: horizon, worst_max: 1}
          - {metric: mae, slice: origin, max_gap: 5}
          - {metric: wape, slice: store, worst_max: 0.3}
        """);
    assertThat(s.criteria()).hasSize(3);
  }

  @Test
  void several_origins_need_the_origin_or_the_horizon_column() {
    refused("", "forecast: {origins: [1, 2]}").hasMessageContaining("forecasts from 2 origins need 'origin'");
    refused("origin: o\n  horizon: h", "").hasMessageContaining("give the origin column or the horizon column, not both");
  }

  @Test
  void bias_has_a_sign_so_criteria_bound_abs_bias() {
    refused("", "criteria:\n  - {metric: bias, max: 5}").hasMessageContaining("bias has a sign").hasMessageContaining("bound abs_bias with max");
    assertThat(parse("", "criteria:\n  - {metric: abs_bias, max: 5}").criteria()).hasSize(1);
  }

  @Test
  void a_forecasting_suite_names_rows_by_series_and_time_not_by_id() {
    assertThatThrownBy(() -> SuiteParser.parse("suite.yaml", BASE.replace("PRED", "").replace("FORECAST", "").replace("path: actuals.csv", "path: a.csv\n  id: row"),
        Path.of("/buyer"))).hasMessageContaining("'id' does not apply to forecasting");
    assertThatThrownBy(() -> SuiteParser.parse("suite.yaml", BASE.replace("PRED", "").replace("FORECAST", "").replace("  history: history.csv\n", ""),
        Path.of("/buyer"))).hasMessageContaining("forecasting needs 'history'");
  }

  @Test
  void forecasting_keys_in_another_task_are_refused() {
    String regression = """
        suite: holdout.suite/v1
        name: r
        problem: Predict units.
        task: regression
        data: {path: e.csv, id: id, label: y, time: week}
        predictions: {value: p}
        """;
    assertThatThrownBy(() -> SuiteParser.parse("suite.yaml", regression, Path.of("/buyer"))).hasMessageContaining("'time' does not apply to regression");
    String withSection = regression.replace(", time: week", "") + "forecast: {season: 7}\n";
    assertThatThrownBy(() -> SuiteParser.parse("suite.yaml", withSection, Path.of("/buyer"))).hasMessageContaining("forecast settings are for task: forecasting only");
  }

  @Test
  void the_baselines_of_forecasting_are_the_naive_rules() {
    refused("", "baseline: {kind: mean}").hasMessageContaining("expected one of [seasonal_naive, naive] for forecasting");
    assertThat(List.of(parse("", "baseline: {kind: naive}\nforecast: {season: 7}").baseline().kind())).containsExactly(Suite.Baseline.Kind.NAIVE);
  }
}
