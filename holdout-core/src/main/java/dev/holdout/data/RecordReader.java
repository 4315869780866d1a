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

  /**
   * Fields the current record actually has. Fewer than the header's columns only in a text file
   * whose line ends early; the absent fields read as null.
   */
  default int fieldCount() {
    return header().size();
  }

  /**
   * The current record's value in {@code column} without surrounding whitespace, as a view valid
   * until {@link #next()}; null when missing or blank. Lets callers look values up without
   * allocating a String per field.
   */
  default CharSequence text(int column) {
    String v = field(column);
    if (v == null) return null;
    v = v.strip();
    return v.isEmpty() ? null : v;
  }

  /** The current record's value in {@code column} as a number; NaN when missing or not a number. */
  default double number(int column) {
    CharSequence t = text(column);
    if (t == null) return Double.NaN;
    try {
      return Decimals.parse(t);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** Where the current record is, for messages: "line 12" for text files, "row 12" for Parquet. */
  String position();

  /** Line (or row) number of the current record; 1-based. */
  long positionNumber();

  /**
   * Another record's position in this file's words, from its {@link #positionNumber()}: "line 7"
   * for text files, "row 7" for Parquet. For messages that name two records, such as a repeated id.
   */
  default String positionOf(long number) {
    return "line " + number;
  }


  @Override
  void close();
}
