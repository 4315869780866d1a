package dev.holdout.evaluation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The periods of a forecasting suite: every distinct value of the time column in the history and
 * the evaluation set, in order, each one period after the one before. Values that are all numbers
 * are ordered as numbers (so 9 comes before 10, and 52 and 52.0 are one period); otherwise as text,
 * which orders ISO dates (2024-03-04) and weeks (2024-W09) correctly. A period that no file has is
 * not counted: with weekly data, a week missing from every series shifts the season by one.
 * Immutable.
 */
final class Periods {
  private final boolean numeric;
  private final Map<String, Integer> index;
  private final List<String> labels;

  private Periods(boolean numeric, Map<String, Integer> index, List<String> labels) {
    this.numeric = numeric;
    this.index = index;
    this.labels = labels;
  }

  /** The periods of the given time values (any order, repeats allowed). */
  static Periods of(Collection<String> times) {
    Set<String> distinct = new LinkedHashSet<>();
    for (String t : times) distinct.add(t.strip());
    boolean numeric = !distinct.isEmpty() && distinct.stream().allMatch(Periods::isNumber);
    Map<String, String> byKey = new HashMap<>();
    for (String t : distinct) byKey.putIfAbsent(key(t, numeric), t);
    List<String> keys = new ArrayList<>(byKey.keySet());
    keys.sort(numeric ? Comparator.comparingDouble(Double::parseDouble) : Comparator.naturalOrder());
    Map<String, Integer> index = new HashMap<>();
    List<String> labels = new ArrayList<>();
    for (String k : keys) {
      index.put(k, labels.size());
      labels.add(byKey.get(k));
    }
    return new Periods(numeric, index, List.copyOf(labels));
  }

  /** The index of a time value, or -1 when no file has it. */
  int indexOf(String time) {
    String t = time.strip();
    if (numeric && !isNumber(t)) return -1;
    Integer i = index.get(key(t, numeric));
    return i == null ? -1 : i;
  }

  /** The period at {@code index} as first written. */
  String label(int index) {
    return labels.get(index);
  }

  int size() {
    return labels.size();
  }

  private static String key(String t, boolean numeric) {
    return numeric ? Double.toString(Double.parseDouble(t)) : t;
  }

  private static boolean isNumber(String t) {
    if (t.isEmpty()) return false;
    try {
      return Double.isFinite(Double.parseDouble(t));
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
