package dev.holdout.server.watch;

import dev.holdout.base.HoldoutException;
import dev.holdout.monitor.EstimatedPerformance;
import dev.holdout.monitor.Monitor;
import dev.holdout.monitor.MonitorReport;
import dev.holdout.monitor.MonitorSection;
import dev.holdout.monitor.WindowSpec;
import dev.holdout.render.JsonReport;
import dev.holdout.server.auth.Principal;
import dev.holdout.server.base.Bounded;
import dev.holdout.server.project.Project;
import dev.holdout.server.project.Projects;
import dev.holdout.server.store.Database;
import dev.holdout.suite.Suite;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The scheduler inside the server: every tick it closes the windows of each project's log that
 * its suite's monitor section says are over, judges each with the engine of {@code holdout monitor}
 * ({@link Monitor#run}) against the project's evaluation set as the reference, stores the result
 * and its alerts in one transaction (so a window is judged once, and its alerts made once, whatever
 * restarts follow), then delivers pending alerts ({@link Alerts}). A calendar window is over when
 * the log holds a row at least the section's {@code lateness} past its end (by event time, so a
 * log replayed from the past closes its windows as the replay moves on); a row window when the log
 * holds its last row. One thread; a window that cannot be judged is stored as failed with the reason.
 */
public final class Watch implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Watch.class.getName());

  private final Database db;
  private final Projects projects;
  private final PredictionLog log;
  private final Alerts alerts;
  private final Path scratch;
  private final Path submissions;
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "holdout-watch");
    t.setDaemon(true);
    return t;
  });

  public Watch(Database db, Projects projects, PredictionLog log, Alerts alerts, Path scratch, Path submissions) {
    this.submissions = submissions;
    this.db = db;
    this.projects = projects;
    this.log = log;
    this.alerts = alerts;
    this.scratch = scratch;
  }

  /** Starts ticking every {@code millis}. */
  public void start(long millis) {
    thread.scheduleWithFixedDelay(this::tickQuietly, millis, millis, TimeUnit.MILLISECONDS);
  }

  private void tickQuietly() {
    try {
      tick();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "the monitor's tick failed; the next one tries again", e);
    }
  }

  /** One pass: judge every closed window not yet judged, then deliver pending alerts. Returns the windows judged. */
  public synchronized int tick() {
    int judged = 0;
    for (Project p : projects.visibleTo(new Principal("", Principal.Kind.OWNER, ""))) {
      if (p.status() != Project.Status.READY) continue;
      MonitorSection section;
      try {
        section = MonitorSection.of("suite.yaml", p.suiteYaml()).orElse(null);
      } catch (HoldoutException e) {
        continue;
      }
      if (section == null) continue;
      judged += judgeClosed(p, section);
    }
    alerts.deliverPending();
    return judged;
  }

  private int judgeClosed(Project p, MonitorSection section) {
    PredictionLog.Extent extent = log.extent(p.id());
    if (extent.rows() == 0) return 0;
    WindowSpec spec = section.window();
    Set<Long> done = new HashSet<>(db.read(sql -> sql.list("SELECT window_key FROM monitor_window WHERE project_id = ?", rs -> rs.getLong(1), p.id())));
    List<Long> keys = new ArrayList<>();
    if (spec.calendar()) {
      long first = db.read(sql -> sql.one("SELECT MIN(min_time) FROM log_batch WHERE project_id = ? AND kind = 'log'", rs -> rs.getLong(1), p.id())).orElse(0L);
      for (long k = spec.key(first); endSeconds(spec, k) + section.latenessSeconds() <= extent.maxTime(); k++) keys.add(k);
    } else {
      for (long k = 0; (k + 1) * spec.rows() <= extent.rows(); k++) keys.add(k);
    }
    int n = 0;
    for (long k : keys) {
      if (done.contains(k)) continue;
      judge(p, section, k);
      n++;
    }
    return n;
  }

  private static long startSeconds(WindowSpec spec, long key) {
    return LocalDate.parse(spec.start(key)).toEpochDay() * 86_400L;
  }

  private static long endSeconds(WindowSpec spec, long key) {
    return LocalDate.parse(spec.end(key)).toEpochDay() * 86_400L;
  }

  /** Judges one window and stores it with its alerts; a window without rows is stored as empty. */
  void judge(Project p, MonitorSection section, long key) {
    WindowSpec spec = section.window();
    Suite suite = projects.suite(p, "all");
    Path reference = projects.folder(p.id()).resolve("all.csv");
    LogColumns cols = LogColumns.of(suite, section);
    Path dir = null;
    String status;
    String result;
    long rows = 0;
    long labeled = 0;
    List<MonitorReport.Alert> raised = new ArrayList<>();
    EstimatedPerformance.Estimate estimate = null;
    try {
      Files.createDirectories(scratch);
      dir = Files.createTempDirectory(scratch, "window-");
      List<PredictionLog.Stored> batches = spec.calendar() ? log.byTime(p.id(), startSeconds(spec, key), endSeconds(spec, key))
          : log.byRows(p.id(), key * spec.rows(), (key + 1) * spec.rows());
      WindowExport.Written w = spec.calendar()
          ? WindowExport.write(dir, batches, true, cols.times(), startSeconds(spec, key), endSeconds(spec, key), cols.id(), log.outcomes(p.id()),
              suite.data().id(), suite.data().label())
          : WindowExport.write(dir, batches, false, cols.times(), key * spec.rows(), (key + 1) * spec.rows(), cols.id(), log.outcomes(p.id()),
              suite.data().id(), suite.data().label());
      rows = w.rows();
      if (rows == 0) {
        status = "empty";
        result = PredictionLog.json(Map.of("label", spec.label(key), "empty", true));
      } else {
        List<String> exclude = missingFromLog(reference, w.log(), suite.data().label());
        MonitorReport report = Monitor.run(new Monitor.Settings(w.log(), reference, suite, spec, section.time(), w.outcomes(), exclude, section));
        if (!spec.calendar()) report = relabel(report, spec, key);
        MonitorReport.WindowResult one = report.windows().stream().filter(x -> !x.empty()).findFirst().orElseThrow();
        labeled = one.labeledRows();
        raised.addAll(report.alerts());
        Optional<Path> champion = ChampionReference.write(db, submissions, p.id(), suite, reference, dir);
        if (champion.isPresent()) estimate = EstimatedPerformance.judge(suite, champion.get(), w.log()).orElse(null);
        if (estimate != null && estimate.alert()) {
          raised.add(new MonitorReport.Alert(spec.label(key), "estimated_decay", estimate.metric(), estimate.value(),
              estimate.lowerIsBetter() ? estimate.band().upper() : estimate.band().lower(), estimate.message(spec.label(key))));
        }
        status = raised.isEmpty() ? "ok" : "alert";
        result = JsonReport.toJson(report);
      }
    } catch (HoldoutException | IOException e) {
      status = "failed";
      result = PredictionLog.json(Map.of("label", spec.label(key), "error", Bounded.message(String.valueOf(e.getMessage()))));
    } finally {
      delete(dir);
    }
    String s = status;
    String r = result;
    long n = rows;
    long l = labeled;
    String e = estimate == null ? null : PredictionLog.json(estimate);
    List<MonitorReport.Alert> fired = raised;
    db.tx(sql -> {
      if (sql.count("SELECT COUNT(*) FROM monitor_window WHERE project_id = ? AND window_key = ?", p.id(), key) > 0) return null;
      sql.update("INSERT INTO monitor_window (project_id, window_key, label, starts, ends, row_count, labeled_rows, status, result, estimate, judged_at) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", p.id(), key, spec.label(key), spec.start(key), spec.end(key), n, l, s, r, e, System.currentTimeMillis());
      Set<String> seen = new HashSet<>();
      for (MonitorReport.Alert a : fired) {
        if (!seen.add(a.kind() + "\n" + a.subject())) continue;
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("project", p.id());
        payload.put("project_name", p.name());
        payload.put("window", spec.label(key));
        payload.put("kind", a.kind());
        payload.put("subject", a.subject());
        payload.put("observed", a.observed());
        payload.put("threshold", a.threshold());
        payload.put("message", a.message());
        payload.put("text", "Holdout: " + p.name() + ", window " + spec.label(key) + ": " + a.message());
        payload.put("window_url", "/api/v1/projects/" + p.id() + "/monitor?window=" + spec.label(key).replace(' ', '+'));
        Alerts.raise(sql, p.id(), key, a.kind(), a.subject() == null ? "" : a.subject(), payload);
      }
      return null;
    });
  }

  /**
   * A row window judged alone is the engine's rows 1-N; this names it by its place in the whole
   * log (rows 5001-5500), in the window, its alerts and their sentences.
   */
  static MonitorReport relabel(MonitorReport r, WindowSpec spec, long key) {
    String was = spec.label(0);
    String now = spec.label(key);
    List<MonitorReport.WindowResult> windows = r.windows().stream().map(w -> new MonitorReport.WindowResult(w.index(), now, spec.start(key), spec.end(key),
        w.rows(), w.labeledRows(), w.empty(), w.driftVerdict(), w.driftedFeatures(), w.featureColumns(), w.drift(), w.slices(), w.metrics(), w.criteria(),
        w.verdict(), w.estimated(), w.alerts().stream().map(a -> a.replace(was, now)).toList(), w.challenger())).toList();
    List<MonitorReport.Alert> alerts = r.alerts().stream().map(a -> new MonitorReport.Alert(now, a.kind(), a.subject(), a.observed(), a.threshold(),
        a.message().replace(was, now))).toList();
    return new MonitorReport(r.schema(), r.log(), r.reference(), r.outcomes(), r.suite(), r.window(), r.rows(), r.labeledRows(), windows, alerts, r.status(),
        r.thresholds(), r.cbpeAssumption(), r.confidence(), r.replicates(), r.seed(), r.notes(), r.provenance());
  }

  /** Reference columns the window's log lacks (besides the label), left out of drift as {@code --exclude} would. */
  private static List<String> missingFromLog(Path reference, Path window, String label) throws IOException {
    List<String> ref = header(reference);
    List<String> have = header(window);
    List<String> out = new ArrayList<>();
    for (String c : ref) if (!have.contains(c) && !c.equals(label)) out.add(c);
    return out;
  }

  private static List<String> header(Path csv) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      String first = r.readLine();
      return first == null ? List.of() : List.of(first.split(",", -1));
    }
  }

  private static void delete(Path dir) {
    if (dir == null) return;
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
    } catch (IOException e) {
      LOG.log(Level.FINE, "could not remove " + dir, e);
    }
  }

  /** Every judged window of a project, oldest first: its label, span, rows, status and the monitor report. */
  public List<Map<String, Object>> windows(String projectId) {
    projects.get(projectId);
    return db.read(sql -> sql.list("SELECT label, starts, ends, row_count, labeled_rows, status, result, estimate FROM monitor_window WHERE project_id = ? "
        + "ORDER BY window_key", rs -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("window", rs.getString(1));
          m.put("start", rs.getString(2));
          m.put("end", rs.getString(3));
          m.put("rows", rs.getLong(4));
          m.put("labeled_rows", rs.getLong(5));
          m.put("status", rs.getString(6));
          String estimated = rs.getString(8);
          m.put("estimated_performance", estimated == null ? null : PredictionLog.tree(estimated));
          m.put("report", PredictionLog.tree(rs.getString(7)));
          return m;
        }, projectId));
  }

  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
