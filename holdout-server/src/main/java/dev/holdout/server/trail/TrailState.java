package dev.holdout.server.trail;

import dev.holdout.server.base.Bounded;
import dev.holdout.server.store.Database;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The state the trail's entries record, replayed entry by entry, and the state the tables hold, in
 * one shape (a row per key, such as {@code submission s_1}, with its fields), so the two can be
 * compared field by field. This is the one place that says which action changes which row: the
 * entry's details name the columns it set. Texts that are large (the suite, the reports) are
 * compared by their SHA-256. A {@code running} submission counts as {@code queued}, since a
 * restart requeues it without an entry.
 */
final class TrailState {
  /** Where the tables and the trail first disagree; {@code entry} is -1 for a row no entry made. */
  record Mismatch(long entry, String problem) {}

  private final Map<String, Map<String, Object>> rows = new TreeMap<>();
  private final Map<String, Long> lastEntry = new HashMap<>();

  void apply(Trail.Entry e, Map<String, Object> d) {
    String s = e.subject();
    String p = e.project();
    switch (e.action()) {
      case "owner.created", "vendor.created", "service.created" -> put(e, "account " + s, Map.of("kind", e.action().substring(0, e.action().indexOf('.')),
          "name", d.get("name")));
      case "service.granted" -> put(e, "service_access " + p + "/" + s, Map.of());
      case "token.created" -> put(e, "token " + d.get("token_sha256"), Map.of("account", s));
      case "token.revoked" -> rows.entrySet().removeIf(r -> r.getKey().startsWith("token ") && s.equals(r.getValue().get("account")));
      case "project.created", "project.settings", "project.data" -> merge(e, "project " + s, d, "name", "status", "public_share", "show_vendor_names",
          "show_vendor_activity", "daily_quota", "max_upload_bytes", "ladder", "ladder_step", "suite_sha256", "rows_public", "rows_private", "data_sha256");
      case "vendor.invited" -> put(e, "membership " + p + "/" + s, fields("shown_score", null, "best_submission_id", null));
      case "vendor.removed" -> rows.remove("membership " + p + "/" + s);
      case "submission.uploaded" -> {
        put(e, "submission " + s, fields("project_id", p, "status", "queued", "verdict", null, "public_score", null, "shown_score", null, "error", null,
            "report_private_sha256", null, "report_public_sha256", null, "report_all_sha256", null));
        merge(e, "submission " + s, d, "vendor_id", "name", "sha256", "bytes", "utc_day", "file_name");
      }
      case "submission.evaluated" -> {
        merge(e, "submission " + s, d, "status", "verdict", "public_score", "shown_score", "error", "report_private_sha256");
        if (Boolean.TRUE.equals(d.get("released"))) {
          Object vendor = rows.getOrDefault("submission " + s, Map.of()).get("vendor_id");
          merge(e, "membership " + p + "/" + vendor, fields("shown_score", d.get("shown_score"), "best_submission_id", s), "shown_score", "best_submission_id");
        }
      }
      case "submission.failed" -> merge(e, "submission " + s, d, "status", "error");
      case "submission.report" -> merge(e, "submission " + s, fields("report_" + d.get("part") + "_sha256", d.get("sha256")), "report_" + d.get("part") + "_sha256");
      case "champion.promoted" -> stack(e, p).add(s);
      case "champion.rolled_back" -> {
        List<Object> st = stack(e, p);
        if (!st.isEmpty()) st.remove(st.size() - 1);
      }
      default -> { }
    }
  }

  private static Map<String, Object> fields(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }

  private void put(Trail.Entry e, String key, Map<String, Object> fields) {
    rows.put(key, new LinkedHashMap<>(fields));
    lastEntry.put(key, e.seq());
  }

  /** Copies the named fields that {@code d} has into the row (made if new). */
  private void merge(Trail.Entry e, String key, Map<String, Object> d, String... names) {
    Map<String, Object> row = rows.computeIfAbsent(key, k -> new LinkedHashMap<>());
    for (String n : names) if (d.containsKey(n)) row.put(n, d.get(n));
    lastEntry.put(key, e.seq());
  }

  @SuppressWarnings("unchecked")
  private List<Object> stack(Trail.Entry e, String project) {
    String key = "champion " + project;
    lastEntry.put(key, e.seq());
    return (List<Object>) rows.computeIfAbsent(key, k -> new LinkedHashMap<>(Map.of("stack", new ArrayList<>()))).get("stack");
  }

