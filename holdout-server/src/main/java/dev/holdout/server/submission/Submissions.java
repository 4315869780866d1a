package dev.holdout.server.submission;

import dev.holdout.base.HoldoutException;
import dev.holdout.base.Progress;
import dev.holdout.render.JsonReport;
import dev.holdout.server.auth.Principal;
import dev.holdout.server.auth.Tokens;
import dev.holdout.server.base.ApiException;
import dev.holdout.server.base.Bounded;
import dev.holdout.server.leaderboard.Leaderboard;
import dev.holdout.server.project.Project;
import dev.holdout.server.project.Projects;
import dev.holdout.server.store.Database;
import dev.holdout.server.store.DurableFiles;
import dev.holdout.server.store.StoreException;
import dev.holdout.server.store.Uploads;
import dev.holdout.server.trail.Trail;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Vendor submissions: a predictions file streamed to disk, checked against the whole evaluation
 * set (a refusal worded by {@link VendorMessages}), counted against the vendor's daily quota, and
 * stored with its row in one step, so a submission exists whole or not at all: the file is synced
 * and moved into place before the row commits, and the 202 is sent after both are on disk.
 */
public final class Submissions {
  private static final long DAY_MS = 86_400_000L;

  private final Database db;
  private final Trail trail;
  private final Projects projects;
  private final Uploads uploads;
  private final Evaluations evaluations;
  private final Leaderboard leaderboard;
  private final Path root;
  private final Map<String, Object> reporting = new ConcurrentHashMap<>();

  public Submissions(Database db, Trail trail, Projects projects, Uploads uploads, Evaluations evaluations, Leaderboard leaderboard, Path submissionsRoot) {
    this.leaderboard = leaderboard;
    this.db = db;
    this.trail = trail;
    this.projects = projects;
    this.uploads = uploads;
    this.evaluations = evaluations;
    this.root = submissionsRoot;
  }

  /** Receives one predictions file from {@code vendor}; answers once it is stored and queued. */
  public Submission upload(Principal vendor, String projectId, String name, String extension, InputStream body) {
    Project p = projects.get(projectId);
    Projects.requireReady(p);
    String display = name == null || name.isBlank() ? "predictions" + extension : name.strip();
    if (display.length() > 200) throw ApiException.badRequest("name: at most 200 characters, found " + display.length());
    long day = System.currentTimeMillis() / DAY_MS;
    if (usedToday(projectId, vendor.id(), day) >= p.dailyQuota()) throw quotaSpent(p);
    Uploads.Upload up = uploads.receive(body, p.maxUploadBytes(), extension, "the predictions file");
    Path dest = null;
    try {
      var suite = projects.suite(p, "all");
      try {
        dev.holdout.evaluation.Submission.load(suite, evaluations.set(p, "all"), up.file(), display, Progress.NONE);
      } catch (HoldoutException e) {
        throw ApiException.badRequest(VendorMessages.refusal(e, suite, up.file().toString(), display, projectId));
      }
      String id = Tokens.newId("s_");
      String fileName = id + extension;
      Path target = root.resolve(projectId).resolve(fileName);
      dest = target;
      DurableFiles.createFolders(target.getParent());
      db.tx(sql -> {
        // Locking the vendor's membership row makes the quota count exact under concurrent uploads.
        sql.one("SELECT vendor_id FROM membership WHERE project_id = ? AND vendor_id = ? FOR UPDATE", rs -> rs.getString(1), projectId, vendor.id())
            .orElseThrow(() -> new ApiException(403, "you are not invited to project '" + projectId + "'"));
        long used = sql.count("SELECT COUNT(*) FROM submission WHERE project_id = ? AND vendor_id = ? AND utc_day = ?", projectId, vendor.id(), day);
        if (used >= p.dailyQuota()) throw quotaSpent(p);
        try {
          DurableFiles.move(up.file(), target);
        } catch (IOException e) {
          throw new StoreException("cannot store the predictions in " + target + ": " + e.getMessage() + "; check the data folder's free space", e);
        }
        long now = System.currentTimeMillis();
        sql.update("INSERT INTO submission (id, project_id, vendor_id, name, file_name, sha256, bytes, utc_day, created_at, status) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued')", id, projectId, vendor.id(), display, fileName, up.sha256(), up.bytes(), day, now);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("vendor_id", vendor.id());
        details.put("name", display);
        details.put("file_name", fileName);
        details.put("sha256", up.sha256());
        details.put("bytes", up.bytes());
        details.put("utc_day", day);
        trail.append(sql, vendor.name(), "submission.uploaded", projectId, id, details);
        return null;
      });
      dest = null;
      leaderboard.invalidate(projectId);
      evaluations.enqueue(id);
      return get(id);
    } catch (IOException e) {
      throw new StoreException("cannot store the predictions: " + e.getMessage() + "; check the data folder's free space and permissions", e);
    } finally {
      Uploads.deleteQuietly(up.file());
      if (dest != null) Uploads.deleteQuietly(dest);
    }
  }

