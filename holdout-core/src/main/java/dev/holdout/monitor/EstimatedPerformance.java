package dev.holdout.monitor;

import dev.holdout.base.Format;
import dev.holdout.base.HoldoutException;
import dev.holdout.base.Missing;
import dev.holdout.data.RecordReader;
import dev.holdout.data.RecordReaders;
import dev.holdout.metric.MetricCatalog;
import dev.holdout.metric.Task;
import dev.holdout.suite.Suite;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A window's performance estimated without outcomes, judged against the reference's own
 * variability (NannyML's way): binary classifiers by {@link Cbpe} (the primary metric when CBPE
 * estimates it, else accuracy), multiclass by {@link MulticlassCbpe} (accuracy, or macro_f1 when it
 * is the primary metric), regression by {@link Dle} (mae, or rmse when it is the primary metric).
 * The reference holds the features, the outcome and the model's outputs (the evaluation set with the
 * champion's predictions); it is cut into chunks of the window's size (at most a fifth of the
 * reference, so there are at least five) and the metric estimated on each gives the band
 * ({@link ReferenceThresholds}). The window alerts when its estimate leaves the band on the bad side
 * (below it for a score, above it for a loss): a decay, not an improvement.
 */
public final class EstimatedPerformance {
  private EstimatedPerformance() {}

  /** The estimate, how it was made, the reference band and whether it is a decay. */
  public record Estimate(String metric, String method, double value, ReferenceThresholds band, boolean lowerIsBetter, boolean alert) {
    public String message(String window) {
      return window + ": estimated " + metric + " " + Format.number(value) + " (" + method + ") is " + (lowerIsBetter ? "above" : "below")
          + " the reference's band " + Format.interval(band.lower(), band.upper()) + " (mean ± 3 sd over " + band.chunks() + " reference chunks)";
    }
  }

