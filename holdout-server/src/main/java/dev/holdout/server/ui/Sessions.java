package dev.holdout.server.ui;

import dev.holdout.server.auth.Principal;
import dev.holdout.server.auth.Tokens;
import dev.holdout.server.store.Database;
import dev.holdout.server.trail.Trail;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Signed-in browsers. A session is a random 256-bit cookie value, stored only as its SHA-256 with
 * the hash of the token it was opened with, a CSRF token and an expiry (absolute, from sign-in:
 * 8 hours by default). It ends at sign-out, at expiry, or when its token is revoked (the row
 * cascades with the token), so a revocation takes effect on the next page as on the next API call.
 * Each lookup is one query; expired rows are deleted at each sign-in.
 */
public final class Sessions {
  /** How long a session lasts by default. */
  public static final Duration DEFAULT_TTL = Duration.ofHours(8);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Database db;
  private final Duration ttl;
  private final Clock clock;

  public Sessions(Database db, Duration ttl, Clock clock) {
    if (ttl.isNegative() || ttl.isZero()) throw new IllegalArgumentException("session lifetime must be positive, found " + ttl);
    this.db = db;
    this.ttl = ttl;
    this.clock = clock;
  }

  /** A live session: who, and the CSRF token its forms carry. */
  public record Session(Principal who, String csrf) {
    /** Whether {@code presented} is this session's CSRF token (compared in constant time). */
    public boolean csrfMatches(String presented) {
      return presented != null && MessageDigest.isEqual(csrf.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Opens a session for a stored token; returns the cookie value, which is not stored. */
  public String open(String token) {
    String cookie = random();
    long now = clock.millis();
    db.tx(sql -> {
      sql.update("DELETE FROM ui_session WHERE expires_at <= ?", now);
      return sql.update("INSERT INTO ui_session (hash, token_hash, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
          Trail.sha256(cookie), Tokens.hash(token), random(), now, now + ttl.toMillis());
    });
    return cookie;
  }

  /** The live session a cookie names: not expired, and its token not revoked. */
  public Optional<Session> find(String cookie) {
    if (cookie == null || cookie.length() != 43) return Optional.empty();
    long now = clock.millis();
    return db.read(sql -> sql.one(
        "SELECT p.id, p.kind, p.name, s.csrf FROM ui_session s JOIN token t ON t.hash = s.token_hash JOIN principal p ON p.id = t.principal_id "
            + "WHERE s.hash = ? AND s.expires_at > ?",
        rs -> new Session(Principal.read(rs), rs.getString(4)), Trail.sha256(cookie), now));
  }

  /** Ends the session a cookie names, if any. */
  public void end(String cookie) {
    if (cookie == null) return;
    db.tx(sql -> sql.update("DELETE FROM ui_session WHERE hash = ?", Trail.sha256(cookie)));
  }

  public Duration ttl() {
    return ttl;
  }

  /** 256 random bits as 43 base64url characters. */
  static String random() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
