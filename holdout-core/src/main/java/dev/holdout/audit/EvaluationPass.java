package dev.holdout.audit;

import dev.holdout.base.Format;
import dev.holdout.base.HoldoutException;
import dev.holdout.base.Missing;
import dev.holdout.data.Dictionary;
import dev.holdout.data.IdColumn;
import dev.holdout.data.RecordReader;
import dev.holdout.data.RecordReaders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one pass over the evaluation set that every check reads from: column profiles (on other
 * threads, {@link ProfileWorkers}), ids missing and repeated, labels coded, rows repeating an
 * earlier row's features and those whose labels then disagree, slice counts, the time column's
 * coverage, the {@link LeakageSample}, and (with a training file) the rows found in it. Memory:
 * about 40 bytes per row (ids, row hashes, labels, line numbers) plus fixed-size samples.
 */
final class EvaluationPass {
  /** Rows whose table slots are loaded together, so the cache misses of large tables overlap. */
  private static final int PENDING = 64;
  /** Rows read from the top of the file to estimate how many it holds. */
  static final int ESTIMATE_ROWS = 1000;

  final List<String> header;
  final int idCol;
  final int labelCol;
  final int[] featureCols;
  final List<ColumnProfiler> profiles = new ArrayList<>();
  final Dictionary labels = new Dictionary();
  final SliceCounts slices;
  final TimeCoverage time = new TimeCoverage();
  final LeakageSample sample = new LeakageSample();
  final Tally idMissing = new Tally();
  final Tally idDuplicates = new Tally();
  final Tally labelMissing = new Tally();
  final Tally duplicateRows = new Tally();
  final Overlaps overlaps = new Overlaps();
  final List<String> conflictExamples = new ArrayList<>();
  long rows;
  private final int timeCol;
  private final int[] sliceCols;
  private final TrainingIndex train;
  private final String trainName;
  private LongIntTable idTable = new LongIntTable(1 << 16);
  private LongIntTable rowTable = new LongIntTable(1 << 16);
  private final LongIntTable conflicted = new LongIntTable(1 << 8);
  private final IdColumn ids = new IdColumn();
  private int[] lines = new int[1024];
  private int[] labelCode = new int[1024];
  /** Rows whose id and feature checks are done: the workers' hashes arrive a batch behind the reading. */
  private int checked;
  /** Where {@link #checkRows} leaves the slots it loads, so the loads are not optimised away. */
  private long sink;

  /**
   * A pass over a file with header {@code header}, whose id, label and time are in columns {@code
   * idCol}, {@code labelCol} and {@code timeCol} (-1 when absent), slices in {@code sliceCols} and
   * features in {@code featureCols}; rows are compared with {@code train} (null without a training
   * file, whose name is {@code trainName}).
   */
  EvaluationPass(List<String> header, int idCol, int labelCol, int timeCol, int[] sliceCols, List<Integer> featureCols, TrainingIndex train,
      String trainName) {
    this.header = header;
    this.idCol = idCol;
    this.labelCol = labelCol;
    this.timeCol = timeCol;
    this.sliceCols = sliceCols;
    this.featureCols = featureCols.stream().mapToInt(Integer::intValue).toArray();
    this.train = train;
    this.trainName = trainName;
    for (String h : header) profiles.add(new ColumnProfiler(h));
    slices = new SliceCounts(sliceCols.length);
  }

  /** Rows of each label code. */
  long[] labelCounts() {
    long[] counts = new long[labels.size()];
    for (int i = 0; i < rows; i++) if (labelCode[i] >= 0) counts[labelCode[i]]++;
    return counts;
  }

  /** Distinct ids seen. */
  long distinctIds() {
    return idTable.size();
  }

  /** Rows in feature groups holding more than one label. */
  long conflictingRows() {
    long[] n = {0};
    conflicted.forEachKey(k -> n[0] += rowTable.count(k));
    return n[0];
  }

  private String at(RecordReader r) {
    return idCol >= 0 && r.text(idCol) != null ? "id '" + r.text(idCol) + "' (" + r.position() + ")" : r.position();
  }

  private String atRow(RecordReader r, int row) {
    String id = ids.get(row);
    return id.isEmpty() ? r.positionOf(lines[row]) : "id '" + id + "' (" + r.positionOf(lines[row]) + ")";
  }

  /** Reads {@code file}; a file with a header but no rows throws {@link HoldoutException}. */
  void read(Path file) {
    presize(file);
    try (RecordReader r = RecordReaders.open(file)) {
      int[] all = new int[header.size()];
      for (int c = 0; c < all.length; c++) all[c] = c;
      TimeCoverage[] times = new TimeCoverage[all.length];
      if (timeCol >= 0) times[timeCol] = time;
      ProfileWorkers workers = new ProfileWorkers(r, all, profiles.toArray(ColumnProfiler[]::new), times, ProfileWorkers.threads(), featureCols, idCol,
          (rowHash, idHash, idPresent, count) -> checkRows(r, rowHash, idHash, idPresent, count));
      try {
        readRows(r, workers);
      } catch (RuntimeException e) {
        workers.abandon();
        throw e;
      }
      workers.finish();
    }
    if (rows == 0) throw new HoldoutException.BadData(file + ": has a header but no rows; there is nothing to audit");
  }

