package dev.holdout.server;

import dev.holdout.base.HoldoutException;
import dev.holdout.server.api.Api;
import dev.holdout.server.api.Http;
import dev.holdout.server.auth.Principal;
import dev.holdout.server.auth.Throttle;
import dev.holdout.server.auth.Tokens;
import dev.holdout.server.leaderboard.Leaderboard;
import dev.holdout.server.project.Projects;
import dev.holdout.server.store.Database;
import dev.holdout.server.store.FolderLock;
import dev.holdout.server.store.Uploads;
import dev.holdout.server.submission.Champions;
import dev.holdout.server.submission.Evaluations;
import dev.holdout.server.submission.Submissions;
import dev.holdout.server.trail.SigningKey;
import dev.holdout.server.trail.Trail;
import dev.holdout.server.ui.Sessions;
import dev.holdout.server.ui.Ui;
import dev.holdout.server.watch.Alerts;
import dev.holdout.server.watch.PredictionLog;
import dev.holdout.server.watch.Services;
import dev.holdout.server.watch.Watch;
import dev.holdout.server.watch.WatchRoutes;
import dev.holdout.server.api.FileRoutes;
import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The Holdout server: the store, the evaluation workers and the HTTP API, started together and
 * stopped together. {@link #start} first takes the data folder's lock (a second server on the same
 * folder is refused before it touches anything), then recovers from a crash before it takes
 * requests: temporary uploads and orphaned files are removed and unfinished evaluations requeued.
 * The web pages ({@link Ui}) are served by the same Javalin instance at {@code /}.
 * With {@link ServerAdmin}, this is the server module's public API; the other packages are its
 * inside.
 */
public final class HoldoutServer implements AutoCloseable {
  /**
   * Where and how to run. {@code dbUrl} null means the embedded database in {@code dataDir};
   * {@code cachedRows} bounds the evaluation set rows kept in memory across projects;
   * {@code signingKey} null keeps the audit trail's key in the data folder; {@code secureCookies}
   * marks the web pages' session cookie Secure even on plain HTTP (behind a TLS proxy), and
   * {@code sessionTtl} is how long a web session lasts from sign-in.
   */
  public record Config(Path dataDir, String host, int port, String dbUrl, int workers, long maxDataBytes, long cachedRows, Path signingKey,
      boolean secureCookies, Duration sessionTtl) {
    /** Evaluation set rows kept in memory by default: about 1 GB for binary sets with two slices. */
    public static final long CACHED_ROWS = 20_000_000;

    public Config(Path dataDir, String host, int port, String dbUrl, int workers, long maxDataBytes, long cachedRows, Path signingKey) {
      this(dataDir, host, port, dbUrl, workers, maxDataBytes, cachedRows, signingKey, false, Sessions.DEFAULT_TTL);
    }

    public Config(Path dataDir, String host, int port, String dbUrl, int workers, long maxDataBytes, long cachedRows) {
      this(dataDir, host, port, dbUrl, workers, maxDataBytes, cachedRows, null);
    }

    public Config(Path dataDir, String host, int port, String dbUrl, int workers, long maxDataBytes) {
      this(dataDir, host, port, dbUrl, workers, maxDataBytes, CACHED_ROWS);
    }

    /** This configuration with the web pages' cookie and session settings. */
    public Config withSessions(boolean secure, Duration ttl) {
      return new Config(dataDir, host, port, dbUrl, workers, maxDataBytes, cachedRows, signingKey, secure, ttl);
    }

    public static Config defaults(Path dataDir) {
      return new Config(dataDir, "127.0.0.1", 8080, null, Math.max(1, Runtime.getRuntime().availableProcessors()), 4L << 30);
    }
  }

  /** How often the monitor's scheduler looks for closed windows and pending alerts. */
  static final long WATCH_TICK_MILLIS = 500;

  private final FolderLock lock;
  private final Database db;
  private final Trail trail;
  private final Api api;
  private final Ui ui;
  private final Evaluations evaluations;
  private final Watch watch;
  private final Javalin app;
  private final String ownerToken;
  private final int requeued;

  private HoldoutServer(FolderLock lock, Database db, Trail trail, Api api, Ui ui, Evaluations evaluations, Watch watch, Javalin app,
      String ownerToken, int requeued) {
    this.watch = watch;
    this.lock = lock;
    this.db = db;
    this.trail = trail;
    this.api = api;
    this.ui = ui;
    this.evaluations = evaluations;
    this.app = app;
    this.ownerToken = ownerToken;
    this.requeued = requeued;
  }

