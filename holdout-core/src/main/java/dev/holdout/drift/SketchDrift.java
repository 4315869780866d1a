package dev.holdout.drift;

import dev.holdout.stats.Bootstrap;
import dev.holdout.stats.Probability;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Drift judged from two windows' {@link Profile}s alone, so a window can be streamed and forgotten:
 * the same methods, defaults, thresholds and verdict rule as {@link Drift}. Where both sketches of a
 * numeric column still hold every value (up to about {@link NumericSketch#K} values each), the
 * values are taken out and judged exactly, by the same code as {@code holdout drift}. Otherwise:
 * distances and bin shares as in docs/drift.md ("Exact and sketched"); a KS p-value from the
 * sketched statistic (within 2ε = 0.14%) by the asymptotic Kolmogorov distribution; a chi-square on
 * numbers over bin counts estimated from the sketches. No domain classifier (it needs rows).
 */
public final class SketchDrift {
  private SketchDrift() {}

  /**
   * The drift report of {@code current} against {@code reference} (profiles of the same columns and
   * types, flushed or not); the paths or labels name the windows in the report.
   */
  public static DriftReport judge(Profile reference, String referenceName, Profile current, String currentName, DriftSettings s) {
    return judge(reference, referenceName, current, currentName, s, Set.of());
  }

  /** As above, leaving out the columns in {@code skip} (a slice column, constant within its group). */
  public static DriftReport judge(Profile reference, String referenceName, Profile current, String currentName, DriftSettings s,
      Set<String> skip) {
    List<String> all = reference.names();
    int[] keep = IntStream.range(0, all.size()).filter(i -> !skip.contains(all.get(i))).toArray();
    List<String> names = Arrays.stream(keep).mapToObj(all::get).toList();
    reference.flush();
    current.flush();
    // columns are independent (each sketch is read by one thread): judge them on all cores
    ColumnDrift[] out = new ColumnDrift[keep.length];
    IntStream.range(0, out.length).parallel().forEach(k -> {
      int i = keep[k];
      String name = all.get(i);
      String role = Drift.role(name, s);
      out[k] = reference.numeric(i)
          ? numeric(name, role, reference.numbers(i), current.numbers(i), s)
          : categorical(name, role, reference.categories(i), current.categories(i), s);
    });
    List<ColumnDrift> columns = List.of(out);
    return Drift.report(new DriftReport.Window(referenceName, reference.rows()), new DriftReport.Window(currentName, current.rows()),
        columns, names, null, "not run on sketched windows (it needs rows)", s, List.of());
  }

  static ColumnDrift numeric(String name, String role, NumericSketch r, NumericSketch c, DriftSettings s) {
    long refRows = r.count() + r.missing();
    long curRows = c.count() + c.missing();
    if (r.count() == 0 || c.count() == 0) return Drift.empty(name, role, "numeric", refRows, curRows, r.missing(), c.missing(), r.count() == 0);
    if (r.quantiles().exact() && c.quantiles().exact()) {
      WindowColumns.Column col = new WindowColumns.Column(name, true);
      col.reference = NumberColumn.of(values(r));
      col.current = NumberColumn.of(values(c));
      ColumnDrift d = Drift.column(col, s);
      return new ColumnDrift(d.column(), d.role(), d.kind(), d.judgedAs(), d.method(), d.statistic(), d.pValue(), d.ksStatistic(),
          d.score(), d.low(), d.high(), d.threshold(), d.drifted(), refRows, curRows, r.missing(), c.missing(), d.basis(), d.computed(), d.note());
    }
    DriftSettings.ColumnRule rule = s.columns().get(name);
    long smaller = Math.min(r.count(), c.count());
    boolean small = smaller <= Drift.SMALL;
    WindowColumns.Column named = new WindowColumns.Column(name, true);
    Bootstrap.Settings boot = s.bootstrap();
    String stream = "drift:" + name;
    if (r.fewValues()) {
      double[] values = r.distinctValues();
      Arrays.sort(values);
      double[][] cells = fewValueCounts(values, r, c);
      Method method = Drift.method(named, rule, false, small);
      return Drift.cells(name, role, "numeric", "categorical", cells[0], cells[1], method, rule, small, smaller, boot, stream, null,
          c.fewValues() ? "exact" : "sketch", refRows, curRows, r.missing(), c.missing());
    }
    Method method = Drift.method(named, rule, true, small);
    double[] kw = Sketched.walk(r, c);
    double ks = kw[0];
    if (method == Method.KS) {
      double en = Math.sqrt((double) r.count() * c.count() / (r.count() + c.count()));
      double p = Probability.kolmogorovSurvival((en + 0.12 + 0.11 / en) * ks);
      double threshold = rule != null && rule.threshold() != null ? rule.threshold() : method.defaultThreshold();
      String note = "KS statistic from sketches (within 0.0014), p-value by the asymptotic Kolmogorov distribution";
      if (!small) note += "; a p-value on " + smaller + " values flags even negligible shifts";
      return new ColumnDrift(name, role, "numeric", "numeric", method.key(), ks, p, ks, p, null, null, threshold, method.drifted(p, threshold),
          refRows, curRows, r.missing(), c.missing(), Drift.basis(rule, small, smaller), "sketch", note);
    }
    if (method == Method.WASSERSTEIN) {
      double sd = r.std();
      double score = kw[1] / sd;
      double[] edges = Sketched.pooledEdges(r, c, Drift.SKETCH_WASSERSTEIN_QUANTILES);
      double[] ci = Drift.wassersteinInterval(Sketched.binCounts(r, edges), Sketched.binCounts(c, edges), edges, sd, score, boot, stream);
      double threshold = rule != null && rule.threshold() != null ? rule.threshold() : method.defaultThreshold();
      return new ColumnDrift(name, role, "numeric", "numeric", method.key(), score, null, ks, score, ci == null ? null : ci[0],
          ci == null ? null : ci[1], threshold, method.drifted(score, threshold), refRows, curRows, r.missing(), c.missing(),
          Drift.basis(rule, small, smaller), "sketch", null);
    }
    double[] edges = Sketched.decileEdges(r);
    return Drift.cells(name, role, "numeric", "numeric", Sketched.binCounts(r, edges), Sketched.binCounts(c, edges), method, rule, small, smaller,
        boot, stream, ks, "sketch", refRows, curRows, r.missing(), c.missing());
  }

  static ColumnDrift categorical(String name, String role, CategoricalSketch r, CategoricalSketch c, DriftSettings s) {
    long refRows = r.count() + r.missing();
    long curRows = c.count() + c.missing();
    if (r.count() == 0 || c.count() == 0) return Drift.empty(name, role, "categorical", refRows, curRows, r.missing(), c.missing(), r.count() == 0);
    DriftSettings.ColumnRule rule = s.columns().get(name);
    long smaller = Math.min(r.count(), c.count());
    boolean small = smaller <= Drift.SMALL;
    Method method = Drift.method(new WindowColumns.Column(name, false), rule, false, small);
    double[][] counts = CategoricalSketch.counts(r, c);
    return Drift.cells(name, role, "categorical", "categorical", counts[0], counts[1], method, rule, small, smaller, s.bootstrap(), "drift:" + name,
        null, r.isExact() && c.isExact() ? "exact" : "sketch", refRows, curRows, r.missing(), c.missing());
  }

  /**
   * Counts of the reference's few distinct values on both sides: exact while the current window has
   * few values too (over the union of both sides' values), else the current mass at each reference
   * value from its sketch plus one cell for the rest.
   */
  private static double[][] fewValueCounts(double[] refValues, NumericSketch r, NumericSketch c) {
    if (c.fewValues()) {
      double[] all = Drift.concat(refValues, c.distinctValues());
      Arrays.sort(all);
      int n = 0;
      for (int i = 0; i < all.length; i++) if (n == 0 || all[i] != all[n - 1]) all[n++] = all[i];
      double[] rc = new double[n];
      double[] cc = new double[n];
      for (int i = 0; i < n; i++) {
        rc[i] = r.valueCount(all[i]);
        cc[i] = c.valueCount(all[i]);
      }
      return new double[][] {rc, cc};
    }
    int k = refValues.length;
    double[] rc = new double[k + 1];
    double[] cc = new double[k + 1];
    double[] inclusive = c.quantiles().cdf(refValues, true);
    double[] exclusive = c.quantiles().cdf(refValues, false);
    double listed = 0;
    for (int i = 0; i < k; i++) {
      rc[i] = r.valueCount(refValues[i]);
      cc[i] = Math.max(0, inclusive[i] - exclusive[i]) * c.count();
      listed += cc[i];
    }
    cc[k] = Math.max(0, c.count() - listed);
    return new double[][] {rc, cc};
  }

  /** Every value a sketch holds, each as often as its weight (all weights are 1 before the first compaction). */
  private static double[] values(NumericSketch s) {
    double[] q = s.quantiles().sortedValues();
    long[] cum = s.quantiles().cumulativeWeights();
    double[] out = new double[(int) s.count()];
    int n = 0;
    long prev = 0;
    for (int i = 0; i < q.length; i++) {
      for (long w = prev; w < cum[i]; w++) out[n++] = q[i];
      prev = cum[i];
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }
}
