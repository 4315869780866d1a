package dev.holdout.server.leaderboard;

import dev.holdout.metric.Direction;
import dev.holdout.server.auth.Principal;
import dev.holdout.server.ladder.Ladder;
import dev.holdout.server.project.Project;
import dev.holdout.server.project.Projects;
import dev.holdout.server.store.Database;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The public leaderboard: each vendor's Ladder-released score on the public part. Kept in
 * memory per project and rebuilt when an evaluation finishes, a vendor joins or leaves, or a
 * setting changes, so reads never touch the store.
 */
public final class Leaderboard {
  private final Database db;
  private final Projects projects;
  private final Map<String, Board> boards = new ConcurrentHashMap<>();

  public Leaderboard(Database db, Projects projects) {
    this.db = db;
    this.projects = projects;
  }

  record Entry(String vendorId, String vendorName, int invitedOrder, Double shown, long submissions, Long lastAt) {}

  record Board(String metric, Direction direction, List<Entry> ranked) {}

  public void invalidate(String projectId) {
    boards.remove(projectId);
  }

  private Board board(Project p) {
    return boards.computeIfAbsent(p.id(), id -> {
      var suite = projects.suite(p, "public");
      Direction dir = suite.primaryDirection();
      List<Entry> entries = db.read(sql -> sql.list(
          "SELECT m.vendor_id, v.name, m.shown_score, m.invited_at, "
              + "(SELECT COUNT(*) FROM submission s WHERE s.project_id = m.project_id AND s.vendor_id = m.vendor_id), "
              + "(SELECT MAX(s.created_at) FROM submission s WHERE s.project_id = m.project_id AND s.vendor_id = m.vendor_id) "
              + "FROM membership m JOIN principal v ON v.id = m.vendor_id WHERE m.project_id = ? ORDER BY m.invited_at, v.name",
          rs -> new Entry(rs.getString(1), rs.getString(2), 0, (Double) rs.getObject(3), rs.getLong(5), (Long) rs.getObject(6)), id));
      List<Entry> numbered = new ArrayList<>();
      for (int i = 0; i < entries.size(); i++) {
        Entry e = entries.get(i);
        numbered.add(new Entry(e.vendorId(), e.vendorName(), i + 1, e.shown(), e.submissions(), e.lastAt()));
      }
      Comparator<Entry> byScore = Comparator.comparing(Entry::shown, Comparator.nullsLast(
          dir == Direction.HIGHER_IS_BETTER ? Comparator.<Double>reverseOrder() : Comparator.<Double>naturalOrder()));
      numbered.sort(byScore.thenComparingInt(Entry::invitedOrder));
      return new Board(suite.primaryMetric(), dir, List.copyOf(numbered));
    });
  }

  /**
   * The leaderboard as {@code viewer} may see it: other vendors appear as "vendor N" unless the
   * owner allows names (show_vendor_names), and their submission counts and last times are shown
   * only when the owner allows it (show_vendor_activity; null otherwise); scores are the Ladder's
   * shown scores, never raw or private ones.
   */
  public Map<String, Object> view(Principal viewer, Project p) {
    Board b = board(p);
    List<Map<String, Object>> rows = new ArrayList<>();
    int rank = 0;
    for (Entry e : b.ranked()) {
      if (e.shown() != null) rank++;
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rank", e.shown() == null ? null : rank);
      boolean self = viewer.id().equals(e.vendorId());
      boolean named = viewer.owner() || p.showVendorNames() || self;
      boolean active = viewer.owner() || p.showVendorActivity() || self;
      m.put("vendor", named ? e.vendorName() : "vendor " + e.invitedOrder());
      if (self) m.put("you", true);
      m.put("score", e.shown());
      m.put("submissions", active ? e.submissions() : null);
      m.put("last_submission_at", !active || e.lastAt() == null ? null : Instant.ofEpochMilli(e.lastAt()).toString());
      rows.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("project", p.id());
    out.put("metric", b.metric());
    out.put("direction", b.direction() == Direction.HIGHER_IS_BETTER ? "higher_is_better" : "lower_is_better");
    out.put("part", "public");
    out.put("ladder", p.ladder());
    out.put("step", Ladder.Variant.of(p.ladder()) == Ladder.Variant.FIXED ? p.ladderStep() : null);
    out.put("note", Ladder.Variant.of(p.ladder()) == Ladder.Variant.FIXED
        ? "a score changes only when a submission beats the vendor's shown score by more than " + p.ladderStep() + ", and is shown rounded to it"
        : "a score changes only when a submission beats the vendor's best by more than the standard error of their paired difference");
    out.put("entries", rows);
    return out;
  }
}
