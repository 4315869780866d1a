package dev.holdout.monitor;

import dev.holdout.base.HoldoutException;
import dev.holdout.data.Dictionary;
import dev.holdout.data.RecordReader;
import dev.holdout.data.Values;
import dev.holdout.metric.Task;
import java.util.Locale;
import java.util.Set;

/**
 * The outcomes of one monitoring run as numbers: for classification each label value's code (in
 * order of first appearance, at most two for a binary task, each marked positive or not), for
 * regression the value itself. The positive class is the suite's {@code data.positive}, else the
 * usual pairs 1/0, true/false, yes/no (1.0/0.0 too). Filled by the reading thread; the names of the
 * positive and negative class may be read from another.
 */
final class LabelCodes {
  private final Task task;
  private final String suitePositive;
  private final Dictionary labels = new Dictionary();
  /** Whether each label code (of at most two) is the positive class. */
  private final boolean[] positiveCode = new boolean[3];
  private int knownCodes;
  private volatile String positiveLabel;
  private volatile String negativeLabel;

  LabelCodes(Task task, String suitePositive) {
    this.task = task;
    this.suitePositive = suitePositive;
    this.positiveLabel = suitePositive;
  }

  /** A label's number: for classification its code (checked against the task), for regression its value. */
  double number(RecordReader r, int col, CharSequence text) {
    if (task == Task.REGRESSION) return Values.value(r, col, "the actual value (a number)");
    int code = labels.code(text);
    if (task == Task.BINARY_CLASSIFICATION) {
      if (labels.size() > 2) {
        throw new HoldoutException.BadData(Values.where(r, col) + ": label '" + text + "' makes a third value after " + labels.values().subList(0, 2)
            + ", but a binary suite needs two label values; fix the label or use task: multiclass_classification");
      }
      if (code >= knownCodes) {
        positiveCode[code] = positive(r, col, labels.values().get(code));
        knownCodes = code + 1;
      }
    }
    return code;
  }

  /** Whether a binary label is the positive one: data.positive, else the usual pairs (1/0, true/false, yes/no). */
  private boolean positive(RecordReader r, int col, String text) {
    boolean pos;
    if (suitePositive != null) {
      pos = text.equals(suitePositive);
    } else {
      String t = text.toLowerCase(Locale.ROOT);
      if (Set.of("1", "true", "yes", "1.0").contains(t)) pos = true;
      else if (Set.of("0", "false", "no", "0.0").contains(t)) pos = false;
      else throw new HoldoutException.BadData(Values.where(r, col) + ": cannot tell whether label '" + text
          + "' is the positive class; set data.positive in the suite");
    }
    if (pos && positiveLabel == null) positiveLabel = text;
    if (!pos && negativeLabel == null) negativeLabel = text;
    return pos;
  }

  /** Whether binary label code {@code code} is the positive class. */
  boolean isPositive(int code) {
    return positiveCode[code];
  }

  /** The label value of code {@code code}. */
  String value(int code) {
    return labels.values().get(code);
  }

  /** The positive class's name for the report: the first positive label seen, else "1". */
  String positiveName() {
    String p = positiveLabel;
    return p == null ? "1" : p;
  }

  /** The negative class's name for the report: the first negative label seen, else "0". */
  String negativeName() {
    String n = negativeLabel;
    return n == null ? "0" : n;
  }
}
