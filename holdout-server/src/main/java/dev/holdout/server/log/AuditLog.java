package dev.holdout.server.log;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.holdout.server.store.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The append-only audit log: every upload, verdict, promotion and rollback, each entry chained
 * to the one before by SHA-256, so an edited, deleted or inserted entry breaks the chain where
 * it happened. Appends run inside the caller's transaction: the entry lands with the change it
 * records, or neither does.
 */
public final class AuditLog {
  public static final String GENESIS = "0".repeat(64);
  private static final ObjectMapper CANONICAL = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  /** One entry as stored. */
  public record Entry(long seq, long at, String actor, String action, String project, String subject, String details, String prevHash, String hash) {}

  /** The result of checking the chain: {@code problem} is empty when it is intact. */
  public record Verification(long entries, Optional<Long> firstBadEntry, Optional<String> problem) {
    public boolean intact() {
      return problem.isEmpty();
    }
  }

  /** Appends an entry after the current head; waits for any other append to commit first. */
  public void append(Database.Sql sql, String actor, String action, String project, String subject, Map<String, ?> details) throws SQLException {
    String json;
    try {
      json = CANONICAL.writeValueAsString(details);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
    // Locking the head row serialises appends on both H2 and PostgreSQL.
    var head = sql.one("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE", rs -> new Object[] {rs.getLong(1), rs.getString(2)}).orElseThrow();
    long seq = (Long) head[0] + 1;
    String prev = (String) head[1];
    long at = System.currentTimeMillis();
    String hash = hash(prev, seq, at, actor, action, project, subject, json);
    sql.update("INSERT INTO audit_log (seq, at, actor, action, project_id, subject, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        seq, at, actor, action, project, subject, json, prev, hash);
    sql.update("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", seq, hash);
  }

  /** Entries after {@code afterSeq}, oldest first, at most {@code limit}; optionally of one project. */
  public List<Entry> entries(Database db, long afterSeq, int limit, String project) {
    return db.read(sql -> project == null
        ? sql.list("SELECT seq, at, actor, action, project_id, subject, details, prev_hash, hash FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?", AuditLog::entry, afterSeq, limit)
        : sql.list("SELECT seq, at, actor, action, project_id, subject, details, prev_hash, hash FROM audit_log WHERE seq > ? AND project_id = ? ORDER BY seq LIMIT ?",
            AuditLog::entry, afterSeq, project, limit));
  }

  /** Walks the whole chain and names the first entry that was altered, removed or inserted. */
  public Verification verify(Database db) {
    String prevHash = GENESIS;
    long expected = 1;
    long seen = 0;
    while (true) {
      List<Entry> page = entries(db, expected - 1, 10_000, null);
      if (page.isEmpty()) break;
      for (Entry e : page) {
        if (e.seq() != expected) {
          return bad(seen, expected, "entry " + expected + (e.seq() == expected + 1 ? " is" : " to " + (e.seq() - 1) + " are")
              + " missing: the log jumps from entry " + (expected - 1) + " to " + e.seq());
        }
        if (!e.prevHash().equals(prevHash)) {
          return bad(seen, e.seq(), "entry " + e.seq() + " does not follow entry " + (e.seq() - 1) + ": its recorded previous hash differs, so the entry before it was altered or replaced");
        }
        String h = hash(e.prevHash(), e.seq(), e.at(), e.actor(), e.action(), e.project(), e.subject(), e.details());
        if (!h.equals(e.hash())) {
          return bad(seen, e.seq(), "entry " + e.seq() + " (" + e.action() + ") was altered: its content no longer matches its hash");
        }
        prevHash = e.hash();
        expected++;
        seen++;
      }
    }
    long last = expected - 1;
    var head = db.read(sql -> sql.one("SELECT seq, hash FROM audit_head WHERE id = 1", rs -> new Object[] {rs.getLong(1), rs.getString(2)}).orElseThrow());
    long headSeq = (Long) head[0];
    if (headSeq != last) {
      return headSeq > last
          ? bad(seen, last + 1, "entries " + (last + 1) + " to " + headSeq + " are missing: the log ends at entry " + last + " but " + headSeq + " were written")
          : bad(seen, headSeq + 1, "entries after " + headSeq + " were added outside the server: the log's head is at entry " + headSeq);
    }
    if (!head[1].equals(prevHash)) return bad(seen, last, "entry " + last + " was replaced: it does not match the hash the server recorded for it");
    return new Verification(seen, Optional.empty(), Optional.empty());
  }

  private static Verification bad(long seen, long entry, String problem) {
    return new Verification(seen, Optional.of(entry), Optional.of(problem));
  }

  private static Entry entry(java.sql.ResultSet rs) throws SQLException {
    return new Entry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9));
  }

  static String hash(String prev, long seq, long at, String actor, String action, String project, String subject, String details) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String part : List.of(prev, Long.toString(seq), Long.toString(at), actor, action, String.valueOf(project), String.valueOf(subject), details)) {
        byte[] b = part.getBytes(StandardCharsets.UTF_8);
        md.update(longBytes(b.length));
        md.update(b);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] longBytes(long v) {
    byte[] out = new byte[8];
    for (int i = 7; i >= 0; i--) {
      out[i] = (byte) v;
      v >>= 8;
    }
    return out;
  }

  /** Entries as a list of maps, for the API. */
  public static List<Map<String, Object>> asMaps(List<Entry> entries) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Entry e : entries) {
      Map<String, Object> m = new java.util.LinkedHashMap<>();
      m.put("seq", e.seq());
      m.put("at", java.time.Instant.ofEpochMilli(e.at()).toString());
      m.put("actor", e.actor());
      m.put("action", e.action());
      m.put("project", e.project());
      m.put("subject", e.subject());
      try {
        m.put("details", CANONICAL.readTree(e.details()));
      } catch (java.io.IOException ex) {
        m.put("details", e.details());
      }
      m.put("hash", e.hash());
      out.add(m);
    }
    return out;
  }
}
