package dev.holdout.audit;

import static dev.holdout.audit.Findings.pct;

import dev.holdout.base.Format;
import dev.holdout.base.Missing;
import dev.holdout.data.RecordReader;
import dev.holdout.data.RecordReaders;
import dev.holdout.drift.IdColumns;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows that are not independent: several rows of one entity (a column named like an id whose
 * values repeat: question_id, customer_id) and inputs repeated exactly or nearly (Jaccard similarity
 * of word shingles at least {@value #NEAR_DUPLICATE}) within the evaluation set. Each grouping gets
 * Kish's design effect (Survey Sampling, 1965), deff = 1 + (m − 1)·ρ, with m = Σ size² / rows the
 * size-weighted mean group size and ρ the intraclass correlation of the label (one-way ANOVA
 * estimator, clipped to [0, 1]) when the label is a number or binary, else ρ = 1 (rows of a group
 * taken as alike: the effective rows are then about the number of groups); the effective independent
 * rows are rows / deff. Without data.group a repeating entity or repeated inputs are a warning that
 * recommends {@code data.group}; with it, an info line states the groups. Near-duplicates are
 * looked for in the first {@value #NEAR_MAX_ROWS} rows (the index holds their shingles).
 */
final class RepeatsCheck {
  /** Jaccard similarity of word shingles from which two rows' inputs are near-duplicates. */
  static final double NEAR_DUPLICATE = 0.8;
  /** Rows indexed for near-duplicates; beyond, only exact repeats are counted. */
  static final int NEAR_MAX_ROWS = 200_000;
  /** A design effect below this is not worth a finding. */
  static final double NOTABLE = 1.1;

  private RepeatsCheck() {}

  /**
   * Reads {@code data} once more and checks it; {@code group} is the suite's data.group (or null),
   * {@code positive} the positive label of a binary task (or null).
   */
  static AuditReport.Repeats check(Path data, List<String> header, int idCol, int labelCol, int timeCol, String group, String positive,
      Findings out) {
    int cols = header.size();
    List<Integer> entity = new ArrayList<>();
    List<Integer> inputs = new ArrayList<>();
    for (int c = 0; c < cols; c++) {
      if (c == idCol || c == labelCol || c == timeCol) continue;
      if (header.get(c).equals(group) || IdColumns.looksNamedLikeId(header.get(c))) entity.add(c);
      else inputs.add(c);
    }
    List<Map<String, Integer>> codes = new ArrayList<>();
    List<int[]> codeOf = new ArrayList<>();
    for (int k = 0; k < entity.size(); k++) codes.add(new HashMap<>());
    Map<Long, Integer> exact = new HashMap<>();
    UnionFind clusters = new UnionFind();
    LshIndexed near = new LshIndexed();
    double[] label = new double[1024];
    boolean numericLabel = labelCol >= 0;
    List<String> labels = new ArrayList<>();
    int n = 0;
    long exactRepeats = 0;
    try (RecordReader r = RecordReaders.open(data)) {
      while (r.next()) {
        if (n == label.length) label = Arrays.copyOf(label, n * 2);
        for (int k = 0; k < entity.size(); k++) {
          if (codeOf.size() <= k) codeOf.add(new int[1024]);
          int[] of = codeOf.get(k);
          if (n == of.length) codeOf.set(k, of = Arrays.copyOf(of, n * 2));
          CharSequence v = r.text(entity.get(k));
          String key = v == null || Missing.is(v) ? "\u0000" + n : v.toString();  // a missing entity is its own
          Map<String, Integer> m = codes.get(k);
          Integer code = m.putIfAbsent(key, m.size());
          of[n] = code == null ? m.size() - 1 : code;
        }
        StringBuilder in = new StringBuilder();
        for (int c : inputs) {
          CharSequence v = r.text(c);
          in.append(v == null ? "" : v).append('\u001f');
        }
        String text = in.toString();
        clusters.add();
        Integer first = exact.putIfAbsent(Hashing.of(text), n);
        if (first != null) {
          exactRepeats++;
          clusters.union(first, n);
        } else if (n < NEAR_MAX_ROWS) {
          int similar = near.offer(n, text, NEAR_DUPLICATE);
          if (similar >= 0) clusters.union(similar, n);
        }
        if (labelCol >= 0) {
          CharSequence v = r.text(labelCol);
          String s = v == null ? null : v.toString();
          labels.add(s);
          label[n] = s == null ? Double.NaN : parse(s);
          if (s != null && Double.isNaN(label[n])) numericLabel = false;
        }
        n++;
      }
    }
    double[] y = null;
    if (numericLabel) y = Arrays.copyOf(label, n);
    else if (positive != null) {
      y = new double[n];
      for (int i = 0; i < n; i++) y[i] = labels.get(i) == null ? Double.NaN : labels.get(i).equals(positive) ? 1 : 0;
    }
    List<AuditReport.Grouping> groupings = new ArrayList<>();
    for (int k = 0; k < entity.size(); k++) {
      String name = header.get(entity.get(k));
      AuditReport.Grouping g = grouping(name, name.equals(group) ? "data.group" : "named like an id", codeOf.get(k), n, y);
      if (g.groups() < n) groupings.add(g);
    }
    int[] cluster = clusters.roots(n);
    AuditReport.Grouping repeated = grouping("(inputs)", "repeated or near-duplicate inputs", cluster, n, null);
    long nearRows = n - repeated.groups() - exactRepeats;
    report(groupings, repeated, exactRepeats, nearRows, n, group, out);
    return new AuditReport.Repeats(group, groupings, exactRepeats, nearRows, repeated.groups(), repeated.designEffect(), repeated.effectiveRows());
  }

  private static void report(List<AuditReport.Grouping> groupings, AuditReport.Grouping repeated, long exactRepeats, long nearRows, int n,
      String group, Findings out) {
    AuditReport.Grouping declared = groupings.stream().filter(g -> g.column().equals(group)).findFirst().orElse(null);
    if (declared != null) {
      out.add(Severity.INFO, "rows.grouped", group, describe(declared, n) + "; intervals, paired tests and rows-needed resample the groups",
          List.of(), "nothing to do: data.group is set");
    }
    if (group == null) {
      AuditReport.Grouping worst = groupings.stream().max(Comparator.comparingDouble(AuditReport.Grouping::designEffect)).orElse(null);
      if (worst != null && worst.designEffect() >= NOTABLE) {
        out.add(Severity.WARNING, "rows.repeated_entity", worst.column(), describe(worst, n), List.of(),
            "set data.group: " + worst.column() + " in the suite: intervals, paired tests and rows-needed then resample "
                + worst.column() + " values, not rows (intervals on rows are too narrow)");
      }
    }
    if (exactRepeats + nearRows > 0 && repeated.designEffect() >= NOTABLE && group == null) {
      out.add(Severity.WARNING, "rows.repeated_inputs", null, Format.count(exactRepeats) + " rows repeat another row's inputs exactly and "
          + Format.count(nearRows) + " nearly (Jaccard >= " + NEAR_DUPLICATE + " over word shingles): " + Format.count(n) + " rows are "
          + Format.count(repeated.groups()) + " distinct inputs, about " + Format.count(Math.round(repeated.effectiveRows()))
          + " independent rows (design effect " + Format.score(repeated.designEffect()) + ")", List.of(),
          "if they are one case asked several ways, give each case an id in a column and set data.group to it; if they are copies, remove them");
    }
  }

  private static String describe(AuditReport.Grouping g, int n) {
    return Format.count(n) + " rows are " + Format.count(g.groups()) + " '" + g.column() + "' values (up to " + Format.count(g.largest())
        + " rows each, " + pct(1 - g.groups() / (double) n) + " of rows repeat an earlier value): about " + Format.count(Math.round(g.effectiveRows()))
        + " independent rows, design effect " + Format.score(g.designEffect()) + " (Kish 1965, "
        + (g.intraclassCorrelation() == null ? "rows of one group taken as alike" : "label intraclass correlation " + Format.score(g.intraclassCorrelation()))
        + ")";
  }

  /** A grouping of {@code n} rows by code, with its design effect; {@code y} the label as numbers for the intraclass correlation, or null. */
  static AuditReport.Grouping grouping(String column, String source, int[] code, int n, double[] y) {
    Map<Integer, int[]> sizes = new HashMap<>();
    for (int i = 0; i < n; i++) sizes.computeIfAbsent(code[i], c -> new int[1])[0]++;
    double sumSq = 0;
    int largest = 0;
    for (int[] s : sizes.values()) {
      sumSq += (double) s[0] * s[0];
      largest = Math.max(largest, s[0]);
    }
    double m = n == 0 ? 1 : sumSq / n;
    Double rho = y == null ? null : icc(code, y, n);
    double deff = 1 + (m - 1) * (rho == null ? 1 : rho);
    return new AuditReport.Grouping(column, source, sizes.size(), largest, m, rho, deff, n / deff);
  }

  /**
   * The one-way ANOVA estimate of the intraclass correlation (rows with a label only), clipped to
   * [0, 1]: (MSB − MSW) / (MSB + (m0 − 1)·MSW), m0 = (N − Σ size² / N) / (k − 1). Null when it
   * cannot be estimated (fewer than two groups, or no repeats).
   */
  static Double icc(int[] code, double[] y, int n) {
    Map<Integer, double[]> g = new HashMap<>();
    double total = 0;
    int count = 0;
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(y[i])) continue;
      double[] s = g.computeIfAbsent(code[i], c -> new double[3]);
      s[0]++;
      s[1] += y[i];
      s[2] += y[i] * y[i];
      total += y[i];
      count++;
    }
    int k = g.size();
    if (k < 2 || count <= k) return null;
    double mean = total / count;
    double ssb = 0;
    double ssw = 0;
    double sumSq = 0;
    for (double[] s : g.values()) {
      double mi = s[1] / s[0];
      ssb += s[0] * (mi - mean) * (mi - mean);
      ssw += s[2] - s[0] * mi * mi;
      sumSq += s[0] * s[0];
    }
    double msb = ssb / (k - 1);
    double msw = Math.max(0, ssw) / (count - k);
    double m0 = (count - sumSq / count) / (k - 1);
    double denominator = msb + (m0 - 1) * msw;
    if (!(denominator > 0)) return msb > 0 ? 1.0 : 0.0;
    return Math.max(0, Math.min(1, (msb - msw) / denominator));
  }

  private static double parse(String s) {
    try {
      return Double.parseDouble(s.strip());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** Near-duplicate lookup over the rows indexed so far: their shingles in an {@link LshIndex}. */
  private static final class LshIndexed {
    private final LshIndex index = new LshIndex(1024);
    private final List<Integer> rowOf = new ArrayList<>();

    /** The most similar earlier indexed row at or above {@code threshold} (or -1); then indexes {@code row}. */
    int offer(int row, String text, double threshold) {
      long[] sh = MinHash.shingles(text);
      if (sh.length == 0) return -1;
      LshIndex.Match m = index.best(sh, threshold);
      index.add(sh);
      rowOf.add(row);
      return m == null ? -1 : rowOf.get(m.item());
    }
  }

  /** Disjoint sets of rows, with path halving. */
  private static final class UnionFind {
    private int[] parent = new int[1024];
    private int n;

    void add() {
      if (n == parent.length) parent = Arrays.copyOf(parent, n * 2);
      parent[n] = n;
      n++;
    }

    int find(int x) {
      while (parent[x] != x) x = parent[x] = parent[parent[x]];
      return x;
    }

    void union(int a, int b) {
      parent[find(b)] = find(a);
    }

    int[] roots(int count) {
      int[] out = new int[count];
      for (int i = 0; i < count; i++) out[i] = find(i);
      return out;
    }
  }
}
