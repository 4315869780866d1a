package dev.holdout.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;

/**
 * The server's store: an embedded H2 database in the data folder, or PostgreSQL, behind one
 * connection pool and one set of migrations. Every change runs in a transaction through
 * {@link #tx}, so a request either lands whole or not at all, and is on disk when {@code tx}
 * returns: PostgreSQL syncs its log at commit (synchronous_commit, on by default); on H2 each
 * commit is followed by {@code CHECKPOINT SYNC}, which writes the store and forces it to the device
 * (H2 otherwise writes commits in the background within its write delay, 500 ms, and a SIGKILL in
 * that time loses them). The embedded database opens only in the process holding the data
 * folder's {@link FolderLock}.
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource pool;
  private final boolean postgres;

  private Database(HikariDataSource pool, boolean postgres) {
    this.pool = pool;
    this.postgres = postgres;
  }

  /**
   * Opens (and migrates) the store: {@code url} null means the embedded database under
   * {@code dataDir}; otherwise a {@code postgresql://} or {@code jdbc:postgresql:} URL.
   */
  public static Database open(Path dataDir, String url) {
    HikariConfig cfg = new HikariConfig();
    boolean pg = url != null;
    if (pg) {
      cfg.setJdbcUrl(url.startsWith("jdbc:") ? url : "jdbc:" + url);
    } else {
      cfg.setJdbcUrl("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("db").resolve("holdout")
          + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=60000");
    }
    cfg.setMaximumPoolSize(12);
    cfg.setAutoCommit(true);
    cfg.setPoolName("holdout-store");
    cfg.setConnectionTimeout(60_000);
    HikariDataSource ds;
    try {
      ds = new HikariDataSource(cfg);
    } catch (RuntimeException e) {
      throw new StoreException("cannot open the database " + (pg ? url : "in " + dataDir) + ": " + rootMessage(e)
          + (pg ? "; check the URL, that PostgreSQL runs and that the database exists" : "; check that the data folder is readable and writable by this user"), e);
    }
    try {
      Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    } catch (RuntimeException e) {
      ds.close();
      throw new StoreException("cannot prepare the database: " + rootMessage(e), e);
    }
    return new Database(ds, pg);
  }

  public boolean postgres() {
    return postgres;
  }

  /** Work inside one transaction; committed when {@code work} returns, rolled back when it throws. */
  public <T> T tx(Work<T> work) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      try {
        T result = work.run(new Sql(c));
        c.commit();
        if (!postgres) {
          try (Statement sync = c.createStatement()) {
            sync.execute("CHECKPOINT SYNC");
          }
        }
        return result;
      } catch (Throwable e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("the database failed: " + e.getMessage(), e);
    }
  }

  /** Work that only reads, outside a transaction. */
  public <T> T read(Work<T> work) {
    try (Connection c = pool.getConnection()) {
      return work.run(new Sql(c));
    } catch (SQLException e) {
      throw new StoreException("the database failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    pool.close();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t.getMessage();
  }

  /** A unit of database work. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Sql sql) throws SQLException;
  }

  /** Maps the current row of a result set. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** Small helpers over one connection: statements with positional parameters. */
  public static final class Sql {
    private final Connection c;

    Sql(Connection c) {
      this.c = c;
    }

    public int update(String sql, Object... args) throws SQLException {
      try (PreparedStatement ps = prepare(sql, args)) {
        return ps.executeUpdate();
      }
    }

    public <T> List<T> list(String sql, RowMapper<T> mapper, Object... args) throws SQLException {
      try (PreparedStatement ps = prepare(sql, args); ResultSet rs = ps.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) out.add(mapper.map(rs));
        return out;
      }
    }

    public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... args) throws SQLException {
      List<T> rows = list(sql, mapper, args);
      return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    public long count(String sql, Object... args) throws SQLException {
      return one(sql, rs -> rs.getLong(1), args).orElse(0L);
    }

    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
      PreparedStatement ps = c.prepareStatement(sql);
      for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
      return ps;
    }
  }

}