  public static HoldoutServer start(Config config) {
    Path dir = config.dataDir().toAbsolutePath();
    FolderLock lock = FolderLock.acquire(dir);
    Database db = null;
    Evaluations evaluations = null;
    Watch watch = null;
    try {
      db = Database.open(dir, config.dbUrl());
      Trail trail = new Trail(SigningKey.open(dir, config.signingKey(), Trail.empty(db)));
      String adminSecret = Tokens.newToken();
      Tokens tokens = new Tokens(db, adminSecret);
      String ownerToken = firstOwner(db, tokens, trail);
      Uploads uploads = new Uploads(dir.resolve("tmp"));
      uploads.sweep();
      Projects projects = new Projects(db, trail, tokens, uploads, dir, config.maxDataBytes());
      Leaderboard leaderboard = new Leaderboard(db, projects);
      Path submissionsRoot = dir.resolve("submissions");
      evaluations = new Evaluations(db, trail, projects, leaderboard, submissionsRoot, config.workers(), config.cachedRows());
      Submissions submissions = new Submissions(db, trail, projects, uploads, evaluations, leaderboard, submissionsRoot);
      submissions.sweepOrphans();
      Champions champions = new Champions(db, trail, projects, submissions, evaluations);
      Api api = new Api(db, tokens, new Throttle(), trail, projects, submissions, champions, leaderboard, evaluations);
      PredictionLog log = new PredictionLog(db, projects);
      Alerts alerts = new Alerts(db, trail, projects, Alerts.defaultPolicy());
      watch = new Watch(db, projects, log, alerts, dir.resolve("tmp").resolve("watch"), submissionsRoot);
      WatchRoutes.add(api, new Services(db, tokens, trail, projects), log, watch, alerts);
      FileRoutes.add(api, projects);
      Javalin app = Http.create(api);
      Ui ui = Ui.create(api, new Sessions(db, config.sessionTtl(), Clock.systemUTC()), config.secureCookies(), config.maxDataBytes(), db, trail, projects,
          submissions, champions, leaderboard, evaluations);
      ui.register(app);
      int requeued = evaluations.resume();
      projects.visibleTo(new Principal("", Principal.Kind.OWNER, "")).forEach(evaluations::warm);
      try {
        app.start(config.host(), config.port());
      } catch (RuntimeException e) {
        throw new HoldoutException("cannot listen on " + config.host() + ":" + config.port() + " (" + e.getMessage() + "); is the port in use? choose another with --port");
      }
      String host = config.host().equals("0.0.0.0") || config.host().equals("::") ? "127.0.0.1" : config.host();
      lock.announce("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + app.port() + "/api/v1", adminSecret);
      watch.start(WATCH_TICK_MILLIS);
      return new HoldoutServer(lock, db, trail, api, ui, evaluations, watch, app, ownerToken, requeued);
    } catch (IOException e) {
      stop(lock, db, evaluations, watch);
      throw new HoldoutException(dir + ": cannot be read (" + e.getMessage() + ")");
    } catch (RuntimeException e) {
      stop(lock, db, evaluations, watch);
      throw e;
    }
  }

  private static void stop(FolderLock lock, Database db, Evaluations evaluations, Watch watch) {
    if (watch != null) watch.close();
    if (evaluations != null) evaluations.close();
    if (db != null) db.close();
    lock.close();
  }

  /** Creates the first owner account on an empty store and returns its token; null when one exists. */
  private static String firstOwner(Database db, Tokens tokens, Trail trail) {
    return db.tx(sql -> {
      sql.one("SELECT id FROM audit_head WHERE id = 1 FOR UPDATE", rs -> rs.getInt(1));
      if (sql.count("SELECT COUNT(*) FROM principal WHERE kind = 'owner'") > 0) return null;
      return tokens.issue(sql, Principal.Kind.OWNER, "owner", "holdout serve", trail).token();
    });
  }

  public int port() {
    return app.port();
  }

  /** The token of the owner account created at this start, if the store was empty. */
  public Optional<String> ownerToken() {
    return Optional.ofNullable(ownerToken);
  }

  public int requeued() {
    return requeued;
  }

  /** The API's routes with the access each needs. */
  public List<Api.Route> routes() {
    return api.routes();
  }

  /** The web pages' routes with the access each needs (the API's rules). */
  public List<Ui.Route> pages() {
    return ui.routes();
  }

  /** Evaluation set rows held in memory now (bounded by {@link Config#cachedRows()}). */
  public long cachedRows() {
    return evaluations.cachedRows();
  }

  Database database() {
    return db;
  }

  Trail trail() {
    return trail;
  }

  /** The monitor's scheduler, for tests that tick it by hand. */
  Watch watch() {
    return watch;
  }

  @Override
  public void close() {
    app.stop();
    stop(lock, db, evaluations, watch);
  }
}
