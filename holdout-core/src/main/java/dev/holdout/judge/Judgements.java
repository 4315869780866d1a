package dev.holdout.judge;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Every judgement of one submission: per evaluation set row and repeat, the grade (NaN when that
 * call failed or the row was not judged), the judge's reason and the error. A row's score is the
 * mean of its successful repeats; a row whose every repeat failed has no score and counts as a
 * judge error. Also what it cost: requests sent and judgements answered from the cache.
 * Immutable once built.
 */
public final class Judgements {
  private final List<String> ids;
  private final int repeats;
  private final double[][] grades;
  private final String[][] reasons;
  private final String[][] errors;
  private final boolean[] judged;
  private final int requests;
  private final int cached;
  private final Path file;

  Judgements(List<String> ids, int repeats, double[][] grades, String[][] reasons, String[][] errors, boolean[] judged, int requests,
      int cached, Path file) {
    // Not List.copyOf: rows left out of judging have a null id.
    this.ids = Collections.unmodifiableList(new ArrayList<>(ids));
    this.repeats = repeats;
    this.grades = grades;
    this.reasons = reasons;
    this.errors = errors;
    this.judged = judged;
    this.requests = requests;
    this.cached = cached;
    this.file = file;
  }

  /** Judgements made of known grades (NaN: failed), for tests and for callers that judged elsewhere; every row counts as judged. */
  public static Judgements of(List<String> ids, double[][] grades) {
    int repeats = grades.length == 0 ? 0 : grades[0].length;
    String[][] errors = new String[grades.length][repeats];
    boolean[] judged = new boolean[grades.length];
    for (int i = 0; i < grades.length; i++) {
      judged[i] = true;
      for (int k = 0; k < repeats; k++) if (Double.isNaN(grades[i][k])) errors[i][k] = "failed";
    }
    return new Judgements(ids, repeats, grades, new String[grades.length][repeats], errors, judged, 0, 0, null);
  }

  public int rows() {
    return grades.length;
  }

  public int repeats() {
    return repeats;
  }

  public String id(int row) {
    return ids.get(row);
  }

  /** Whether the row was sent to the judge (rows left out by {@code missing: ignore} are not). */
  public boolean judged(int row) {
    return judged[row];
  }

  /** The grade of one repeat, NaN when it failed. */
  public double grade(int row, int repeat) {
    return grades[row][repeat];
  }

  public String reason(int row, int repeat) {
    return reasons[row][repeat];
  }

  public String error(int row, int repeat) {
    return errors[row][repeat];
  }

  /** The mean of the row's successful repeats; NaN when none succeeded or the row was not judged. */
  public double score(int row) {
    double sum = 0;
    int n = 0;
    for (double g : grades[row]) {
      if (Double.isNaN(g)) continue;
      sum += g;
      n++;
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** The grades of one row's successful repeats. */
  public double[] validGrades(int row) {
    return Arrays.stream(grades[row]).filter(g -> !Double.isNaN(g)).toArray();
  }

  /** Judged rows. */
  public int judgedRows() {
    int n = 0;
    for (boolean j : judged) if (j) n++;
    return n;
  }

  /** Judged rows whose every repeat failed. */
  public int failedRows() {
    int n = 0;
    for (int i = 0; i < grades.length; i++) if (judged[i] && Double.isNaN(score(i))) n++;
    return n;
  }

  /** Single judgements (one repeat of one row) that failed. */
  public int failedJudgements() {
    int n = 0;
    for (int i = 0; i < grades.length; i++) {
      if (!judged[i]) continue;
      for (double g : grades[i]) if (Double.isNaN(g)) n++;
    }
    return n;
  }

  /** Up to {@code limit} distinct failures as "ID repeat K: error". */
  public List<String> errorExamples(int limit) {
    List<String> out = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < grades.length && out.size() < limit; i++) {
      for (int k = 0; k < repeats && out.size() < limit; k++) {
        String e = errors[i][k];
        if (e == null || seen.contains(e)) continue;
        seen.add(e);
        out.add(ids.get(i) + " repeat " + (k + 1) + ": " + e);
      }
    }
    return out;
  }

  /** Requests sent to the endpoint, counting retries. */
  public int requests() {
    return requests;
  }

  /** Judgements answered from the cache. */
  public int cached() {
    return cached;
  }

  /** The JSON Lines file the judgements were written to; null when none was written. */
  public Path file() {
    return file;
  }
}
