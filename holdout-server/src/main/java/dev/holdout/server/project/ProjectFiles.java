package dev.holdout.server.project;

import dev.holdout.metric.Task;
import dev.holdout.server.auth.Principal;
import dev.holdout.server.base.ApiException;
import dev.holdout.server.base.Bounded;
import dev.holdout.server.store.Database;
import dev.holdout.server.store.DurableFiles;
import dev.holdout.server.store.StoreException;
import dev.holdout.server.store.Uploads;
import dev.holdout.server.trail.Trail;
import dev.holdout.suite.Suite;
import dev.holdout.suite.SuiteFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A project's files beside its evaluation set, kept in {@code projects/<id>/files/}: those the
 * suite names ({@link SuiteFiles}: a retrieval suite's queries, a forecasting suite's history, a run
 * baseline's answers), a retrieval project's document collection, a judged project's human grades,
 * and the judge's API key. They arrive before the evaluation set, which is checked against them and
 * split with them. Vendors may
 * download the document collection and the history (both theirs to build on); the queries reach
 * them as the inputs, without judgements; the baseline's answers and the key never leave the server.
 */
public final class ProjectFiles {
  /** A retrieval project's document collection, for vendors to index. */
  public static final String DOCUMENTS = "documents";
  /** A judged project's grades people gave some answers (the id column and grade), for the judge's check and judge_score_ppi. */
  public static final String HUMAN_GRADES = "human_grades";
  /** The files vendors may download. */
  public static final List<String> SHARED = List.of(DOCUMENTS, SuiteFiles.Kind.HISTORY.key());

  private final Database db;
  private final Trail trail;
  private final Uploads uploads;
  private final Path root;

  ProjectFiles(Database db, Trail trail, Uploads uploads, Path projectsRoot) {
    this.db = db;
    this.trail = trail;
    this.uploads = uploads;
    this.root = projectsRoot;
  }

  /** The files a project of this suite takes, with what each is, in the order to send them. */
  public static Map<String, String> accepted(Suite suite) {
    Map<String, String> out = new LinkedHashMap<>();
    for (var e : SuiteFiles.named(suite).entrySet()) out.put(e.getKey().key(), e.getKey().suiteKey() + " (" + e.getValue().getFileName() + " in the suite)");
    if (suite.task() == Task.RETRIEVAL) out.put(DOCUMENTS, "the document collection vendors rank (optional)");
    if (suite.text() != null && suite.text().judge() != null) out.put(HUMAN_GRADES, "grades people gave some answers (id, grade), so the judge is checked (optional)");
    return out;
  }

  private Path folder(String projectId) {
    return root.resolve(projectId).resolve("files");
  }

  /** The stored file {@code name} as uploaded (any of the formats the server reads), if there is one. */
  public Optional<Path> stored(String projectId, String name) {
    for (String ext : List.of(".csv", ".tsv", ".jsonl", ".parquet")) {
      Path f = folder(projectId).resolve(name + ext);
      if (Files.isRegularFile(f)) return Optional.of(f);
    }
    return Optional.empty();
  }

  /** The side file of a part: the upload itself for "all", else its rows of that part (written by the split). */
  Path part(String projectId, SuiteFiles.Kind kind, String part) {
    return part(projectId, kind.key(), part);
  }

  /** As above, by the file's name. */
  Path part(String projectId, String name, String part) {
    if (part.equals("all")) return stored(projectId, name).orElse(folder(projectId).resolve(name + ".csv"));
    return folder(projectId).resolve(name + "-" + part + ".csv");
  }

  /** A judged project's human grades of one part ({@link Projects#PARTS}), or null when the owner gave none. */
  public Path humanGrades(String projectId, String part) {
    if (stored(projectId, HUMAN_GRADES).isEmpty()) return null;
    return part(projectId, HUMAN_GRADES, part);
  }

  /** Stores a file the suite takes, before the evaluation set arrives; a second upload of a name replaces the first. */
  public Map<String, Object> upload(Principal owner, Project p, Suite suite, String name, InputStream body, String extension, long maxBytes) {
    Map<String, String> accepted = accepted(suite);
    if (!accepted.containsKey(name)) {
      throw ApiException.notFound("this project takes no file '" + Bounded.echo(name) + "'" + (accepted.isEmpty() ? "; its suite names none"
          : "; its suite takes " + String.join(", ", accepted.keySet())));
    }
    if (p.status() != Project.Status.AWAITING_DATA) {
      throw ApiException.conflict("the evaluation set is already split with the project's files; create a new project for new files, so scores stay comparable");
    }
    Uploads.Upload up = uploads.receive(body, maxBytes, extension, "the file '" + name + "'");
    try {
      Path target = folder(p.id()).resolve(name + extension);
      DurableFiles.createFolders(target.getParent());
      db.tx(sql -> {
        moveInPlace(up.file(), target, name);
        trail.append(sql, owner.name(), "project.file", p.id(), p.id(), Map.of("file", name, "sha256", up.sha256(), "bytes", up.bytes()));
        return null;
      });
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("file", name);
      out.put("what", accepted.get(name));
      out.put("bytes", up.bytes());
      out.put("sha256", up.sha256());
      return out;
    } catch (IOException e) {
      throw new StoreException("cannot store the file '" + name + "': " + e.getMessage() + "; check the data folder's free space and permissions", e);
    } finally {
      Uploads.deleteQuietly(up.file());
    }
  }

  /** Moves a received file into place, removing the same name's upload in another format. */
  private void moveInPlace(Path from, Path target, String name) {
    try {
      if (name != null) {
        for (String ext : List.of(".csv", ".tsv", ".jsonl", ".parquet")) {
          Path other = target.resolveSibling(name + ext);
          if (!other.equals(target)) Files.deleteIfExists(other);
        }
      }
      DurableFiles.move(from, target);
    } catch (IOException e) {
      throw new StoreException("cannot store " + target + ": " + e.getMessage() + "; check the data folder's free space and permissions", e);
    }
  }

  /** Refuses the evaluation set while a file the suite names has not arrived. */
  void requireSideFiles(Project p, Suite suite) {
    for (SuiteFiles.Kind k : SuiteFiles.named(suite).keySet()) {
      if (stored(p.id(), k.key()).isEmpty()) {
        throw ApiException.conflict("the suite names " + k.suiteKey() + "; upload that file first with PUT /api/v1/projects/" + p.id() + "/files/"
            + k.key() + ", then the evaluation set");
      }
    }
  }

  /** A file for {@code who}: owners get any stored file, vendors the shared ones ({@link #SHARED}) only. */
  public Path download(Principal who, Project p, String name) {
    if (!name.matches("[a-z_]{1,40}") || name.equals("judge")) {
      throw ApiException.notFound("project '" + p.id() + "' has no file '" + Bounded.echo(name) + "'");
    }
    if (!who.owner() && !SHARED.contains(name)) {
      throw new ApiException(403, "the file '" + Bounded.echo(name) + "' is the owner's; vendors download the inputs, the history and the document collection");
    }
    return stored(p.id(), name).orElseThrow(() -> ApiException.notFound("project '" + p.id() + "' has no file '" + Bounded.echo(name) + "'"));
  }

  /**
   * Keeps the judge's API key on the server, readable by the server's user only; no route returns
   * it and the audit trail records only that it was set.
   */
  public void judgeKey(Principal owner, Project p, Suite suite, String key) {
    if (suite.text() == null || suite.text().judge() == null) throw ApiException.badRequest("this project's suite has no judge section, so it needs no key");
    String k = key == null ? "" : key.strip();
    if (k.isEmpty() || k.length() > 4096 || k.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      throw ApiException.badRequest("the judge key: expected the API key as the request body, 1 to 4096 printable characters without spaces");
    }
    Path target = folder(p.id()).resolve("judge.key");
    try {
      DurableFiles.createFolders(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), ".judge", ".tmp");
      DurableFiles.ownerOnly(tmp);
      Files.writeString(tmp, k, StandardCharsets.UTF_8);
      db.tx(sql -> {
        moveInPlace(tmp, target, null);
        trail.append(sql, owner.name(), "project.judge_key", p.id(), p.id(), Map.of("set", true));
        return null;
      });
    } catch (IOException e) {
      throw new StoreException("cannot store the judge key: " + e.getMessage() + "; check the data folder's permissions", e);
    }
  }

  /** The judge key the owner gave, if any. */
  public Optional<String> judgeKey(String projectId) {
    Path f = folder(projectId).resolve("judge.key");
    try {
      return Files.isRegularFile(f) ? Optional.of(Files.readString(f, StandardCharsets.UTF_8).strip()) : Optional.empty();
    } catch (IOException e) {
      throw new StoreException("cannot read the judge key " + f + ": " + e.getMessage(), e);
    }
  }
}
