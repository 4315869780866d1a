package dev.holdout.data;

import dev.holdout.base.HoldoutException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Parquet through DuckDB's JDBC driver (looked up at run time, so holdout-core does not depend on
 * it). Positions are 1-based row numbers. Floating-point columns come back in full precision.
 */
final class ParquetRecordReader implements RecordReader {
  private final Path path;
  private final Connection connection;
  private final ResultSet rows;
  private final List<String> header = new ArrayList<>();
  private long row;

  ParquetRecordReader(Path path) {
    this.path = path;
    try {
      connection = DriverManager.getConnection("jdbc:duckdb:");
    } catch (SQLException e) {
      throw new HoldoutException.BadData(path + ": reading Parquet needs DuckDB's JDBC driver (org.duckdb:duckdb_jdbc) on the class path", e);
    }
    try {
      Statement st = connection.createStatement();
      String quoted = "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
      rows = st.executeQuery("SELECT * FROM read_parquet(" + quoted + ")");
      ResultSetMetaData meta = rows.getMetaData();
      for (int i = 1; i <= meta.getColumnCount(); i++) header.add(meta.getColumnName(i));
    } catch (SQLException e) {
      close();
      throw new HoldoutException.BadData(path + ": not a readable Parquet file (" + firstLine(e.getMessage()) + ")", e);
    }
  }

  private static String firstLine(String s) {
    if (s == null) return "unknown error";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  @Override public Path path() { return path; }
  @Override public List<String> header() { return header; }

  @Override
  public boolean next() {
    try {
      boolean more = rows.next();
      if (more) row++;
      return more;
    } catch (SQLException e) {
      throw new HoldoutException.BadData(path + " row " + (row + 1) + ": cannot be read (" + firstLine(e.getMessage()) + ")", e);
    }
  }

  @Override
  public String field(int column) {
    try {
      Object v = rows.getObject(column + 1);
      if (v == null) return null;
      if (v instanceof Double d) return Double.toString(d);
      if (v instanceof Float f) return Double.toString(f.doubleValue());
      return v.toString();
    } catch (SQLException e) {
      throw new HoldoutException.BadData(path + " row " + row + ", column '" + header.get(column) + "': cannot be read (" + firstLine(e.getMessage()) + ")", e);
    }
  }

  @Override public String position() { return "row " + row; }
  @Override public long positionNumber() { return row; }
  @Override public String positionOf(long number) { return "row " + number; }

  @Override
  public void close() {
    try {
      if (connection != null) connection.close();
    } catch (SQLException ignored) {
      // an in-memory DuckDB: nothing to recover
    }
  }
}
