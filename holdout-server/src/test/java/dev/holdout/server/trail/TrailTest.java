package dev.holdout.server.trail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdout.server.TestServer;
import dev.holdout.server.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The audit trail against someone who can write the database, on both stores: an entry rewritten
 * without the key fails its signature; rewritten and re-signed with the key, or cut, or the whole
 * store rolled back to an older consistent state, it fails against a checkpoint kept elsewhere; a
 * verdict, score, quota, shown score or token changed in the tables beside the trail fails the
 * replay; vendor text in an entry is bounded.
 */
class TrailTest {
  @TempDir Path dir;

  /** A project with two vendors and one evaluated submission. */
  private static String busy(TestServer s) {
    String p = s.project(600);
    String a = s.invite(p, "acme");
    s.invite(p, "globex");
    s.await(p, s.submit(p, a, TestServer.Data.predictions(s.dir, "good", 600, 0.4, 1)));
    return p;
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void a_rewritten_entry_fails_its_signature_and_a_resigned_one_fails_the_checkpoint(String store) throws Exception {
    try (TestServer s = new TestServer(dir, store)) {
      busy(s);
      String checkpoint = s.checkpoint();
      long invited = Long.parseLong(s.column("SELECT seq FROM audit_log WHERE action = 'vendor.invited' ORDER BY seq LIMIT 1").get(0));
      rewrite(s, invited, "{\"vendor\":\"someone else\"}", null);
      Trail.Verification unsigned = s.verify(null);
      assertThat(unsigned.problem().orElseThrow()).contains("entry " + invited).contains("not signed with this store's signing key");

      SigningKey key = SigningKey.of(HexFormat.of().parseHex(Files.readString(dir.resolve("signing.key")).strip()));
      rewrite(s, invited, "{\"vendor\":\"someone else\"}", key);
      assertThat(s.verify(null).intact()).as("with the key, a rewrite is consistent on its own").isTrue();
      Trail.Verification against = s.verify(checkpoint);
      assertThat(against.intact()).isFalse();
      assertThat(against.problem().orElseThrow()).contains("does not have the hash of the checkpoint " + checkpoint).contains("rewritten");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void a_cut_tail_and_a_store_rolled_back_to_an_older_state_fail_the_checkpoint(String store) {
    try (TestServer s = new TestServer(dir, store)) {
      String p = busy(s);
      String older = s.checkpoint();
      long kept = Long.parseLong(older.substring(0, older.indexOf(':')));
      s.invite(p, "initech");
      String newer = s.checkpoint();
      long written = Long.parseLong(newer.substring(0, newer.indexOf(':')));
      assertThat(written).isEqualTo(kept + 3);

      // The tail cut and the head moved back: the tables still hold what the cut entries recorded.
      s.sql("DELETE FROM audit_log WHERE seq > " + kept);
      s.sql("UPDATE audit_head SET seq = " + kept + ", hash = '" + older.substring(older.indexOf(':') + 1) + "' WHERE id = 1");
      assertThat(s.verify(null).problem().orElseThrow()).contains("added outside the server");
      Trail.Verification cut = s.verify(newer);
      assertThat(cut.problem().orElseThrow()).contains("the trail ends at entry " + kept).contains("says " + written).contains("were cut");

      // The rows undone too: an older, consistent store, as from an old backup. Only the checkpoint shows it.
      String vendor = s.column("SELECT id FROM principal WHERE name = 'initech'").get(0);
      s.sql("DELETE FROM membership WHERE vendor_id = '" + vendor + "'");
      s.sql("DELETE FROM token WHERE principal_id = '" + vendor + "'");
      s.sql("DELETE FROM principal WHERE id = '" + vendor + "'");
      assertThat(s.verify(null).intact()).isTrue();
      assertThat(s.verify(older).intact()).isTrue();
      assertThat(s.verify(newer).problem().orElseThrow()).contains("rolled back");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void a_verdict_score_quota_or_token_changed_beside_the_trail_is_found(String store) {
    try (TestServer s = new TestServer(dir, store)) {
      String p = busy(s);
      assertThat(s.verify(null).intact()).isTrue();
      String score = s.column("SELECT public_score FROM submission").get(0);
      String shown = s.column("SELECT shown_score FROM membership WHERE shown_score IS NOT NULL").get(0);
      Map<String, List<String>> attacks = new java.util.LinkedHashMap<>();
      attacks.put("verdict", List.of("UPDATE submission SET verdict = 'REJECTED'", "UPDATE submission SET verdict = 'ACCEPTED'"));
      attacks.put("public_score", List.of("UPDATE submission SET public_score = 0.99", "UPDATE submission SET public_score = " + score));
      attacks.put("daily_quota", List.of("UPDATE project SET daily_quota = 999 WHERE id = '" + p + "'", "UPDATE project SET daily_quota = 5 WHERE id = '" + p + "'"));
      attacks.put("shown_score", List.of("UPDATE membership SET shown_score = 0.99 WHERE shown_score IS NOT NULL", "UPDATE membership SET shown_score = " + shown + " WHERE shown_score IS NOT NULL"));
      attacks.put("added outside the server", List.of("INSERT INTO token (hash, principal_id, created_at) SELECT '" + "ab".repeat(32) + "', id, 0 FROM principal "
          + "WHERE name = 'globex'", "DELETE FROM token WHERE hash = '" + "ab".repeat(32) + "'"));
      for (var a : attacks.entrySet()) {
        String before = s.column("SELECT COUNT(*) FROM audit_log").get(0);
        s.sql(a.getValue().get(0));
        Trail.Verification v = s.verify(null);
        assertThat(v.problem()).as(a.getKey()).hasValueSatisfying(m -> assertThat(m).contains(a.getKey()));
        s.sql(a.getValue().get(1));
        assertThat(s.verify(null).intact()).as("undone: " + a.getKey() + " " + s.verify(null).problem()).isTrue();
        assertThat(s.column("SELECT COUNT(*) FROM audit_log").get(0)).isEqualTo(before);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void two_megabytes_of_vendor_text_make_an_entry_of_a_few_kilobytes(String store) {
    try (TestServer s = new TestServer(dir, store)) {
      String huge = "x".repeat(2 << 20);
      s.database().tx(sql -> {
        s.trail().append(sql, huge, "submission.failed", null, "s_x", Map.of("error", huge, "nested", Map.of("k", List.of(huge))));
        return null;
      });
      String details = s.column("SELECT details FROM audit_log ORDER BY seq DESC LIMIT 1").get(0);
      assertThat(details.length()).isLessThan(8_000);
      assertThat(details).contains("more characters");
      assertThat(s.column("SELECT actor FROM audit_log ORDER BY seq DESC LIMIT 1").get(0).length()).isLessThanOrEqualTo(200 + 40);
    }
  }

  /**
   * Replaces an entry's details and rechains it and every later entry and the head (SHA-256 needs
   * no secret); with a key, re-signs them too, as an attacker who stole the key would.
   */
  private static void rewrite(TestServer s, long seq, String details, SigningKey key) {
    Database db = s.database();
    db.tx(sql -> {
      sql.update("UPDATE audit_log SET details = ? WHERE seq = ?", details, seq);
      String prev = sql.one("SELECT prev_hash FROM audit_log WHERE seq = ?", rs -> rs.getString(1), seq).orElseThrow();
      List<Trail.Entry> later = sql.list("SELECT seq, at, actor, action, project_id, subject, details, prev_hash, hash, sig FROM audit_log WHERE seq >= ? ORDER BY seq",
          rs -> new Trail.Entry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
              rs.getString(8), rs.getString(9), rs.getString(10)), seq);
      for (Trail.Entry e : later) {
        String h = Trail.hash(prev, e.seq(), e.at(), e.actor(), e.action(), e.project(), e.subject(), e.details());
        sql.update("UPDATE audit_log SET prev_hash = ?, hash = ?, sig = ? WHERE seq = ?", prev, h, key == null ? e.sig() : key.sign(h), e.seq());
        prev = h;
      }
      sql.update("UPDATE audit_head SET hash = ? WHERE id = 1", prev);
      return null;
    });
  }
}
