package dev.holdout.suite;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The keys of a forecasting suite: in {@code data}, the time column ({@code time}), the series
 * column ({@code series}, optional: one series without it) and the history file ({@code history},
 * the earlier actual values the vendor had, in the evaluation set's columns); in
 * {@code predictions}, the submission's series and time columns (default: the same names), and
 * when forecasts come from several origins, the origin column ({@code origin}) or the column of
 * periods ahead ({@code horizon}); the top-level {@code forecast} section: {@code season} (the
 * season length m in periods, default 1), {@code horizon} (the most periods ahead judged) and
 * {@code origins} (the backtest's origins).
 */
final class ForecastSection {
  static final List<String> KEYS = List.of("season", "horizon", "origins");

  private ForecastSection() {}

  static Suite.Forecast parse(YamlCursor top, YamlCursor data, YamlCursor pred, Path folder) {
    String time = data.optionalText("time");
    if (time == null) throw data.error("forecasting needs 'time': the column with each row's period (a number or a date such as 2024-03-04)");
    String series = data.optionalText("series");
    if (!data.has("history")) {
      throw data.error("forecasting needs 'history': a file of the actual values before the forecasts, in the evaluation set's columns;"
          + " the naive baselines and MASE's scale come from it");
    }
    Path history = folder.resolve(data.text("history"));
    if (series != null && series.equals(time)) throw data.get("series").error("the series and the time column must differ");
    String predSeries = pred.optionalText("series");
    if (predSeries == null) predSeries = series;
    if (series == null && pred.has("series")) throw pred.get("series").error("data has no series column, so predictions has none either; remove it");
    String predTime = pred.optionalText("time");
    if (predTime == null) predTime = time;
    String origin = pred.optionalText("origin");
    String horizonColumn = pred.optionalText("horizon");
    if (origin != null && horizonColumn != null) {
      throw pred.get("horizon").error("give the origin column or the horizon column, not both: either says which origin a forecast came from");
    }
    int season = 1;
    int horizon = 0;
    List<String> origins = List.of();
    if (top.has("forecast")) {
      YamlCursor f = top.get("forecast").mapping();
      f.checkKeys(KEYS);
      if (f.has("season")) season = (int) f.get("season").integer(1, 10_000);
      if (f.has("horizon")) horizon = (int) f.get("horizon").integer(1, 100_000);
      List<String> listed = f.optionalTextList("origins");
      if (listed != null) {
        if (listed.isEmpty()) throw f.get("origins").error("list at least one origin, or remove origins to use the last period of the history");
        if (new LinkedHashSet<>(listed).size() != listed.size()) throw f.get("origins").error("an origin is listed twice");
        origins = listed;
      }
    }
    if (origins.size() > 1 && origin == null && horizonColumn == null) {
      throw pred.error("forecasts from " + origins.size() + " origins need 'origin' (the column with each forecast's origin)"
          + " or 'horizon' (the column with how many periods ahead it is), so each forecast is matched to its origin");
    }
    return new Suite.Forecast(series, time, history, season, horizon, origins, predSeries, predTime, origin, horizonColumn);
  }
}
