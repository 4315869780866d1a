package dev.holdout.audit;

import dev.holdout.base.Missing;
import dev.holdout.data.RecordReader;
import dev.holdout.data.RecordReaders;
import dev.holdout.data.Values;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The vendor's training file, read once for the evaluation pass to compare with: profiles of the
 * columns both files share (the label aside), hashes of its ids and of its feature rows, and, per
 * shared free-text column, the training texts streamed against an index of the evaluation texts
 * ({@link LshIndex}) so each evaluation row knows its nearest training text. Memory: about 16 bytes
 * per training row for the hashes and line numbers, plus the profiles' fixed-size samples.
 */
final class TrainingIndex {
  final List<String> header;
  long rows;
  /** The shared columns, in evaluation order, with their index in each file and their training profiles. */
  final List<String> common;
  final int[] evalCol;
  final ColumnProfiler[] profilers;
  /** The shared columns but the id, in name order: compared as a row; and the free-text ones among them. */
  final List<String> featureNames;
  final List<String> textNames;
  final int[] featureEvalCols;
  final LongIntTable idHashes = new LongIntTable(1 << 16);
  final LongIntTable featureHashes = new LongIntTable(1 << 16);
  /** One index per shared text column: texts are compared column by column; null without any. */
  final LshIndex[] text;
  /** The training file's line of each row. */
  int[] lines = new int[1024];
  /** The training file's dates in the time column (--time), when it has that column; else null. */
  TimeCoverage time;
  private final int[] trainCol;
  private final int[] featureTrainCols;
  private final int[] textTrainCols;

  private TrainingIndex(List<String> header, Path evalFile, List<String> evalHeader, String id, String label, List<String> textCols) {
    this.header = header;
    common = evalHeader.stream().filter(h -> header.contains(h) && !h.equals(label)).toList();
    evalCol = common.stream().mapToInt(evalHeader::indexOf).toArray();
    trainCol = common.stream().mapToInt(header::indexOf).toArray();
    profilers = common.stream().map(ColumnProfiler::new).toArray(ColumnProfiler[]::new);
    featureNames = common.stream().filter(h -> !h.equals(id)).sorted().toList();
    textNames = featureNames.stream().filter(textCols::contains).toList();
    featureTrainCols = featureNames.stream().mapToInt(header::indexOf).toArray();
    featureEvalCols = featureNames.stream().mapToInt(evalHeader::indexOf).toArray();
    textTrainCols = textNames.stream().mapToInt(header::indexOf).toArray();
    text = textNames.isEmpty() ? null : evalText(evalFile, textNames.stream().mapToInt(evalHeader::indexOf).toArray());
  }

  /**
   * Reads training file {@code file} against evaluation file {@code evalFile} (header {@code
   * evalHeader}; its columns {@code featureCols} are the features), with the id and label columns
   * named {@code id} and {@code label} (either may be null), and the time column {@code time}
   * (null for none), whose dates are gathered so the two periods can be ordered.
   */
  static TrainingIndex read(Path file, Path evalFile, List<String> evalHeader, List<Integer> featureCols, String id, String label, String time) {
    List<String> textCols = textColumns(evalFile, evalHeader, featureCols);
    try (RecordReader r = RecordReaders.open(file)) {
      Values.requireSeparated(r);
      TrainingIndex t = new TrainingIndex(List.copyOf(r.header()), evalFile, evalHeader, id, label, textCols);
      int idCol = id != null && t.header.contains(id) ? t.header.indexOf(id) : -1;
      TimeCoverage[] times = new TimeCoverage[t.trainCol.length];
      int timeK = time == null ? -1 : t.common.indexOf(time);
      if (timeK >= 0) times[timeK] = t.time = new TimeCoverage();
      ProfileWorkers workers = new ProfileWorkers(r, t.trainCol, t.profilers, times, ProfileWorkers.threads(), new int[0], -1, null);
      try {
        t.readRows(r, workers, idCol);
      } catch (RuntimeException e) {
        workers.abandon();
        throw e;
      }
      workers.finish();
      return t;
    }
  }

  /**
   * The feature columns that are free text by the profile's rule (mostly not numbers, and the others
   * {@link ColumnProfiler#TEXT_WORDS} words or more on average), counted over the whole evaluation
   * set, so a column whose long texts start late is still found. Read ahead of the training file,
   * whose texts are compared with these columns.
   */
  static List<String> textColumns(Path evalFile, List<String> header, List<Integer> featureCols) {
    long[] numbers = new long[header.size()];
    long[] others = new long[header.size()];
    long[] words = new long[header.size()];
    try (RecordReader r = RecordReaders.open(evalFile)) {
      while (r.next()) {
        for (int c : featureCols) {
          CharSequence t = r.text(c);
          if (Missing.is(t)) continue;
          if (Double.isFinite(ColumnProfiler.parse(t))) {
            numbers[c]++;
          } else {
            others[c]++;
            words[c] += ColumnProfiler.words(t);
          }
        }
      }
    }
    List<String> text = new ArrayList<>();
    for (int c : featureCols) if (others[c] > numbers[c] && words[c] >= ColumnProfiler.TEXT_WORDS * others[c]) text.add(header.get(c));
    return text;
  }

  /**
   * The evaluation set's texts, one index per shared text column, read ahead of the training file:
   * the training texts are streamed against these small indexes rather than indexed themselves.
   */
  private static LshIndex[] evalText(Path evalFile, int[] cols) {
    LshIndex[] index = new LshIndex[cols.length];
    for (int i = 0; i < cols.length; i++) index[i] = new LshIndex(1 << 12);
    MinHash.Shingler sh = new MinHash.Shingler();
    try (RecordReader r = RecordReaders.open(evalFile)) {
      while (r.next()) {
        for (int i = 0; i < cols.length; i++) {
          sh.reset();
          sh.add(r.text(cols[i]));
          index[i].add(sh.finish());
        }
      }
    }
    return index;
  }

  private void readRows(RecordReader r, ProfileWorkers workers, int idCol) {
    MinHash.Shingler sh = new MinHash.Shingler();
    int row = 0;
    while (r.next()) {
      workers.add(r);
      CharSequence idText = idCol < 0 ? null : r.text(idCol);
      if (idText != null) idHashes.add(Hashing.id(idText), row);
      if (featureTrainCols.length > 0) featureHashes.add(Hashing.fields(r, featureTrainCols), row);
      if (text != null) {
        for (int i = 0; i < textTrainCols.length; i++) {
          sh.reset();
          sh.add(r.text(textTrainCols[i]));
          text[i].offer(sh.sorted(), sh.count(), row, ContaminationCheck.NEAR_DUPLICATE);
        }
      }
      if (row == lines.length) lines = Arrays.copyOf(lines, row * 2);
      lines[row] = (int) r.positionNumber();
      row++;
    }
    rows = row;
  }
}
