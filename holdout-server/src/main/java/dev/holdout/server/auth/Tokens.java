package dev.holdout.server.auth;

import dev.holdout.server.base.ApiException;
import dev.holdout.server.base.Bounded;
import dev.holdout.server.store.Database;
import dev.holdout.server.trail.Trail;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bearer tokens: 256 random bits, shown once, stored only as their SHA-256. Valid tokens are
 * cached by hash so repeated calls cost no query, and a revocation empties the cache before it is
 * answered; a lookup that raced with a revocation is not cached (a generation count says so), so no
 * cached token outlives its revocation. Besides stored tokens there is this run's admin secret,
 * which {@code holdout admin} on the server's machine reads from the data folder's lock file and
 * which acts as an owner named {@link #ADMIN}.
 */
public final class Tokens {
  /** Prefix so a leaked token is recognisable in logs and secret scanners. */
  public static final String PREFIX = "hdt_";
  /** The actor name of the data folder's administrator ({@code holdout admin} through the running server). */
  public static final String ADMIN = "holdout admin";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Database db;
  private final String adminSecret;
  private final ConcurrentHashMap<String, Principal> cache = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();

  /** {@code adminSecret} null: no admin secret is accepted. */
  public Tokens(Database db, String adminSecret) {
    this.db = db;
    this.adminSecret = adminSecret;
  }

  public static String newToken() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** A random identifier for a stored object, unguessable so ids reveal nothing about others' activity. */
  public static String newId(String prefix) {
    byte[] b = new byte[10];
    RANDOM.nextBytes(b);
    return prefix + HexFormat.of().formatHex(b);
  }

  public static String hash(String token) {
    return Trail.sha256(token);
  }

  /** Whether a presented token is one this server knows to be valid without asking the store (a cached one, or the admin secret). */
  public Optional<Principal> known(String token) {
    if (token == null) return Optional.empty();
    if (adminSecret != null && MessageDigest.isEqual(adminSecret.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
      return Optional.of(new Principal("admin", Principal.Kind.OWNER, ADMIN));
    }
    if (!token.startsWith(PREFIX) || token.length() > 100) return Optional.empty();
    return Optional.ofNullable(cache.get(hash(token)));
  }

  /** The principal a presented token belongs to, if any. */
  public Optional<Principal> principal(String token) {
    Optional<Principal> known = known(token);
    if (known.isPresent() || token == null || !token.startsWith(PREFIX) || token.length() > 100) return known;
    String h = hash(token);
    long before = generation.get();
    Optional<Principal> p = db.read(sql -> sql.one(
        "SELECT p.id, p.kind, p.name FROM token t JOIN principal p ON p.id = t.principal_id WHERE t.hash = ?", Principal::read, h));
    p.ifPresent(x -> {
      cache.put(h, x);
      // A revocation that began meanwhile may have cleared the cache before this put: undo it.
      if (generation.get() != before) cache.remove(h);
    });
    return p;
  }

  /**
   * Creates a principal of {@code kind} named {@code name} if there is none, and a new token for
   * it; returns the token, which is not stored and cannot be shown again.
   */
  public Issued issue(Database.Sql sql, Principal.Kind kind, String name, String actor, Trail trail) throws SQLException {
    Optional<Principal> existing = byName(sql, name);
    if (existing.isPresent() && existing.get().kind() != kind) {
      throw new ApiException(409, "the name '" + Bounded.echo(name) + "' belongs to "
          + (existing.get().owner() ? "an owner" : existing.get().service() ? "a service" : "a vendor") + "; choose another name");
    }
    long now = System.currentTimeMillis();
    Principal p = existing.orElse(null);
    if (p == null) {
      p = new Principal(newId(switch (kind) { case OWNER -> "o_"; case VENDOR -> "v_"; case SERVICE -> "a_"; }), kind, name);
      sql.update("INSERT INTO principal (id, kind, name, created_at) VALUES (?, ?, ?, ?)", p.id(), kind.key(), name, now);
      trail.append(sql, actor, kind.key() + ".created", null, p.id(), Map.of("name", name));
    }
    String token = newToken();
    sql.update("INSERT INTO token (hash, principal_id, created_at) VALUES (?, ?, ?)", hash(token), p.id(), now);
    trail.append(sql, actor, "token.created", null, p.id(), Map.of("name", name, "token_sha256", hash(token)));
    return new Issued(p, token, existing.isEmpty());
  }

  /**
   * Deletes every token of the account named {@code name}; returns how many. The cache is emptied
   * in the same step, so the revoked tokens fail from the next request on; call
   * {@link #forgetAll()} again once the transaction commits.
   */
  public int revoke(Database.Sql sql, Principal account, String actor, Trail trail) throws SQLException {
    forgetAll();
    int n = sql.update("DELETE FROM token WHERE principal_id = ?", account.id());
    trail.append(sql, actor, "token.revoked", null, account.id(), Map.of("name", account.name(), "tokens", n));
    return n;
  }

  /** Empties the cache of valid tokens. */
  public void forgetAll() {
    generation.incrementAndGet();
    cache.clear();
  }

  /** The principal called {@code name}, if any. */
  public static Optional<Principal> byName(Database.Sql sql, String name) throws SQLException {
    return sql.one("SELECT id, kind, name FROM principal WHERE name = ?", Principal::read, name);
  }

  /** A token just made for {@code principal}; {@code created} when the principal is new. */
  public record Issued(Principal principal, String token, boolean created) {}
}
