package dev.holdout.audit;

import dev.holdout.data.Dictionary;
import java.util.List;

/**
 * Rows per group of each slice column and label: groups coded in order of first appearance (a
 * missing value is the group "(missing)"), counts in a hash table keyed by group and label code.
 * Memory: a few dozen bytes per group and label. Not thread-safe.
 */
final class SliceCounts {
  /** The group of rows whose slice value is missing. */
  static final String MISSING_GROUP = "(missing)";

  private final Dictionary[] groups;
  private final LongIntTable[] counts;

  SliceCounts(int slices) {
    groups = new Dictionary[slices];
    counts = new LongIntTable[slices];
    for (int k = 0; k < slices; k++) {
      groups[k] = new Dictionary();
      counts[k] = new LongIntTable(64);
    }
  }

  /** Counts row {@code row} in slice {@code k}'s group {@code group} (null: missing) with label code {@code label} (-1: missing). */
  void add(int k, CharSequence group, int label, int row) {
    counts[k].add(key(groups[k].code(group == null ? MISSING_GROUP : group), label), row);
  }

  /** Slice {@code k}'s groups, by code. */
  List<String> groups(int k) {
    return groups[k].values();
  }

  /** Rows of slice {@code k}'s group {@code group} (a code) with label code {@code label} (-1: missing). */
  long count(int k, int group, int label) {
    return counts[k].count(key(group, label));
  }

  private static long key(int group, int label) {
    return ((long) (group + 1) << 32) | (label + 1L);
  }
}
