package dev.holdout.evaluation;

import dev.holdout.data.Dictionary;
import dev.holdout.data.RecordReader;
import dev.holdout.suite.Suite;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The slice columns and the data.group column of an evaluation set, read one record at a time
 * into codes and turned into sorted {@link EvaluationSet.Slice}s at the end; an empty value is
 * the group {@link EvaluationSet#MISSING_GROUP}. Not thread-safe.
 */
final class Groupings {
  private final Suite.Data spec;
  private final int[] columns;
  private final Dictionary[] codes;
  private int[][] rows;
  private int n;

  /** The grouping columns of {@code spec} in the reader's header (refused with advice when absent). */
  Groupings(RecordReader r, Suite.Data spec) {
    this.spec = spec;
    this.columns = EvaluationSet.groupingColumns(r, spec);
    this.codes = new Dictionary[columns.length];
    for (int s = 0; s < columns.length; s++) codes[s] = new Dictionary();
    this.rows = new int[columns.length][1 << 10];
  }

  /** Adds the reader's current record. */
  void read(RecordReader r) {
    if (n == (columns.length == 0 ? Integer.MAX_VALUE : rows[0].length)) {
      for (int s = 0; s < columns.length; s++) rows[s] = Arrays.copyOf(rows[s], n * 2);
    }
    for (int s = 0; s < columns.length; s++) {
      CharSequence g = r.text(columns[s]);
      rows[s][n] = codes[s].code(g == null ? EvaluationSet.MISSING_GROUP : g);
    }
    n++;
  }

  /** The slices of the rows read, data.slices first, then data.group when the suite has one. */
  List<EvaluationSet.Slice> slices() {
    List<EvaluationSet.Slice> out = new ArrayList<>();
    for (int s = 0; s < columns.length; s++) out.add(EvaluationSet.sorted(spec.groupingColumns().get(s), codes[s], rows[s], n));
    return List.copyOf(out);
  }
}
