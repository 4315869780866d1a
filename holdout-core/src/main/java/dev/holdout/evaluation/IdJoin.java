package dev.holdout.evaluation;

import dev.holdout.base.HoldoutException;
import dev.holdout.data.RecordReader;
import dev.holdout.data.Values;
import dev.holdout.suite.Suite;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Joins a submission file's rows to the evaluation set by id, one row at a time: ids the set does
 * not have are counted as extra, an id given twice is refused with both lines, and at the end a
 * file that matches nothing, or misses ids under {@code missing: fail}, is refused. Shared by
 * predictions and answers, which differ only in what one row is called.
 */
final class IdJoin {
  private final EvaluationSet eval;
  private final Suite suite;
  private final Path path;
  /** What one row of the file is, with its article: "a prediction", "an answer". */
  private final String one;
  final boolean[] present;
  private final int[] firstLine;
  private int seen;
  private int extra;
  private int last = -1;
  private final List<String> extraExamples = new ArrayList<>();
  /** The set is a part of one the file was already checked against: matching none of its ids is not an error. */
  private final boolean part;

  IdJoin(Suite suite, EvaluationSet eval, Path path, String one) {
    this(suite, eval, path, one, false);
  }

  IdJoin(Suite suite, EvaluationSet eval, Path path, String one, boolean part) {
    this.part = part;
    this.suite = suite;
    this.eval = eval;
    this.path = path;
    this.one = one;
    this.present = new boolean[eval.rows];
    this.firstLine = new int[eval.rows];
  }

  /** The evaluation set row of the current record's id, or -1 when the set has no such id. */
  int row(RecordReader r, int idCol) {
    seen++;
    CharSequence id = Values.requiredText(r, idCol, "an id");
    int row = eval.find(id, last + 1);
    if (row < 0) {
      extra++;
      if (extraExamples.size() < 5) extraExamples.add(id.toString());
      return -1;
    }
    if (present[row]) {
      throw new HoldoutException.BadData(path + " " + r.position() + ", column '" + suite.predictions().id() + "': id '" + eval.ids.get(row)
          + "' already has " + one + " on " + r.positionOf(firstLine[row]) + "; send one " + noun() + " per id");
    }
    present[row] = true;
    last = row;
    firstLine[row] = (int) Math.min(Integer.MAX_VALUE, r.positionNumber());
    return row;
  }

  int seen() {
    return seen;
  }

  int extra() {
    return extra;
  }

  /**
   * The extra rows a report counts: against a part (a server's public or private rows) the other
   * part's ids are not extra, and the whole set's report counts the ids in neither, so none.
   */
  int reportedExtra() {
    return part ? 0 : extra;
  }

  /** Examples of {@link #reportedExtra}'s ids. */
  List<String> reportedExtraExamples() {
    return part ? List.of() : List.copyOf(extraExamples);
  }

  /** Checks the whole file once read; returns how many evaluation set ids it left without a row. */
  int finish() {
    return check(suite, path, one, part, eval.rows, seen, extra, extraExamples, eval.ids.get(0), () -> {
      List<String> ex = new ArrayList<>();
      for (int i = 0; i < eval.rows && ex.size() < 5; i++) if (!present[i]) ex.add(eval.ids.get(i));
      return ex;
    });
  }

  /**
   * The end-of-file checks of {@link #finish} on counts gathered elsewhere (a distributed join):
   * {@code seen} rows with an id, {@code extra} of them not in the set of {@code rows} rows,
   * {@code firstId} the set's first id, {@code missingExamples} up to five ids without a row.
   * Returns how many ids of the set have no row.
   */
  static int check(Suite suite, Path path, String one, boolean part, int rows, int seen, int extra, List<String> extraExamples, String firstId,
      Supplier<List<String>> missingExamples) {
    String noun = one.substring(one.indexOf(' ') + 1);
    int n = rows;
    int missing = n - (seen - extra);
    if (part) return missing;
    if (seen == 0) throw new HoldoutException.BadData(path + ": has a header but no rows; expected one " + noun + " per id of the evaluation set");
    if (missing == n) {
      throw new SubmissionMismatch(path + ": none of its " + seen + " ids (e.g. " + Values.sample(extraExamples, extra)
          + ") is in the evaluation set's '" + suite.data().id() + "' column (e.g. " + firstId
          + "); check that both files use the same ids",
          new SubmissionMismatch.Facts(SubmissionMismatch.Kind.NO_ID_MATCHES, seen, 0, extraExamples, null, null));
    }
    if (missing > 0 && suite.predictions().missing() == Suite.Missing.FAIL) {
      throw new SubmissionMismatch(path + ": " + missing + " ids of the evaluation set have no " + noun + " (e.g. " + Values.sample(missingExamples.get(), missing)
          + ") and the suite says predictions.missing: fail; send " + one + " for every id",
          new SubmissionMismatch.Facts(SubmissionMismatch.Kind.IDS_MISSING, seen, seen - extra, extraExamples, null, null));
    }
    return missing;
  }

  private String noun() {
    return one.substring(one.indexOf(' ') + 1);
  }
}
