package dev.holdout.drift;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;

/** Drift within each group of a categorical slice column: the other columns judged on the group's rows of both windows. */
final class DriftSlices {
  private DriftSlices() {}

  /** Every group of slice column {@code sc}: the other columns judged on the group's rows of both windows. */
  static Map<String, DriftReport.SliceGroup> groups(WindowColumns w, WindowColumns.Column sc, DriftSettings s) {
    Map<String, DriftReport.SliceGroup> out = new LinkedHashMap<>();
    List<String> groups = new ArrayList<>(sc.dictionary.values());
    List<String> sorted = new ArrayList<>(new TreeSet<>(groups));
    for (String group : sorted) {
      int code = groups.indexOf(group);
      int[] ref = rowsOf(sc.referenceCodes, code);
      int[] cur = rowsOf(sc.currentCodes, code);
      if (ref.length == 0 || cur.length == 0) {
        out.put(group, new DriftReport.SliceGroup(ref.length, cur.length, null, List.of(), null, null, null, List.of(),
            (ref.length == 0 ? "the reference" : "the current window") + " has no rows in this group; not judged"));
        continue;
      }
      List<WindowColumns.Column> cols = w.columns.stream().filter(c -> c != sc).toList();
      ColumnDrift[] judged = new ColumnDrift[cols.size()];
      IntStream.range(0, judged.length).parallel().forEach(i -> judged[i] = Drift.column(subset(cols.get(i), ref, cur), s));
      List<String> names = cols.stream().map(WindowColumns.Column::name).toList();
      DriftReport r = Drift.report(new DriftReport.Window("", ref.length), new DriftReport.Window("", cur.length), List.of(judged), names, null, null,
          s, List.of());
      List<String> drifted = new ArrayList<>();
      for (ColumnDrift c : r.columns()) if (Boolean.TRUE.equals(c.drifted())) drifted.add(c.column());
      out.put(group, new DriftReport.SliceGroup(ref.length, cur.length, r.verdict(), r.reasons(), r.featureColumns(), r.driftedFeatures(),
          List.copyOf(drifted), r.columns(), null));
    }
    return out;
  }

  private static int[] rowsOf(CodeColumn codes, int code) {
    int n = 0;
    for (int i = 0; i < codes.size(); i++) if (codes.get(i) == code) n++;
    int[] out = new int[n];
    n = 0;
    for (int i = 0; i < codes.size(); i++) if (codes.get(i) == code) out[n++] = i;
    return out;
  }

  /** Column {@code c} on the given rows of each window, its categories coded as in {@code c}. */
  private static WindowColumns.Column subset(WindowColumns.Column c, int[] ref, int[] cur) {
    WindowColumns.Column out = new WindowColumns.Column(c.name, c.numeric, c.dictionary);
    if (c.numeric) {
      double[] r = new double[ref.length];
      double[] q = new double[cur.length];
      for (int i = 0; i < ref.length; i++) if (Double.isNaN(r[i] = c.reference.get(ref[i]))) out.referenceMissing++;
      for (int i = 0; i < cur.length; i++) if (Double.isNaN(q[i] = c.current.get(cur[i]))) out.currentMissing++;
      out.reference = NumberColumn.of(r);
      out.current = NumberColumn.of(q);
    } else {
      int[] r = new int[ref.length];
      int[] q = new int[cur.length];
      for (int i = 0; i < ref.length; i++) if ((r[i] = c.referenceCodes.get(ref[i])) < 0) out.referenceMissing++;
      for (int i = 0; i < cur.length; i++) if ((q[i] = c.currentCodes.get(cur[i])) < 0) out.currentMissing++;
      out.referenceCodes = CodeColumn.of(r);
      out.currentCodes = CodeColumn.of(q);
    }
    out.typedAt = c.typedAt;
    return out;
  }
}
