package dev.holdout.audit;

import dev.holdout.base.Format;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The findings of one audit, in the order the checks add them. Not thread-safe. */
final class Findings {
  /** Examples kept per finding. */
  static final int EXAMPLES = 5;

  private final List<Finding> list = new ArrayList<>();

  void add(Severity severity, String check, String column, String message, List<String> examples, String action) {
    list.add(new Finding(severity, check, column, message, examples, action));
  }

  void addAll(List<Finding> found) {
    list.addAll(found);
  }

  /** Every finding so far, in the order added. */
  List<Finding> all() {
    return List.copyOf(list);
  }

  /** Every finding, blockers first, then warnings, then info; in the order added within each. */
  List<Finding> bySeverity() {
    return list.stream().sorted(Comparator.comparing(Finding::severity)).toList();
  }

  /** A share as a percentage with two decimals: 0.0123 is "1.23%". */
  static String pct(double share) {
    return Format.percent(share);
  }
}
