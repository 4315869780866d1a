package dev.holdout.server.project;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/**
 * A project as stored: one suite, its hidden evaluation set split into public and private parts, and
 * its rules for vendors ({@code showVendorActivity}: whether vendors see each other's submission
 * counts and last times on the leaderboard).
 */
public record Project(
    String id,
    String name,
    String suiteYaml,
    Status status,
    long splitSeed,
    double publicShare,
    Integer rowsPublic,
    Integer rowsPrivate,
    String dataSha256,
    boolean showVendorNames,
    boolean showVendorActivity,
    int dailyQuota,
    long maxUploadBytes,
    String ladder,
    double ladderStep,
    long createdAt) {

  public enum Status {
    AWAITING_DATA,
    READY;

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static final String COLUMNS = "id, name, suite_yaml, status, split_seed, public_share, rows_public, rows_private, data_sha256, "
      + "show_vendor_names, show_vendor_activity, daily_quota, max_upload_bytes, ladder, ladder_step, created_at";

  static Project read(ResultSet rs) throws SQLException {
    return new Project(rs.getString(1), rs.getString(2), rs.getString(3), Status.valueOf(rs.getString(4).toUpperCase(Locale.ROOT)),
        rs.getLong(5), rs.getDouble(6), (Integer) rs.getObject(7), (Integer) rs.getObject(8), rs.getString(9), rs.getBoolean(10),
        rs.getBoolean(11), rs.getInt(12), rs.getLong(13), rs.getString(14), rs.getDouble(15), rs.getLong(16));
  }
}
