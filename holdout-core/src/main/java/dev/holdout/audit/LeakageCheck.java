package dev.holdout.audit;

import static dev.holdout.audit.Findings.pct;

import dev.holdout.base.Format;
import dev.holdout.data.Dictionary;
import dev.holdout.metric.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Findings of features that give the label away, each a blocker, on the {@link LeakageSample}: a
 * numeric feature that alone separates a binary label (roc_auc or its reverse at least {@link
 * Leakage#THRESHOLD}) or correlates with a regression label as strongly; a many-valued category
 * whose values' positive rates, learnt on half the rows, score the other half as well; a column
 * whose values (missing among them) each go with one label; and (a warning) a column named like the
 * label. Columns are checked on every core; findings come in column order.
 */
final class LeakageCheck {
  private LeakageCheck() {}

  /**
   * Checks the sample's features {@code names} (with their {@code profiles}, in the sample's order)
   * against the label {@code label}, whose values are {@code labelValues} (the sample's label codes
   * index them) and whose positive class is {@code positive} (null for none).
   */
  static void check(LeakageSample sample, List<String> names, List<ColumnProfile> profiles, Task task, List<String> labelValues, String positive,
      String label, Findings out) {
    int n = sample.size();
    int[] labels = sample.labels();
    int posCode = positive == null ? -1 : labelValues.indexOf(positive);
    boolean[] pos = new boolean[n];
    double[] labelNum = new double[n];
    long labeled = 0;
    for (int i = 0; i < n; i++) {
      pos[i] = labels[i] == posCode;
      labelNum[i] = labels[i] < 0 ? Double.NaN : ColumnProfiler.parse(labelValues.get(labels[i]));
      if (labels[i] >= 0) labeled++;
    }
    Labels y = new Labels(labels, pos, labelNum, labeled, posCode, labelValues.size());
    // columns are independent, so they are checked on every core; their findings are added in column order
    List<List<Finding>> found = IntStream.range(0, names.size()).parallel()
        .mapToObj(k -> column(sample.column(k), profiles.get(k), names.get(k), task, y, label))
        .toList();
    for (List<Finding> f : found) out.addAll(f);
  }

  /** The sample's labels as codes, positives, numbers; how many are present; the positive code and the number of label values. */
  private record Labels(int[] code, boolean[] positive, double[] number, long labeled, int positiveCode, int values) {}

  /** The leakage findings of one feature column, whose sampled values are {@code values}. */
  private static List<Finding> column(String[] values, ColumnProfile prof, String name, Task task, Labels y, String label) {
    int n = values.length;
    int[] labels = y.code();
    List<Finding> out = new ArrayList<>();
    // The labeled rows' values are dictionary-coded, so each distinct value is hashed and parsed once.
    // Once the labeled rows hold more than a tenth as many values as rows the column's mapping purity
    // is NaN (see Leakage.mappingPurity), so its coding stops and the rest is parsed row by row.
    // Unlabeled rows take part in no statistic; their values are parsed as they come.
    Dictionary dict = new Dictionary();
    int[] code = new int[n];
    double[] x = new double[n];
    int codedUpTo = n;
    boolean coded = true;
    for (int i = 0; i < n; i++) {
      String v = values[i];
      if (labels[i] < 0 || !coded) {
        x[i] = v == null ? Double.NaN : ColumnProfiler.parse(v);
        continue;
      }
      code[i] = v == null ? -1 : dict.code(v);
      if (dict.size() * 10L > y.labeled()) {
        coded = false;
        codedUpTo = i + 1;
      }
    }
    List<String> distinct = dict.values();
    double[] parsed = new double[distinct.size()];
    for (int d = 0; d < parsed.length; d++) parsed[d] = ColumnProfiler.parse(distinct.get(d));
    for (int i = 0; i < codedUpTo; i++) if (labels[i] >= 0) x[i] = code[i] < 0 ? Double.NaN : parsed[code[i]];
    boolean flagged = false;
    boolean numeric = prof.type() == ColumnType.NUMERIC || prof.type() == ColumnType.BOOLEAN;
    boolean binary = task == Task.BINARY_CLASSIFICATION && y.positiveCode() >= 0;
    if (numeric && binary) {
      int m = 0;
      double[] xs = new double[n];
      boolean[] ys = new boolean[n];
      for (int i = 0; i < n; i++) if (labels[i] >= 0) { xs[m] = x[i]; ys[m++] = y.positive()[i]; }
      double auc = Leakage.rocAuc(xs, ys, m);
      if (!Double.isNaN(auc) && Math.max(auc, 1 - auc) >= Leakage.THRESHOLD) {
        flagged = true;
        out.add(new Finding(Severity.BLOCKER, "leakage.separates", name, "column '" + name + "' alone separates the label: roc_auc "
            + Format.number(auc) + (auc < 0.5 ? " (reversed: " + Format.number(1 - auc) + ")" : "") + " on " + m + " rows",
            List.of(), "find out how it is recorded; if it is known only after the outcome, remove it from the inputs vendors see"));
      }
    } else if (numeric && task == Task.REGRESSION) {
      double r = Leakage.correlation(x, y.number(), n);
      if (!Double.isNaN(r) && Math.abs(r) >= Leakage.THRESHOLD) {
        flagged = true;
        out.add(new Finding(Severity.BLOCKER, "leakage.correlated", name, "column '" + name + "' has correlation " + Format.number(r) + " with the label",
            List.of(), "find out how it is recorded; if it is derived from the outcome, remove it from the inputs vendors see"));
      }
    }
    if (!flagged && !coded && binary && !numeric) {
      double auc = Leakage.outOfFoldAuc(values, labels, y.positive(), n);
      if (!Double.isNaN(auc) && auc >= Leakage.THRESHOLD) {
        flagged = true;
        out.add(new Finding(Severity.BLOCKER, "leakage.category_separates", name, "column '" + name + "' separates the label through its values: "
            + "each value's positive rate, learnt on half the rows, scores the other half at roc_auc " + Format.number(auc),
            List.of(), "find out how it is recorded; if its values are set after the outcome, remove it from the inputs vendors see"));
      }
    }
    if (!flagged && task != Task.REGRESSION && coded) {
      // missing is a value here: a field filled only after the outcome leaks through its absence
      int missingCode = distinct.size();
      for (int i = 0; i < n; i++) if (code[i] < 0) code[i] = missingCode;
      double purity = Leakage.mappingPurity(code, missingCode + 1, labels, n, y.values());
      if (!Double.isNaN(purity) && purity >= Leakage.THRESHOLD) {
        out.add(new Finding(Severity.BLOCKER, "leakage.mapping", name, "column '" + name + "' names the label: each of its values goes with one label in "
            + pct(purity) + " of rows", List.of(), "remove it from the inputs vendors see, or explain why it is known before the outcome"));
      }
    }
    if (Leakage.namedLike(name, label)) {
      out.add(new Finding(Severity.WARNING, "leakage.named_like_label", name, "column '" + name + "' is named like the label '" + label + "'", List.of(),
          "check it is not the outcome under another name, or derived from it"));
    }
    return out;
  }
}
