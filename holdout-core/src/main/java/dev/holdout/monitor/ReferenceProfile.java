package dev.holdout.monitor;

import dev.holdout.base.HoldoutException;
import dev.holdout.base.Missing;
import dev.holdout.data.Decimals;
import dev.holdout.data.RecordReader;
import dev.holdout.data.RecordReaders;
import dev.holdout.data.Values;
import dev.holdout.drift.Profile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The reference a monitor compares every window with: its columns as sketches ({@link Profile}),
 * and per group of each categorical slice column. A column's type is its first non-missing value's:
 * a number makes it numeric, and every later value must be a number too; a column without values is
 * categorical (and reported as empty). Missing values are {@link Missing}'s. Read in two passes
 * (types, then values); memory is the sketches'.
 */
record ReferenceProfile(Profile profile, SliceProfiles slices) {

  /**
   * Streams {@code file} into a profile, leaving out the columns in {@code exclude}; slices are the
   * names in {@code sliceNames} that are categorical columns. Every numeric sketch flips its coins
   * from {@code coins}, in file order. Bad input throws {@link HoldoutException} naming the file,
   * line and column.
   */
  static ReferenceProfile read(Path file, Set<String> exclude, List<String> sliceNames, Random coins) {
    List<String> names = new ArrayList<>();
    List<Integer> index = new ArrayList<>();
    try (RecordReader r = RecordReaders.open(file)) {
      List<String> header = r.header();
      for (int i = 0; i < header.size(); i++) {
        if (exclude.contains(header.get(i))) continue;
        if (names.contains(header.get(i))) {
          throw new HoldoutException.BadData(file + ": column '" + header.get(i) + "' appears twice in the header; rename one so each column name is unique");
        }
        names.add(header.get(i));
        index.add(i);
      }
    }
    if (names.isEmpty()) throw new HoldoutException.BadData(file + ": no columns to monitor after leaving out " + exclude);
    int n = names.size();
    int[] cols = index.stream().mapToInt(Integer::intValue).toArray();
    String[] typedAt = new String[n];
    boolean[] numeric = types(file, cols, typedAt);
    Profile p = new Profile(names, numeric, coins);
    List<String> sliced = sliceNames.stream().filter(sl -> names.contains(sl) && !numeric[names.indexOf(sl)]).toList();
    SliceProfiles slices = new SliceProfiles(sliced, names, numeric, coins);
    int[] sliceAt = sliced.stream().mapToInt(sl -> cols[names.indexOf(sl)]).toArray();
    Profile[] groups = new Profile[sliceAt.length];
    try (RecordReader r = RecordReaders.open(file)) {
      while (r.next()) {
        p.row();
        slices.groupsOf(r, sliceAt, groups);
        for (int i = 0; i < n; i++) {
          if (!add(p, groups, i, r.text(cols[i]))) {
            throw new HoldoutException.BadData(Values.where(r, cols[i]) + ": expected a number, found '" + r.text(cols[i])
                + "'; the column is numeric from its first value (" + typedAt[i] + "); fix the value, or leave it empty for a missing value");
          }
        }
      }
    }
    if (p.rows() == 0) throw new HoldoutException.BadData(file + ": the reference has a header but no rows; monitoring needs reference rows");
    // flushed here, on the thread that drew the coins so far: the judging thread only reads
    p.flush();
    slices.flush();
    return new ReferenceProfile(p, slices);
  }

  /** Each column's type from its first non-missing value (numeric when it is a number), with where that value is. */
  private static boolean[] types(Path file, int[] cols, String[] typedAt) {
    int n = cols.length;
    boolean[] numeric = new boolean[n];
    boolean[] typed = new boolean[n];
    int untyped = n;
    try (RecordReader r = RecordReaders.open(file)) {
      while (untyped > 0 && r.next()) {
        for (int i = 0; i < n; i++) {
          if (typed[i]) continue;
          CharSequence t = r.text(cols[i]);
          if (Missing.is(t)) continue;
          numeric[i] = !Double.isNaN(number(t));
          typed[i] = true;
          typedAt[i] = r.position();
          untyped--;
        }
      }
    }
    return numeric;
  }

  /**
   * Adds the text {@code t} of column {@code i} (missing when {@link Missing#is}) to {@code profile}
   * and to the non-null {@code groups}; false, adding nothing, when the column is numeric and
   * {@code t} is not a number.
   */
  static boolean add(Profile profile, Profile[] groups, int i, CharSequence t) {
    if (Missing.is(t)) t = null;
    if (!profile.numeric(i)) {
      profile.add(i, t);
      for (Profile g : groups) if (g != null) g.add(i, t);
      return true;
    }
    double v = Double.NaN;
    if (t != null) {
      v = number(t);
      if (Double.isNaN(v)) return false;
    }
    profile.add(i, v);
    for (Profile g : groups) if (g != null) g.add(i, v);
    return true;
  }

  /** A finite number, or NaN when {@code t} is not one. */
  static double number(CharSequence t) {
    try {
      double v = Decimals.parse(t);
      return Double.isFinite(v) ? v : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** Which of the profile's columns are numeric. */
  boolean[] numericFlags() {
    boolean[] out = new boolean[profile.names().size()];
    for (int i = 0; i < out.length; i++) out[i] = profile.numeric(i);
    return out;
  }
}
