package dev.holdout.server.auth;

/** Who is calling: the buyer's owner account, a vendor, or a service that writes a project's prediction log and reads nothing. */
public record Principal(String id, Kind kind, String name) {
  public enum Kind {
    OWNER,
    VENDOR,
    SERVICE;

    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A principal from a row of (id, kind, name). */
  public static Principal read(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Principal(rs.getString(1), Kind.valueOf(rs.getString(2).toUpperCase(java.util.Locale.ROOT)), rs.getString(3));
  }

  public boolean owner() {
    return kind == Kind.OWNER;
  }

  public boolean service() {
    return kind == Kind.SERVICE;
  }
}
