package dev.holdout.audit;

import java.util.ArrayList;
import java.util.List;

/** A count of rows with something to report, with the first {@link Findings#EXAMPLES} of them as examples. Not thread-safe. */
final class Tally {
  private long count;
  private final List<String> examples = new ArrayList<>();

  /** Counts one more row; true when its example is still wanted (then give it to {@link #example}). */
  boolean add() {
    return count++ < Findings.EXAMPLES;
  }

  /** Counts one more row with its example, kept while fewer than {@link Findings#EXAMPLES} are. */
  void add(String example) {
    if (add()) examples.add(example);
  }

  /** The example of the row just counted. */
  void example(String example) {
    examples.add(example);
  }

  long count() {
    return count;
  }

  List<String> examples() {
    return List.copyOf(examples);
  }
}
