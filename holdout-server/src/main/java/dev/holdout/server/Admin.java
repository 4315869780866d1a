package dev.holdout.server;

import dev.holdout.server.auth.Principal;
import dev.holdout.server.auth.Tokens;
import dev.holdout.server.log.AuditLog;
import dev.holdout.server.store.Database;
import java.nio.file.Path;

/** Administration run on the server's machine against its store directly: owner tokens and the audit log check. */
public final class Admin {
  private Admin() {}

  /** A new token for the owner account {@code name} (created if new). */
  public static String ownerToken(Path dataDir, String dbUrl, String name) {
    try (Database db = Database.open(dataDir, dbUrl)) {
      AuditLog log = new AuditLog();
      return db.tx(sql -> new Tokens(db).issue(sql, Principal.Kind.OWNER, name, "holdout admin", log).token());
    }
  }

  public static AuditLog.Verification verifyLog(Path dataDir, String dbUrl) {
    try (Database db = Database.open(dataDir, dbUrl)) {
      return new AuditLog().verify(db);
    }
  }
}
