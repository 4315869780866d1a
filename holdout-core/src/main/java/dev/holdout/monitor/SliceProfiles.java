package dev.holdout.monitor;

import dev.holdout.data.Dictionary;
import dev.holdout.drift.Profile;
import dev.holdout.evaluation.EvaluationSet;
import java.util.ArrayList;
import java.util.List;

/**
 * One window's (or the reference's) profiles per group of each slice column, created as groups
 * appear, so a window's drift can be judged within each group. Memory: one {@link Profile} per
 * group seen; slice columns with more than {@value #MAX_GROUPS} groups in the reference are not
 * sliced. Not thread-safe.
 */
final class SliceProfiles {
  /** Slice columns with more groups than this in the reference are not judged per group. */
  static final int MAX_GROUPS = 50;

  final List<String> slices;
  private final List<String> names;
  private final boolean[] numeric;
  private final Dictionary[] groups;
  private final List<List<Profile>> profiles = new ArrayList<>();
  private final boolean[] tooMany;

  SliceProfiles(List<String> slices, List<String> names, boolean[] numeric) {
    this.slices = List.copyOf(slices);
    this.names = names;
    this.numeric = numeric;
    this.groups = new Dictionary[slices.size()];
    this.tooMany = new boolean[slices.size()];
    for (int s = 0; s < groups.length; s++) {
      groups[s] = new Dictionary();
      profiles.add(new ArrayList<>());
    }
  }

  /**
   * The profile of slice {@code s}'s group {@code value} (null: the missing group), created on first
   * use; null once the slice has more than {@value #MAX_GROUPS} groups (its profiles are dropped).
   */
  Profile group(int s, CharSequence value) {
    if (tooMany[s]) return null;
    int code = groups[s].code(value == null ? EvaluationSet.MISSING_GROUP : value);
    List<Profile> list = profiles.get(s);
    if (code >= MAX_GROUPS) {
      tooMany[s] = true;
      list.clear();
      return null;
    }
    if (code == list.size()) list.add(new Profile(names, numeric));
    return list.get(code);
  }

  /** False when slice {@code s} had too many groups to be judged per group. */
  boolean judged(int s) {
    return !tooMany[s];
  }

  /** Slice {@code s}'s groups in order of first appearance. */
  List<String> groups(int s) {
    return groups[s].values();
  }

  /** The profile of a group by name, or null when this side has no row of it. */
  Profile find(int s, String group) {
    int i = groups[s].values().indexOf(group);
    return i < 0 ? null : profiles.get(s).get(i);
  }
}
