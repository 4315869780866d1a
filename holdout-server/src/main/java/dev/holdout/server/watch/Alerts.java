package dev.holdout.server.watch;

import dev.holdout.endpoint.RetryingClient;
import dev.holdout.server.auth.Principal;
import dev.holdout.server.auth.Tokens;
import dev.holdout.server.base.ApiException;
import dev.holdout.server.base.Bounded;
import dev.holdout.server.project.Projects;
import dev.holdout.server.store.Database;
import dev.holdout.server.trail.Trail;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A project's webhooks and the alerts its windows raised. An alert is stored with its window, in
 * the same transaction, once per (window, kind, subject), so a restart never makes it again; each
 * webhook's delivery is a row whose {@code sent_at} is set once the hook answered 2xx, so a restart
 * sends only what was not yet delivered. Delivery is at least once: a crash between the hook's
 * answer and that commit sends the alert again, with the same {@code id} for the receiver to drop.
 * Requests are the shared {@link RetryingClient}'s (retried after a timeout, 408, 429 or 5xx, with
 * doubling waits), signed with HMAC-SHA256 of the body under the project's secret
 * ({@code X-Holdout-Signature: sha256=HEX}).
 */
public final class Alerts {
  private static final Logger LOG = Logger.getLogger(Alerts.class.getName());
  /** Deliveries given up after this many failed calls (each itself retried). */
  static final int MAX_ATTEMPTS = 20;

  private final Database db;
  private final Trail trail;
  private final Projects projects;
  private final RetryingClient.Policy policy;

  public Alerts(Database db, Trail trail, Projects projects, RetryingClient.Policy policy) {
    this.db = db;
    this.trail = trail;
    this.projects = projects;
    this.policy = policy;
  }

  /** Replaces the project's webhooks with {@code urls}; answers them and the signing secret. */
  public Map<String, Object> configure(Principal owner, String projectId, Object urls) {
    projects.get(projectId);
    if (!(urls instanceof List<?> list) || list.size() > 20) {
      throw ApiException.badRequest("give the webhooks as {\"webhooks\": [\"https://...\"]} (at most 20)");
    }
    List<String> hooks = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof String u) || u.length() > 2000 || !(u.startsWith("http://") || u.startsWith("https://"))) {
        throw ApiException.badRequest("webhooks: expected http:// or https:// URLs of at most 2,000 characters, found " + Bounded.echo(String.valueOf(o)));
      }
      try {
        URI.create(u);
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("webhooks: '" + Bounded.echo(u) + "' is not a URL (" + Bounded.echo(e.getMessage()) + ")");
      }
      hooks.add(u);
    }
    String secret = db.tx(sql -> {
      sql.update("DELETE FROM alert_hook WHERE project_id = ?", projectId);
      for (int i = 0; i < hooks.size(); i++) sql.update("INSERT INTO alert_hook (project_id, position, url) VALUES (?, ?, ?)", projectId, i, hooks.get(i));
      String s = sql.one("SELECT secret FROM alert_secret WHERE project_id = ?", rs -> rs.getString(1), projectId).orElse(null);
      if (s == null) {
        s = Tokens.newToken().substring(Tokens.PREFIX.length());
        sql.update("INSERT INTO alert_secret (project_id, secret) VALUES (?, ?)", projectId, s);
      }
      trail.append(sql, owner.name(), "project.alerts", projectId, projectId, Map.of("webhooks", hooks.size()));
      return s;
    });
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("webhooks", hooks);
    out.put("secret", secret);
    out.put("signature", "X-Holdout-Signature: sha256=HEX, HMAC-SHA256 of the request body under the secret");
    return out;
  }

  /** The project's alerts, newest window first, with each webhook's delivery. */
  public List<Map<String, Object>> list(String projectId) {
    projects.get(projectId);
    return db.read(sql -> {
      List<Map<String, Object>> out = sql.list("SELECT id, payload FROM alert WHERE project_id = ? ORDER BY window_key DESC, created_at, id", rs -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", rs.getString(1));
        m.put("alert", PredictionLog.tree(rs.getString(2)));
        return m;
      }, projectId);
      for (Map<String, Object> m : out) {
        m.put("deliveries", sql.list("SELECT url, attempts, sent_at, last_error FROM alert_delivery WHERE alert_id = ? ORDER BY url", rs -> {
          Map<String, Object> d = new LinkedHashMap<>();
          d.put("url", rs.getString(1));
          d.put("attempts", rs.getInt(2));
          long sent = rs.getLong(3);
          d.put("sent_at", rs.wasNull() ? null : Instant.ofEpochMilli(sent).toString());
          d.put("last_error", rs.getString(4));
          return d;
        }, m.get("id")));
      }
      return out;
    });
  }

  /** Stores an alert of a window and one delivery per current webhook; inside the window's transaction. */
  static void raise(Database.Sql sql, String projectId, long windowKey, String kind, String subject, Map<String, Object> payload) throws SQLException {
    String id = Tokens.newId("al_");
    payload.put("id", id);
    sql.update("INSERT INTO alert (id, project_id, window_key, kind, subject, payload, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", id, projectId, windowKey,
        kind, Bounded.cut(subject, 200), PredictionLog.json(payload), System.currentTimeMillis());
    for (String url : sql.list("SELECT url FROM alert_hook WHERE project_id = ? ORDER BY position", rs -> rs.getString(1), projectId)) {
      sql.update("INSERT INTO alert_delivery (alert_id, url, attempts) VALUES (?, ?, 0)", id, url);
    }
  }

  /** Sends every delivery not yet made (oldest first); returns how many were delivered now. */
  int deliverPending() {
    record Pending(String alert, String url, String payload, String secret) {}
    List<Pending> pending = db.read(sql -> sql.list("SELECT d.alert_id, d.url, a.payload, s.secret FROM alert_delivery d JOIN alert a ON a.id = d.alert_id "
        + "LEFT JOIN alert_secret s ON s.project_id = a.project_id WHERE d.sent_at IS NULL AND d.attempts < ? ORDER BY a.created_at, d.alert_id",
        rs -> new Pending(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), MAX_ATTEMPTS));
    int sent = 0;
    for (Pending p : pending) {
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("X-Holdout-Alert", p.alert());
      if (p.secret() != null) headers.put("X-Holdout-Signature", "sha256=" + hmac(p.secret(), p.payload()));
      RetryingClient.Outcome<Boolean> o;
      try {
        o = new RetryingClient(URI.create(p.url()), headers, policy).post(p.payload(), (body, ms) -> RetryingClient.Reading.of(true));
      } catch (RuntimeException e) {
        o = new RetryingClient.Outcome<>(null, String.valueOf(e.getMessage()), 0, 1);
      }
      boolean ok = o.ok();
      String error = o.error();
      db.tx(sql -> sql.update("UPDATE alert_delivery SET attempts = attempts + 1, sent_at = ?, last_error = ? WHERE alert_id = ? AND url = ?",
          ok ? System.currentTimeMillis() : null, ok ? null : Bounded.cut(error, 2000), p.alert(), p.url()));
      if (ok) sent++;
      else LOG.log(Level.WARNING, "alert " + p.alert() + " to " + p.url() + ": " + error);
    }
    return sent;
  }

  static String hmac(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Default delivery policy: 10 s a call, 4 retries from 500 ms. */
  public static RetryingClient.Policy defaultPolicy() {
    return new RetryingClient.Policy(Duration.ofSeconds(10), 4, Duration.ofMillis(500), null);
  }
}
