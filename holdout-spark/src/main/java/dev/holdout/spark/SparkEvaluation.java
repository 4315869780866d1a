package dev.holdout.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;

import dev.holdout.base.HoldoutException;
import dev.holdout.base.Progress;
import dev.holdout.data.RecordReaders;
import dev.holdout.data.Values;
import dev.holdout.evaluation.Evaluator;
import dev.holdout.evaluation.JoinedRows;
import dev.holdout.evaluation.Submission;
import dev.holdout.metric.Task;
import dev.holdout.result.Report;
import dev.holdout.suite.Suite;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code holdout evaluate} on Spark: the evaluation set and the predictions are read as
 * DataFrames where they are (any Hadoop filesystem URL), numbered in the set's order, joined by id
 * (a full outer join, so missing and extra ids are counted), and each partition's joined rows are
 * parsed and checked by holdout-core into a {@link JoinedRows} block; the blocks are merged in a
 * tree and the driver runs holdout-core's evaluator (bootstrap, criteria, verdict) on the merged
 * columns. The report equals the single-JVM engine's on the same files figure by figure; only its
 * provenance (the time) differs.
 *
 * <p>Two small jobs come first: the set's and the predictions' ids are checked for repeats, and for
 * a multiclass suite without {@code data.classes} the classes are the set's distinct labels.
 * Binary classification, multiclass classification and regression.
 */
public final class SparkEvaluation {
  private SparkEvaluation() {}

  /**
   * Evaluates on a session of its own at {@code master} ({@code local[*]}, {@code spark://HOST:PORT}),
   * stopped afterwards: the entry point of {@code holdout evaluate --engine spark}.
   */
  public static Report onMaster(String master, Suite suite, String predictions, String name) {
    SparkSession spark = Sessions.start(master);
    try {
      return evaluate(spark, suite, predictions, name);
    } finally {
      spark.stop();
    }
  }

  /** Evaluates the predictions at {@code predictions} (a path or a Hadoop URL) against the suite's own evaluation set. */
  public static Report evaluate(SparkSession spark, Suite suite, String predictions, String name) {
    return evaluate(spark, suite, suite.data().path().toString(), predictions, name);
  }

  /**
   * Evaluates the predictions at {@code predictions} against the evaluation set at {@code data}
   * (either a path or a Hadoop URL), with the suite's columns, metrics and criteria; {@code name}
   * names the submission (null: from the file name). Bad input throws the {@link HoldoutException}
   * that {@code holdout evaluate} would, whichever worker found it.
   */
  public static Report evaluate(SparkSession spark, Suite suite, String data, String predictions, String name) {
    return advice(() -> {
      JoinedRows.Joined j = join(spark, suite, data, predictions, name == null ? Submission.defaultName(Path.of(predictions)) : name);
      return new Evaluator(suite, j.eval(), Progress.NONE).evaluate(j.submission());
    });
  }