  private static ApiException quotaSpent(Project p) {
    return new ApiException(429, "you have used today's " + p.dailyQuota() + " submissions for this project; the quota resets at 00:00 UTC");
  }

  private long usedToday(String projectId, String vendorId, long day) {
    return db.read(sql -> sql.count("SELECT COUNT(*) FROM submission WHERE project_id = ? AND vendor_id = ? AND utc_day = ?", projectId, vendorId, day));
  }

  public Submission get(String id) {
    return db.read(sql -> sql.one("SELECT " + Submission.COLUMNS + Submission.FROM + "WHERE s.id = ?", Submission::read, id))
        .orElseThrow(() -> ApiException.notFound("no submission '" + Bounded.echo(id) + "'"));
  }

  /** A submission of the project as {@code viewer} may see it: vendors see only their own. */
  public Submission visible(Principal viewer, String projectId, String id) {
    Submission s;
    try {
      s = get(id);
    } catch (ApiException e) {
      throw ApiException.notFound("no submission '" + Bounded.echo(id) + "' in project '" + projectId + "'");
    }
    if (!s.projectId().equals(projectId) || (!viewer.owner() && !s.vendorId().equals(viewer.id()))) {
      throw ApiException.notFound("no submission '" + Bounded.echo(id) + "' in project '" + projectId + "'");
    }
    return s;
  }

  public List<Submission> list(Principal viewer, String projectId) {
    return db.read(sql -> viewer.owner()
        ? sql.list("SELECT " + Submission.COLUMNS + Submission.FROM + "WHERE s.project_id = ? ORDER BY s.created_at, s.id", Submission::read, projectId)
        : sql.list("SELECT " + Submission.COLUMNS + Submission.FROM + "WHERE s.project_id = ? AND s.vendor_id = ? ORDER BY s.created_at, s.id",
            Submission::read, projectId, viewer.id()));
  }

  /**
   * A finished submission's JSON report on one part of the evaluation set (owner only). The
   * private report is made with the verdict; the others on first request, then kept.
   */
  public String report(String projectId, String id, String part) {
    if (!Projects.PARTS.contains(part)) throw ApiException.badRequest("part: expected one of " + Projects.PARTS + ", found '" + Bounded.echo(part) + "'");
    Submission s = get(id);
    if (!s.projectId().equals(projectId)) throw ApiException.notFound("no submission '" + Bounded.echo(id) + "' in project '" + projectId + "'");
    if (s.status() != Submission.Status.DONE) {
      throw ApiException.conflict("submission '" + id + "' is " + s.status().key() + (s.error() == null ? "" : ": " + s.error()) + "; a report exists once it is done");
    }
    String column = "report_" + part;
    String stored = db.read(sql -> sql.one("SELECT " + column + " FROM submission WHERE id = ?", rs -> rs.getString(1), id)).orElse(null);
    if (stored != null) return stored;
    synchronized (reporting.computeIfAbsent(id + "/" + part, k -> new Object())) {
      stored = db.read(sql -> sql.one("SELECT " + column + " FROM submission WHERE id = ?", rs -> rs.getString(1), id)).orElse(null);
      if (stored != null) return stored;
      String json = JsonReport.toJson(evaluations.report(projects.get(projectId), part, file(s), s.name(), null));
      db.tx(sql -> {
        sql.update("UPDATE submission SET " + column + " = ? WHERE id = ?", json, id);
        trail.append(sql, "server", "submission.report", projectId, id, Map.of("part", part, "sha256", Trail.sha256(json)));
        return null;
      });
      return json;
    }
  }

  /** Deletes stored prediction files that no submission row owns (left by a crash between the file and its row). */
  public int sweepOrphans() throws IOException {
    if (!Files.isDirectory(root)) return 0;
    Set<String> known = new HashSet<>(db.read(sql -> sql.list("SELECT file_name FROM submission", rs -> rs.getString(1))));
    int removed = 0;
    try (var projectsDirs = Files.list(root)) {
      for (Path dir : (Iterable<Path>) projectsDirs::iterator) {
        if (!Files.isDirectory(dir)) continue;
        try (var files = Files.list(dir)) {
          for (Path f : (Iterable<Path>) files::iterator) {
            if (!known.contains(f.getFileName().toString())) {
              Uploads.deleteQuietly(f);
              removed++;
            }
          }
        }
      }
    }
    return removed;
  }

  /** The stored predictions file of a submission. */
  public Path file(Submission s) {
    return root.resolve(s.projectId()).resolve(s.fileName());
  }
}
