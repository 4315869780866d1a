package dev.holdout.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdout.base.HoldoutException;
import dev.holdout.server.auth.Principal;
import dev.holdout.server.auth.Tokens;
import dev.holdout.server.ladder.Leaderboard;
import dev.holdout.server.log.AuditLog;
import dev.holdout.server.project.Projects;
import dev.holdout.server.store.Database;
import dev.holdout.server.submission.Champions;
import dev.holdout.server.submission.Evaluations;
import dev.holdout.server.submission.Submissions;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * The Holdout server: the store, the evaluation workers and the HTTP API, started together
 * and stopped together. {@link #start} recovers from a crash before it takes requests:
 * temporary uploads and orphaned files are removed and unfinished evaluations requeued.
 */
public final class HoldoutServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(HoldoutServer.class.getName());
  private static final String ERROR_SET = "holdout.error";

  /**
   * Where and how to run. {@code dbUrl} null means the embedded database in {@code dataDir};
   * {@code cachedRows} bounds the evaluation set rows kept in memory across projects.
   */
  public record Config(Path dataDir, String host, int port, String dbUrl, int workers, long maxDataBytes, long cachedRows) {
    /** Evaluation set rows kept in memory by default: about 1 GB for binary sets with two slices. */
    public static final long CACHED_ROWS = 20_000_000;

    public Config(Path dataDir, String host, int port, String dbUrl, int workers, long maxDataBytes) {
      this(dataDir, host, port, dbUrl, workers, maxDataBytes, CACHED_ROWS);
    }

    public static Config defaults(Path dataDir) {
      return new Config(dataDir, "127.0.0.1", 8080, null, Math.max(1, Runtime.getRuntime().availableProcessors()), 4L << 30);
    }
  }

  private final Database db;
  private final Api api;
  private final Evaluations evaluations;
  private final Javalin app;
  private final String ownerToken;
  private final int requeued;

  private HoldoutServer(Database db, Api api, Evaluations evaluations, Javalin app, String ownerToken, int requeued) {
    this.db = db;
    this.api = api;
    this.evaluations = evaluations;
    this.app = app;
    this.ownerToken = ownerToken;
    this.requeued = requeued;
  }

  public static HoldoutServer start(Config config) {
    Path dir = config.dataDir().toAbsolutePath();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new HoldoutException(dir + ": cannot create the data folder (" + e.getMessage() + ")");
    }
    Database db = Database.open(dir, config.dbUrl());
    try {
      AuditLog log = new AuditLog();
      Tokens tokens = new Tokens(db);
      String ownerToken = firstOwner(db, tokens, log);
      Uploads uploads = new Uploads(dir.resolve("tmp"));
      uploads.sweep();
      Projects projects = new Projects(db, log, tokens, uploads, dir, config.maxDataBytes());
      Leaderboard leaderboard = new Leaderboard(db, projects);
      Path submissionsRoot = dir.resolve("submissions");
      Evaluations evaluations = new Evaluations(db, log, projects, leaderboard, submissionsRoot, config.workers(), config.cachedRows());
      Submissions submissions = new Submissions(db, log, projects, uploads, evaluations, leaderboard, submissionsRoot);
      submissions.sweepOrphans();
      Champions champions = new Champions(db, log, projects, submissions, evaluations);
      Api api = new Api(db, tokens, log, projects, submissions, champions, leaderboard, evaluations);
      Javalin app = javalin(api);
      int requeued = evaluations.resume();
      projects.visibleTo(new Principal("", Principal.Kind.OWNER, "")).forEach(evaluations::warm);
      try {
        app.start(config.host(), config.port());
      } catch (RuntimeException e) {
        evaluations.close();
        throw new HoldoutException("cannot listen on " + config.host() + ":" + config.port() + " (" + e.getMessage() + "); is the port in use? choose another with --port");
      }
      return new HoldoutServer(db, api, evaluations, app, ownerToken, requeued);
    } catch (IOException e) {
      db.close();
      throw new HoldoutException(dir + ": cannot be read (" + e.getMessage() + ")");
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** Creates the first owner account on an empty store and returns its token; null when one exists. */
  private static String firstOwner(Database db, Tokens tokens, AuditLog log) {
    return db.tx(sql -> {
      sql.one("SELECT id FROM audit_head WHERE id = 1 FOR UPDATE", rs -> rs.getInt(1));
      if (sql.count("SELECT COUNT(*) FROM principal WHERE kind = 'owner'") > 0) return null;
      return tokens.issue(sql, Principal.Kind.OWNER, "owner", "holdout serve", log).token();
    });
  }

  private static Javalin javalin(Api api) {
    ObjectMapper mapper = new ObjectMapper();
    Javalin app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.jsonMapper(new JavalinJackson(mapper, false));
      config.http.maxRequestSize = 1L << 20;
      config.jetty.modifyServer(server -> {
        ErrorHandler quiet = new ErrorHandler();
        quiet.setShowStacks(false);
        quiet.setShowServlet(false);
        server.setErrorHandler(quiet);
      });
    });
    for (Api.Route r : api.routes()) {
      app.addHttpHandler(r.method(), r.path(), ctx -> r.handler().handle(ctx, api.authorize(ctx, r)));
    }
    app.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage(), null));
    app.exception(Champions.Refused.class, (e, ctx) -> error(ctx, 409, e.getMessage(), e.evidence()));
    app.exception(HoldoutException.class, (e, ctx) -> error(ctx, 400, e.getMessage(), null));
    app.exception(Exception.class, (e, ctx) -> {
      LOG.log(Level.SEVERE, "request " + ctx.method() + " " + ctx.path() + " failed", e);
      error(ctx, 500, "the server could not complete this request; its log has the details", null);
    });
    app.error(404, ctx -> {
      if (ctx.attribute(ERROR_SET) == null) error(ctx, 404, "no endpoint " + ctx.method() + " " + ctx.path() + "; the API is described at /api/v1/openapi.json", null);
    });
    app.error(405, ctx -> {
      if (ctx.attribute(ERROR_SET) == null) error(ctx, 405, ctx.method() + " is not allowed on " + ctx.path() + "; see /api/v1/openapi.json", null);
    });
    return app;
  }

  private static void error(io.javalin.http.Context ctx, int status, String message, Map<String, Object> evidence) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    body.put("status", status);
    if (evidence != null) body.put("evidence", evidence);
    ctx.attribute(ERROR_SET, true);
    ctx.status(status).json(body);
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
  public java.util.List<Api.Route> routes() {
    return api.routes();
  }

  /** Evaluation set rows held in memory now (bounded by {@link Config#cachedRows()}). */
  public long cachedRows() {
    return evaluations.cachedRows();
  }

  public Database database() {
    return db;
  }

  @Override
  public void close() {
    app.stop();
    evaluations.close();
    db.close();
  }
}
