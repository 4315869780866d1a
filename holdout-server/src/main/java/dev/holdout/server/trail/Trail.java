package dev.holdout.server.trail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.holdout.base.HoldoutException;
import dev.holdout.server.base.Bounded;
import dev.holdout.server.store.Database;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The audit trail: every state change (accounts and tokens, projects and their settings, invitations
 * and removals, uploads, verdicts, scores, reports, promotions and rollbacks) is an entry appended
 * in the same transaction as the change, so both land or neither does. Each entry's hash is SHA-256
 * over the previous hash and its own fields (length-prefixed), and is signed with a
 * {@link SigningKey} kept outside the database. {@link #verify} walks the chain, checks every
 * signature, compares the head with a {@link Checkpoint} the owner kept, and replays the entries to
 * check that the tables hold exactly the state they record; so rewriting, cutting or rolling back
 * the trail, or changing a verdict, score or quota beside it, shows. Strings in an entry are bounded
 * ({@link Bounded#ENTRY_TEXT}).
 */
public final class Trail {
  public static final String GENESIS = "0".repeat(64);
  private static final ObjectMapper CANONICAL = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
  private static final String COLUMNS = "seq, at, actor, action, project_id, subject, details, prev_hash, hash, sig";

  private final SigningKey key;

  public Trail(SigningKey key) {
    this.key = key;
  }

  /** One entry as stored. */
  public record Entry(long seq, long at, String actor, String action, String project, String subject, String details, String prevHash, String hash,
      String sig) {}

  /** The result of a check: {@code problem} is empty when the trail and the tables are intact. */
  public record Verification(long entries, Optional<Long> firstBadEntry, Optional<String> problem) {
    public boolean intact() {
      return problem.isEmpty();
    }
  }

  /** Whether the store has no entries yet (a new store may get a new signing key). */
  public static boolean empty(Database db) {
    return db.read(sql -> sql.count("SELECT COUNT(*) FROM audit_log")) == 0;
  }

  /** Appends an entry after the current head; waits for any other append to commit first. */
  public void append(Database.Sql sql, String actor, String action, String project, String subject, Map<String, ?> details) throws SQLException {
    String json = json(Bounded.details(details));
    // Locking the head row serialises appends on both H2 and PostgreSQL.
    var head = sql.one("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE", rs -> new Object[] {rs.getLong(1), rs.getString(2)}).orElseThrow();
    long seq = (Long) head[0] + 1;
    String prev = (String) head[1];
    long at = System.currentTimeMillis();
    String by = Bounded.cut(actor, 160);
    String hash = hash(prev, seq, at, by, action, project, subject, json);
    sql.update("INSERT INTO audit_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", seq, at, by, action, project, subject, json, prev, hash,
        key.sign(hash));
    sql.update("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", seq, hash);
  }

  /** Entries after {@code afterSeq}, oldest first, at most {@code limit}; optionally of one project. */
  public List<Entry> entries(Database db, long afterSeq, int limit, String project) {
    return db.read(sql -> entries(sql, afterSeq, limit, project));
  }

  private static List<Entry> entries(Database.Sql sql, long afterSeq, int limit, String project) throws SQLException {
    return project == null
        ? sql.list("SELECT " + COLUMNS + " FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?", Trail::entry, afterSeq, limit)
        : sql.list("SELECT " + COLUMNS + " FROM audit_log WHERE seq > ? AND project_id = ? ORDER BY seq LIMIT ?", Trail::entry, afterSeq, project, limit);
  }

  /** The head to write down elsewhere, after a full {@link #verify}; refused when the trail is broken, since it would vouch for it. */
  public Checkpoint checkpoint(Database db) {
    return db.tx(sql -> {
      Verification v = verify(sql, null);
      if (!v.intact()) {
        throw new HoldoutException("the audit trail is broken (" + v.problem().orElseThrow()
            + "); a checkpoint now would vouch for it: find out what changed first (holdout admin verify-log)");
      }
      return sql.one("SELECT seq, hash FROM audit_head WHERE id = 1", rs -> new Checkpoint(rs.getLong(1), rs.getString(2))).orElseThrow();
    });
  }

  /**
   * Walks the whole chain, checks each signature and the head, the {@code checkpoint} when given,
   * and the tables against the state the entries record; names the first problem. Appends wait
   * while it runs, so it sees one moment of the store.
   */
  public Verification verify(Database db, Checkpoint checkpoint) {
    return db.tx(sql -> verify(sql, checkpoint));
  }

  private Verification verify(Database.Sql sql, Checkpoint checkpoint) throws SQLException {
    var head = sql.one("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE", rs -> new Checkpoint(rs.getLong(1), rs.getString(2))).orElseThrow();
    TrailState state = new TrailState();
    String prevHash = GENESIS;
    String atCheckpoint = checkpoint != null && checkpoint.entries() == 0 ? GENESIS : null;
    long expected = 1;
    while (true) {
      List<Entry> page = entries(sql, expected - 1, 10_000, null);
      if (page.isEmpty()) break;
      for (Entry e : page) {
        long seen = expected - 1;
        if (e.seq() != expected) {
          return bad(seen, expected, "entry " + expected + (e.seq() == expected + 1 ? " is" : " to " + (e.seq() - 1) + " are")
              + " missing: the trail jumps from entry " + (expected - 1) + " to " + e.seq());
        }
        if (!e.prevHash().equals(prevHash)) {
          return bad(seen, e.seq(), "entry " + e.seq() + " does not follow entry " + (e.seq() - 1)
              + ": its recorded previous hash differs, so the entry before it was altered or replaced");
        }
        String h = hash(e.prevHash(), e.seq(), e.at(), e.actor(), e.action(), e.project(), e.subject(), e.details());
        if (!h.equals(e.hash())) return bad(seen, e.seq(), "entry " + e.seq() + " (" + e.action() + ") was altered: its content no longer matches its hash");
        if (!key.verify(e.hash(), e.sig())) {
          return bad(seen, e.seq(), "entry " + e.seq() + " (" + e.action() + ") is not signed with this store's signing key: it was written or rewritten "
              + "outside the server (or the key given is not this store's)");
        }
        if (checkpoint != null && e.seq() == checkpoint.entries()) atCheckpoint = e.hash();
        state.apply(e, details(e));
        prevHash = e.hash();
        expected++;
      }
    }
    long last = expected - 1;
    if (head.entries() != last) {
      return head.entries() > last
          ? bad(last, last + 1, "entries " + (last + 1) + " to " + head.entries() + " are missing: the trail ends at entry " + last + " but " + head.entries()
              + " were written")
          : bad(last, head.entries() + 1, "the head was moved back to entry " + head.entries() + " while the trail goes on to entry " + last
              + ": entries after it were added outside the server, or the head was rolled back");
    }
    if (!head.hash().equals(prevHash)) return bad(last, last, "entry " + last + " was replaced: it does not match the hash the server recorded for it");
    if (checkpoint != null) {
      if (last < checkpoint.entries()) {
        return bad(last, last + 1, "the trail ends at entry " + last + " but the checkpoint " + checkpoint + " says " + checkpoint.entries()
            + " entries were written: entries " + (last + 1) + " to " + checkpoint.entries() + " were cut, or the store was rolled back to an older copy");
      }
      if (!checkpoint.hash().equals(atCheckpoint)) {
        return bad(0, checkpoint.entries(), "entry " + checkpoint.entries() + " does not have the hash of the checkpoint " + checkpoint
            + ": the trail was rewritten at or before that entry");
      }
    }
    Optional<TrailState.Mismatch> m = state.compare(TrailState.read(sql));
    if (m.isPresent()) return bad(last, m.get().entry(), m.get().problem());
    return new Verification(last, Optional.empty(), Optional.empty());
  }

  private static Verification bad(long intactBefore, long entry, String problem) {
    return new Verification(intactBefore, entry < 0 ? Optional.empty() : Optional.of(entry), Optional.of(problem));
  }

  private static Entry entry(ResultSet rs) throws SQLException {
    return new Entry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
        rs.getString(9), rs.getString(10));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> details(Entry e) {
    try {
      Object v = CANONICAL.readValue(e.details(), Object.class);
      return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    } catch (IOException ex) {
      return Map.of();
    }
  }

  private static String json(Map<String, Object> details) {
    try {
      return CANONICAL.writeValueAsString(details);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("audit details must be plain values, maps and lists: " + e.getOriginalMessage(), e);
    }
  }

  static String hash(String prev, long seq, long at, String actor, String action, String project, String subject, String details) {
    MessageDigest md = sha256();
    for (String part : List.of(prev, Long.toString(seq), Long.toString(at), actor, action, String.valueOf(project), String.valueOf(subject), details)) {
      byte[] b = part.getBytes(StandardCharsets.UTF_8);
      md.update(ByteBuffer.allocate(8).putLong(b.length).array());
      md.update(b);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** SHA-256 of a text as 64 hexadecimal digits (null stays null), for recording stored texts by their hash. */
  public static String sha256(String text) {
    return text == null ? null : HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Entries as maps, for the API. */
  public static List<Map<String, Object>> asMaps(List<Entry> entries) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Entry e : entries) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("seq", e.seq());
      m.put("at", Instant.ofEpochMilli(e.at()).toString());
      m.put("actor", e.actor());
      m.put("action", e.action());
      m.put("project", e.project());
      m.put("subject", e.subject());
      m.put("details", details(e));
      m.put("hash", e.hash());
      out.add(m);
    }
    return out;
  }
}
