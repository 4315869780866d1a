package dev.holdout.server.submission;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.holdout.base.HoldoutException;
import dev.holdout.base.Progress;
import dev.holdout.evaluation.EvaluationSet;
import dev.holdout.evaluation.Evaluator;
import dev.holdout.evaluation.Judging;
import dev.holdout.metric.Direction;
import dev.holdout.render.JsonReport;
import dev.holdout.result.CompareReport;
import dev.holdout.result.Report;
import dev.holdout.server.base.Bounded;
import dev.holdout.server.ladder.Ladder;
import dev.holdout.server.leaderboard.Leaderboard;
import dev.holdout.server.project.Project;
import dev.holdout.server.project.Projects;
import dev.holdout.server.store.Database;
import dev.holdout.server.trail.Trail;
import dev.holdout.stats.Bootstrap;
import dev.holdout.stats.Probability;
import dev.holdout.suite.Suite;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The evaluation queue: submissions wait in the store as {@code queued}, a worker pool scores
 * each on the public part, the private part and the whole set, releases the public score
 * through the Ladder, and records the result in one transaction. Work left {@code queued} or
 * {@code running} by a stopped server is picked up again at start. A file is read against a
 * part with {@link dev.holdout.evaluation.Submission#loadPart}, so whether an evaluation fails
 * never depends on which part the file's ids are in; a failure's reason is kept for the owner.
 */
public final class Evaluations implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Evaluations.class.getName());

  private final Database db;
  private final Trail trail;
  private final Projects projects;
  private final Leaderboard leaderboard;
  private final Path root;
  private final ExecutorService pool;
  /** Parts of evaluation sets read from disk, the least recently used dropped beyond a number of rows. */
  private final Cache<String, EvaluationSet> sets;
  /** Replicates of the public part's run: only its point estimate is used, which does not depend on them. */
  private static final int POINT_REPLICATES = 20;

  public Evaluations(Database db, Trail trail, Projects projects, Leaderboard leaderboard, Path submissionsRoot, int workers, long cachedRows) {
    this.db = db;
    this.sets = Caffeine.newBuilder().maximumWeight(cachedRows).weigher((String k, EvaluationSet e) -> Math.max(1, e.rows())).build();
    this.trail = trail;
    this.projects = projects;
    this.leaderboard = leaderboard;
    this.root = submissionsRoot;
    this.pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "holdout-evaluation");
      t.setDaemon(true);
      return t;
    });
  }

  /** The file a submission's predictions are stored in. */
  public Path file(String projectId, String submissionId, String fileName) {
    return root.resolve(projectId).resolve(fileName);
  }

  /**
   * A part of a project's evaluation set, shared by every evaluation while it stays in memory: read
   * once per key at a time, and again after it was dropped for other projects' sets.
   */
  public EvaluationSet set(Project p, String part) {
    return sets.get(p.id() + "/" + part, k -> {
      EvaluationSet e = EvaluationSet.load(projects.suite(p, part), Progress.NONE);
      e.awaitChecks();
      return e;
    });
  }

  /** Rows of the evaluation set parts in memory now. */
  public long cachedRows() {
    sets.cleanUp();
    return sets.policy().eviction().orElseThrow().weightedSize().orElse(0);
  }

  /** Reads a ready project's evaluation set parts ahead of the first submission, in the background. */
  public void warm(Project p) {
    if (p.status() != Project.Status.READY) return;
    pool.execute(() -> {
      try {
        for (String part : Projects.PARTS) set(p, part);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "could not read the evaluation set of project " + p.id() + " ahead of time", e);
      }
    });
  }

  /** Requeues work a stopped server left behind, oldest first. */
  public int resume() {
    List<String> ids = db.tx(sql -> {
      sql.update("UPDATE submission SET status = 'queued' WHERE status = 'running'");
      return sql.list("SELECT id FROM submission WHERE status = 'queued' ORDER BY created_at, id", rs -> rs.getString(1));
    });
    ids.forEach(this::enqueue);
    return ids.size();
  }

  public void enqueue(String submissionId) {
    pool.execute(() -> run(submissionId));
  }

  private void run(String id) {
    boolean claimed = db.tx(sql -> sql.update("UPDATE submission SET status = 'running' WHERE id = ? AND status = 'queued'", id) == 1);
    if (!claimed) return;
    try {
      evaluate(id);
    } catch (HoldoutException e) {
      fail(id, e.getMessage());
    } catch (RuntimeException | Error e) {
      LOG.log(Level.SEVERE, "evaluation of " + id + " failed", e);
      fail(id, "the evaluation failed inside the server (" + e.getClass().getSimpleName() + "); the server log has details");
    }
  }

  private record Row(String projectId, String vendorId, String name, String fileName) {}

  private void evaluate(String id) {
    Row row = db.read(sql -> sql.one("SELECT project_id, vendor_id, name, file_name FROM submission WHERE id = ?",
        rs -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), id)).orElseThrow();
    Project p = projects.get(row.projectId());
    Path file = file(row.projectId(), id, row.fileName());
    // The verdict needs the private part's full report; the leaderboard only the public part's point
    // estimate, which a short bootstrap gives as exactly as a long one. The whole-set and public
    // reports are made when the owner first asks (report()).
    Report privateReport = report(p, "private", file, row.name(), null);
    Suite suite = projects.suite(p, "public");
    String primary = suite.primaryMetric();
    Direction dir = suite.primaryDirection();
    Report publicPoint = report(p, "public", file, row.name(), new Bootstrap.Settings(POINT_REPLICATES, 0.95, 1));
    Double score = publicPoint.metrics().get(primary).value();
    Ladder.Variant variant = Ladder.Variant.of(p.ladder());
    for (int attempt = 0; ; attempt++) {
      Membership before = membership(row.projectId(), row.vendorId());
      double threshold = p.ladderStep();
      double resolution = p.ladderStep();
      if (variant == Ladder.Variant.PARAMETER_FREE && before != null) {
        resolution = 1.0 / p.rowsPublic();
        threshold = before.bestSubmission() == null ? 0 : pairedStandardError(p, suite, before.bestSubmission(), id, file, row.name());
      }
      // A vendor removed from the project meanwhile has no leaderboard entry: nothing is released.
      Ladder.Decision decision = before == null ? new Ladder.Decision(null, false) : Ladder.decide(before.shown(), score, dir, threshold, resolution);
      String privateJson = JsonReport.toJson(privateReport);
      boolean done = db.tx(sql -> {
        Membership now = sql.one("SELECT shown_score, best_submission_id FROM membership WHERE project_id = ? AND vendor_id = ? FOR UPDATE",
            rs -> new Membership((Double) rs.getObject(1), rs.getString(2)), row.projectId(), row.vendorId()).orElse(null);
        if (!Objects.equals(now, before)) return false;
        sql.update("UPDATE submission SET status = 'done', error = NULL, finished_at = ?, public_score = ?, shown_score = ?, verdict = ?, "
                + "report_private = ? WHERE id = ?",
            System.currentTimeMillis(), score, decision.shown(), privateReport.verdict().name(), privateJson, id);
        if (decision.released()) {
          sql.update("UPDATE membership SET shown_score = ?, best_submission_id = ? WHERE project_id = ? AND vendor_id = ?",
              decision.shown(), id, row.projectId(), row.vendorId());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("status", "done");
        details.put("verdict", privateReport.verdict().name());
        details.put("public_score", score);
        details.put("shown_score", decision.shown());
        details.put("released", decision.released());
        details.put("error", null);
        details.put("report_private_sha256", Trail.sha256(privateJson));
        trail.append(sql, "evaluator", "submission.evaluated", row.projectId(), id, details);
        return true;
      });
      if (done) break;
      if (attempt > 20) throw new IllegalStateException("the leaderboard entry kept changing during the evaluation");
    }
    leaderboard.invalidate(row.projectId());
  }

  /** A full report of a stored submission on one part; {@code bootstrap} null keeps the suite's settings. */
  Report report(Project p, String part, Path file, String name, Bootstrap.Settings bootstrap) {
    Suite suite = projects.suite(p, part);
    if (bootstrap != null) suite = suite.withBootstrap(bootstrap);
    EvaluationSet eval = set(p, part);
    return new Evaluator(suite, eval, Progress.NONE).evaluate(load(p, part, suite, eval, file, name));
  }

  /**
   * A stored file read against a part, its answers graded when the suite has a judge: with the key
   * the owner gave the server (or the server's own environment variable of the suite's
   * {@code api_key_env}), the part's human grades when the owner gave some, the project's judgement
   * cache, and the judgements kept beside the project's files, never beside the vendors' predictions.
   */
  public dev.holdout.evaluation.Submission load(Project p, String part, Suite suite, EvaluationSet eval, Path file, String name) {
    var sub = dev.holdout.evaluation.Submission.loadPart(suite, eval, file, name, Progress.NONE);
    if (!Judging.judged(suite)) return sub;
    Path folder = projects.folder(p.id());
    String key = projects.files().judgeKey(p.id()).orElse(null);
    Path judgements = folder.resolve("judgements").resolve(dev.holdout.evaluation.Submission.defaultName(file) + "-"
        + dev.holdout.evaluation.Submission.defaultName(eval.path()) + ".judgements.jsonl");
    String variable = suite.text().judge().apiKeyEnv();
    if (key == null && variable != null && System.getenv(variable) == null) {
      throw new HoldoutException("the suite's judge needs its API key, which the server does not have: send it with PUT /api/v1/projects/" + p.id()
          + "/judge-key (holdout project create sends $" + variable + " when it is set), or start the server with " + variable + " set");
    }
    Function<String, String> env = v -> key != null ? key : System.getenv(v);
    Path grades = projects.files().humanGrades(p.id(), part);
    return Judging.judge(suite, eval, sub, new Judging.Options(folder.resolve("judge-cache"), judgements, grades, env));
  }

  private record Membership(Double shown, String bestSubmission) {}

  /** The vendor's leaderboard entry in the project, or null when it was removed from it. */
  private Membership membership(String projectId, String vendorId) {
    return db.read(sql -> sql.one("SELECT shown_score, best_submission_id FROM membership WHERE project_id = ? AND vendor_id = ?",
        rs -> new Membership((Double) rs.getObject(1), rs.getString(2)), projectId, vendorId).orElse(null));
  }

  /** The bootstrap standard error of the paired public-part difference between this submission and the vendor's best. */
  private double pairedStandardError(Project p, Suite suite, String bestId, String id, Path file, String name) {
    String bestFile = db.read(sql -> sql.one("SELECT file_name FROM submission WHERE id = ?", rs -> rs.getString(1), bestId)).orElseThrow();
    EvaluationSet eval = set(p, "public");
    var best = load(p, "public", suite, eval, file(p.id(), bestId, bestFile), "best");
    var now = load(p, "public", suite, eval, file, name.equals("best") ? "current" : name);
    CompareReport c = new Evaluator(suite, eval, Progress.NONE).compare(List.of(best, now));
    List<Double> ci = c.pairs().get(0).difference().ci();
    if (ci == null) return 0;
    double z = Probability.normalQuantile(0.5 + suite.bootstrap().confidence() / 2);
    return (ci.get(1) - ci.get(0)) / (2 * z);
  }

  private void fail(String id, String message) {
    db.tx(sql -> {
      var where = sql.one("SELECT project_id, file_name FROM submission WHERE id = ?", rs -> new String[] {rs.getString(1), rs.getString(2)}, id);
      String msg = Bounded.message(where.map(w -> message.replace(file(w[0], id, w[1]).toString(), "the predictions file")).orElse(message));
      sql.update("UPDATE submission SET status = 'failed', error = ?, finished_at = ? WHERE id = ?", msg, System.currentTimeMillis(), id);
      trail.append(sql, "evaluator", "submission.failed", where.map(w -> w[0]).orElse(null), id, Map.of("status", "failed", "error", msg));
      return null;
    });
  }

  /** Stops taking work; running evaluations finish or are requeued at the next start. */
  @Override
  public void close() {
    pool.shutdownNow();
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