  /** The estimate for the window, or empty when the task has none (or the reference is too small for two chunks). */
  public static Optional<Estimate> judge(Suite suite, Path reference, Path window) {
    Task task = suite.task();
    Table ref = Table.read(reference);
    Table win = Table.read(window);
    if (ref.rows() < 2 || win.rows() == 0) return Optional.empty();
    int chunk = (int) Math.min(win.rows(), ref.rows() / 5);
    if (chunk < 1) return Optional.empty();
    Suite.Predictions p = suite.predictions();
    String primary = suite.primaryMetric();
    switch (task) {
      case BINARY_CLASSIFICATION -> {
        String metric = MetricCatalog.CBPE.contains(primary) ? primary : "accuracy";
        double[] rs = ref.numbers(p.score());
        double[] ws = win.numbers(p.score());
        double value = binary(ws, 0, ws.length, p.threshold(), metric);
        double[] chunks = new double[rs.length / chunk];
        for (int c = 0; c < chunks.length; c++) chunks[c] = binary(rs, c * chunk, (c + 1) * chunk, p.threshold(), metric);
        return band(metric, "CBPE", value, chunks, false);
      }
      case MULTICLASS_CLASSIFICATION -> {
        if (p.probabilities() == null || p.probabilities().isEmpty()) return Optional.empty();
        List<String> columns = new ArrayList<>(p.probabilities().values());
        String metric = primary.equals("macro_f1") ? "macro_f1" : "accuracy";
        double[][] rp = ref.matrix(columns);
        double[][] wp = win.matrix(columns);
        double value = multiclass(wp, 0, wp.length, metric);
        double[] chunks = new double[rp.length / chunk];
        for (int c = 0; c < chunks.length; c++) chunks[c] = multiclass(rp, c * chunk, (c + 1) * chunk, metric);
        return band(metric, "CBPE", value, chunks, false);
      }
      case REGRESSION -> {
        String metric = primary.equals("rmse") ? "rmse" : "mae";
        Set<String> roles = new HashSet<>(List.of(suite.data().id(), suite.data().label()));
        if (p.id() != null) roles.add(p.id());
        roles.add(p.value());
        roles.addAll(p.quantiles().values());
        List<String> features = new ArrayList<>();
        for (String c : ref.header) if (!roles.contains(c) && win.header.contains(c)) features.add(c);
        Map<String, Map<String, Double>> codes = new HashMap<>();
        double[][] rx = ref.features(features, codes, true);
        double[][] wx = win.features(features, codes, false);
        Dle dle = Dle.fit(rx, ref.numbers(p.value()), ref.numbers(suite.data().label()), metric.equals("rmse") ? Dle.Loss.SQUARED : Dle.Loss.ABSOLUTE);
        double[] rpred = ref.numbers(p.value());
        double value = dle.estimate(wx, win.numbers(p.value()));
        double[] chunks = new double[rx.length / chunk];
        for (int c = 0; c < chunks.length; c++) {
          chunks[c] = dle.estimate(Arrays.copyOfRange(rx, c * chunk, (c + 1) * chunk), Arrays.copyOfRange(rpred, c * chunk, (c + 1) * chunk));
        }
        return band(metric, "DLE", value, chunks, true);
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  private static Optional<Estimate> band(String metric, String method, double value, double[] chunks, boolean lowerIsBetter) {
    if (chunks.length < 2 || Double.isNaN(value)) return Optional.empty();
    ReferenceThresholds t = ReferenceThresholds.of(chunks, 0, lowerIsBetter ? Double.POSITIVE_INFINITY : 1);
    boolean alert = lowerIsBetter ? value > t.upper() : value < t.lower();
    return Optional.of(new Estimate(metric, method, value, t, lowerIsBetter, alert));
  }

  private static double binary(double[] scores, int from, int to, double threshold, String metric) {
    Cbpe c = new Cbpe(threshold);
    for (int i = from; i < to; i++) if (!Double.isNaN(scores[i])) c.add(scores[i]);
    var e = c.estimates(0.95).get(metric);
    return e == null || e.value() == null ? Double.NaN : e.value();
  }

  private static double multiclass(double[][] p, int from, int to, String metric) {
    MulticlassCbpe c = new MulticlassCbpe(p.length == 0 ? 2 : Math.max(2, p[0].length));
    for (int i = from; i < to; i++) {
      boolean ok = true;
      for (double v : p[i]) ok &= !Double.isNaN(v);
      if (ok) c.add(p[i]);
    }
    return metric.equals("macro_f1") ? c.macroF1() : c.accuracy();
  }

  /** A small file read whole as text columns. */
  private record Table(List<String> header, List<String[]> data, Path path) {
    static Table read(Path file) {
      try (RecordReader r = RecordReaders.open(file)) {
        List<String> header = r.header();
        List<String[]> rows = new ArrayList<>();
        while (r.next()) {
          String[] row = new String[header.size()];
          for (int c = 0; c < row.length; c++) row[c] = r.field(c);
          rows.add(row);
        }
        return new Table(header, rows, file);
      }
    }

    int rows() {
      return data.size();
    }

    double[] numbers(String column) {
      int c = header.indexOf(column);
      if (c < 0) throw new HoldoutException.BadData(path + ": no column '" + column + "', which estimating performance needs");
      double[] out = new double[data.size()];
      for (int i = 0; i < out.length; i++) out[i] = number(data.get(i)[c]);
      return out;
    }

    double[][] matrix(List<String> columns) {
      double[][] out = new double[data.size()][columns.size()];
      for (int k = 0; k < columns.size(); k++) {
        double[] col = numbers(columns.get(k));
        for (int i = 0; i < col.length; i++) out[i][k] = col[i];
      }
      return out;
    }

    /** Numeric columns as numbers; others as codes in the order the reference first shows them (a value the reference lacks: NaN). */
    double[][] features(List<String> columns, Map<String, Map<String, Double>> codes, boolean learn) {
      double[][] out = new double[data.size()][columns.size()];
      for (int k = 0; k < columns.size(); k++) {
        int c = header.indexOf(columns.get(k));
        Map<String, Double> code = codes.computeIfAbsent(columns.get(k), x -> new HashMap<>());
        for (int i = 0; i < data.size(); i++) {
          String v = data.get(i)[c];
          double d = number(v);
          if (Double.isNaN(d) && v != null && !Missing.is(v.strip())) {
            Double known = code.get(v);
            if (known == null && learn) {
              known = (double) code.size();
              code.put(v, known);
            }
            d = known == null ? Double.NaN : known;
          }
          out[i][k] = d;
        }
      }
      return out;
    }

    private static double number(String v) {
      if (v == null || v.isBlank() || Missing.is(v.strip())) return Double.NaN;
      try {
        return Double.parseDouble(v.strip());
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
  }
}
