package dev.holdout.monitor;

import dev.holdout.base.Format;
import dev.holdout.base.HoldoutException;
import dev.holdout.data.Decimals;
import dev.holdout.data.Dictionary;
import dev.holdout.data.RecordReader;
import dev.holdout.data.RecordReaders;
import dev.holdout.data.Values;
import dev.holdout.drift.DriftReport;
import dev.holdout.drift.DriftSettings;
import dev.holdout.suite.SuiteDrift;
import dev.holdout.drift.Profile;
import dev.holdout.drift.SketchDrift;
import dev.holdout.evaluation.LabeledRows;
import dev.holdout.metric.Task;
import dev.holdout.result.Report;
import dev.holdout.suite.Suite;
import dev.holdout.verdict.Criterion;
import dev.holdout.verdict.CriterionResult;
import dev.holdout.verdict.Status;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Monitors a prediction log window by window: streams the log once, keeps for each open window
 * only mergeable sketches of its columns ({@link Profile}), its labeled rows (for the realized
 * performance, evaluated by the same code as {@code holdout evaluate}) and a {@link Cbpe}
 * estimator, and judges a window as soon as the log moves past it; then the window is forgotten.
 * Memory is bounded by the sketches and the labeled rows of at most {@value #OPEN} open windows plus
 * one being judged, whatever the log's length. The log must be in time order up to one window:
 * a row may come after rows of the next window, not later.
 */
public final class Monitor {
  /** Windows kept open at once: the newest and the one before it, for rows that stray across a window's end. */
  static final int OPEN = 2;
  private static final Set<String> MISSING = Set.of("na", "n/a", "null", "none", "nan");
  private static final List<String> TIME_NAMES = List.of("timestamp", "time", "ts", "event_time", "datetime", "date");

  private Monitor() {}

  /**
   * What to monitor: the log, the reference, the suite (its columns' roles, criteria, bootstrap and
   * drift section), the windows, the time column (null: a column named timestamp, time, ts,
   * event_time, datetime or date), a file of late outcomes by id (or null) and columns to leave out.
   */
  public record Settings(Path log, Path reference, Suite suite, WindowSpec window, String timeColumn, Path outcomes, List<String> exclude) {}

  /** Per window: what the log row stream fills. */
  private static final class Open {
    final long key;
    final Profile profile;
    final SliceProfiles slices;
    final LabeledRows labeled;
    final Cbpe cbpe;
    long rows;

    Open(long key, Profile profile, SliceProfiles slices, LabeledRows labeled, Cbpe cbpe) {
      this.key = key;
      this.profile = profile;
      this.slices = slices;
      this.labeled = labeled;
      this.cbpe = cbpe;
    }
  }

  /** Streams the log and judges every window. Bad input throws {@link HoldoutException} naming the file, line and column. */
  public static MonitorReport run(Settings s) {
    Suite suite = s.suite();
    Task task = suite.task();
    if (!task.supported()) {
      throw new HoldoutException.BadSuite(suite.file() + ": task " + task.key() + " cannot be monitored yet; use binary_classification, "
          + "multiclass_classification or regression");
    }
    List<String> notes = new ArrayList<>();
    List<String> exclude = new ArrayList<>(s.exclude());
    String timeColumn = s.timeColumn();
    List<String> logHeader;
    try (RecordReader r = RecordReaders.open(s.log())) {
      logHeader = r.header();
    }
    if (s.window().calendar()) {
      if (timeColumn == null) {
        timeColumn = TIME_NAMES.stream().filter(logHeader::contains).findFirst().orElseThrow(() -> new HoldoutException.BadData(s.log()
            + ": no time column for --window " + s.window().describe() + " (looked for " + String.join(", ", TIME_NAMES)
            + "); name it with --time COLUMN, or cut windows by rows with --window 10000-rows"));
      } else if (!logHeader.contains(timeColumn)) {
        String hint = dev.holdout.base.Names.didYouMean(timeColumn, logHeader);
        throw new HoldoutException.BadData(s.log() + ": no column '" + timeColumn + "' (--time)"
            + (hint.isEmpty() ? "; the columns are " : hint + " The columns are ") + logHeader);
      }
    }
    if (timeColumn != null) exclude.add(timeColumn);
    DriftSettings fromSuite = SuiteDrift.settings(suite, suite.file(), exclude);
    DriftSettings drift = fromSuite.withVerdict(fromSuite.share(), fromSuite.classifierAuc(), 0);

    // Every sketch is updated on this thread in file order: with the library's shared random source
    // seeded, sketched statistics are the same on every run.
    if (!dev.holdout.drift.NumericSketch.seedCompactions(suite.bootstrap().seed())) {
      notes.add("sketch compactions could not be seeded: sketched distances may differ slightly between runs");
    }
    // The reference: typed by each column's first value, then streamed into sketches.
    Reference ref = readReference(s.reference(), new HashSet<>(drift.exclude()), suite.data().slices());
    Profile reference = ref.profile();
    for (int g = 0; g < ref.slices().slices.size(); g++) {
      if (!ref.slices().judged(g)) {
        notes.add("slice column '" + ref.slices().slices.get(g) + "' has more than " + SliceProfiles.MAX_GROUPS
            + " groups in the reference: drift is not judged per group");
      }
    }
    List<String> columns = reference.names();
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

    Job job = new Job(s, suite, timeColumn, reference, ref.slices(), drift, notes);
    return job.run(logHeader);
  }

  /** One run over the log. */
  private static final class Job {
    final Settings s;
    Suite suite;
    final Task task;
    final String timeColumn;
    final Profile reference;
    final SliceProfiles referenceSlices;
    final DriftSettings drift;
    final List<String> notes;
    final Dictionary labels = new Dictionary();
    volatile String positiveLabel;
    volatile String negativeLabel;
    /** Whether each label code (of at most two) is the positive class. */
    final boolean[] positiveCode = new boolean[3];
    int knownCodes;
    Outcomes outcomes;
    boolean baselineColumn;

    Job(Settings s, Suite suite, String timeColumn, Profile reference, SliceProfiles referenceSlices, DriftSettings drift, List<String> notes) {
      this.s = s;
      this.referenceSlices = referenceSlices;
      this.suite = suite;
      this.task = suite.task();
      this.timeColumn = timeColumn;
      this.reference = reference;
      this.drift = drift;
      this.notes = notes;
      this.positiveLabel = suite.data().positive();
    }

    MonitorReport run(List<String> header) {
      // Slices and the baseline column the log lacks are left out, with a note.
      List<String> slices = new ArrayList<>();
      for (String sl : suite.data().slices()) {
        if (header.contains(sl)) slices.add(sl);
        else notes.add("slice column '" + sl + "' is not in the log: its slice criteria are not judged");
      }
      List<Criterion> criteria = suite.criteria().stream().filter(c -> c.slice() == null || slices.contains(c.slice())).toList();
      Suite.Baseline baseline = suite.baseline();
      baselineColumn = baseline.kind() == Suite.Baseline.Kind.COLUMN && header.contains(baseline.column());
      if (baseline.kind() == Suite.Baseline.Kind.COLUMN && !baselineColumn) {
        baseline = new Suite.Baseline(task == Task.REGRESSION ? Suite.Baseline.Kind.MEAN : Suite.Baseline.Kind.PRIOR, null);
        notes.add("baseline column '" + suite.baseline().column() + "' is not in the log: the baseline is the window's "
            + (task == Task.REGRESSION ? "mean" : "prior"));
      }
      Suite.Data d = suite.data();
      suite = new Suite(suite.file(), suite.name(), suite.problem(), task, new Suite.Data(d.path(), d.id(), d.label(), d.positive(), d.classes(),
          List.copyOf(slices)), suite.predictions(), suite.primaryMetric(), criteria, suite.costs(), baseline, suite.bootstrap(), suite.topK(),
          suite.drift());
      if (s.outcomes() != null) {
        outcomes = Outcomes.read(s.outcomes(), d.id(), d.label(), this::labelNumber);
      }
      return stream();
    }

    /** A label's number: for classification its code in {@link #labels} (checked against the task), for regression its value. */
    double labelNumber(RecordReader r, int col, CharSequence text) {
      if (task == Task.REGRESSION) return Values.value(r, col, "the actual value (a number)");
      int code = labels.code(text);
      if (task == Task.BINARY_CLASSIFICATION) {
        if (labels.size() > 2) {
          throw new HoldoutException.BadData(Values.where(r, col) + ": label '" + text + "' makes a third value after " + labels.values().subList(0, 2)
              + ", but a binary suite needs two label values; fix the label or use task: multiclass_classification");
        }
        if (code >= knownCodes) {
          positiveCode[code] = positive(r, col, labels.values().get(code));
          knownCodes = code + 1;
        }
      }
      return code;
    }

    /** Whether a binary label is the positive one: data.positive, else the usual pairs (1/0, true/false, yes/no). */
    boolean positive(RecordReader r, int col, String text) {
      boolean pos;
      if (suite.data().positive() != null) {
        pos = text.equals(suite.data().positive());
      } else {
        String t = text.toLowerCase(Locale.ROOT);
        if (Set.of("1", "true", "yes", "1.0").contains(t)) pos = true;
        else if (Set.of("0", "false", "no", "0.0").contains(t)) pos = false;
        else throw new HoldoutException.BadData(Values.where(r, col) + ": cannot tell whether label '" + text
            + "' is the positive class; set data.positive in the suite");
      }
      if (pos && positiveLabel == null) positiveLabel = text;
      if (!pos && negativeLabel == null) negativeLabel = text;
      return pos;
    }

    MonitorReport stream() {
      WindowSpec spec = s.window();
      Suite.Predictions p = suite.predictions();
      String label = suite.data().label();
      List<String> columns = reference.names();
      ExecutorService judge = Executors.newSingleThreadExecutor(runnable -> {
        Thread t = new Thread(runnable, "holdout-monitor-judge");
        t.setDaemon(true);
        return t;
      });
      List<MonitorReport.WindowResult> results = new ArrayList<>();
      long rows = 0;
      long labeledRows = 0;
      try (RecordReader r = RecordReaders.open(s.log())) {
        int timeCol = timeColumn == null ? -1 : Values.column(r, timeColumn, "the time column");
        int[] colIndex = new int[columns.size()];
        for (int i = 0; i < colIndex.length; i++) colIndex[i] = r.header().indexOf(columns.get(i));
        int labelCol = r.header().indexOf(label);
        int labelProfile = columns.indexOf(label);
        int predCol = -1;
        if (task == Task.BINARY_CLASSIFICATION) predCol = Values.column(r, p.score(), "predictions.score in the suite: the model's score");
        if (task == Task.REGRESSION) predCol = Values.column(r, p.value(), "predictions.value in the suite: the model's prediction");
        int[] quantileCols = new int[task == Task.REGRESSION ? p.quantiles().size() : 0];
        int qi = 0;
        for (String q : task == Task.REGRESSION ? p.quantiles().values() : List.<String>of()) {
          quantileCols[qi++] = Values.column(r, q, "predictions.quantiles in the suite");
        }
        double[] qs = new double[quantileCols.length];
        int predLabelCol = task == Task.MULTICLASS_CLASSIFICATION && p.label() != null
            ? Values.column(r, p.label(), "predictions.label in the suite: the predicted class") : -1;
        int[] probCols = new int[task == Task.MULTICLASS_CLASSIFICATION ? p.probabilities().size() : 0];
        int pi = 0;
        for (var e : task == Task.MULTICLASS_CLASSIFICATION ? p.probabilities().entrySet() : java.util.Set.<Map.Entry<String, String>>of()) {
          probCols[pi++] = Values.column(r, e.getValue(), "predictions.probabilities." + e.getKey() + " in the suite");
        }
        double[] probs = new double[probCols.length];
        int idCol = -1;
        if (outcomes != null) {
          String id = p.id() != null && r.header().contains(p.id()) ? p.id() : suite.data().id();
          idCol = Values.column(r, id, "the id that joins the log to --outcomes");
        }
        if (labelCol < 0 && outcomes == null) {
          notes.add("the log has no '" + label + "' column and no --outcomes file was given: no realized performance, estimates only");
        }
        int[] sliceCols = new int[suite.data().slices().size()];
        for (int k = 0; k < sliceCols.length; k++) sliceCols[k] = r.header().indexOf(suite.data().slices().get(k));
        CharSequence[] groups = new CharSequence[sliceCols.length];
        int baseCol = baselineColumn ? r.header().indexOf(suite.baseline().column()) : -1;

        Profile[] groupProfiles = new Profile[referenceSlices.slices.size()];
        int[] sliceAt = referenceSlices.slices.stream().mapToInt(sl -> r.header().indexOf(sl)).toArray();
        TreeMap<Long, Open> open = new TreeMap<>();
        long closedUpTo = Long.MIN_VALUE;
        Long firstKey = null;
        Future<MonitorReport.WindowResult> judging = null;
        List<Future<MonitorReport.WindowResult>> done = new ArrayList<>();
        String[] lastTime = new String[1];
        while (r.next()) {
          long at;
          if (timeCol >= 0) {
            CharSequence t = r.text(timeCol);
            if (t == null) {
              throw new HoldoutException.BadData(Values.where(r, timeCol) + ": empty; every row of the log needs a time for --window "
                  + spec.describe() + " (or cut windows by rows with --window 10000-rows)");
            }
            at = Timestamps.parse(t);
            if (at == Timestamps.INVALID) {
              throw new HoldoutException.BadData(Values.where(r, timeCol) + ": expected a timestamp such as 2026-01-05 or 2026-01-05T13:45:00Z, found '"
                  + t + "'; fix the value or name another column with --time");
            }
          } else {
            at = rows;
          }
          long key = spec.calendar() ? spec.key(at) : spec.key(rows);
          Open w = open.get(key);
          if (w == null) {
            if (key <= closedUpTo) {
              throw new HoldoutException.BadData(Values.where(r, timeCol) + ": " + r.text(timeCol) + " falls in the window " + spec.label(key)
                  + ", which was closed when the log reached " + lastTime[0] + "; rows may be out of order by at most one window: sort the log by time");
            }
            w = new Open(key, new Profile(columns, numericFlags(reference)),
                new SliceProfiles(referenceSlices.slices, columns, numericFlags(reference)), new LabeledRows(suite, baselineColumn),
                task == Task.BINARY_CLASSIFICATION ? new Cbpe(p.threshold()) : null);
            open.put(key, w);
            if (firstKey == null || key < firstKey) firstKey = key;
            while (open.size() > OPEN) {
              Open closing = open.pollFirstEntry().getValue();
              closedUpTo = closing.key;
              lastTime[0] = timeCol >= 0 ? r.text(timeCol).toString() : "row " + (rows + 1);
              if (judging != null) waitFor(judging);
              judging = judge.submit(() -> judgeWindow(closing));
              done.add(judging);
            }
          }
          rows++;
          w.rows++;
          Profile prof = w.profile;
          prof.row();
          for (int g = 0; g < groupProfiles.length; g++) {
            CharSequence t = sliceAt[g] < 0 ? null : r.text(sliceAt[g]);
            groupProfiles[g] = w.slices.group(g, t == null || isMissing(t) ? null : t);
            if (groupProfiles[g] != null) groupProfiles[g].row();
          }
          for (int i = 0; i < colIndex.length; i++) {
            int c = colIndex[i];
            if (c < 0 || i == labelProfile) continue;
            addValue(r, prof, groupProfiles, i, c);
          }
          // the outcome: in the log, else from --outcomes by id
          CharSequence outcome = labelCol >= 0 ? r.text(labelCol) : null;
          double outcomeNumber = Double.NaN;
          if (outcome != null && isMissing(outcome)) outcome = null;
          if (outcome != null) {
            outcomeNumber = labelNumber(r, labelCol, outcome);
          } else if (outcomes != null) {
            outcomeNumber = outcomes.get(Outcomes.hash(Values.requiredText(r, idCol, "an id to join the outcomes")));
            if (!Double.isNaN(outcomeNumber) && task != Task.REGRESSION) outcome = labels.values().get((int) outcomeNumber);
            else if (!Double.isNaN(outcomeNumber)) outcome = Double.toString(outcomeNumber);
          }
          if (labelProfile >= 0) {
            double v = prof.numeric(labelProfile) && outcome != null ? number(outcome) : Double.NaN;
            for (int g = -1; g < groupProfiles.length; g++) {
              Profile target = g < 0 ? prof : groupProfiles[g];
              if (target == null) continue;
              if (target.numeric(labelProfile)) target.add(labelProfile, v);
              else target.add(labelProfile, outcome);
            }
          }
          if (task == Task.MULTICLASS_CLASSIFICATION) {
            if (Double.isNaN(outcomeNumber)) continue;
            labeledRows++;
            for (int k = 0; k < sliceCols.length; k++) groups[k] = r.text(sliceCols[k]);
            for (int k = 0; k < probCols.length; k++) probs[k] = Values.probability(r, probCols[k]);
            CharSequence predicted = predLabelCol < 0 ? null : Values.requiredText(r, predLabelCol, "a predicted class");
            CharSequence base = baseCol < 0 ? null : Values.requiredText(r, baseCol, "the baseline rule's predicted class");
            w.labeled.addMulticlass(labels.values().get((int) outcomeNumber), predicted, probs, base, groups);
            continue;
          }
          double prediction = task == Task.BINARY_CLASSIFICATION ? Values.probability(r, predCol)
              : Values.value(r, predCol, "a predicted value (a number)");
          if (w.cbpe != null) w.cbpe.add(prediction);
          if (Double.isNaN(outcomeNumber)) continue;
          labeledRows++;
          for (int k = 0; k < sliceCols.length; k++) groups[k] = r.text(sliceCols[k]);
          double base = Double.NaN;
          if (baseCol >= 0) {
            base = task == Task.BINARY_CLASSIFICATION ? Values.probability(r, baseCol) : Values.value(r, baseCol, "the baseline rule's prediction (a number)");
          }
          if (task == Task.BINARY_CLASSIFICATION) {
            w.labeled.addBinary(positiveCode[(int) outcomeNumber], prediction, base, groups);
          } else {
            for (int q = 0; q < quantileCols.length; q++) qs[q] = Values.value(r, quantileCols[q], "a predicted quantile (a number)");
            w.labeled.addRegression(outcomeNumber, prediction, qs, base, groups);
          }
        }
        if (rows == 0) throw new HoldoutException.BadData(s.log() + ": has a header but no rows; the log needs rows to monitor");
        while (!open.isEmpty()) {
          Open closing = open.pollFirstEntry().getValue();
          if (judging != null) waitFor(judging);
          judging = judge.submit(() -> judgeWindow(closing));
          done.add(judging);
        }
        for (Future<MonitorReport.WindowResult> f : done) results.add(waitFor(f));
      } finally {
        judge.shutdownNow();
      }
      return assemble(results, rows, labeledRows);
    }

    /** Column {@code i}'s value (log column {@code c}) into the window's profile and the row's group profiles (null entries skipped). */
    private void addValue(RecordReader r, Profile prof, Profile[] groupProfiles, int i, int c) {
      CharSequence t = r.text(c);
      if (t != null && isMissing(t)) t = null;
      if (!prof.numeric(i)) {
        prof.add(i, t);
        for (Profile g : groupProfiles) if (g != null) g.add(i, t);
        return;
      }
      double v = Double.NaN;
      if (t != null) {
        v = number(t);
        if (Double.isNaN(v)) {
          throw new HoldoutException.BadData(Values.where(r, c) + ": expected a number, found '" + t + "'; the column is numeric in the reference "
              + s.reference() + ", so a type change between the reference and the log; fix the value, or leave it empty for a missing value");
        }
      }
      prof.add(i, v);
      for (Profile g : groupProfiles) if (g != null) g.add(i, v);
    }

    MonitorReport.WindowResult judgeWindow(Open w) {
      WindowSpec spec = s.window();
      String name = spec.label(w.key);
      DriftReport d = SketchDrift.judge(reference, s.reference().toString(), w.profile, name, drift);
      Map<String, Map<String, DriftReport.SliceGroup>> slices = null;
      for (int g = 0; g < w.slices.slices.size(); g++) {
        if (!referenceSlices.judged(g) || !w.slices.judged(g)) continue;
        String slice = w.slices.slices.get(g);
        Map<String, DriftReport.SliceGroup> groups = new java.util.LinkedHashMap<>();
        for (String group : new java.util.TreeSet<>(w.slices.groups(g))) {
          Profile cur = w.slices.find(g, group);
          Profile ref = referenceSlices.find(g, group);
          if (ref == null) {
            groups.put(group, new DriftReport.SliceGroup(0, cur.rows(), null, List.of(), null, null, null, List.of(),
                "the reference has no rows in this group; not judged"));
            continue;
          }
          DriftReport gd = SketchDrift.judge(ref, s.reference().toString(), cur, name + " " + slice + "=" + group, drift, Set.of(slice));
          List<String> drifted = gd.columns().stream().filter(c -> Boolean.TRUE.equals(c.drifted())).map(c -> c.column()).toList();
          groups.put(group, new DriftReport.SliceGroup(ref.rows(), cur.rows(), gd.verdict(), gd.reasons(), gd.featureColumns(),
              gd.driftedFeatures(), drifted, gd.columns(), null));
        }
        if (slices == null) slices = new java.util.LinkedHashMap<>();
        slices.put(slice, groups);
      }
      Map<String, Report.Estimate> metrics = null;
      List<CriterionResult> criteria = null;
      String verdict = null;
      if (w.labeled != null && w.labeled.size() > 0) {
        Report rep = w.labeled.evaluate(s.log(), name, positiveLabel == null ? "1" : positiveLabel, negativeLabel == null ? "0" : negativeLabel);
        metrics = rep.metrics();
        criteria = rep.criteria();
        verdict = rep.verdict().name();
      }
      Map<String, Report.Estimate> estimated = w.cbpe == null ? null : w.cbpe.estimates(suite.bootstrap().confidence());
      return new MonitorReport.WindowResult(0, name, spec.start(w.key), spec.end(w.key), w.rows, w.labeled == null ? 0 : w.labeled.size(),
          false, d.verdict(), d.driftedFeatures(), d.featureColumns(), d, slices, metrics, criteria, verdict, estimated, List.of());
    }

    MonitorReport assemble(List<MonitorReport.WindowResult> judged, long rows, long labeledRows) {
      WindowSpec spec = s.window();
      // calendar windows between the first and the last that saw no row are reported as empty
      List<MonitorReport.WindowResult> all = new ArrayList<>();
      for (MonitorReport.WindowResult w : judged) {
        if (spec.calendar() && !all.isEmpty()) {
          long prev = keyOf(all.get(all.size() - 1));
          for (long k = prev + 1; k < keyOf(w); k++) {
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
        List<MonitorReport.Alert> mine = alerts(w);
        alerts.addAll(mine);
        out.add(new MonitorReport.WindowResult(i + 1, w.label(), w.start(), w.end(), w.rows(), w.labeledRows(), w.empty(), w.driftVerdict(),
            w.driftedFeatures(), w.featureColumns(), w.drift(), w.slices(), w.metrics(), w.criteria(), w.verdict(), w.estimated(),
            mine.stream().map(MonitorReport.Alert::message).toList()));
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
      return new MonitorReport(MonitorReport.SCHEMA, new MonitorReport.Source(s.log().toString(), rows),
          new MonitorReport.Source(s.reference().toString(), reference.rows()),
          s.outcomes() == null ? null : new MonitorReport.Source(s.outcomes().toString(), outcomes.size()),
          new MonitorReport.SuiteInfo(suite.name(), task.key(), suite.primaryMetric(), suite.file().getFileName().toString()),
          new MonitorReport.WindowInfo(spec.calendar() ? spec.kind().name().toLowerCase(Locale.ROOT) : "rows", spec.calendar() ? null : spec.rows(),
              timeColumn),
          rows, labeledRows, out, alerts, alerts.isEmpty() ? "OK" : "ALERT", thresholds, assumption, suite.bootstrap().confidence(),
          suite.bootstrap().replicates(), suite.bootstrap().seed(), List.copyOf(notes),
          new Report.Provenance(version == null ? "dev" : version, System.getProperty("java.version"),
              Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()));
    }

    private long keyOf(MonitorReport.WindowResult w) {
      WindowSpec spec = s.window();
      long seconds = java.time.LocalDate.parse(w.start()).toEpochDay() * 86_400L;
      return spec.key(seconds);
    }

    List<MonitorReport.Alert> alerts(MonitorReport.WindowResult w) {
      List<MonitorReport.Alert> out = new ArrayList<>();
      if (w.empty()) return out;
      if ("DRIFT".equals(w.driftVerdict())) {
        out.add(new MonitorReport.Alert(w.label(), "drift", "drift", w.drift().driftedShare(), w.drift().shareThreshold(),
            w.label() + ": drift (" + String.join("; ", w.drift().reasons()) + ")"));
      }
      if (w.criteria() != null) {
        for (CriterionResult c : w.criteria()) {
          if (c.status() != Status.FAIL) continue;
          out.add(new MonitorReport.Alert(w.label(), "performance", c.id(), c.observed(), c.threshold(),
              w.label() + ": " + c.id() + " FAIL on " + Format.count(w.labeledRows()) + " labeled rows: " + c.description()
                  + ", observed " + fmt(c.observed()) + (c.ci() == null ? "" : " " + Format.interval(c.ci().get(0), c.ci().get(1)))));
        }
      }
      if (w.estimated() != null && w.labeledRows() == 0) {
        for (Criterion c : suite.criteria()) {
          if (c.kind() != Criterion.Kind.MIN && c.kind() != Criterion.Kind.MAX) continue;
          Report.Estimate e = w.estimated().get(c.metric());
          if (e == null || e.value() == null) continue;
          boolean crossed = c.kind() == Criterion.Kind.MIN ? e.value() < c.threshold() : e.value() > c.threshold();
          if (crossed) {
            out.add(new MonitorReport.Alert(w.label(), "estimated_performance", c.id(), e.value(), c.threshold(),
                w.label() + ": " + c.id() + " estimated (CBPE, no outcomes yet) " + c.metric() + " " + fmt(e.value()) + (c.kind() == Criterion.Kind.MIN
                    ? " < " : " > ") + fmt(c.threshold())));
          }
        }
      }
      return out;
    }
  }

  static String fmt(Double v) {
    return v == null ? "-" : Format.number(v);
  }

  private static <T> T waitFor(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error err) throw err;
      throw new IllegalStateException(e.getCause());
    }
  }

  private static boolean[] numericFlags(Profile p) {
    boolean[] out = new boolean[p.names().size()];
    for (int i = 0; i < out.length; i++) out[i] = p.numeric(i);
    return out;
  }

  static boolean isMissing(CharSequence t) {
    if (t == null) return true;
    if (t.length() > 4 || (t.charAt(0) != 'n' && t.charAt(0) != 'N')) return false;
    return MISSING.contains(t.toString().toLowerCase(Locale.ROOT));
  }

  static double number(CharSequence t) {
    try {
      double v = Decimals.parse(t);
      return Double.isFinite(v) ? v : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /**
   * Streams the reference into a profile. A column's type is its first non-missing value's: a number
   * makes it numeric, and every later value must be a number too; a column without values is
   * categorical (and reported as empty).
   */
  /** The reference's profile, and its profiles per slice group. */
  record Reference(Profile profile, SliceProfiles slices) {}

  static Reference readReference(Path file, Set<String> exclude, List<String> sliceNames) {
    List<String> names = new ArrayList<>();
    List<Integer> index = new ArrayList<>();
    List<String> header;
    try (RecordReader r = RecordReaders.open(file)) {
      header = r.header();
      for (int i = 0; i < header.size(); i++) {
        if (exclude.contains(header.get(i))) continue;
        if (names.contains(header.get(i))) {
          throw new HoldoutException.BadData(file + ": column '" + header.get(i) + "' appears twice in the header; rename one so each column name is unique");
        }
        names.add(header.get(i));
        index.add(i);
      }
    }
    if (names.isEmpty()) throw new HoldoutException.BadData(file + ": no columns to monitor after leaving out " + exclude);
    int n = names.size();
    Boolean[] typed = new Boolean[n];
    String[] typedAt = new String[n];
    int untyped = n;
    try (RecordReader r = RecordReaders.open(file)) {
      while (untyped > 0 && r.next()) {
        for (int i = 0; i < n; i++) {
          if (typed[i] != null) continue;
          CharSequence t = r.text(index.get(i));
          if (isMissing(t)) continue;
          typed[i] = !Double.isNaN(number(t));
          typedAt[i] = r.position();
          untyped--;
        }
      }
    }
    boolean[] numeric = new boolean[n];
    for (int i = 0; i < n; i++) numeric[i] = typed[i] != null && typed[i];
    Profile p = new Profile(names, numeric);
    List<String> sliced = sliceNames.stream().filter(sl -> names.contains(sl) && !numeric[names.indexOf(sl)]).toList();
    SliceProfiles slices = new SliceProfiles(sliced, names, numeric);
    int[] sliceAt = sliced.stream().mapToInt(names::indexOf).toArray();
    Profile[] gp = new Profile[sliceAt.length];
    try (RecordReader r = RecordReaders.open(file)) {
      while (r.next()) {
        p.row();
        for (int g = 0; g < gp.length; g++) {
          CharSequence t = r.text(index.get(sliceAt[g]));
          gp[g] = slices.group(g, t == null || isMissing(t) ? null : t);
          if (gp[g] != null) gp[g].row();
        }
        for (int i = 0; i < n; i++) {
          int c = index.get(i);
          CharSequence t = r.text(c);
          if (t != null && isMissing(t)) t = null;
          if (!numeric[i]) {
            p.add(i, t);
            for (Profile g : gp) if (g != null) g.add(i, t);
            continue;
          }
          double v = Double.NaN;
          if (t != null) {
            v = number(t);
            if (Double.isNaN(v)) {
              throw new HoldoutException.BadData(Values.where(r, c) + ": expected a number, found '" + t + "'; the column is numeric from its first value ("
                  + typedAt[i] + "); fix the value, or leave it empty for a missing value");
            }
          }
          p.add(i, v);
          for (Profile g : gp) if (g != null) g.add(i, v);
        }
      }
    }
    if (p.rows() == 0) throw new HoldoutException.BadData(file + ": the reference has a header but no rows; monitoring needs reference rows");
    p.flush();
    return new Reference(p, slices);
  }

}
