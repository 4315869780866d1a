package dev.holdout.monitor;

import dev.holdout.base.Progress;
import dev.holdout.base.HoldoutException;
import dev.holdout.base.Missing;
import dev.holdout.data.RecordReader;
import dev.holdout.data.RecordReaders;
import dev.holdout.data.Values;
import dev.holdout.drift.Profile;
import dev.holdout.evaluation.LabeledRows;
import dev.holdout.metric.Task;
import dev.holdout.suite.Suite;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Reads a prediction log once and cuts it into windows: each row goes to its window's sketches
 * ({@link OpenWindow}), its labeled rows (the outcome from the log, else from {@code --outcomes} by
 * id) and its CBPE estimator. At most {@value #OPEN} windows are open at once; when a row opens a
 * newer one the oldest is closed and handed on, and every window still open is handed on at the end,
 * in order. The log must be in time order up to one window: a row may come after rows of the next
 * window, not later. Judges nothing.
 */
final class LogStream {
  /** Windows kept open at once: the newest and the one before it, for rows that stray across a window's end. */
  static final int OPEN = 2;

  /** Rows read and rows with an outcome. */
  record Totals(long rows, long labeledRows) {}

  private final Path log;
  private final Path referenceFile;
  private final Suite suite;
  private final Task task;
  private final WindowSpec spec;
  private final String timeColumn;
  private final ReferenceProfile reference;
  private final boolean baselineColumn;
  private final LabelCodes labels;
  private final Outcomes outcomes;
  private final Random coins;
  private final List<String> notes;
  private final ShadowChallenger challenger;

  /** As below, without a shadow challenger. */
  LogStream(Monitor.Settings s, Suite suite, String timeColumn, ReferenceProfile reference, LabelCodes labels, Outcomes outcomes, Random coins,
      List<String> notes) {
    this(s, suite, timeColumn, reference, labels, outcomes, coins, notes, null);
  }

  /**
   * The log, reference and windows of {@code s}; {@code suite} is the one the log is judged by (its
   * slices and baseline those the log has, the baseline a column only when the log has it); {@code
   * timeColumn} null when there is none (windows by rows); {@code outcomes} may be null; the windows'
   * numeric sketches flip coins from {@code coins}; notes for the report are added to {@code notes};
   * {@code challenger} (or null) has its output judged beside the champion's on the labeled rows.
   */
  LogStream(Monitor.Settings s, Suite suite, String timeColumn, ReferenceProfile reference, LabelCodes labels, Outcomes outcomes, Random coins,
      List<String> notes, ShadowChallenger challenger) {
    this.challenger = challenger;
    this.log = s.log();
    this.referenceFile = s.reference();
    this.suite = suite;
    this.task = suite.task();
    this.spec = s.window();
    this.timeColumn = timeColumn;
    this.reference = reference;
    this.baselineColumn = suite.baseline().kind() == Suite.Baseline.Kind.COLUMN;
    this.labels = labels;
    this.outcomes = outcomes;
    this.coins = coins;
    this.notes = notes;
  }

  /** Where each role is in the log's header (-1 when absent or not needed). */
  private record Columns(int time, int[] profiled, int label, int labelProfile, int prediction, int[] quantiles, int predictedLabel,
      int[] probabilities, int id, int[] slices, int baseline, int[] referenceSlices, int challenger) {}

  private Columns columns(RecordReader r) {
    Suite.Predictions p = suite.predictions();
    List<String> header = r.header();
    List<String> names = reference.profile().names();
    int time = timeColumn == null ? -1 : Values.column(r, timeColumn, "the time column");
    int[] profiled = names.stream().mapToInt(header::indexOf).toArray();
    int label = header.indexOf(suite.data().label());
    int labelProfile = names.indexOf(suite.data().label());
    int prediction = -1;
    if (task == Task.BINARY_CLASSIFICATION) prediction = Values.column(r, p.score(), "predictions.score in the suite: the model's score");
    if (task == Task.REGRESSION) prediction = Values.column(r, p.value(), "predictions.value in the suite: the model's prediction");
    List<String> quantileNames = task == Task.REGRESSION ? List.copyOf(p.quantiles().values()) : List.of();
    int[] quantiles = new int[quantileNames.size()];
    for (int q = 0; q < quantiles.length; q++) quantiles[q] = Values.column(r, quantileNames.get(q), "predictions.quantiles in the suite");
    int predictedLabel = task == Task.MULTICLASS_CLASSIFICATION && p.label() != null
        ? Values.column(r, p.label(), "predictions.label in the suite: the predicted class") : -1;
    List<Map.Entry<String, String>> probabilityNames = task == Task.MULTICLASS_CLASSIFICATION ? List.copyOf(p.probabilities().entrySet()) : List.of();
    int[] probabilities = new int[probabilityNames.size()];
    for (int k = 0; k < probabilities.length; k++) {
      Map.Entry<String, String> e = probabilityNames.get(k);
      probabilities[k] = Values.column(r, e.getValue(), "predictions.probabilities." + e.getKey() + " in the suite");
    }
    int id = -1;
    if (outcomes != null) {
      String idName = p.id() != null && header.contains(p.id()) ? p.id() : suite.data().id();
      id = Values.column(r, idName, "the id that joins the log to --outcomes");
    }
    if (label < 0 && outcomes == null) {
      notes.add("the log has no '" + suite.data().label() + "' column and no --outcomes file was given: no realized performance, estimates only");
    }
    int[] slices = suite.data().slices().stream().mapToInt(header::indexOf).toArray();
    int baseline = baselineColumn ? header.indexOf(suite.baseline().column()) : -1;
    int[] referenceSlices = reference.slices().slices.stream().mapToInt(header::indexOf).toArray();
    int shadow = challenger == null ? -1 : Values.column(r, challenger.column(), "monitor.challenger in the suite: the challenger's output");
    return new Columns(time, profiled, label, labelProfile, prediction, quantiles, predictedLabel, probabilities, id, slices, baseline, referenceSlices,
        shadow);
  }

  /** Streams the log, handing each window to {@code closed} as the log moves past it and the rest at the end, in order. */
  Totals read(Consumer<OpenWindow> closed) {
    return read(closed, Progress.NONE);
  }

  /** As {@link #read(Consumer)}, telling {@code progress} of the rows read. */
  Totals read(Consumer<OpenWindow> closed, Progress progress) {
    long rows = 0;
    long labeledRows = 0;
    try (RecordReader r = RecordReaders.open(log)) {
      Columns c = columns(r);
      Row row = new Row(c);
      TreeMap<Long, OpenWindow> open = new TreeMap<>();
      long closedUpTo = Long.MIN_VALUE;
      String closedAt = null;
      while (r.next()) {
        long at = c.time() >= 0 ? time(r, c.time()) : rows;
        long key = spec.calendar() ? spec.key(at) : spec.key(rows);
        OpenWindow w = open.get(key);
        if (w == null) {
          if (key <= closedUpTo) {
            throw new HoldoutException.BadData(Values.where(r, c.time()) + ": " + r.text(c.time()) + " falls in the window " + spec.label(key)
                + ", which was closed when the log reached " + closedAt + "; rows may be out of order by at most one window: sort the log by time");
          }
          w = open(key);
          open.put(key, w);
          while (open.size() > OPEN) {
            OpenWindow closing = open.pollFirstEntry().getValue();
            closedUpTo = closing.key;
            closedAt = c.time() >= 0 ? r.text(c.time()).toString() : "row " + (rows + 1);
            closed.accept(closing);
          }
        }
        if ((++rows & 0xFFFF) == 0) progress.rows("reading the log", rows);
        w.rows++;
        if (row.read(r, w)) labeledRows++;
      }
      if (rows == 0) throw new HoldoutException.BadData(log + ": has a header but no rows; the log needs rows to monitor");
      while (!open.isEmpty()) closed.accept(open.pollFirstEntry().getValue());
    }
    return new Totals(rows, labeledRows);
  }

  /** The row's time in epoch seconds, from the time column. */
  private long time(RecordReader r, int col) {
    CharSequence t = r.text(col);
    if (t == null) {
      throw new HoldoutException.BadData(Values.where(r, col) + ": empty; every row of the log needs a time for --window "
          + spec.describe() + " (or cut windows by rows with --window 10000-rows)");
    }
    long at = Timestamps.parse(t);
    if (at == Timestamps.INVALID) {
      throw new HoldoutException.BadData(Values.where(r, col) + ": expected a timestamp such as 2026-01-05 or 2026-01-05T13:45:00Z, found '"
          + t + "'; fix the value or name another column with --time");
    }
    return at;
  }

  private OpenWindow open(long key) {
    boolean[] numeric = reference.numericFlags();
    List<String> names = reference.profile().names();
    OpenWindow w = new OpenWindow(key, new Profile(names, numeric, coins), new SliceProfiles(reference.slices().slices, names, numeric, coins),
        new LabeledRows(suite, baselineColumn), task == Task.BINARY_CLASSIFICATION ? new Cbpe(suite.predictions().threshold()) : null);
    if (challenger != null) w.challenger = challenger.rows();
    return w;
  }

  private static final CharSequence[] NO_GROUPS = new CharSequence[0];
  private static final double[] NO_QUANTILES = new double[0];

  /** One row into its window: the columns' sketches, the outcome, the labeled rows and CBPE. Reuses its buffers from row to row. */
  private final class Row {
    final Columns c;
    final Profile[] groupProfiles;
    final CharSequence[] groups;
    final double[] quantiles;
    final double[] probabilities;

    Row(Columns c) {
      this.c = c;
      groupProfiles = new Profile[c.referenceSlices().length];
      groups = new CharSequence[c.slices().length];
      quantiles = new double[c.quantiles().length];
      probabilities = new double[c.probabilities().length];
    }

    /** Adds the reader's current row to {@code w}; true when it has an outcome. */
    boolean read(RecordReader r, OpenWindow w) {
      Profile prof = w.profile;
      prof.row();
      w.slices.groupsOf(r, c.referenceSlices(), groupProfiles);
      int[] profiled = c.profiled();
      for (int i = 0; i < profiled.length; i++) {
        int col = profiled[i];
        if (col < 0 || i == c.labelProfile()) continue;
        if (!ReferenceProfile.add(prof, groupProfiles, i, r.text(col))) {
          throw new HoldoutException.BadData(Values.where(r, col) + ": expected a number, found '" + r.text(col) + "'; the column is numeric in the reference "
              + referenceFile + ", so a type change between the reference and the log; fix the value, or leave it empty for a missing value");
        }
      }
      // the outcome: in the log, else from --outcomes by id
      CharSequence outcome = c.label() >= 0 ? r.text(c.label()) : null;
      double outcomeNumber = Double.NaN;
      if (Missing.is(outcome)) outcome = null;
      if (outcome != null) {
        outcomeNumber = labels.number(r, c.label(), outcome);
      } else if (outcomes != null) {
        outcomeNumber = outcomes.get(Outcomes.hash(Values.requiredText(r, c.id(), "an id to join the outcomes")));
        if (!Double.isNaN(outcomeNumber) && task != Task.REGRESSION) outcome = labels.value((int) outcomeNumber);
        else if (!Double.isNaN(outcomeNumber)) outcome = Double.toString(outcomeNumber);
      }
      if (c.labelProfile() >= 0) {
        double v = prof.numeric(c.labelProfile()) && outcome != null ? ReferenceProfile.number(outcome) : Double.NaN;
        for (int g = -1; g < groupProfiles.length; g++) {
          Profile target = g < 0 ? prof : groupProfiles[g];
          if (target == null) continue;
          if (target.numeric(c.labelProfile())) target.add(c.labelProfile(), v);
          else target.add(c.labelProfile(), outcome);
        }
      }
      if (task == Task.MULTICLASS_CLASSIFICATION) {
        if (Double.isNaN(outcomeNumber)) return false;
        for (int k = 0; k < groups.length; k++) groups[k] = r.text(c.slices()[k]);
        for (int k = 0; k < probabilities.length; k++) probabilities[k] = Values.probability(r, c.probabilities()[k]);
        CharSequence predicted = c.predictedLabel() < 0 ? null : Values.requiredText(r, c.predictedLabel(), "a predicted class");
        CharSequence base = c.baseline() < 0 ? null : Values.requiredText(r, c.baseline(), "the baseline rule's predicted class");
        w.labeled.addMulticlass(labels.value((int) outcomeNumber), predicted, probabilities, base, groups);
        return true;
      }
      double prediction = task == Task.BINARY_CLASSIFICATION ? Values.probability(r, c.prediction())
          : Values.value(r, c.prediction(), "a predicted value (a number)");
      if (w.cbpe != null) w.cbpe.add(prediction);
      if (Double.isNaN(outcomeNumber)) return false;
      for (int k = 0; k < groups.length; k++) groups[k] = r.text(c.slices()[k]);
      double base = Double.NaN;
      if (c.baseline() >= 0) {
        base = task == Task.BINARY_CLASSIFICATION ? Values.probability(r, c.baseline())
            : Values.value(r, c.baseline(), "the baseline rule's prediction (a number)");
      }
      if (c.challenger() >= 0) {
        double shadow = task == Task.BINARY_CLASSIFICATION ? Values.probability(r, c.challenger())
            : Values.value(r, c.challenger(), "the challenger's prediction (a number)");
        if (task == Task.BINARY_CLASSIFICATION) w.challenger.addBinary(labels.isPositive((int) outcomeNumber), shadow, prediction, NO_GROUPS);
        else w.challenger.addRegression(outcomeNumber, shadow, NO_QUANTILES, prediction, NO_GROUPS);
      }
      if (task == Task.BINARY_CLASSIFICATION) {
        w.labeled.addBinary(labels.isPositive((int) outcomeNumber), prediction, base, groups);
      } else {
        for (int q = 0; q < quantiles.length; q++) quantiles[q] = Values.value(r, c.quantiles()[q], "a predicted quantile (a number)");
        w.labeled.addRegression(outcomeNumber, prediction, quantiles, base, groups);
      }
      return true;
    }
  }
}
