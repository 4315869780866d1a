package dev.holdout.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdout.base.HoldoutException;
import dev.holdout.server.auth.Accounts;
import dev.holdout.server.auth.Tokens;
import dev.holdout.server.base.Bounded;
import dev.holdout.server.store.Database;
import dev.holdout.server.store.FolderLock;
import dev.holdout.server.trail.Checkpoint;
import dev.holdout.server.trail.SigningKey;
import dev.holdout.server.trail.Trail;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Administration on the server's machine, the server module's public API for {@code holdout admin}:
 * owner tokens, revocation, the audit trail's checkpoint and its check. When no server holds the
 * data folder, the store is opened directly (with the folder's lock held, so no server starts
 * meanwhile); when one runs, the request goes to it with the admin secret it wrote in the folder's
 * lock file, so its caches see the change at once and the embedded database stays in one process.
 */
public final class ServerAdmin {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ServerAdmin() {}

  /** Where the store is: the data folder, the PostgreSQL URL (null: embedded) and the signing key file (null: in the data folder). */
  public record Store(Path dataDir, String dbUrl, Path signingKey) {}

  /** An account's revocation: how many tokens it had. */
  public record Revoked(String account, String role, int tokens) {}

  /** The audit trail's head to keep elsewhere: {@code COUNT:HASH}. */
  public record Head(long entries, String hash) {
    @Override
    public String toString() {
      return entries + ":" + hash;
    }
  }

  /** The audit trail's check: {@code problem} null when intact; {@code firstBadEntry} null when no one entry is to blame. */
  public record Check(boolean intact, long entries, Long firstBadEntry, String problem) {}

  /** A new token for the owner account {@code name} (created if new); shown once. */
  public static String ownerToken(Store store, String name) {
    return run(store, local -> (String) local.accounts().newToken(Tokens.ADMIN, name, true).get("token"),
        remote -> remote.send("POST", "/accounts/" + encode(name) + "/tokens", "{\"role\": \"owner\"}").path("token").asText());
  }

  /** Revokes every token of the account {@code name}; its next request answers 401. */
  public static Revoked revoke(Store store, String name) {
    return run(store, local -> {
      var m = local.accounts().revoke(Tokens.ADMIN, name);
      return new Revoked((String) m.get("account"), (String) m.get("role"), (Integer) m.get("tokens_revoked"));
    }, remote -> {
      JsonNode n = remote.send("DELETE", "/accounts/" + encode(name) + "/tokens", null);
      return new Revoked(n.path("account").asText(), n.path("role").asText(), n.path("tokens_revoked").asInt());
    });
  }

  /** The trail's head after a full check; refused when the trail is broken. */
  public static Head checkpoint(Store store) {
    return run(store, local -> {
      Checkpoint c = local.trail().checkpoint(local.db());
      return new Head(c.entries(), c.hash());
    }, remote -> {
      JsonNode n = remote.send("GET", "/audit-log/checkpoint", null);
      return new Head(n.path("entries").asLong(), n.path("hash").asText());
    });
  }

  /** Checks the trail, and its head against {@code checkpoint} ({@code COUNT:HASH}) when given. */
  public static Check verify(Store store, String checkpoint) {
    Checkpoint c = checkpoint == null ? null : Checkpoint.parse(checkpoint);
    return run(store, local -> {
      Trail.Verification v = local.trail().verify(local.db(), c);
      return new Check(v.intact(), v.entries(), v.firstBadEntry().orElse(null), v.problem().orElse(null));
    }, remote -> {
      JsonNode n = remote.send("GET", "/audit-log/verify" + (c == null ? "" : "?checkpoint=" + encode(c.toString())), null);
      return new Check(n.path("intact").asBoolean(), n.path("entries").asLong(), n.path("first_bad_entry").isNull() ? null : n.path("first_bad_entry").asLong(),
          n.path("problem").isNull() ? null : n.path("problem").asText());
    });
  }

  private record Local(Database db, Trail trail, Accounts accounts) {}

  private static <T> T run(Store store, Function<Local, T> direct, Function<Remote, T> viaServer) {
    Path dir = store.dataDir().toAbsolutePath();
    Optional<FolderLock> lock = FolderLock.tryAcquire(dir);
    if (lock.isEmpty()) {
      FolderLock.Holder h = FolderLock.holder(dir).orElse(null);
      if (h == null || h.url() == null || h.adminSecret() == null) {
        throw new HoldoutException("another Holdout process " + (h == null ? "" : "(" + h.pid() + ") ") + "holds " + dir
            + " and does not take requests (a server still starting, or another holdout admin); try again in a moment");
      }
      return viaServer.apply(new Remote(h));
    }
    try (FolderLock held = lock.get(); Database db = Database.open(dir, store.dbUrl())) {
      Trail trail = new Trail(SigningKey.open(dir, store.signingKey(), Trail.empty(db)));
      return direct.apply(new Local(db, trail, new Accounts(db, new Tokens(db, null), trail)));
    }
  }

  private static String encode(String v) {
    return URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The running server, asked with this run's admin secret. */
  private record Remote(FolderLock.Holder holder) {
    JsonNode send(String method, String path, String json) {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(holder.url() + path)).timeout(Duration.ofMinutes(10))
          .header("Authorization", "Bearer " + holder.adminSecret())
          .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
      if (json != null) b.header("Content-Type", "application/json");
      HttpResponse<String> res;
      try {
        res = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new HoldoutException("the Holdout server holding this data folder (process " + holder.pid() + ", " + holder.url() + ") does not answer ("
            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + "); check that it runs, or stop it and try again");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new HoldoutException("interrupted");
      }
      JsonNode body;
      try {
        body = JSON.readTree(res.body());
      } catch (IOException e) {
        throw new HoldoutException(holder.url() + " answered " + res.statusCode() + " with something that is not JSON: " + Bounded.echo(res.body()));
      }
      if (res.statusCode() >= 400) throw new HoldoutException(body.path("error").asText("the server refused (" + res.statusCode() + ")"));
      return body;
    }
  }
}
