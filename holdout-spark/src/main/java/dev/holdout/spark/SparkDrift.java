package dev.holdout.spark;

import static org.apache.spark.sql.functions.col;

import dev.holdout.base.HoldoutException;
import dev.holdout.base.Missing;
import dev.holdout.drift.DriftReport;
import dev.holdout.drift.DriftSettings;
import dev.holdout.drift.IdColumns;
import dev.holdout.drift.Profile;
import dev.holdout.drift.SketchDrift;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code holdout drift} on Spark: both windows are read as DataFrames where they are, each
 * partition is parsed into compact columns ({@link WindowPart}: numbers as arrays, categories as
 * counts), and the driver folds the parts, one partition at a time, into holdout-core's mergeable
 * {@link Profile}s and judges them with {@link SketchDrift}, the code {@code holdout monitor} uses.
 * So per-column figures are the single-JVM engine's exactly wherever the sketches still hold every
 * value (a numeric column of up to about 4,000 values per window, a categorical column of up to
 * 1,000 categories at any size), and otherwise sketched within the errors docs/drift.md states,
 * marked {@code "computed": "sketch"}. Column types follow holdout-core's rule (a column's first
 * non-missing reference value decides), as do the id columns left out without a suite.
 *
 * <p>Not on Spark: the domain classifier (it needs rows; the report says so) and drift per slice
 * (a note says so).
 */
public final class SparkDrift {
  private SparkDrift() {}

  /** Judges on a session of its own at {@code master}, stopped afterwards: the entry point of {@code holdout drift --engine spark}. */
  public static DriftReport onMaster(String master, String reference, String current, DriftSettings settings, List<String> slices) {
    SparkSession spark = Sessions.start(master);
    try {
      return judge(spark, reference, current, settings, slices);
    } finally {
      spark.stop();
    }
  }

