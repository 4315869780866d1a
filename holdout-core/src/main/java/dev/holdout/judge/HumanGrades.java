package dev.holdout.judge;

import dev.holdout.base.HoldoutException;
import dev.holdout.data.RecordReader;
import dev.holdout.data.RecordReaders;
import dev.holdout.data.Values;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Grades a person gave to some answers, to validate the judge: a file (CSV, TSV, JSON Lines or
 * Parquet) with the evaluation set's id column (or {@code id}) and a {@code grade} column of whole
 * numbers on the judge's scale. Not every row needs a grade; an id the evaluation set lacks, an id
 * graded twice or a grade off the scale is an error that names the line.
 */
public final class HumanGrades {
  private HumanGrades() {}

  /** The grades by id, in file order. */
  public static Map<String, Integer> read(Path file, String idColumn, Set<String> knownIds, int min, int max) {
    if (!Files.isRegularFile(file)) {
      throw new HoldoutException.BadData(file + ": human grades file not found; give a CSV with the columns " + idColumn + " and grade");
    }
    Map<String, Integer> grades = new LinkedHashMap<>();
    Map<String, Long> lines = new LinkedHashMap<>();
    try (RecordReader r = RecordReaders.open(file)) {
      int idCol = r.header().contains(idColumn) || !r.header().contains("id") ? Values.column(r, idColumn, "the row id of a human grade")
          : Values.column(r, "id", "the row id of a human grade");
      int gradeCol = Values.column(r, "grade", "the human grade");
      while (r.next()) {
        String id = Values.required(r, idCol, "the id of a row of the evaluation set").strip();
        if (!knownIds.contains(id)) {
          throw new HoldoutException.BadData(Values.where(r, idCol) + ": id '" + id
              + "' is not in the evaluation set; human grades must be for rows of the evaluation set (is this the right file?)");
        }
        String text = Values.required(r, gradeCol, "a whole-number grade from " + min + " to " + max).strip();
        int grade;
        try {
          grade = Integer.parseInt(text);
        } catch (NumberFormatException e) {
          throw new HoldoutException.BadData(Values.where(r, gradeCol) + ": expected a whole-number grade from " + min + " to " + max + ", found '" + text + "'");
        }
        if (grade < min || grade > max) {
          throw new HoldoutException.BadData(Values.where(r, gradeCol) + ": grade " + grade + " is outside the judge's scale " + min + " to " + max);
        }
        Long before = lines.putIfAbsent(id, r.positionNumber());
        if (before != null) {
          throw new HoldoutException.BadData(Values.where(r, idCol) + ": id '" + id + "' is graded again (first on line " + before
              + "); give one grade per row, e.g. the grade the graders agreed on");
        }
        grades.put(id, grade);
      }
    }
    if (grades.isEmpty()) throw new HoldoutException.BadData(file + ": has no grades; expected rows of " + idColumn + " and grade");
    return grades;
  }
}
