package dev.holdout.metric;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Forecasting metrics over {@link ForecastCells}, pooled over every forecast of the view (every
 * series, origin and horizon). With e = forecast - actual: mae, rmse, mape and smape as
 * {@link RegressionMetrics} defines them (mape undefined when an actual value is 0); wape =
 * sum|e| / sum|y| (undefined when every actual is 0); mase = mean(|e| / scale of the series), the
 * mean absolute scaled error of Hyndman and Koehler (2006), whose scale is the in-sample MAE of
 * the seasonal naive forecast on the series' history (undefined when some series has no such
 * scale, or a scale of 0); bias = mean(e), positive when forecasts run above the actual values,
 * and abs_bias = |bias|.
 */
public final class ForecastMetrics {
  private ForecastMetrics() {}

  public static Map<String, MetricValue> compute(ForecastCells c, int set, double[] w) {
    Map<String, MetricValue> out = new LinkedHashMap<>();
    double total = 0, abs = 0, sq = 0, pct = 0, sym = 0, scaled = 0, signed = 0, absY = 0;
    boolean zero = false, unscaled = false;
    double[] a = c.absError[set], s2 = c.sqError[set], p = c.pctError[set], sp = c.symPctError[set], sc = c.scaledError[set], e = c.signedError[set];
    for (int i = 0; i < c.size; i++) {
      double wi = w[i];
      if (wi == 0) continue;
      total += wi;
      abs += wi * a[i];
      sq += wi * s2[i];
      pct += wi * p[i];
      sym += wi * sp[i];
      scaled += wi * sc[i];
      signed += wi * e[i];
      absY += wi * c.absActual[i];
      zero |= c.zeroActual[i];
      unscaled |= c.unscaled[i];
    }
    if (total == 0) {
      for (String name : MetricCatalog.names(Task.FORECASTING)) out.put(name, MetricValue.undefined("no forecasts"));
      return out;
    }
    out.put("mae", MetricValue.of(abs / total));
    out.put("rmse", MetricValue.of(Math.sqrt(sq / total)));
    out.put("mape", !zero ? MetricValue.of(pct / total)
        : MetricValue.undefined("some actual values are 0, where a percentage error is infinite; judge wape or mase instead"));
    out.put("smape", MetricValue.of(sym / total));
    out.put("wape", absY > 0 ? MetricValue.of(abs / absY) : MetricValue.undefined("every actual value is 0, so there is no volume to divide by"));
    out.put("mase", !unscaled ? MetricValue.of(scaled / total)
        : MetricValue.undefined("some series' history has no seasonal naive error to scale by (too short for the season, or constant)"));
    out.put("bias", MetricValue.of(signed / total));
    out.put("abs_bias", MetricValue.of(Math.abs(signed / total)));
    return out;
  }
}
