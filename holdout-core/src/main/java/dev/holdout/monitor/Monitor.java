package dev.holdout.monitor;

import dev.holdout.base.Progress;
import dev.holdout.base.HoldoutException;
import dev.holdout.base.Names;
import dev.holdout.data.RecordReader;
import dev.holdout.data.RecordReaders;
import dev.holdout.drift.DriftSettings;
import dev.holdout.metric.Task;
import dev.holdout.result.Report;
import dev.holdout.suite.Suite;
import dev.holdout.suite.SuiteDrift;
import dev.holdout.verdict.Criterion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Monitors a prediction log window by window: the reference is read into sketches ({@link
 * ReferenceProfile}), the log is streamed once ({@link LogStream}), keeping for each open window only
 * mergeable sketches of its columns, its labeled rows and a {@link Cbpe} estimator, and each window
 * is judged ({@link WindowJudge}) on another thread as soon as the log moves past it; then it is
 * forgotten. Memory is bounded by the sketches and the labeled rows of at most {@value
 * LogStream#OPEN} open windows plus one being judged, whatever the log's length. Every numeric
 * sketch of a run flips its compaction coins from one source seeded with the suite's bootstrap seed,
 * in file order on the reading thread, so a run's figures are the same every time.
 */
public final class Monitor {
  private static final List<String> TIME_NAMES = List.of("timestamp", "time", "ts", "event_time", "datetime", "date");

  private Monitor() {}

  /**
   * What to monitor: the log, the reference, the suite (its columns' roles, criteria, bootstrap and
   * drift section), the windows, the time column (null: a column named timestamp, time, ts,
   * event_time, datetime or date), a file of late outcomes by id (or null) and columns to leave out.
   */
  public record Settings(Path log, Path reference, Suite suite, WindowSpec window, String timeColumn, Path outcomes, List<String> exclude,
      MonitorSection section) {
    /** Settings whose monitor section (fixed volume bounds, a shadow challenger) is the suite file's, when it has one. */
    public Settings(Path log, Path reference, Suite suite, WindowSpec window, String timeColumn, Path outcomes, List<String> exclude) {
      this(log, reference, suite, window, timeColumn, outcomes, exclude, null);
    }
  }

  /** Streams the log and judges every window. Bad input throws {@link HoldoutException} naming the file, line and column. */
  public static MonitorReport run(Settings s) {
    return run(s, Progress.NONE);
  }

  /** As {@link #run(Settings)}, telling {@code progress} of the rows read. */
  public static MonitorReport run(Settings s, Progress progress) {
    Suite suite = s.suite();
    Task task = suite.task();
    if (!task.supported()) {
      throw new HoldoutException.BadSuite(suite.file() + ": task " + task.key() + " cannot be monitored yet; use binary_classification, "
          + "multiclass_classification or regression");
    }
    List<String> notes = new ArrayList<>();
    List<String> exclude = new ArrayList<>(s.exclude());
    List<String> logHeader;
    try (RecordReader r = RecordReaders.open(s.log())) {
      logHeader = r.header();
    }
    String timeColumn = timeColumn(s, logHeader);
    if (timeColumn != null) exclude.add(timeColumn);
    DriftSettings fromSuite = SuiteDrift.settings(suite, suite.file(), exclude);
    DriftSettings drift = fromSuite.withVerdict(fromSuite.share(), fromSuite.classifierAuc(), 0);

    Random coins = new Random(suite.bootstrap().seed());
    ReferenceProfile reference = ReferenceProfile.read(s.reference(), new HashSet<>(drift.exclude()), suite.data().slices(), coins);
    SliceProfiles referenceSlices = reference.slices();
    for (int g = 0; g < referenceSlices.slices.size(); g++) {
      if (!referenceSlices.judged(g)) {
        notes.add("slice column '" + referenceSlices.slices.get(g) + "' has more than " + SliceProfiles.MAX_GROUPS
            + " groups in the reference: drift is not judged per group");
      }
    }
    List<String> columns = reference.profile().names();
    String label = suite.data().label();
    for (String c : columns) {
      if (!logHeader.contains(c) && !c.equals(label)) {
        throw new HoldoutException.BadData(s.log() + ": no column '" + c + "', which the reference " + s.reference()
            + " has; the log needs the reference's columns (or leave a column out with --exclude " + c + ")");
      }
    }
    List<String> ignored = new ArrayList<>();
    for (String c : logHeader) {
      if (!columns.contains(c) && !drift.exclude().contains(c) && !c.equals(label) && !drift.predictions().contains(c)) ignored.add(c);
    }
    if (!ignored.isEmpty()) notes.add("log columns not in the reference, not judged for drift: " + String.join(", ", ignored));

    Suite judged = forLog(suite, logHeader, notes);
    LabelCodes labels = new LabelCodes(task, suite.data().positive());
    Outcomes outcomes = s.outcomes() == null ? null : Outcomes.read(s.outcomes(), judged.data().id(), judged.data().label(), labels::number);
    MonitorSection section = s.section() != null ? s.section() : section(suite);
    WindowQuality quality = WindowQuality.of(reference, s.reference(), timeColumn, s.window(), section, suite.data().label(), notes);
    ShadowChallenger challenger = ShadowChallenger.of(section, judged, logHeader);
    WindowJudge judge = new WindowJudge(s.window(), reference, s.reference().toString(), drift, judged, labels, s.log(), quality, challenger);
    LogStream stream = new LogStream(s, judged, timeColumn, reference, labels, outcomes, coins, notes, challenger);
    ExecutorService judging = Executors.newSingleThreadExecutor(runnable -> {
      Thread t = new Thread(runnable, "holdout-monitor-judge");
      t.setDaemon(true);
      return t;
    });
    List<Future<MonitorReport.WindowResult>> done = new ArrayList<>();
    LogStream.Totals totals;
    List<MonitorReport.WindowResult> results = new ArrayList<>();
    try {
      totals = stream.read(w -> {
        // the coins are drawn on this thread, in file order; and one window is judged while the next is read
        w.flush();
        if (!done.isEmpty()) waitFor(done.get(done.size() - 1));
        done.add(judging.submit(() -> judge.judge(w)));
      }, progress);
      progress.phase("judging the last windows");
      for (Future<MonitorReport.WindowResult> f : done) results.add(waitFor(f));
    } finally {
      judging.shutdownNow();
      progress.done();
    }
    return assemble(s, judged, judge, timeColumn, reference, outcomes, results, totals, notes);
  }

  /** The suite file's monitor section, or null when it has none or the file cannot be read (a suite made in memory). */
  private static MonitorSection section(Suite suite) {
    Path file = suite.file();
    if (file == null || !Files.isRegularFile(file)) return null;
    try {
      return MonitorSection.of(file.toString(), Files.readString(file)).orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  /** The time column: the one named, else the first of the usual names in the log (calendar windows need one). */
  private static String timeColumn(Settings s, List<String> logHeader) {
    String timeColumn = s.timeColumn();
    if (!s.window().calendar()) return timeColumn;
    if (timeColumn == null) {
      return TIME_NAMES.stream().filter(logHeader::contains).findFirst().orElseThrow(() -> new HoldoutException.BadData(s.log()
          + ": no time column for --window " + s.window().describe() + " (looked for " + String.join(", ", TIME_NAMES)
          + "); name it with --time COLUMN, or cut windows by rows with --window 10000-rows"));
    }
    if (!logHeader.contains(timeColumn)) {
      String hint = Names.didYouMean(timeColumn, logHeader);
      throw new HoldoutException.BadData(s.log() + ": no column '" + timeColumn + "' (--time)"
          + (hint.isEmpty() ? "; the columns are " : hint + " The columns are ") + logHeader);
    }
    return timeColumn;
  }

  /** The suite as the log can be judged by it: slices and a baseline column the log lacks are left out, with a note. */
  private static Suite forLog(Suite suite, List<String> header, List<String> notes) {
    Task task = suite.task();
    List<String> slices = new ArrayList<>();
    for (String sl : suite.data().slices()) {
      if (header.contains(sl)) slices.add(sl);
      else notes.add("slice column '" + sl + "' is not in the log: its slice criteria are not judged");
    }
    List<Criterion> criteria = suite.criteria().stream().filter(c -> c.slice() == null || slices.contains(c.slice())).toList();
    Suite.Baseline baseline = suite.baseline();
    if (baseline.kind() == Suite.Baseline.Kind.COLUMN && !header.contains(baseline.column())) {
      baseline = new Suite.Baseline(task == Task.REGRESSION ? Suite.Baseline.Kind.MEAN : Suite.Baseline.Kind.PRIOR, null);
      notes.add("baseline column '" + suite.baseline().column() + "' is not in the log: the baseline is the window's "
          + (task == Task.REGRESSION ? "mean" : "prior"));
    }
    Suite.Data d = suite.data();
    return new Suite(suite.file(), suite.name(), suite.problem(), task, new Suite.Data(d.path(), d.id(), d.label(), d.positive(), d.classes(),
        List.copyOf(slices)), suite.predictions(), suite.primaryMetric(), criteria, suite.costs(), baseline, suite.bootstrap(), suite.topK(),
        suite.drift()).withBudgets(suite.budgets());
  }

  /** The report: judged windows in order with the empty calendar windows between them, numbered, with their alerts. */
  private static MonitorReport assemble(Settings s, Suite suite, WindowJudge judge, String timeColumn, ReferenceProfile reference,
      Outcomes outcomes, List<MonitorReport.WindowResult> judged, LogStream.Totals totals, List<String> notes) {
    WindowSpec spec = s.window();
    Task task = suite.task();
    // calendar windows between the first and the last that saw no row are reported as empty
    List<MonitorReport.WindowResult> all = new ArrayList<>();
    for (MonitorReport.WindowResult w : judged) {
      if (spec.calendar() && !all.isEmpty()) {
        long prev = keyOf(spec, all.get(all.size() - 1));
        for (long k = prev + 1; k < keyOf(spec, w); k++) {
          all.add(new MonitorReport.WindowResult(0, spec.label(k), spec.start(k), spec.end(k), 0, 0, true, null, null, null, null, null, null, null,
              null, null, List.of()));
        }
      }
      all.add(w);
    }
    List<MonitorReport.Alert> alerts = new ArrayList<>();
    List<MonitorReport.WindowResult> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      MonitorReport.WindowResult w = all.get(i);
      List<MonitorReport.Alert> mine = judge.alerts(w);
      alerts.addAll(mine);
      out.add(new MonitorReport.WindowResult(i + 1, w.label(), w.start(), w.end(), w.rows(), w.labeledRows(), w.empty(), w.driftVerdict(),
          w.driftedFeatures(), w.featureColumns(), w.drift(), w.slices(), w.metrics(), w.criteria(), w.verdict(), w.estimated(),
          mine.stream().map(MonitorReport.Alert::message).toList(), w.challenger()));
    }
    long empty = out.stream().filter(MonitorReport.WindowResult::empty).count();
    if (empty > 0) notes.add(empty + " window(s) without rows: reported as empty, not judged");
    List<MonitorReport.Threshold> thresholds = new ArrayList<>();
    for (Criterion c : suite.criteria()) {
      if (c.kind() == Criterion.Kind.MIN || c.kind() == Criterion.Kind.MAX) {
        thresholds.add(new MonitorReport.Threshold(c.metric(), c.id(), c.kind().key(), c.threshold()));
      }
    }
    String assumption = task == Task.BINARY_CLASSIFICATION
        ? "CBPE estimates assume calibrated scores (among rows scored p, a share p is positive) and no concept drift "
            + "(the relation between inputs and outcome is unchanged); a model confidently wrong on a new population looks fine to CBPE"
        : null;
    String version = Monitor.class.getPackage().getImplementationVersion();
    return new MonitorReport(MonitorReport.SCHEMA, new MonitorReport.Source(s.log().toString(), totals.rows()),
        new MonitorReport.Source(s.reference().toString(), reference.profile().rows()),
        s.outcomes() == null ? null : new MonitorReport.Source(s.outcomes().toString(), outcomes.size()),
        new MonitorReport.SuiteInfo(suite.name(), task.key(), suite.primaryMetric(), suite.file().getFileName().toString(), suite.problem()),
        new MonitorReport.WindowInfo(spec.calendar() ? spec.kind().name().toLowerCase(Locale.ROOT) : "rows", spec.calendar() ? null : spec.rows(),
            timeColumn),
        totals.rows(), totals.labeledRows(), out, alerts, alerts.isEmpty() ? "OK" : "ALERT", thresholds, assumption, suite.bootstrap().confidence(),
        suite.bootstrap().replicates(), suite.bootstrap().seed(), List.copyOf(notes),
        new Report.Provenance(version == null ? "dev" : version, System.getProperty("java.version"),
            Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()));
  }

  private static long keyOf(WindowSpec spec, MonitorReport.WindowResult w) {
    return spec.key(LocalDate.parse(w.start()).toEpochDay() * 86_400L);
  }

  private static <T> T waitFor(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error err) throw err;
      throw new IllegalStateException(e.getCause());
    }
  }
}
