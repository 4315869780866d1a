package dev.holdout.server.auth;

/** Who is calling: the buyer's owner account or a vendor. */
public record Principal(String id, Kind kind, String name) {
  public enum Kind {
    OWNER,
    VENDOR;

    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public boolean owner() {
    return kind == Kind.OWNER;
  }
}