  /**
   * Sizes the per-row arrays and the id and row tables for the rows the file likely holds (its size
   * over the characters a row of its first {@link #ESTIMATE_ROWS} takes), so that on a large file
   * they do not grow by doubling: each doubling copies hundreds of MB and leaves the old array to
   * a full collection. A wrong estimate costs only memory or a later doubling.
   */
  private void presize(Path file) {
    long chars = 0;
    int n = 0;
    try (RecordReader r = RecordReaders.open(file)) {
      for (; n < ESTIMATE_ROWS && r.next(); n++) {
        chars += r.fieldCount(); // the separators and the line end
        for (int c = 0; c < r.fieldCount(); c++) {
          CharSequence t = r.text(c);
          if (t != null) chars += t.length();
        }
      }
    }
    if (n < ESTIMATE_ROWS) return; // small files need no care
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      return;
    }
    // multi-byte text makes the estimate high: at most about 50 bytes a row, two tables and two arrays, to a quarter of the heap
    long expected = Math.min(Runtime.getRuntime().maxMemory() / 200, size / Math.max(1, chars / n));
    if (expected <= lines.length) return;
    lines = new int[(int) expected];
    labelCode = new int[(int) expected];
    if (idCol >= 0) idTable = LongIntTable.forKeys(expected);
    rowTable = LongIntTable.forKeys(expected);
  }

  private void readRows(RecordReader r, ProfileWorkers workers) {
    int row = 0;
    while (r.next()) {
      if (row == lines.length) {
        lines = Arrays.copyOf(lines, row * 2);
        labelCode = Arrays.copyOf(labelCode, row * 2);
      }
      lines[row] = (int) r.positionNumber();
      int slot = sample.slot(row);
      workers.add(r);
      CharSequence idText = idCol < 0 ? null : r.text(idCol);
      ids.add(idText == null ? "" : idText);
      if (idCol >= 0 && idText == null && idMissing.add()) idMissing.example(r.position());
      int label = -1;
      if (labelCol >= 0) {
        CharSequence l = r.text(labelCol);
        if (Missing.is(l)) {
          if (labelMissing.add()) labelMissing.example(at(r));
        } else {
          label = labels.code(l);
        }
      }
      labelCode[row] = label;
      if (slot >= 0) {
        int[] cuts = new int[2 * featureCols.length];
        sample.put(slot, workers.copy(featureCols, cuts), cuts, label);
      }
      for (int k = 0; k < sliceCols.length; k++) slices.add(k, r.text(sliceCols[k]), label, row);
      if (train != null) contamination(r, row, idText);
      row++;
    }
    rows = row;
  }

  /**
   * The id and feature-row checks of the next {@code count} rows in file order, from the hashes
   * the profiling workers made. Rows go {@link #PENDING} at a time: their table slots are loaded
   * together first, so the cache misses of the ten-million-key tables overlap rather than stall
   * the reading thread one at a time.
   */
  private void checkRows(RecordReader r, long[] rowHash, long[] idHash, boolean[] idPresent, int count) {
    for (int from = 0; from < count; from += PENDING) {
      int to = Math.min(count, from + PENDING);
      long touched = 0;
      for (int j = from; j < to; j++) {
        if (idCol >= 0 && idPresent[j]) touched += idTable.touch(idHash[j]);
        touched += rowTable.touch(rowHash[j]);
      }
      sink += touched;
      for (int j = from; j < to; j++) {
        int row = checked + j;
        if (idCol >= 0 && idPresent[j]) {
          int first = idTable.add(idHash[j], row);
          if (first != row && idDuplicates.add()) {
            idDuplicates.example("id '" + ids.get(row) + "' at " + r.positionOf(lines[first]) + " and " + r.positionOf(lines[row]));
          }
        }
        long fh = rowHash[j];
        int label = labelCode[row];
        int first = rowTable.add(fh, row);
        if (first != row) {
          if (duplicateRows.add()) duplicateRows.example(atRow(r, row) + " repeats " + atRow(r, first));
          if (labelCol >= 0 && label != labelCode[first] && label >= 0 && labelCode[first] >= 0 && !conflicted.contains(fh)) {
            conflicted.add(fh, first);
            if (conflictExamples.size() < Findings.EXAMPLES) {
              conflictExamples.add(atRow(r, first) + " is '" + labels.values().get(labelCode[first]) + "', " + atRow(r, row) + " is '"
                  + labels.values().get(label) + "'");
            }
          }
        }
      }
    }
    checked += count;
  }

  /** Whether the reader's current row (number {@code row}) is in the training file: by id, by features, by near-duplicate text. */
  private void contamination(RecordReader r, int row, CharSequence idText) {
    boolean any = false;
    if (idText != null) {
      int t = train.idHashes.firstRow(Hashing.id(idText));
      if (t >= 0) {
        any = true;
        if (overlaps.sameId.add()) overlaps.sameId.example(at(r) + " is at " + trainName + " line " + train.lines[t]);
      }
    }
    if (train.featureEvalCols.length > 0) {
      int t = train.featureHashes.firstRow(Hashing.fields(r, train.featureEvalCols));
      if (t >= 0) {
        any = true;
        if (overlaps.sameFeatures.add()) overlaps.sameFeatures.example(at(r) + " equals " + trainName + " line " + train.lines[t]);
      }
    }
    if (train.text != null) {
      for (int i = 0; i < train.text.length; i++) {
        LshIndex.Match m = row < train.text[i].size() ? train.text[i].match(row) : null;
        if (m == null) continue;
        any = true;
        if (overlaps.nearText.add()) {
          overlaps.nearText.example(at(r) + " ~ " + trainName + " line " + train.lines[m.item()] + " in '" + train.textNames.get(i)
              + "' (Jaccard " + Format.number(m.jaccard()) + ")");
        }
        break;
      }
    }
    if (any) overlaps.any++;
  }
}