  /** The tables' state in the same shape. */
  static Map<String, Map<String, Object>> read(Database.Sql sql) throws SQLException {
    Map<String, Map<String, Object>> out = new TreeMap<>();
    for (var r : sql.list("SELECT id, kind, name FROM principal", rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3)})) {
      out.put("account " + r[0], fields("kind", r[1], "name", r[2]));
    }
    for (var r : sql.list("SELECT hash, principal_id FROM token", rs -> new Object[] {rs.getString(1), rs.getString(2)})) {
      out.put("token " + r[0], fields("account", r[1]));
    }
    sql.list("SELECT id, name, status, public_share, show_vendor_names, show_vendor_activity, daily_quota, max_upload_bytes, ladder, ladder_step, "
        + "suite_yaml, rows_public, rows_private, data_sha256 FROM project", rs -> out.put("project " + rs.getString(1), fields("name", rs.getString(2),
            "status", rs.getString(3), "public_share", rs.getObject(4), "show_vendor_names", rs.getObject(5), "show_vendor_activity", rs.getObject(6),
            "daily_quota", rs.getObject(7), "max_upload_bytes", rs.getObject(8), "ladder", rs.getString(9), "ladder_step", rs.getObject(10),
            "suite_sha256", Trail.sha256(rs.getString(11)), "rows_public", rs.getObject(12), "rows_private", rs.getObject(13), "data_sha256", rs.getString(14))));
    sql.list("SELECT project_id, principal_id FROM service_access", rs -> out.put("service_access " + rs.getString(1) + "/" + rs.getString(2), fields()));
    sql.list("SELECT project_id, vendor_id, shown_score, best_submission_id FROM membership", rs -> out.put("membership " + rs.getString(1) + "/" + rs.getString(2),
        fields("shown_score", rs.getObject(3), "best_submission_id", rs.getString(4))));
    sql.list("SELECT id, project_id, vendor_id, name, sha256, bytes, utc_day, file_name, status, verdict, public_score, shown_score, error, "
        + "report_private, report_public, report_all FROM submission", rs -> {
          String status = rs.getString(9);
          return out.put("submission " + rs.getString(1), fields("project_id", rs.getString(2), "vendor_id", rs.getString(3), "name", rs.getString(4),
              "sha256", rs.getString(5), "bytes", rs.getObject(6), "utc_day", rs.getObject(7), "file_name", rs.getString(8),
              "status", status.equals("running") ? "queued" : status, "verdict", rs.getString(10), "public_score", rs.getObject(11),
              "shown_score", rs.getObject(12), "error", rs.getString(13), "report_private_sha256", Trail.sha256(rs.getString(14)),
              "report_public_sha256", Trail.sha256(rs.getString(15)), "report_all_sha256", Trail.sha256(rs.getString(16))));
        });
    sql.list("SELECT project_id, submission_id FROM champion ORDER BY project_id, position", rs -> {
      @SuppressWarnings("unchecked")
      List<Object> st = (List<Object>) out.computeIfAbsent("champion " + rs.getString(1), k -> fields("stack", new ArrayList<>())).get("stack");
      return st.add(rs.getString(2));
    });
    return out;
  }

  /**
   * The first difference between the replayed state and the tables: a row the trail never recorded,
   * one it recorded that is gone, or a field whose value differs. A champion stack the trail
   * emptied may be absent.
   */
  Optional<Mismatch> compare(Map<String, Map<String, Object>> tables) {
    for (var t : tables.entrySet()) {
      if (!rows.containsKey(t.getKey())) {
        return Optional.of(new Mismatch(-1, t.getKey() + " is in the store but no audit entry made it: it was added outside the server"));
      }
    }
    for (var r : rows.entrySet()) {
      String key = r.getKey();
      long entry = lastEntry.getOrDefault(key, 0L);
      Map<String, Object> actual = tables.get(key);
      if (actual == null) {
        if (key.startsWith("champion ") && ((List<?>) r.getValue().get("stack")).isEmpty()) continue;
        return Optional.of(new Mismatch(entry, key + " is missing from the store, but the audit trail (entry " + entry + ") records it: it was removed outside the server"));
      }
      for (var f : r.getValue().entrySet()) {
        Object want = f.getValue();
        Object have = actual.get(f.getKey());
        if (!same(want, have)) {
          return Optional.of(new Mismatch(entry, key + ": " + f.getKey() + " is " + show(have) + " in the store, but the audit trail (entry " + entry + ") says "
              + show(want) + ": it was changed outside the server"));
        }
      }
    }
    return Optional.empty();
  }

  private static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y && Double.isFinite(x.doubleValue()) && Double.isFinite(y.doubleValue())) return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
    if (a instanceof List<?> x && b instanceof List<?> y) return x.equals(y);
    return Objects.equals(a == null ? null : a.toString(), b == null ? null : b.toString());
  }

  private static String show(Object v) {
    String s = v == null ? "empty" : v instanceof String t ? "'" + t + "'" : v.toString();
    return Bounded.echo(s);
  }
}
