package dev.holdout.audit;

import static dev.holdout.audit.Findings.pct;

import dev.holdout.base.Format;
import dev.holdout.data.Values;
import dev.holdout.metric.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Findings on the label column: rows without a label, labels that are not numbers (regression), one
 * class only or more than two for a binary task, classes too rare to evaluate, imbalance, and the
 * distribution (info). Also infers the task and the positive class when the suite does not say.
 */
final class LabelCheck {
  /** A class with fewer rows than this cannot be evaluated (a recall interval would be wider than +-0.18). */
  static final int RARE_BLOCKER = 10;
  /** A class with fewer rows than this gives wide intervals. */
  static final int RARE_WARNING = 30;
  /** Majority to minority ratio from which imbalance is a warning. */
  static final double IMBALANCE = 20;

  private LabelCheck() {}

  /** The task a label column suggests: numbers with more than 20 values are regression, two values binary, else multiclass. */
  static Task inferTask(ColumnProfile label) {
    if (label.type() == ColumnType.NUMERIC && label.distinct() > 20) return Task.REGRESSION;
    return label.distinct() <= 2 ? Task.BINARY_CLASSIFICATION : Task.MULTICLASS_CLASSIFICATION;
  }

  /** The positive class: {@code given}, else the first of 1, true, yes ... seen, else the last value in text order; null when none is seen. */
  static String positiveLabel(String given, List<String> seen) {
    if (given != null) return given;
    for (String p : List.of("1", "true", "yes", "True", "TRUE", "Yes", "YES", "positive", "pos")) if (seen.contains(p)) return p;
    return seen.isEmpty() ? null : new TreeSet<>(seen).last();
  }

  /**
   * Checks label column {@code label} of {@code rows} rows for {@code task}: {@code values} are the
   * label values seen and {@code counts} their rows; {@code profile} is the column's profile.
   */
  static AuditReport.Labels check(String label, Task task, ColumnProfile profile, List<String> values, long[] counts, Tally missing, long rows,
      Findings out) {
    if (missing.count() > 0) {
      out.add(Severity.BLOCKER, "labels.missing", label, missing.count() + " rows have no label (" + pct(missing.count() / (double) rows) + ")",
          missing.examples(), "link these rows to their outcomes or remove them; holdout evaluate refuses rows without a label");
    }
    if (task == Task.REGRESSION) {
      if (profile.nonNumeric() > 0) {
        out.add(Severity.BLOCKER, "labels.not_numbers", label, profile.nonNumeric() + " labels are not numbers, first '" + profile.firstMinorityValue()
            + "' at " + profile.firstMinorityPosition(), List.of(), "fix the labels: a regression label must be a number");
      }
      return new AuditReport.Labels(missing.count(), List.of(), null, List.of());
    }
    long present = rows - missing.count();
    List<ColumnProfile.Category> classes = new ArrayList<>();
    for (int c = 0; c < values.size(); c++) classes.add(new ColumnProfile.Category(values.get(c), counts[c], counts[c] / (double) Math.max(1, present)));
    classes.sort((a, b) -> Long.compare(b.count(), a.count()));
    Double ratio = null;
    List<String> rare = new ArrayList<>();
    if (!classes.isEmpty()) {
      ratio = classes.get(0).count() / (double) classes.get(classes.size() - 1).count();
      if (classes.size() == 1) {
        out.add(Severity.BLOCKER, "labels.one_class", label, "every labeled row has the label '" + classes.get(0).value() + "'", List.of(),
            "add rows of the other classes: with one class, roc_auc, precision and recall are undefined");
      }
      if (task == Task.BINARY_CLASSIFICATION && classes.size() > 2) {
        out.add(Severity.BLOCKER, "labels.not_binary", label, "a binary task needs two label values, found " + classes.size() + ": "
            + Values.sample(classes.stream().limit(Findings.EXAMPLES).map(ColumnProfile.Category::value).toList(), classes.size()), List.of(),
            "fix the labels or use task multiclass_classification");
      }
      for (ColumnProfile.Category c : classes) {
        if (c.count() < RARE_BLOCKER) {
          rare.add(c.value());
          out.add(Severity.BLOCKER, "labels.rare_class", label, "class '" + c.value() + "' has " + c.count() + " rows, fewer than " + RARE_BLOCKER,
              List.of(), "collect more rows of this class or merge it; no metric of it can be judged");
        } else if (c.count() < RARE_WARNING) {
          rare.add(c.value());
          out.add(Severity.WARNING, "labels.rare_class", label, "class '" + c.value() + "' has " + c.count() + " rows, fewer than " + RARE_WARNING,
              List.of(), "collect more rows of this class: its recall interval will be wider than +-0.18");
        }
      }
      if (classes.size() > 1 && ratio >= IMBALANCE) {
        out.add(Severity.WARNING, "labels.imbalance", label, "the largest class is " + Format.number(ratio) + " times the smallest", List.of(),
            "prefer average_precision, recall and balanced_accuracy to accuracy in the suite");
      }
      out.add(Severity.INFO, "labels.distribution", label, "label distribution: " + String.join(", ",
          classes.stream().limit(10).map(c -> c.value() + " " + c.count() + " (" + pct(c.share()) + ")").toList()), List.of(), "none");
    }
    return new AuditReport.Labels(missing.count(), classes, ratio, rare);
  }
}
