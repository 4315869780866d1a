package dev.holdout.data;

import java.io.Closeable;
import java.nio.file.Path;
import java.util.List;

/**
 * A forward-only cursor over the records of one tabular file, giving each field as text. Missing
 * values (empty CSV fields, JSON nulls or absent keys, SQL NULLs) read as {@code null}. Not
 * thread-safe.
 */
public interface RecordReader extends Closeable {
  Path path();

  /** Column names in file order. */
  List<String> header();

  /** Moves to the next record; false at the end of the file. */
  boolean next();

  /** The current record's value in column {@code column} (an index into {@link #header()}), or null. */
  String field(int column);

  /** Where the current record is, for messages: "line 12" for text files, "row 12" for Parquet. */
  String position();

  /** Line (or row) number of the current record; 1-based. */
  long positionNumber();

  /** Hex SHA-256 of the file's bytes; valid once the reader reached the end. */
  String sha256();

  @Override
  void close();
}
