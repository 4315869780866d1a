package dev.holdout.server.submission;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A vendor's predictions for a project and what became of them. */
public record Submission(
    String id,
    String projectId,
    String vendorId,
    String vendorName,
    String name,
    String fileName,
    String sha256,
    long bytes,
    long createdAt,
    Status status,
    String error,
    Long finishedAt,
    Double publicScore,
    Double shownScore,
    String verdict) {

  public enum Status {
    QUEUED,
    RUNNING,
    DONE,
    FAILED;

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static final String COLUMNS = "s.id, s.project_id, s.vendor_id, v.name, s.name, s.file_name, s.sha256, s.bytes, s.created_at, s.status, "
      + "s.error, s.finished_at, s.public_score, s.shown_score, s.verdict";
  static final String FROM = " FROM submission s JOIN principal v ON v.id = s.vendor_id ";

  static Submission read(ResultSet rs) throws SQLException {
    return new Submission(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
        rs.getString(7), rs.getLong(8), rs.getLong(9), Status.valueOf(rs.getString(10).toUpperCase(Locale.ROOT)),
        rs.getString(11), (Long) rs.getObject(12), (Double) rs.getObject(13), (Double) rs.getObject(14), rs.getString(15));
  }

  /**
   * What the vendor may see of its own submission: status and the leaderboard score, never private
   * results; a failed evaluation's reason is the owner's ({@link VendorMessages#EVALUATION_FAILED}).
   */
  public Map<String, Object> forVendor() {
    Map<String, Object> m = common();
    m.put("error", status == Status.FAILED ? VendorMessages.EVALUATION_FAILED : null);
    m.put("leaderboard_score", shownScore);
    return m;
  }

  private Map<String, Object> common() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("project", projectId);
    m.put("name", name);
    m.put("sha256", sha256);
    m.put("bytes", bytes);
    m.put("submitted_at", Instant.ofEpochMilli(createdAt).toString());
    m.put("status", status.key());
    return m;
  }

  /** What the owner sees: everything but the reports themselves. */
  public Map<String, Object> forOwner() {
    Map<String, Object> m = common();
    m.put("error", error);
    m.put("leaderboard_score", shownScore);
    m.put("vendor", vendorName);
    m.put("vendor_id", vendorId);
    m.put("finished_at", finishedAt == null ? null : Instant.ofEpochMilli(finishedAt).toString());
    m.put("public_score", publicScore);
    m.put("verdict_private", verdict);
    return m;
  }
}
