package dev.holdout.server.project;

import dev.holdout.base.Format;
import dev.holdout.base.HoldoutException;
import dev.holdout.base.Progress;
import dev.holdout.evaluation.EvaluationSet;
import dev.holdout.metric.Task;
import dev.holdout.monitor.MonitorSection;
import dev.holdout.server.auth.Principal;
import dev.holdout.server.auth.Tokens;
import dev.holdout.server.base.ApiException;
import dev.holdout.server.base.Bounded;
import dev.holdout.server.ladder.Ladder;
import dev.holdout.server.store.Database;
import dev.holdout.server.store.DurableFiles;
import dev.holdout.server.store.StoreException;
import dev.holdout.server.store.Uploads;
import dev.holdout.server.trail.Trail;
import dev.holdout.suite.Suite;
import dev.holdout.suite.SuiteFiles;
import dev.holdout.suite.SuiteParser;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Projects: a suite, its labeled evaluation set split once into a public and a private part,
 * the vendors invited to it and the rules they play by. Files live under
 * {@code projects/<id>/} in the data folder, synced before the row that names them commits;
 * everything else in the store, each change with its audit entry.
 */
public final class Projects {
  public static final double DEFAULT_PUBLIC_SHARE = 0.3;
  public static final int DEFAULT_DAILY_QUOTA = 5;
  public static final long DEFAULT_MAX_UPLOAD_BYTES = 256L << 20;
  public static final double DEFAULT_LADDER_STEP = 0.01;
  /** The parts of the evaluation set a submission is scored on. */
  public static final List<String> PARTS = List.of("public", "private", "all");
  /** The settings an owner may change, in the order the API documents them. */
  public static final List<String> SETTINGS = List.of("show_vendor_names", "show_vendor_activity", "daily_quota", "max_upload_bytes", "ladder",
      "ladder_step", "public_share");

  private final Database db;
  private final Trail trail;
  private final Tokens tokens;
  private final Uploads uploads;
  private final Path root;
  private final long maxDataBytes;
  private final ProjectFiles files;
  private final Map<String, Project> cache = new ConcurrentHashMap<>();
  private final Map<String, Object> uploading = new ConcurrentHashMap<>();

  public Projects(Database db, Trail trail, Tokens tokens, Uploads uploads, Path dataDir, long maxDataBytes) {
    this.db = db;
    this.trail = trail;
    this.tokens = tokens;
    this.uploads = uploads;
    this.root = dataDir.resolve("projects");
    this.maxDataBytes = maxDataBytes;
    this.files = new ProjectFiles(db, trail, uploads, root);
  }

  /** The project's files beside its evaluation set: the queries, history or baseline answers the suite names, documents, the judge key. */
  public ProjectFiles files() {
    return files;
  }

  public Path folder(String projectId) {
    return root.resolve(projectId);
  }

