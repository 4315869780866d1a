package dev.holdout.server.auth;

import dev.holdout.server.base.ApiException;
import dev.holdout.server.base.Bounded;
import dev.holdout.server.store.Database;
import dev.holdout.server.trail.Trail;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Accounts and their tokens as the owner (or {@code holdout admin}) manages them: a new token for an
 * account, a new owner account, and revoking every token of an account, which takes effect on the
 * account's next request. Vendor accounts are made by invitation ({@code Projects#invite}).
 */
public final class Accounts {
  private final Database db;
  private final Tokens tokens;
  private final Trail trail;

  public Accounts(Database db, Tokens tokens, Trail trail) {
    this.db = db;
    this.tokens = tokens;
    this.trail = trail;
  }

  /**
   * A new token for the account {@code name}; with {@code createOwner}, an owner account of that
   * name is made when none exists (and a vendor's name is refused). Returns the account, its role
   * and the token, which is shown once.
   */
  public Map<String, Object> newToken(String actor, String name, boolean createOwner) {
    checkName(name);
    Tokens.Issued issued = db.tx(sql -> {
      var existing = Tokens.byName(sql, name);
      if (existing.isEmpty() && !createOwner) {
        throw ApiException.notFound("no account '" + name + "'; vendors are made by invitation (POST /api/v1/projects/{project}/vendors), "
            + "owners with {\"role\": \"owner\"}");
      }
      if (createOwner && existing.isPresent() && !existing.get().owner()) {
        throw ApiException.conflict("'" + name + "' is a vendor; choose another name for an owner account");
      }
      return tokens.issue(sql, existing.map(Principal::kind).orElse(Principal.Kind.OWNER), name, actor, trail);
    });
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("account", issued.principal().name());
    out.put("role", issued.principal().kind().key());
    out.put("token", issued.token());
    out.put("note", "the token is shown once; keep it secret");
    return out;
  }

  /** Revokes every token of the account {@code name}: its next request answers 401. */
  public Map<String, Object> revoke(String actor, String name) {
    checkName(name);
    int[] revoked = new int[1];
    Principal account = db.tx(sql -> {
      Principal p = Tokens.byName(sql, name).orElseThrow(() -> ApiException.notFound("no account '" + name + "'; GET /api/v1/projects/{project}/vendors "
          + "lists a project's vendors"));
      revoked[0] = tokens.revoke(sql, p, actor, trail);
      return p;
    });
    tokens.forgetAll();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("account", account.name());
    out.put("role", account.kind().key());
    out.put("tokens_revoked", revoked[0]);
    return out;
  }

  private static void checkName(String name) {
    if (name == null || name.isBlank() || name.length() > 200) {
      throw ApiException.badRequest("account name: expected 1 to 200 characters, found " + (name == null ? "none" : "'" + Bounded.echo(name) + "'"));
    }
  }
}