  /**
   * The drift report of the window at {@code current} against the one at {@code reference} (paths
   * or Hadoop URLs); {@code slices}: the suite's slice columns, which this engine does not judge
   * apart (a note says so). Bad input throws the {@link HoldoutException} of {@code holdout drift}.
   */
  public static DriftReport judge(SparkSession spark, String reference, String current, DriftSettings settings, List<String> slices) {
    try {
      return run(spark, reference, current, settings, slices);
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof HoldoutException h) throw h;
      }
      throw e;
    }
  }

  private static DriftReport run(SparkSession spark, String reference, String current, DriftSettings s, List<String> slices) {
    Dataset<Row> refFile = Tables.read(spark, reference);
    Dataset<Row> curFile = Tables.read(spark, current);
    List<String> refHeader = List.of(refFile.columns());
    List<String> curHeader = List.of(curFile.columns());
    Set<String> exclude = new HashSet<>(s.exclude());
    List<String> missingInCurrent = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String c : refHeader) {
      if (exclude.contains(c)) continue;
      if (curHeader.contains(c)) names.add(c);
      else if (!c.equals(s.label())) missingInCurrent.add(c);
    }
    if (!missingInCurrent.isEmpty()) {
      throw new HoldoutException.BadData(current + ": no column " + quoted(missingInCurrent) + ", which the reference " + reference
          + " has; both windows need the same columns (or leave a column out with --exclude)");
    }
    List<String> missingInReference = curHeader.stream().filter(c -> !exclude.contains(c) && !refHeader.contains(c)).toList();
    if (!missingInReference.isEmpty()) {
      throw new HoldoutException.BadData(reference + ": no column " + quoted(missingInReference) + ", which the current window " + current
          + " has; both windows need the same columns (or leave a column out with --exclude)");
    }
    Dataset<Row> ref = refFile.select(texts(names));
    Dataset<Row> cur = curFile.select(texts(names));
    int k = names.size();

    // types: each column's first non-missing value, the reference's first, in file order
    String[] refFirst = firsts(ref, k);
    String[] curFirst = firsts(cur, k);
    boolean[] numeric = new boolean[k];
    String[] typedBy = new String[k];
    for (int c = 0; c < k; c++) {
      String first = refFirst[c] != null ? refFirst[c] : curFirst[c];
      numeric[c] = first == null || !Double.isNaN(WindowPart.parse(first));
      typedBy[c] = first == null ? "no value" : "its first value '" + first + "' in " + (refFirst[c] != null ? reference : current);
    }
    String[] named = names.toArray(String[]::new);
    Profile refProfile = new Profile(names, numeric);
    Profile curProfile = new Profile(names, numeric);
    boolean[] whole = new boolean[k];
    Arrays.fill(whole, true);
    long refRows = fold(parts(ref, numeric, new WindowPart.Where(reference, named, typedBy)), refProfile, whole);
    long curRows = fold(parts(cur, numeric, new WindowPart.Where(current, named, typedBy)), curProfile, whole);
    if (refRows == 0) throw new HoldoutException.BadData(reference + ": the reference window has no rows; drift needs rows on both sides");
    if (curRows == 0) throw new HoldoutException.BadData(current + ": the current window has no rows (an empty window); nothing to compare");

    Map<String, String> ids = s.guessIds() ? ids(ref, cur, names, numeric, whole, s) : Map.of();
    DriftReport r = SketchDrift.judge(refProfile, reference, curProfile, current, s, ids.keySet());
    List<String> notes = new ArrayList<>(r.notes());
    ids.forEach((name, why) -> notes.add("column '" + name + "' looks like an id (" + why + "): left out of drift, not judged as a feature; "
        + "name it in --exclude, or give a suite whose data.id names the ids"));
    if (!slices.isEmpty()) notes.add("drift per slice (" + String.join(", ", slices) + ") is judged by the default engine only, not on Spark");
    return new DriftReport(r.schema(), r.reference(), r.current(), r.verdict(), r.reasons(), r.rule(), r.shareThreshold(), r.featureColumns(),
        r.driftedFeatures(), r.driftedShare(), r.columns(), r.domainClassifier(), r.domainClassifierNote(), r.confidence(), r.replicates(),
        r.seed(), List.copyOf(notes), r.slices());
  }

  /** Columns {@code names} as text, renamed c0, c1 ... (names may hold dots, which Spark would read as paths). */
  private static Column[] texts(List<String> names) {
    Column[] out = new Column[names.size()];
    for (int i = 0; i < out.length; i++) out[i] = col("`" + names.get(i).replace("`", "``") + "`").cast("string").as("c" + i);
    return out;
  }

  /** Each column's first non-missing value in the window's order (null: none). */
  private static String[] firsts(Dataset<Row> window, int k) {
    List<String[]> perPartition = window.javaRDD().mapPartitions((Iterator<Row> it) -> {
      String[] first = new String[k];
      int left = k;
      while (left > 0 && it.hasNext()) {
        Row row = it.next();
        for (int c = 0; c < k; c++) {
          if (first[c] == null && !Missing.is(row.getString(c))) {
            first[c] = row.getString(c);
            left--;
          }
        }
      }
      return List.<String[]>of(first).iterator();
    }).collect();
    String[] out = new String[k];
    for (String[] p : perPartition) {
      for (int c = 0; c < k; c++) if (out[c] == null) out[c] = p[c];
    }
    return out;
  }

  private static JavaRDD<WindowPart> parts(Dataset<Row> window, boolean[] numeric, WindowPart.Where where) {
    int k = numeric.length;
    return window.javaRDD().mapPartitions((Iterator<Row> it) -> {
      WindowPart part = new WindowPart(numeric);
      String[] values = new String[k];
      while (it.hasNext()) {
        Row row = it.next();
        for (int c = 0; c < k; c++) values[c] = row.getString(c);
        part.add(values, where);
      }
      return List.of(part).iterator();
    });
  }

  /**
   * Folds the parts into {@code profile} in partition order, fetching one partition at a time so the
   * driver holds one part besides the sketches; the window's rows. Throws the first part's failure.
   */
  private static long fold(JavaRDD<WindowPart> parts, Profile profile, boolean[] whole) {
    for (Iterator<WindowPart> it = parts.toLocalIterator(); it.hasNext(); ) {
      WindowPart part = it.next();
      if (part.error() != null) throw new HoldoutException.BadData(part.error());
      part.feed(profile);
      for (int c = 0; c < whole.length; c++) whole[c] &= part.whole(c);
    }
    return profile.rows();
  }

  /**
   * Feature columns that look like ids, as holdout-core's drift leaves them out: named like one, or
   * with at least 20 values over both windows, every one distinct (text, or whole numbers).
   */
  private static Map<String, String> ids(Dataset<Row> ref, Dataset<Row> cur, List<String> names, boolean[] numeric, boolean[] whole,
      DriftSettings s) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int c = 0; c < names.size(); c++) {
      String name = names.get(c);
      if (name.equals(s.label()) || s.predictions().contains(name)) continue;
      if (IdColumns.looksNamedLikeId(name)) {
        out.put(name, "named like an id");
        continue;
      }
      if (numeric[c] && !whole[c]) continue;
      String field = "c" + c;
      boolean number = numeric[c];
      JavaRDD<Object> values = ref.select(col(field)).union(cur.select(col(field))).javaRDD()
          .map(row -> row.getString(0)).filter(t -> !Missing.is(t)).map(t -> number ? (Object) WindowPart.parse(t) : t);
      long present = values.count();
      if (present >= 20 && values.distinct().count() == present) out.put(name, "every value distinct");
    }
    return out;
  }

  private static String quoted(List<String> names) {
    return "'" + String.join("', '", names) + "'";
  }
}
