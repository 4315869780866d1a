package dev.holdout.audit;

import dev.holdout.base.Format;
import dev.holdout.data.SliceGroups;
import dev.holdout.data.Values;
import dev.holdout.stats.Probability;
import dev.holdout.verdict.Criterion;
import java.util.ArrayList;
import java.util.List;

/**
 * Findings on slice groups too small for their criteria: each group needs z²·0.25 / w² rows (the
 * rows a proportion's interval of half-width w needs at worst, p = 0.5) at the suite's confidence,
 * with w = {@link #SLICE_HALF_WIDTH} or half the smallest max_gap criterion on the slice; positives
 * only when the slice's first criterion is on recall, negatives on specificity. A warning per slice.
 * A slice column of numbers with more than {@value SliceGroups#MAX_NUMERIC_GROUPS} values is a
 * blocker instead ({@link SliceGroups}): evaluation refuses it.
 */
final class SliceCheck {
  /** Interval half-width slice coverage aims at when no max_gap criterion asks for less. */
  static final double SLICE_HALF_WIDTH = 0.05;

  private SliceCheck() {}

  /**
   * Checks the groups of each slice in {@code slices} (the order of {@code counts}) against the
   * suite's {@code criteria} at {@code confidence}; {@code labels} label values were seen and
   * {@code positive} is the positive class's code (-1: none).
   */
  static List<AuditReport.SliceGroup> check(List<String> slices, List<Criterion> criteria, double confidence, SliceCounts counts, int labels,
      int positive, Findings out) {
    double z = Probability.normalQuantile(1 - (1 - confidence) / 2);
    List<AuditReport.SliceGroup> groups = new ArrayList<>();
    for (int k = 0; k < slices.size(); k++) {
      String slice = slices.get(k);
      double w = SLICE_HALF_WIDTH;
      String metric = null;
      for (Criterion c : criteria) {
        if (!slice.equals(c.slice())) continue;
        if (c.kind() == Criterion.Kind.MAX_GAP) w = Math.min(w, c.threshold() / 2);
        if (metric == null) metric = c.metric();
      }
      long needed = (long) Math.ceil(z * z * 0.25 / (w * w));
      boolean positives = positive >= 0 && "recall".equals(metric);
      boolean negatives = positive >= 0 && "specificity".equals(metric);
      List<String> values = counts.groups(k);
      String continuous = SliceGroups.continuous(slice, values, null);
      if (continuous != null) {
        out.add(Severity.BLOCKER, "slices.continuous", slice, continuous, values.stream().limit(Findings.EXAMPLES).toList(),
            "bin '" + slice + "' into a few ranges in a column of its own and name that column in data.slices; evaluate refuses this slice");
        continue;
      }
      List<String> small = new ArrayList<>();
      for (int g = 0; g < values.size(); g++) {
        long rows = 0;
        long counted = 0;
        for (int l = -1; l < labels; l++) {
          long c = counts.count(k, g, l);
          rows += c;
          if (positives ? l == positive : !negatives || l >= 0 && l != positive) counted += c;
        }
        boolean tooSmall = counted < needed;
        groups.add(new AuditReport.SliceGroup(slice, values.get(g), rows, counted, needed, tooSmall));
        if (tooSmall) small.add(values.get(g) + " (" + counted + ")");
      }
      if (!small.isEmpty()) {
        List<String> shown = small.stream().limit(Findings.EXAMPLES).toList();
        out.add(Severity.WARNING, "slices.too_small", slice, small.size() + " of " + values.size() + " '" + slice + "' groups have fewer than " + needed
            + (positives ? " positive" : negatives ? " negative" : "") + " rows, needed for a " + Format.plain(confidence * 100) + "% interval of half-width "
            + Format.plain(w) + ": " + Values.sample(shown, small.size()), shown,
            "collect more rows for these groups, merge them, or expect INCONCLUSIVE slice criteria");
      }
    }
    return groups;
  }
}
