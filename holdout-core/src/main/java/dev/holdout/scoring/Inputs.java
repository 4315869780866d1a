package dev.holdout.scoring;

import dev.holdout.data.RecordReader;
import dev.holdout.data.RecordReaders;
import dev.holdout.data.Values;
import dev.holdout.suite.Suite;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The evaluation inputs as a model or an endpoint sees them: the set without its labels. Read once,
 * in file order, with the ids that join the answers back to the labels.
 */
public final class Inputs {
  private Inputs() {}

  /** Numeric columns, row-major: {@code values[row * columns.size() + c]}. */
  public record Numeric(String[] ids, List<String> columns, double[] values) {
    public int rows() {
      return ids.length;
    }
  }

  /** Columns as text (null when missing), for a JSON request; numbers are sent as numbers. */
  public record Text(String[] ids, List<String> columns, String[][] rows) {}

  /**
   * The default model features: every column but the id, the label, the slice columns and a
   * baseline column, in file order.
   */
  public static List<String> defaultFeatures(Suite suite) {
    try (RecordReader r = RecordReaders.open(suite.data().path())) {
      List<String> out = new ArrayList<>();
      for (String c : r.header()) {
        if (c.equals(suite.data().id()) || c.equals(suite.data().label()) || suite.data().slices().contains(c)) continue;
        if (c.equals(suite.baseline().column())) continue;
        out.add(c);
      }
      return out;
    }
  }

  /** Every column but the label, for an endpoint that sees what a vendor may see. */
  public static List<String> withoutLabel(Suite suite) {
    try (RecordReader r = RecordReaders.open(suite.data().path())) {
      return r.header().stream().filter(c -> !c.equals(suite.data().label())).toList();
    }
  }

  /** The named columns as numbers; a missing or non-numeric value is bad data naming its line and column. */
  public static Numeric numeric(Suite suite, List<String> columns) {
    try (RecordReader r = RecordReaders.open(suite.data().path())) {
      int idCol = Values.column(r, suite.data().id(), "data.id in the suite");
      int[] cols = new int[columns.size()];
      for (int c = 0; c < cols.length; c++) cols[c] = Values.column(r, columns.get(c), "a model input column");
      int k = cols.length;
      String[] ids = new String[1024];
      double[] values = new double[1024 * Math.max(1, k)];
      int n = 0;
      while (r.next()) {
        if (n == ids.length) {
          ids = Arrays.copyOf(ids, n * 2);
          values = Arrays.copyOf(values, n * 2 * Math.max(1, k));
        }
        ids[n] = Values.required(r, idCol, "an id");
        for (int c = 0; c < k; c++) values[n * k + c] = Values.number(r, cols[c], "a number for the model's input (every row needs one)");
        n++;
      }
      return new Numeric(Arrays.copyOf(ids, n), List.copyOf(columns), Arrays.copyOf(values, n * k));
    }
  }
}