  /**
   * Runs {@code job}, throwing the {@link HoldoutException} (bad input, with its advice) that a
   * worker or the driver threw inside Spark's own exceptions, if any.
   */
  static <T> T advice(Supplier<T> job) {
    try {
      return job.get();
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof HoldoutException h) throw h;
      }
      throw e;
    }
  }

  /**
   * The predictions at {@code predictions} joined with the evaluation set at {@code data} on Spark
   * and gathered on the driver as the evaluator's inputs: what {@code evaluate} evaluates and
   * {@link SparkComparison} ranks. Call it inside {@link #advice}.
   */
  static JoinedRows.Joined join(SparkSession spark, Suite suite, String data, String predictions, String name) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Dataset<Row> evalFile = Tables.read(spark, data);
    Dataset<Row> predFile = Tables.read(spark, predictions);
    CompletableFuture<String> evalSha = CompletableFuture.supplyAsync(() -> Tables.sha256(hadoop, data));
    CompletableFuture<String> predSha = CompletableFuture.supplyAsync(() -> Tables.sha256(hadoop, predictions));
    List<String> evalHeader = List.of(evalFile.columns());
    List<String> predHeader = List.of(predFile.columns());
    boolean evalRows = Tables.byRow(data);
    RowReader evalNames = new RowReader(data, evalHeader, new int[0], evalRows, -1);
    RowReader predNames = new RowReader(predictions, predHeader, new int[0], Tables.byRow(predictions), -1);
    Dataset<Row> eval = evalFile.toDF(positional("c", evalHeader.size()));
    Dataset<Row> pred = predFile.toDF(positional("c", predHeader.size()));

    List<String> classes = null;
    if (suite.task() == Task.MULTICLASS_CLASSIFICATION) {
      classes = suite.data().classes();
      if (classes == null) classes = labels(eval, Values.column(evalNames, suite.data().label(), "data.label in the suite"));
    }
    JoinedRows.Layout layout = JoinedRows.layout(suite, evalNames, predNames, classes, Tables.firstPosition(data));

    // The set's rows numbered in file order: the evaluator's resampling and ties follow that order.
    Dataset<Row> picked = eval.select(strings(layout.evalColumns(), "e"));
    StructType numberedSchema = picked.schema().add("e_row", DataTypes.LongType, false);
    JavaRDD<Row> numberedRows = picked.javaRDD().zipWithIndex().map(t -> {
      Object[] v = new Object[t._1().size() + 1];
      for (int i = 0; i < v.length - 1; i++) v[i] = t._1().get(i);
      v[v.length - 1] = t._2();
      return RowFactory.create(v);
    });
    Dataset<Row> numbered = spark.createDataFrame(numberedRows, numberedSchema).withColumn("e_key", trim(col("e" + layout.evalId())));
    Dataset<Row> answers = pred.select(strings(layout.predictionColumns(), "p"))
        .withColumn("p_key", trim(col("p" + layout.predictionId()))).withColumn("p_has", lit(true));
    unique(numbered, "e_key", data + ", column '" + suite.data().id() + "'", "ids in the evaluation set must be unique");
    unique(answers, "p_key", predictions + ", column '" + suite.predictions().id() + "'", "send one prediction per id");

    Dataset<Row> joined = numbered.join(answers, numbered.col("e_key").equalTo(answers.col("p_key")), "full_outer");
    StructType schema = joined.schema();
    RowReader er = new RowReader(data, evalHeader, fields(schema, evalHeader.size(), layout.evalColumns(), "e"), evalRows, -1);
    RowReader pr = new RowReader(predictions, predHeader, fields(schema, predHeader.size(), layout.predictionColumns(), "p"),
        Tables.byRow(predictions), layout.predictionId());
    int rowField = schema.fieldIndex("e_row");
    int hasField = schema.fieldIndex("p_has");
    long first = layout.firstLine();
    FlatMapFunction<Iterator<Row>, JoinedRows> gather = it -> {
      JoinedRows block = new JoinedRows(layout);
      while (it.hasNext()) {
        Row r = it.next();
        RowReader p = r.isNullAt(hasField) ? null : pr.at(r, 0);
        if (r.isNullAt(rowField)) {
          block.addExtra(p);
        } else {
          long k = r.getLong(rowField);
          block.add(Math.toIntExact(k), er.at(r, first + k), p);
        }
      }
      return List.of(block).iterator();
    };
    // an aggregate, not a reduce: a join of no rows may have no partition at all
    JoinedRows rows = joined.javaRDD().mapPartitions(gather).treeAggregate(new JoinedRows(layout), JoinedRows::merge, JoinedRows::merge);
    return rows.joined(suite, evalNames, RecordReaders.await(evalSha), rows.size(), name, Path.of(predictions), RecordReaders.await(predSha));
  }

  /** Names c0, c1 ...: the files' own names may hold dots or spaces, which Spark would read as paths. */
  private static String[] positional(String prefix, int n) {
    String[] names = new String[n];
    for (int i = 0; i < n; i++) names[i] = prefix + i;
    return names;
  }

  /** Columns {@code columns} as text, renamed {@code prefix}+index. */
  private static Column[] strings(int[] columns, String prefix) {
    return Arrays.stream(columns).mapToObj(c -> col("c" + c).cast("string").as(prefix + c)).toArray(Column[]::new);
  }

  /** For each header column, its field in {@code schema} (-1 when not read). */
  private static int[] fields(StructType schema, int headerSize, int[] columns, String prefix) {
    int[] out = new int[headerSize];
    Arrays.fill(out, -1);
    for (int c : columns) out[c] = schema.fieldIndex(prefix + c);
    return out;
  }

  /** The set's distinct labels, sorted: a multiclass suite's classes when it names none. */
  private static List<String> labels(Dataset<Row> eval, int labelColumn) {
    List<String> out = new ArrayList<>();
    for (Row r : eval.select(trim(col("c" + labelColumn).cast("string")).as("l")).where(col("l").isNotNull().and(col("l").notEqual(lit(""))))
        .distinct().collectAsList()) {
      out.add(r.getString(0));
    }
    return List.copyOf(new TreeSet<>(out));
  }

  /** Refuses a key that appears on more than one row. */
  private static void unique(Dataset<Row> rows, String key, String where, String advice) {
    List<Row> repeated = rows.where(col(key).isNotNull()).groupBy(key).count().where(col("count").gt(1)).limit(1).collectAsList();
    if (!repeated.isEmpty()) {
      Row r = repeated.get(0);
      throw new HoldoutException.BadData(where + ": id '" + r.getString(0) + "' appears on " + r.getLong(1) + " rows; " + advice);
    }
  }
}
