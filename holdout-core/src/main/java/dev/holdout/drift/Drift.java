package dev.holdout.drift;

import dev.holdout.base.Format;
import dev.holdout.base.HoldoutException;
import dev.holdout.base.Names;
import dev.holdout.base.Progress;
import dev.holdout.stats.Bootstrap;
import dev.holdout.stats.FalseDiscovery;
import java.nio.IntBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Judges drift between two windows.
 *
 * <p>Default method per column: when the smaller window has at most {@value #SMALL} non-missing
 * values, a p-value test at 0.05 (Kolmogorov-Smirnov for numeric columns, chi-square for
 * categorical); above, an effect size with a bootstrap interval (Wasserstein distance divided by
 * the reference's standard deviation, threshold 0.1, for numeric; Jensen-Shannon distance, base e
 * as Evidently's, threshold 0.1, for categorical), because at hundreds of thousands of rows a p-value flags shifts
 * far too small to matter. A numeric column with at most {@value #FEW_VALUES} distinct reference
 * values is judged as categorical, by its values' shares.
 *
 * <p>Point values are exact at every size, from each window's values sorted ({@link RadixSort}: a
 * million values in tens of milliseconds), so they match SciPy's and repeat run to run; the mergeable
 * sketches are for windows that are not held in memory ({@link SketchDrift}). Intervals come from a
 * Poisson bootstrap over cells: the categories, the reference's decile bins (PSI, Jensen-Shannon on
 * numbers), or for Wasserstein about 1,000 bins at the pooled quantiles (200 above
 * {@value #COARSE_BINS_ABOVE} values), the interval then shifted by the binning's difference from
 * the exact value (under 1% of it in tests).
 */
public final class Drift {
  /** Up to this many non-missing values in the smaller window, defaults are p-value tests. */
  public static final int SMALL = 1_000;
  /** A numeric column with at most this many distinct reference values is judged as categorical. */
  public static final int FEW_VALUES = 5;
  static final int WASSERSTEIN_QUANTILES = 500;
  /** Quantiles per window for the Wasserstein interval's bins above {@link #COARSE_BINS_ABOVE} values, and on sketches. */
  static final int SKETCH_WASSERSTEIN_QUANTILES = 100;
  /**
   * Above this many non-missing values in the smaller window, the Wasserstein interval is
   * bootstrapped over {@value #SKETCH_WASSERSTEIN_QUANTILES} pooled-quantile bins per window instead
   * of {@value #WASSERSTEIN_QUANTILES}: a bin then still holds over 1,000 values per window, and the
   * bootstrap costs a fifth as much (as on sketches, where it was bootstrapped the same way). The
   * point value stays exact at every size.
   */
  public static final int COARSE_BINS_ABOVE = 100_000;

  private Drift() {}

  /** Reads both files and judges them. */
  public static DriftReport run(Path reference, Path current, DriftSettings settings, DomainClassifier classifier) {
    return run(reference, current, settings, classifier, List.of(), Progress.NONE);
  }

  /**
   * Reads both files and judges them, overall and within each group of each categorical column in
   * {@code slices}, telling {@code progress} of each phase.
   */
  public static DriftReport run(Path reference, Path current, DriftSettings settings, DomainClassifier classifier, List<String> slices,
      Progress progress) {
    progress.phase("reading " + reference.getFileName() + " and " + current.getFileName());
    Set<String> exclude = new HashSet<>(settings.exclude());
    Set<String> optional = settings.label() == null ? Set.of() : Set.of(settings.label());
    WindowColumns w = WindowColumns.read(reference, current, exclude, optional);
    List<String> idNotes = List.of();
    if (settings.guessIds()) {
      Map<String, String> ids = IdColumns.find(w, settings);
      w = w.without(ids.keySet());
      idNotes = IdColumns.notes(ids);
    }
    progress.phase("judging " + Format.count(w.columns.size()) + " columns" + (settings.classifierRows() > 0 ? " and the domain classifier" : ""));
    DriftReport overall = judge(w, settings, classifier, idNotes);
    if (slices.isEmpty()) return overall;
    List<String> notes = new ArrayList<>(overall.notes());
    Map<String, Map<String, DriftReport.SliceGroup>> bySlice = new LinkedHashMap<>();
    for (String slice : slices) {
      WindowColumns.Column sc = w.columns.stream().filter(c -> c.name.equals(slice)).findFirst().orElse(null);
      if (sc == null) {
        notes.add("slice column '" + slice + "' is not in both windows: not judged per slice");
      } else if (sc.numeric) {
        notes.add("slice column '" + slice + "' holds numbers: drift is judged per slice for categorical columns only");
      } else {
        bySlice.put(slice, DriftSlices.groups(w, sc, settings));
      }
    }
    return new DriftReport(overall.schema(), overall.reference(), overall.current(), overall.verdict(), overall.reasons(), overall.rule(),
        overall.shareThreshold(), overall.featureColumns(), overall.driftedFeatures(), overall.driftedShare(), overall.columns(),
        overall.domainClassifier(), overall.domainClassifierNote(), overall.confidence(), overall.replicates(), overall.seed(),
        List.copyOf(notes), bySlice);
  }

  static DriftReport judge(WindowColumns w, DriftSettings s, DomainClassifier classifier) {
    return judge(w, s, classifier, List.of());
  }

  /** As above, adding {@code notes} (columns left out before judging) to the report's. */
  static DriftReport judge(WindowColumns w, DriftSettings s, DomainClassifier classifier, List<String> notes) {
    List<String> names = w.columns.stream().map(WindowColumns.Column::name).toList();
    for (var e : s.columns().entrySet()) {
      if (!names.contains(e.getKey())) {
        throw new HoldoutException.BadSuite(e.getValue().source() + ": no column '" + e.getKey() + "' in both windows"
            + Names.didYouMean(e.getKey(), names) + " (columns: " + String.join(", ", names) + ")");
      }
    }
    DomainCheck.Result domain = null;
    String note = null;
    List<WindowColumns.Column> inputs = w.columns.stream()
        .filter(c -> !c.name.equals(s.label()) && !s.predictions().contains(c.name)).toList();
    if (s.classifierRows() == 0) note = "turned off";
    else if (w.columns.isEmpty()) note = "no columns to learn from";
    else if (classifier == null) note = "no learner given";
    else if (inputs.isEmpty()) note = "no feature columns";
    // The domain classifier reads the parsed columns on its own thread beside the per-column statistics.
    CompletableFuture<DomainCheck.Result> domainTask = note != null ? null : CompletableFuture.supplyAsync(() -> DomainCheck.run(inputs,
        w.referenceRows, w.currentRows, classifier, s.classifierRows(), s.bootstrap().confidence(), s.classifierAuc(), s.bootstrap().seed()),
        DomainCheck::startDaemon);
    ColumnDrift[] out = new ColumnDrift[w.columns.size()];
    IntStream.range(0, out.length).parallel().forEach(i -> out[i] = column(w.columns.get(i), s));
    List<ColumnDrift> columns = List.of(out);
    if (domainTask != null) domain = DomainCheck.joined(domainTask);
    return report(new DriftReport.Window(w.referencePath.toString(), w.referenceRows),
        new DriftReport.Window(w.currentPath.toString(), w.currentRows), columns, names, domain, note, s, notes);
  }

  /**
   * The verdict over judged columns (and the domain classifier's result, or null with {@code note}
   * saying why), by the documented rule; {@code names} are the columns both windows have.
   */
  static DriftReport report(DriftReport.Window reference, DriftReport.Window current, List<ColumnDrift> columns, List<String> names,
      DomainCheck.Result domain, String note, DriftSettings s, List<String> moreNotes) {
    columns = controlFalseDiscovery(columns);
    int tested = tested(columns);
    String family = tested == 0 ? "" : "; p-values at a false discovery rate of " + Format.level(FalseDiscovery.DEFAULT_RATE) + " over "
        + Format.count(tested, "column");
    int features = 0;
    int drifted = 0;
    List<String> reasons = new ArrayList<>();
    for (ColumnDrift c : columns) {
      if (c.drifted() == null) continue;
      if (c.role().equals("feature")) {
        features++;
        if (c.drifted()) drifted++;
      } else if (c.drifted()) {
        reasons.add("the " + c.role() + " column '" + c.column() + "' drifted (" + c.method() + " " + Format.score(c.score())
            + (c.adjustedPValue() == null ? "" : " adjusted" + family) + ")");
      }
    }
    Double share = features == 0 ? null : (double) drifted / features;
    if (share != null && share >= s.share()) {
      reasons.add(0, drifted + " of " + features + " feature columns drifted (" + Format.percent(share) + ", at least " + Format.level(s.share())
          + family + ")");
    }
    if (domain != null && domain.drifted()) {
      reasons.add("the domain classifier tells the windows apart (roc_auc " + Format.score(domain.rocAuc()) + ", lower bound "
          + Format.score(domain.low()) + " >= " + Format.score(domain.threshold()) + ")");
    }
    List<String> notes = new ArrayList<>();
    if (s.label() != null && !names.contains(s.label())) {
      notes.add("label '" + s.label() + "' is not in both windows: label drift not judged");
    }
    for (String p : s.predictions()) {
      if (!names.contains(p)) notes.add("prediction column '" + p + "' is not in the windows: prediction drift not judged");
    }
    if (tested > 0) {
      notes.add("columns judged by a p-value (ks, chi_square): Benjamini-Hochberg false discovery rate " + Format.level(FalseDiscovery.DEFAULT_RATE)
          + " over " + Format.count(tested, "column") + ", each adjusted p-value compared with its threshold");
    }
    notes.addAll(moreNotes);
    String rule = "DRIFT when at least " + Format.level(s.share()) + " of the feature columns drift, or the prediction or label column drifts, "
        + "or the domain classifier's roc_auc lower bound is at least " + Format.score(s.classifierAuc());
    return new DriftReport(DriftReport.SCHEMA, reference, current,
        reasons.isEmpty() ? "NO_DRIFT" : "DRIFT", List.copyOf(reasons), rule, s.share(), features, drifted, share,
        columns, domain, note, s.bootstrap().confidence(), s.bootstrap().replicates(), s.bootstrap().seed(), List.copyOf(notes), null);
  }

  /**
   * The columns with every p-value adjusted by Benjamini-Hochberg over the columns judged by a
   * p-value, and judged on the adjusted value: so testing many columns (a multiclass model's
   * probability columns, wide feature sets) does not make a random split drift. Distances are left
   * as they are: a threshold on an effect size is not a test.
   */
  static List<ColumnDrift> controlFalseDiscovery(List<ColumnDrift> columns) {
    double[] p = new double[columns.size()];
    for (int i = 0; i < p.length; i++) {
      ColumnDrift c = columns.get(i);
      p[i] = c.drifted() != null && c.pValue() != null && c.adjustedPValue() == null ? c.pValue() : Double.NaN;
    }
    if (FalseDiscovery.tested(p) == 0) return columns;
    double[] adjusted = FalseDiscovery.adjust(p);
    List<ColumnDrift> out = new ArrayList<>(columns.size());
    for (int i = 0; i < p.length; i++) out.add(Double.isNaN(p[i]) ? columns.get(i) : columns.get(i).adjusted(adjusted[i]));
    return List.copyOf(out);
  }

  private static int tested(List<ColumnDrift> columns) {
    int n = 0;
    for (ColumnDrift c : columns) if (c.adjustedPValue() != null) n++;
    return n;
  }

  static String role(String name, DriftSettings s) {
    if (name.equals(s.label())) return "label";
    if (s.predictions().contains(name)) return "prediction";
    return "feature";
  }

  static ColumnDrift column(WindowColumns.Column c, DriftSettings s) {
    if (!c.numeric) return column(c, s, null, null);
    double[] a = RadixSort.sortedPresent(c.reference, SortedCopies::take);
    double[] b = RadixSort.sortedPresent(c.current, SortedCopies::take);
    try {
      return column(c, s, a, b);
    } finally {
      SortedCopies.give(a);
      SortedCopies.give(b);
    }
  }

  /** Column {@code c} judged; {@code a} and {@code b} are its windows' values sorted, missing ones left out (numeric columns only). */
  private static ColumnDrift column(WindowColumns.Column c, DriftSettings s, double[] a, double[] b) {
    String role = role(c.name, s);
    String kind = c.numeric ? "numeric" : "categorical";
    long refRows = c.numeric ? c.reference.size() : c.referenceCodes.size();
    long curRows = c.numeric ? c.current.size() : c.currentCodes.size();
    long refN = refRows - c.referenceMissing;
    long curN = curRows - c.currentMissing;
    DriftSettings.ColumnRule rule = s.columns().get(c.name);
    if (refN == 0 || curN == 0) return empty(c.name, role, kind, refRows, curRows, c.referenceMissing, c.currentMissing, refN == 0);
    double[] rc;
    double[] cc;
    boolean judgedNumeric;
    if (c.numeric) {
      judgedNumeric = distinctMoreThan(a, FEW_VALUES);
      if (judgedNumeric) {
        rc = null;
        cc = null;
      } else {
        double[][] counts = valueCounts(a, b);
        rc = counts[0];
        cc = counts[1];
      }
    } else {
      judgedNumeric = false;
      int size = c.dictionary.size();
      rc = codeCounts(c.referenceCodes, size);
      cc = codeCounts(c.currentCodes, size);
    }
    boolean small = Math.min(refN, curN) <= SMALL;
    Method method = method(c, rule, judgedNumeric, small);
    String basis = basis(rule, small, Math.min(refN, curN));
    double threshold = rule != null && rule.threshold() != null ? rule.threshold() : method.defaultThreshold();
    Bootstrap.Settings boot = s.bootstrap();
    String stream = "drift:" + c.name;
    Double statistic;
    Double p = null;
    double score;
    double[] ci = null;
    TwoSample.Comparison compared = judgedNumeric ? TwoSample.compare(a, b) : null;
    switch (method) {
      case KS -> {
        statistic = compared.ks();
        p = compared.ksPValue();
        score = p;
      }
      case WASSERSTEIN -> {
        double sd = TwoSample.std(a);
        score = compared.wasserstein() / sd;
        statistic = score;
        ci = wassersteinInterval(a, b, sd, score, boot, stream);
      }
      case CHI_SQUARE, PSI, JENSEN_SHANNON -> {
        double[] r = rc;
        double[] q = cc;
        if (judgedNumeric) {
          double[] edges = TwoSample.decileEdges(a);
          r = TwoSample.binCounts(a, edges);
          q = TwoSample.binCounts(b, edges);
        }
        return cells(c.name, role, kind, judgedNumeric ? "numeric" : "categorical", r, q, method, rule, small, Math.min(refN, curN), boot,
            stream, judgedNumeric ? compared.ks() : null, "exact", refRows, curRows, c.referenceMissing, c.currentMissing);
      }
      default -> throw new IllegalStateException("method " + method);
    }
    String note = null;
    if (method.isPValue() && !small) {
      note = "a p-value on " + Math.min(refN, curN) + " values flags even negligible shifts";
    }
    // only a numeric column judged as numeric gets here: cell methods returned above
    Double ks = compared.ks();
    return new ColumnDrift(c.name, role, kind, "numeric", method.key(), statistic, p, ks, score,
        ci == null ? null : ci[0], ci == null ? null : ci[1], threshold, method.drifted(score, threshold),
        refRows, curRows, c.referenceMissing, c.currentMissing, basis, "exact", note);
  }

  /** A column judged over matching cells (categories, values or bins) by chi-square, PSI or Jensen-Shannon. */
  static ColumnDrift cells(String name, String role, String kind, String judgedAs, double[] r, double[] q, Method method,
      DriftSettings.ColumnRule rule, boolean small, long smaller, Bootstrap.Settings boot, String stream, Double ks, String computed,
      long refRows, long curRows, long refMissing, long curMissing) {
    double threshold = rule != null && rule.threshold() != null ? rule.threshold() : method.defaultThreshold();
    Double statistic;
    Double p = null;
    double score;
    double[] ci = null;
    if (method == Method.CHI_SQUARE) {
      TwoSample.ChiSquare chi = TwoSample.chiSquare(r, q);
      statistic = chi.statistic();
      p = chi.pValue();
      score = p;
    } else {
      boolean psi = method == Method.PSI;
      score = psi ? TwoSample.psi(r, q) : TwoSample.jensenShannon(r, q);
      statistic = score;
      int k = r.length;
      ci = holding(interval(concat(r, q), boot, stream, wts -> {
        double[] x = Arrays.copyOfRange(wts, 0, k);
        double[] y = Arrays.copyOfRange(wts, k, 2 * k);
        return psi ? TwoSample.psi(x, y) : TwoSample.jensenShannon(x, y);
      }), score);
    }
    String note = method.isPValue() && !small ? "a p-value on " + smaller + " values flags even negligible shifts" : null;
    return new ColumnDrift(name, role, kind, judgedAs, method.key(), statistic, p, ks, score, ci == null ? null : ci[0],
        ci == null ? null : ci[1], threshold, method.drifted(score, threshold), refRows, curRows, refMissing, curMissing,
        basis(rule, small, smaller), computed, note);
  }

  /** A column without values on one side: reported, not judged. */
  static ColumnDrift empty(String name, String role, String kind, long refRows, long curRows, long refMissing, long curMissing,
      boolean referenceEmpty) {
    String note = (referenceEmpty ? "the reference" : "the current window") + " has no values in this column; not judged";
    return new ColumnDrift(name, role, kind, kind, null, null, null, null, null, null, null, Double.NaN, null, refRows, curRows,
        refMissing, curMissing, "empty", null, note);
  }

  static Method method(WindowColumns.Column c, DriftSettings.ColumnRule rule, boolean judgedNumeric, boolean small) {
    if (rule != null && rule.method() != null) {
      Method method = rule.method();
      if (!method.appliesTo(judgedNumeric)) {
        throw new HoldoutException.BadSuite(rule.source() + ": method " + method.key() + " needs a numeric column with more than "
            + FEW_VALUES + " distinct values; '" + c.name + "' is judged as categorical; use chi_square, psi or jensen_shannon");
      }
      return method;
    }
    return judgedNumeric ? (small ? Method.KS : Method.WASSERSTEIN) : (small ? Method.CHI_SQUARE : Method.JENSEN_SHANNON);
  }

  static String basis(DriftSettings.ColumnRule rule, boolean small, long smaller) {
    if (rule != null && rule.method() != null) return rule.source();
    String basis = "default: " + (small ? "smaller window " + smaller + " values <= " + SMALL + ", p-value test"
        : "both windows over " + SMALL + " values, effect size");
    if (rule != null) basis += "; threshold from " + rule.source();
    return basis;
  }

  /** Percentile interval of a bootstrapped statistic over cells; null when no replicate is defined. */
  static double[] interval(double[] cells, Bootstrap.Settings boot, String stream, Function<double[], Double> stat) {
    double[][] reps = Bootstrap.run(cells, boot.replicates(), boot.seed(), stream, wts -> new double[] {stat.apply(wts)});
    return Bootstrap.percentileInterval(Bootstrap.column(reps, 0), boot.confidence());
  }

  /** The bootstrap interval of the normalised Wasserstein distance over pooled-quantile bins, shifted onto the exact value. */
  static double[] wassersteinInterval(double[] a, double[] b, double sd, double exact, Bootstrap.Settings boot, String stream) {
    double[] edges = pooledEdges(a, b);
    return wassersteinInterval(TwoSample.binCounts(a, edges), TwoSample.binCounts(b, edges), edges, sd, exact, boot, stream);
  }

  /** As above, from both windows' counts in the bins of {@code edges} (exact or estimated from sketches). */
  static double[] wassersteinInterval(double[] ra, double[] rb, double[] edges, double sd, double exact, Bootstrap.Settings boot,
      String stream) {
    int k = ra.length;
    double[] widths = new double[k];
    for (int i = 0; i + 1 < edges.length; i++) widths[i] = edges[i + 1] - edges[i];
    Function<double[], Double> stat = wts -> {
      double na = 0;
      double nb = 0;
      for (int i = 0; i < k; i++) {
        na += wts[i];
        nb += wts[k + i];
      }
      if (na == 0 || nb == 0) return Double.NaN;
      double fa = 0;
      double fb = 0;
      double sum = 0;
      for (int i = 0; i < k; i++) {
        fa += wts[i];
        fb += wts[k + i];
        sum += Math.abs(fa / na - fb / nb) * widths[i];
      }
      return sum / sd;
    };
    double[] cells = concat(ra, rb);
    double binned = stat.apply(cells);
    double[] ci = interval(cells, boot, stream, stat);
    if (ci == null) return null;
    double shift = exact - binned;
    return holding(new double[] {Math.max(0, ci[0] + shift), ci[1] + shift}, exact);
  }

  /**
   * {@code ci} widened, where needed, to hold its point value. A distance is never negative, so
   * resampling pushes it up: for two windows that barely differ every resampled distance can lie
   * above the distance itself (the same window twice gave [0.004, 0.026] around 0).
   */
  static double[] holding(double[] ci, double value) {
    return ci == null ? null : new double[] {Math.min(ci[0], value), Math.max(ci[1], value)};
  }

  private static double[] pooledEdges(double[] a, double[] b) {
    int quantiles = Math.min(a.length, b.length) > COARSE_BINS_ABOVE ? SKETCH_WASSERSTEIN_QUANTILES : WASSERSTEIN_QUANTILES;
    double[] qa = new double[quantiles + 1];
    double[] qb = new double[quantiles + 1];
    for (int q = 0; q <= quantiles; q++) {
      qa[q] = TwoSample.quantile(a, (double) q / quantiles);
      qb[q] = TwoSample.quantile(b, (double) q / quantiles);
    }
    // both run upwards: merged, with repeats dropped
    double[] e = new double[2 * (quantiles + 1)];
    int n = 0;
    for (int i = 0, j = 0; i <= quantiles || j <= quantiles; ) {
      double v = j > quantiles || (i <= quantiles && qa[i] <= qb[j]) ? qa[i++] : qb[j++];
      if (n == 0 || v > e[n - 1]) e[n++] = v;
    }
    return Arrays.copyOf(e, n);
  }

  static double[] concat(double[] x, double[] y) {
    double[] out = Arrays.copyOf(x, x.length + y.length);
    System.arraycopy(y, 0, out, x.length, y.length);
    return out;
  }

  private static boolean distinctMoreThan(double[] sorted, int limit) {
    int distinct = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        if (++distinct > limit) return true;
      }
    }
    return false;
  }

  /** Counts per distinct value over the union of both sorted samples, in one merging pass (−0.0 counts as 0.0, as in SciPy). */
  private static double[][] valueCounts(double[] a, double[] b) {
    List<double[]> cells = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.length || j < b.length) {
      double v = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
      int i0 = i;
      int j0 = j;
      while (i < a.length && a[i] == v) i++;
      while (j < b.length && b[j] == v) j++;
      cells.add(new double[] {i - i0, j - j0});
    }
    double[] ra = new double[cells.size()];
    double[] rb = new double[cells.size()];
    for (int k = 0; k < ra.length; k++) {
      ra[k] = cells.get(k)[0];
      rb[k] = cells.get(k)[1];
    }
    return new double[][] {ra, rb};
  }

  private static double[] codeCounts(CodeColumn codes, int size) {
    double[] c = new double[size];
    for (int b = 0; b < codes.blockCount(); b++) {
      IntBuffer block = codes.block(b);
      for (int o = 0, len = codes.blockLength(b); o < len; o++) {
        int code = block.get(o);
        if (code >= 0) c[code]++;
      }
    }
    return c;
  }
}
