package dev.holdout.server.auth;

import dev.holdout.server.log.AuditLog;
import dev.holdout.server.store.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens: 256 random bits, shown once, stored only as their SHA-256. Lookups are cached
 * by hash, since tokens are never edited in place.
 */
public final class Tokens {
  /** Prefix so a leaked token is recognisable in logs and secret scanners. */
  public static final String PREFIX = "hdt_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Database db;
  private final ConcurrentHashMap<String, Principal> cache = new ConcurrentHashMap<>();

  public Tokens(Database db) {
    this.db = db;
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
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The principal a presented token belongs to, if any. */
  public Optional<Principal> principal(String token) {
    if (token == null || !token.startsWith(PREFIX) || token.length() > 100) return Optional.empty();
    String h = hash(token);
    Principal cached = cache.get(h);
    if (cached != null) return Optional.of(cached);
    Optional<Principal> p = db.read(sql -> sql.one(
        "SELECT p.id, p.kind, p.name FROM token t JOIN principal p ON p.id = t.principal_id WHERE t.hash = ?", Principal::read, h));
    p.ifPresent(x -> cache.put(h, x));
    return p;
  }

  /**
   * Creates a principal of {@code kind} named {@code name} if there is none, and a new token for
   * it; returns the token, which is not stored and cannot be shown again.
   */
  public Issued issue(Database.Sql sql, Principal.Kind kind, String name, String actor, AuditLog log) throws java.sql.SQLException {
    Optional<Principal> existing = byName(sql, name);
    if (existing.isPresent() && existing.get().kind() != kind) {
      throw new IllegalArgumentException("the name '" + name + "' belongs to " + (existing.get().owner() ? "an owner" : "a vendor") + "; choose another name");
    }
    long now = System.currentTimeMillis();
    Principal p = existing.orElse(null);
    if (p == null) {
      p = new Principal(newId(kind == Principal.Kind.OWNER ? "o_" : "v_"), kind, name);
      sql.update("INSERT INTO principal (id, kind, name, created_at) VALUES (?, ?, ?, ?)", p.id(), kind.key(), name, now);
      log.append(sql, actor, kind == Principal.Kind.OWNER ? "owner.created" : "vendor.created", null, p.id(), java.util.Map.of("name", name));
    }
    String token = newToken();
    sql.update("INSERT INTO token (hash, principal_id, created_at) VALUES (?, ?, ?)", hash(token), p.id(), now);
    log.append(sql, actor, "token.created", null, p.id(), java.util.Map.of("name", name));
    return new Issued(p, token, existing.isEmpty());
  }

  /** The principal called {@code name}, if any. */
  public static Optional<Principal> byName(Database.Sql sql, String name) throws java.sql.SQLException {
    return sql.one("SELECT id, kind, name FROM principal WHERE name = ?", Principal::read, name);
  }

  /** A token just made for {@code principal}; {@code created} when the principal is new. */
  public record Issued(Principal principal, String token, boolean created) {}
}