  /** Creates a project from suite YAML; the evaluation set follows with {@link #uploadData}. */
  public Project create(Principal owner, String yaml) {
    String id = Tokens.newId("p_");
    Path dir = folder(id);
    Suite suite;
    try {
      suite = SuiteParser.parse("suite.yaml", yaml, dir);
      MonitorSection.of("suite.yaml", yaml);
    } catch (HoldoutException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    if (suite.task() == Task.FORECASTING && suite.forecast().series() == null) {
      throw ApiException.badRequest("a forecasting project splits its series into a public and a private part, so its suite names them (data.series) "
          + "and the evaluation set holds several; a single series stays with holdout evaluate, which judges it on blocks of time");
    }
    if (suite.task() == Task.MULTICLASS_CLASSIFICATION && suite.data().classes() == null) {
      throw ApiException.badRequest("a multiclass project names its classes in the suite (data: {classes: [...]}, or predictions.probabilities): "
          + "vendors need the names to predict them, and the server does not reveal the classes of the hidden evaluation set");
    }
    try {
      DurableFiles.createFolders(dir);
      Path tmp = Files.createTempFile(dir, ".suite", ".tmp");
      Files.writeString(tmp, yaml, StandardCharsets.UTF_8);
      DurableFiles.move(tmp, dir.resolve("suite.yaml"));
    } catch (IOException e) {
      throw new StoreException("cannot create " + dir + ": " + e.getMessage() + "; check the data folder's free space and permissions", e);
    }
    long seed = new SecureRandom().nextLong();
    long now = System.currentTimeMillis();
    db.tx(sql -> {
      Map<String, Object> settings = new LinkedHashMap<>();
      settings.put("name", suite.name());
      settings.put("status", Project.Status.AWAITING_DATA.key());
      settings.put("public_share", DEFAULT_PUBLIC_SHARE);
      settings.put("show_vendor_names", false);
      settings.put("show_vendor_activity", false);
      settings.put("daily_quota", DEFAULT_DAILY_QUOTA);
      settings.put("max_upload_bytes", DEFAULT_MAX_UPLOAD_BYTES);
      settings.put("ladder", Ladder.Variant.FIXED.key());
      settings.put("ladder_step", DEFAULT_LADDER_STEP);
      sql.update("INSERT INTO project (" + Project.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          id, suite.name(), yaml, Project.Status.AWAITING_DATA.key(), seed, DEFAULT_PUBLIC_SHARE, null, null, null, false, false,
          DEFAULT_DAILY_QUOTA, DEFAULT_MAX_UPLOAD_BYTES, Ladder.Variant.FIXED.key(), DEFAULT_LADDER_STEP, now);
      settings.put("task", suite.task().key());
      settings.put("suite_sha256", Trail.sha256(yaml));
      trail.append(sql, owner.name(), "project.created", id, id, settings);
      return null;
    });
    return get(id);
  }

  public Project get(String id) {
    Project cached = cache.get(id);
    if (cached != null) return cached;
    Project p = db.read(sql -> sql.one("SELECT " + Project.COLUMNS + " FROM project WHERE id = ?", Project::read, id))
        .orElseThrow(() -> ApiException.notFound("no project '" + Bounded.echo(id) + "'; list your projects with GET /api/v1/projects"));
    cache.put(id, p);
    return p;
  }

  public List<Project> visibleTo(Principal p) {
    return db.read(sql -> p.owner()
        ? sql.list("SELECT " + Project.COLUMNS + " FROM project ORDER BY created_at", Project::read)
        : sql.list("SELECT " + prefixed() + " FROM project p JOIN membership m ON m.project_id = p.id WHERE m.vendor_id = ? ORDER BY p.created_at",
            Project::read, p.id()));
  }

  private static String prefixed() {
    return "p." + Project.COLUMNS.replace(", ", ", p.");
  }

  /** Whether the vendor is invited to the project now; asked of the store each time, so a removal counts from the next request. */
  public boolean isMember(String projectId, String vendorId) {
    return db.read(sql -> sql.count("SELECT COUNT(*) FROM membership WHERE project_id = ? AND vendor_id = ?", projectId, vendorId)) > 0;
  }

  /**
   * Changes the rules vendors play by; the public share only before the evaluation set arrives.
   * Every value is checked as given and refused rather than changed: a quota of 5.7 is an error,
   * not 5, and a Ladder step that is not positive, or (once the set is split) finer than one public
   * row's share of the primary metric, is refused.
   */
  public Project update(Principal owner, String id, Map<String, Object> changes) {
    Project p = get(id);
    Map<String, Object> applied = new LinkedHashMap<>();
    for (var e : changes.entrySet()) {
      Object v = e.getValue();
      String key = e.getKey();
      switch (key) {
        case "show_vendor_names", "show_vendor_activity" -> applied.put(key, bool(key, v));
        case "daily_quota" -> applied.put(key, (int) whole(key, v, 1, 10_000));
        case "max_upload_bytes" -> applied.put(key, whole(key, v, 1024, 1L << 40));
        case "ladder_step" -> applied.put(key, number(key, v, 0, 1e9));
        case "ladder" -> {
          try {
            applied.put(key, Ladder.Variant.of(String.valueOf(v)).key());
          } catch (IllegalArgumentException ex) {
            throw ApiException.badRequest("ladder: expected 'fixed' or 'parameter_free', found " + shown(v));
          }
        }
        case "public_share" -> {
          if (p.status() != Project.Status.AWAITING_DATA) {
            throw ApiException.conflict("public_share: the evaluation set is already split; the split is fixed for the project's life");
          }
          applied.put(key, number(key, v, 0.05, 0.95));
        }
        default -> throw ApiException.badRequest("unknown setting '" + Bounded.echo(key) + "'; settings are " + String.join(", ", SETTINGS));
      }
    }
    if (applied.isEmpty()) throw ApiException.badRequest("no settings given; send a JSON object such as {\"daily_quota\": 10}");
    if (applied.containsKey("ladder_step")) checkStep(p, (Double) applied.get("ladder_step"), p.rowsPublic());
    db.tx(sql -> {
      for (var e : applied.entrySet()) sql.update("UPDATE project SET " + e.getKey() + " = ? WHERE id = ?", e.getValue(), id);
      trail.append(sql, owner.name(), "project.settings", id, id, applied);
      return null;
    });
    cache.remove(id);
    return get(id);
  }

  /** Refuses a Ladder step that is not positive, or finer than the primary metric's resolution on the public part. */
  private void checkStep(Project p, double step, Integer publicRows) {
    String metric = suite(p, "all").primaryMetric();
    if (!(step > 0)) {
      throw ApiException.badRequest("ladder_step: expected a positive number, found " + shown(step) + "; a step of 0 shows every change of the public "
          + "score, which lets a vendor climb the leaderboard by trying variations; use about one standard error of " + metric + " on the public part "
          + "(0.01 for 6,000 public rows), or ladder: parameter_free");
    }
    OptionalDouble resolution = Ladder.resolution(metric, publicRows);
    if (resolution.isPresent() && step < resolution.getAsDouble()) {
      throw ApiException.badRequest("ladder_step: " + shown(step) + " is finer than one public row's share of " + metric + " (1/" + publicRows + " = "
          + Format.number(resolution.getAsDouble()) + "): such a step shows what a single row changes; use at least that, "
          + "better about one standard error (0.01 for 6,000 public rows), or ladder: parameter_free");
    }
  }

  private static boolean bool(String key, Object v) {
    if (v instanceof Boolean b) return b;
    throw ApiException.badRequest(key + ": expected true or false, found " + shown(v));
  }

  private static double number(String key, Object v, double min, double max) {
    if (!(v instanceof Number n) || !(n.doubleValue() >= min && n.doubleValue() <= max)) {
      throw ApiException.badRequest(key + ": expected a number from " + fmt(min) + " to " + fmt(max) + ", found " + shown(v));
    }
    return n.doubleValue();
  }

  /** A whole number in [min, max]; 5.7 is refused, not cut to 5. */
  private static long whole(String key, Object v, long min, long max) {
    boolean integral = v instanceof Integer || v instanceof Long || v instanceof BigInteger
        || v instanceof Double d && d == Math.rint(d) && !d.isInfinite();
    if (!integral || !(((Number) v).doubleValue() >= min && ((Number) v).doubleValue() <= max)) {
      throw ApiException.badRequest(key + ": expected a whole number from " + min + " to " + max + ", found " + shown(v));
    }
    return ((Number) v).longValue();
  }

  private static String shown(Object v) {
    return v instanceof String s ? "'" + Bounded.echo(s) + "'" : Bounded.echo(String.valueOf(v));
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  /**
   * Receives the labeled evaluation set, checks it against the suite, and splits it once into
   * the public and private parts plus the inputs vendors may download (see {@link #hiddenColumns}).
   */
  public Project uploadData(Principal owner, String id, InputStream body, String extension) {
    synchronized (uploading.computeIfAbsent(id, k -> new Object())) {
      return receiveData(owner, id, body, extension);
    }
  }

  private Project receiveData(Principal owner, String id, InputStream body, String extension) {
    Project p = db.read(sql -> sql.one("SELECT " + Project.COLUMNS + " FROM project WHERE id = ?", Project::read, id))
        .orElseThrow(() -> ApiException.notFound("no project '" + Bounded.echo(id) + "'"));
    if (p.status() != Project.Status.AWAITING_DATA) {
      throw ApiException.conflict("this project already has its evaluation set; create a new project for a new set, so scores stay comparable");
    }
    files.requireSideFiles(p, suite(p, "all"));
    Uploads.Upload up = uploads.receive(body, maxDataBytes, extension, "the evaluation set");
    try {
      Path dir = folder(id);
      Suite suite = suite(p, "all").withDataPath(up.file());
      check(suite, up.file(), "the evaluation set");
      int[] counts = split(suite, p, up.file(), dir, new Split(p.splitSeed(), p.publicShare()));
      if (counts[0] == 0 || counts[1] == 0) {
        throw ApiException.badRequest("the evaluation set has " + (counts[0] + counts[1]) + " " + unit(suite) + ", too few to split into a public and a "
            + "private part; send more");
      }
      for (String part : List.of("public", "private")) check(suite(p, part), up.file(), "the " + part + " part of the evaluation set");
      db.tx(sql -> {
        sql.update("UPDATE project SET status = ?, rows_public = ?, rows_private = ?, data_sha256 = ? WHERE id = ?",
            Project.Status.READY.key(), counts[0], counts[1], up.sha256(), id);
        trail.append(sql, owner.name(), "project.data", id, id, Map.of("status", Project.Status.READY.key(), "data_sha256", up.sha256(),
            "rows_public", counts[0], "rows_private", counts[1]));
        return null;
      });
      cache.remove(id);
      return get(id);
    } finally {
      Uploads.deleteQuietly(up.file());
    }
  }

  /** Reads the evaluation set as the engine will; an error is the owner's 400, with the upload's staging path replaced. */
  private static void check(Suite suite, Path upload, String what) {
    try {
      EvaluationSet.load(suite, Progress.NONE).awaitChecks();
    } catch (HoldoutException e) {
      throw ApiException.badRequest(e.getMessage().replace(upload.toString(), what));
    }
  }

  /** What the parts count: queries for retrieval, else rows (a forecasting set's actual values). */
  private static String unit(Suite suite) {
    return suite.task() == Task.RETRIEVAL ? "queries" : "rows";
  }

  /**
   * Splits the evaluation set and the files the suite names by the same key (a row's id, a query, a
   * series) and writes the inputs; returns the public and private counts ({@link #unit}).
   */
  private int[] split(Suite suite, Project p, Path source, Path dir, Split split) {
    boolean retrieval = suite.task() == Task.RETRIEVAL;
    String key = Splitter.key(suite);
    int[] counts = Splitter.split(source, key, "evaluation set", split,
        new Path[] {dir.resolve("all.csv"), dir.resolve("public.csv"), dir.resolve("private.csv")}, retrieval);
    for (SuiteFiles.Kind kind : SuiteFiles.named(suite).keySet()) {
      String column = kind == SuiteFiles.Kind.BASELINE ? suite.predictions().id() : key;
      Splitter.split(files.part(p.id(), kind, "all"), column, kind.suiteKey(), split,
          new Path[] {null, files.part(p.id(), kind, "public"), files.part(p.id(), kind, "private")}, false);
    }
    if (files.stored(p.id(), ProjectFiles.HUMAN_GRADES).isPresent()) {
      Path grades = files.part(p.id(), ProjectFiles.HUMAN_GRADES, "all");
      String column = Splitter.header(grades).contains(suite.data().id()) ? suite.data().id() : "id";
      Splitter.split(grades, column, "human grades", split,
          new Path[] {null, files.part(p.id(), ProjectFiles.HUMAN_GRADES, "public"), files.part(p.id(), ProjectFiles.HUMAN_GRADES, "private")}, false);
    }
    Path inputs = dir.resolve("inputs.csv");
    if (retrieval && suite.retrieval().queries() != null) {
      Splitter.inputs(files.part(p.id(), SuiteFiles.Kind.QUERIES, "all"), suite.data().id(), null, inputs, false);
    } else if (retrieval) {
      List<String> keep = new ArrayList<>(suite.data().slices());
      keep.add(0, suite.data().id());
      Splitter.inputs(source, suite.data().id(), keep, inputs, true);
    } else {
      List<String> header = Splitter.header(source);
      Splitter.inputs(source, key, Splitter.shown(header, hiddenColumns(suite, header)), inputs, false);
    }
    return counts;
  }

  /**
   * Columns vendors must not see: every column the suite uses for the label, the baseline or the
   * reference answers, unless the suite lists it under {@code data.share_with_vendors}.
   */
  static boolean[] hiddenColumns(Suite suite, List<String> header) {
    Set<String> names = new LinkedHashSet<>();
    if (suite.data().label() != null) names.add(suite.data().label());
    if (suite.text() != null) names.addAll(suite.text().references());
    if (suite.baseline().kind() == Suite.Baseline.Kind.COLUMN) names.add(suite.baseline().column());
    if (suite.multilabel() != null) {
      if (suite.multilabel().column() != null) names.add(suite.multilabel().column());
      names.addAll(suite.multilabel().columns().values());
    }
    names.removeAll(suite.data().shareWithVendors());
    boolean[] hidden = new boolean[header.size()];
    for (int c = 0; c < header.size(); c++) hidden[c] = names.contains(header.get(c));
    return hidden;
  }

  /** The project's suite reading the given part of the evaluation set ({@link #PARTS}). */
  public Suite suite(Project p, String part) {
    Path dir = folder(p.id());
    Suite s = SuiteParser.parse("suite.yaml", p.suiteYaml(), dir);
    if (!PARTS.contains(part)) throw ApiException.badRequest("part: expected one of " + PARTS + ", found '" + Bounded.echo(part) + "'");
    s = s.withDataPath(dir.resolve(part + ".csv"));
    for (SuiteFiles.Kind kind : SuiteFiles.named(s).keySet()) s = SuiteFiles.with(s, kind, files.part(p.id(), kind, part));
    return s;
  }

  public Path inputs(Project p) {
    requireReady(p);
    return folder(p.id()).resolve("inputs.csv");
  }

  public static void requireReady(Project p) {
    if (p.status() != Project.Status.READY) {
      throw ApiException.conflict("project '" + p.id() + "' has no evaluation set yet; the owner uploads it with PUT /api/v1/projects/" + p.id() + "/data");
    }
  }

  /** Invites a vendor (created on first invitation, with a token shown once). */
  public Map<String, Object> invite(Principal owner, String id, String vendorName) {
    get(id);
    if (vendorName == null || vendorName.isBlank() || vendorName.length() > 200 || !vendorName.matches("[\\p{L}\\p{N} ._@-]+")) {
      throw ApiException.badRequest("vendor name: expected 1 to 200 letters, digits, spaces or . _ @ -, found "
          + (vendorName == null ? "none" : "'" + Bounded.echo(vendorName) + "'"));
    }
    return db.tx(sql -> {
      Tokens.Issued issued = null;
      var existing = Tokens.byName(sql, vendorName);
      String vendorId;
      if (existing.isPresent()) {
        if (existing.get().owner()) throw ApiException.conflict("'" + vendorName + "' is an owner, not a vendor; choose another name");
        vendorId = existing.get().id();
      } else {
        issued = tokens.issue(sql, Principal.Kind.VENDOR, vendorName, owner.name(), trail);
        vendorId = issued.principal().id();
      }
      if (sql.count("SELECT COUNT(*) FROM membership WHERE project_id = ? AND vendor_id = ?", id, vendorId) > 0) {
        throw ApiException.conflict("vendor '" + vendorName + "' is already invited to this project");
      }
      sql.update("INSERT INTO membership (project_id, vendor_id, shown_score, best_submission_id, invited_at) VALUES (?, ?, ?, ?, ?)",
          id, vendorId, null, null, System.currentTimeMillis());
      trail.append(sql, owner.name(), "vendor.invited", id, vendorId, Map.of("vendor", vendorName));
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("vendor_id", vendorId);
      out.put("name", vendorName);
      out.put("token", issued == null ? null : issued.token());
      out.put("note", issued == null ? "an existing vendor: it uses the token it already has" : "the token is shown once; give it to the vendor");
      return out;
    });
  }

  /**
   * Removes a vendor from a project: its next request there is refused (403). Its submissions stay
   * on record (the owner's reports and the audit trail keep them) and it leaves the leaderboard;
   * invited again, it starts with no shown score.
   */
  public Map<String, Object> removeVendor(Principal owner, String id, String vendorName) {
    get(id);
    return db.tx(sql -> {
      Principal vendor = Tokens.byName(sql, vendorName).filter(v -> !v.owner())
          .orElseThrow(() -> ApiException.notFound("no vendor '" + Bounded.echo(vendorName) + "'; GET /api/v1/projects/" + id + "/vendors lists them"));
      if (sql.update("DELETE FROM membership WHERE project_id = ? AND vendor_id = ?", id, vendor.id()) == 0) {
        throw ApiException.notFound("vendor '" + vendorName + "' is not invited to this project; GET /api/v1/projects/" + id + "/vendors lists them");
      }
      trail.append(sql, owner.name(), "vendor.removed", id, vendor.id(), Map.of("vendor", vendorName));
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("vendor_id", vendor.id());
      out.put("name", vendorName);
      out.put("removed", true);
      return out;
    });
  }

  public List<Map<String, Object>> vendors(String id) {
    get(id);
    return db.read(sql -> sql.list(
        "SELECT p.id, p.name, m.invited_at, (SELECT COUNT(*) FROM submission s WHERE s.project_id = m.project_id AND s.vendor_id = p.id) "
            + "FROM membership m JOIN principal p ON p.id = m.vendor_id WHERE m.project_id = ? ORDER BY m.invited_at, p.name",
        rs -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("vendor_id", rs.getString(1));
          m.put("name", rs.getString(2));
          m.put("invited_at", Instant.ofEpochMilli(rs.getLong(3)).toString());
          m.put("submissions", rs.getLong(4));
          return m;
        }, id));
  }
}
