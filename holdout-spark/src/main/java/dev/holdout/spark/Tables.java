package dev.holdout.spark;

import dev.holdout.base.HoldoutException;
import dev.holdout.data.RecordReaders;
import java.io.IOException;
import java.io.InputStream;
import java.io.File;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reading a location (a local path or any Hadoop filesystem URL: file:, hdfs:, s3a: ...) as a
 * DataFrame by its extension, as holdout-core reads files: {@code .csv} and {@code .tsv} with a
 * header and every value as text, {@code .jsonl}/{@code .json} as JSON Lines, anything else (a
 * {@code .parquet} file or a folder of parts) as Parquet. Also the location's SHA-256 for the report.
 */
final class Tables {
  private Tables() {}

  static Dataset<Row> read(SparkSession spark, String location) {
    String lower = location.toLowerCase(Locale.ROOT);
    DataFrameReader r = spark.read();
    try {
      if (lower.endsWith(".csv") || lower.endsWith(".tsv")) {
        return r.option("header", true).option("inferSchema", false).option("escape", "\"")
            .option("sep", lower.endsWith(".tsv") ? "\t" : ",").csv(location);
      }
      if (lower.endsWith(".jsonl") || lower.endsWith(".json")) return r.json(location);
      return r.parquet(location);
    } catch (Exception e) {
      // Scala declares no exceptions: Spark's AnalysisException reaches Java as an undeclared checked one
      if (!(e instanceof AnalysisException)) throw e instanceof RuntimeException unchecked ? unchecked : new IllegalStateException(e);
      String message = e.getMessage();
      if (message != null && message.contains("PATH_NOT_FOUND")) throw new HoldoutException.BadData(location + ": file not found");
      throw new HoldoutException.BadData(location + ": cannot be read (" + firstLine(message) + ")", e);
    }
  }

  /** Whether positions in the file are rows (Parquet) rather than lines. */
  static boolean byRow(String location) {
    String lower = location.toLowerCase(Locale.ROOT);
    return !(lower.endsWith(".csv") || lower.endsWith(".tsv") || lower.endsWith(".jsonl") || lower.endsWith(".json"));
  }

  /** The position number of a file's first record: line 2 under a CSV header, line or row 1 otherwise. */
  static long firstPosition(String location) {
    String lower = location.toLowerCase(Locale.ROOT);
    return lower.endsWith(".csv") || lower.endsWith(".tsv") ? 2 : 1;
  }

  /**
   * Hex SHA-256 of the location's bytes: of the file, or of a folder's data files (names not
   * starting with '_' or '.') one after the other in path order. A local file is hashed exactly as
   * holdout-core hashes it; other locations are streamed through this process once.
   */
  static String sha256(Configuration hadoop, String location) {
    if (!location.contains("://") && !location.startsWith("file:")) {
      File local = new File(location);
      if (local.isFile()) return RecordReaders.sha256(local.toPath());
    }
    try {
      Path path = new Path(location);
      FileSystem fs = path.getFileSystem(hadoop);
      FileStatus status = fs.getFileStatus(path);
      List<Path> files = new ArrayList<>();
      if (status.isFile()) {
        files.add(path);
      } else {
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(path, true);
        while (it.hasNext()) {
          Path p = it.next().getPath();
          if (!p.getName().startsWith("_") && !p.getName().startsWith(".")) files.add(p);
        }
        files.sort(null);
      }
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (Path p : files) {
        try (InputStream in = fs.open(p)) {
          for (int k; (k = in.read(buffer)) > 0; ) digest.update(buffer, 0, k);
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new HoldoutException.BadData(location + ": cannot be read (" + e.getMessage() + ")", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String firstLine(String message) {
    if (message == null) return "no reason given";
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
