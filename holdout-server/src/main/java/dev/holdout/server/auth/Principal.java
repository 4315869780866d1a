package dev.holdout.server.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/** Who is calling: the buyer's owner account, a vendor, or a service that writes a project's prediction log and reads nothing. */
public record Principal(String id, Kind kind, String name) {
  public enum Kind {
    OWNER,
    VENDOR,
    SERVICE;

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A principal from a row of (id, kind, name). */
  public static Principal read(ResultSet rs) throws SQLException {
    return new Principal(rs.getString(1), Kind.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)), rs.getString(3));
  }

  public boolean owner() {
    return kind == Kind.OWNER;
  }

  public boolean service() {
    return kind == Kind.SERVICE;
  }
}
