package dev.holdout.spark;

import dev.holdout.data.RecordReader;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * One side of a joined Spark row seen as a {@link RecordReader} positioned on one record, so
 * holdout-core parses and checks its values with the same rules and messages as a file it reads
 * itself. Every value arrives as text (the job casts the columns it reads to strings). Positions
 * are line numbers for text files (row 0 on line {@code firstLine}) and row numbers for Parquet;
 * a predictions row, whose number the join does not keep, is named by its id.
 */
final class RowReader implements RecordReader, Serializable {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final List<String> header;
  /** Field of each header column in the joined row; -1 for a column the job did not read. */
  private final int[] fieldOf;
  private final boolean rows;
  private final int idColumn;
  private transient Row row;
  private long number;

  /**
   * A reader for the columns {@code header} of the file at {@code path}, whose column
   * {@code header[c]} is field {@code fieldOf[c]} of the joined rows; {@code rows}: positions are
   * rows (Parquet), not lines; {@code idColumn}: the column naming a record whose number is unknown.
   */
  RowReader(String path, List<String> header, int[] fieldOf, boolean rows, int idColumn) {
    this.path = path;
    this.header = List.copyOf(header);
    this.fieldOf = fieldOf.clone();
    this.rows = rows;
    this.idColumn = idColumn;
  }

  /** This reader on {@code row}, whose position number is {@code number} (0: unknown). */
  RowReader at(Row row, long number) {
    this.row = row;
    this.number = number;
    return this;
  }

  @Override
  public Path path() {
    return Path.of(path);
  }

  @Override
  public List<String> header() {
    return header;
  }

  @Override
  public boolean next() {
    throw new UnsupportedOperationException("a joined row is read one at a time");
  }

  @Override
  public String field(int column) {
    int f = column < fieldOf.length ? fieldOf[column] : -1;
    if (f < 0 || row == null || row.isNullAt(f)) return null;
    return row.getString(f);
  }

  @Override
  public String position() {
    if (number > 0) return positionOf(number);
    String id = idColumn >= 0 ? field(idColumn) : null;
    return id == null ? "a row without an id" : "the row of id '" + id.strip() + "'";
  }

  @Override
  public long positionNumber() {
    return number;
  }

  @Override
  public String positionOf(long n) {
    return (rows ? "row " : "line ") + n;
  }

  @Override
  public void close() {}
}
