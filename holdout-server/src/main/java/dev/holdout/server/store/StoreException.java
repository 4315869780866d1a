package dev.holdout.server.store;

import dev.holdout.base.HoldoutException;
import java.sql.SQLException;

/**
 * The store could not do its work; the message says why and what to do. Part of the user-facing
 * {@link HoldoutException} family: the API answers {@link #conflict()} failures (a row another
 * request changed first, a name taken at the same moment) with 409 and the rest, an unreachable or
 * failing database, with 503, never with a stack trace.
 */
public final class StoreException extends HoldoutException {
  private final boolean conflict;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
    this.conflict = cause instanceof SQLException e && conflict(e);
  }

  /** Whether the work clashed with a concurrent change, so trying again may succeed. */
  public boolean conflict() {
    return conflict;
  }

  /** Integrity violations (SQLState class 23), serialization failures and deadlocks (40001, 40P01). */
  private static boolean conflict(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.startsWith("23") || state.equals("40001") || state.equals("40P01"));
  }
}
