package dev.holdout.monitor;

import dev.holdout.base.Missing;
import dev.holdout.data.Dictionary;
import dev.holdout.data.RecordReader;
import dev.holdout.drift.Profile;
import dev.holdout.evaluation.EvaluationSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

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
  private final Random coins;

  /** Profiles of the named columns per group of each slice; their numeric sketches flip coins from {@code coins}. */
  SliceProfiles(List<String> slices, List<String> names, boolean[] numeric, Random coins) {
    this.slices = List.copyOf(slices);
    this.names = names;
    this.numeric = numeric;
    this.coins = coins;
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
    if (code == list.size()) list.add(new Profile(names, numeric, coins));
    return list.get(code);
  }

  /**
   * Each slice's group profile for the reader's current row into {@code out}, with the row counted
   * in it: slice {@code s}'s value is in column {@code at[s]} (-1: none, the missing group); null
   * where the slice is not judged.
   */
  void groupsOf(RecordReader r, int[] at, Profile[] out) {
    for (int s = 0; s < out.length; s++) {
      CharSequence t = at[s] < 0 ? null : r.text(at[s]);
      out[s] = group(s, Missing.is(t) ? null : t);
      if (out[s] != null) out[s].row();
    }
  }

  /** Moves every group's pending values into its sketches. */
  void flush() {
    for (List<Profile> list : profiles) for (Profile p : list) p.flush();
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
