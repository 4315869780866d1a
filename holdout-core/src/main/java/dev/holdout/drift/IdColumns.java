package dev.holdout.drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Columns that look like row ids, left out of drift when no suite names the ids: an id is new in
 * every row, so its distribution always "drifts" (a Jensen-Shannon distance at its maximum) and
 * would flip the verdict while saying nothing about the data. A column looks like an id when it is
 * named like one ({@code id}, {@code uuid}, {@code customer_id}, {@code customerId}, {@code ticket-ID})
 * or when every one of its values, over both windows, is distinct: text, or whole numbers, with at
 * least {@value #MIN_VALUES} values. A continuous measurement (decimals) is never taken for an id.
 */
public final class IdColumns {
  /** Fewer values than this prove nothing by being distinct. */
  static final int MIN_VALUES = 20;

  private static final Pattern NAMED = Pattern.compile(
      "(?i:id|uuid|guid)|.*[_\\-. ](?i:id|uuid|guid)|.*[a-z0-9](Id|ID|Uuid|UUID)");

  private IdColumns() {}

  /** Each id-like feature column (not the label or a prediction) and why, in the windows' order. */
  static Map<String, String> find(WindowColumns w, DriftSettings s) {
    Map<String, String> out = new LinkedHashMap<>();
    for (WindowColumns.Column c : w.columns) {
      if (!Drift.role(c.name, s).equals("feature")) continue;
      if (looksNamedLikeId(c.name)) out.put(c.name, "named like an id");
      else if (allDistinct(c)) out.put(c.name, "every value distinct");
    }
    return out;
  }

  /** Whether {@code name} reads like an id column: id, uuid, customer_id, customerId, ticket-ID. */
  public static boolean looksNamedLikeId(String name) {
    return NAMED.matcher(name).matches();
  }

  /** A note per column left out, for the report. */
  static List<String> notes(Map<String, String> ids) {
    List<String> out = new ArrayList<>();
    ids.forEach((name, why) -> out.add("column '" + name + "' looks like an id (" + why + "): left out of drift, not judged as a feature; "
        + "name it in --exclude, or give a suite whose data.id names the ids"));
    return out;
  }

  static boolean allDistinct(WindowColumns.Column c) {
    if (!c.numeric) {
      long present = c.referenceCodes.size() - c.referenceMissing + c.currentCodes.size() - c.currentMissing;
      return present >= MIN_VALUES && c.dictionary.size() == present;
    }
    double[] a = c.reference.toArray();
    double[] b = c.current.toArray();
    double[] all = new double[a.length + b.length];
    int n = 0;
    for (double[] side : List.of(a, b)) {
      for (double v : side) {
        if (Double.isNaN(v)) continue;
        if (v != Math.rint(v)) return false;  // a decimal: a measurement, not an id
        all[n++] = v;
      }
    }
    if (n < MIN_VALUES) return false;
    double[] sorted = Arrays.copyOf(all, n);
    Arrays.sort(sorted);
    for (int i = 1; i < n; i++) if (sorted[i] == sorted[i - 1]) return false;
    return true;
  }
}
