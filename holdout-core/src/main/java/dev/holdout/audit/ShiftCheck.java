package dev.holdout.audit;

import dev.holdout.base.Format;
import java.util.ArrayList;
import java.util.List;

/**
 * Findings on columns distributed differently in the training file and the evaluation set ({@link
 * Shift}): numeric columns by PSI (info from {@link Shift#PSI_INFO}, a warning from {@link
 * Shift#PSI_WARNING}), categorical and boolean ones by total variation distance (info from {@link
 * Shift#TVD_INFO}, a warning from {@link Shift#TVD_WARNING}). The id column is not compared.
 */
final class ShiftCheck {
  private ShiftCheck() {}

  /**
   * Compares the {@code columns} both files share, each with its evaluation profile and the two
   * files' profilers (lists in the same order); returns the shift of each column compared. The id
   * and the time column (--time, or null) are left out: two periods differ in their dates by
   * design, and {@link TimeCheck#order} compares them as time; so are other columns of dates
   * (a closing date), whose category shares say nothing but that the periods differ.
   */
  static List<Shift.ColumnShift> check(List<String> columns, List<ColumnProfile> evalProfiles, List<ColumnProfiler> evalProfilers,
      List<ColumnProfiler> trainProfilers, String id, String time, Findings out) {
    List<Shift.ColumnShift> shifts = new ArrayList<>();
    for (int k = 0; k < columns.size(); k++) {
      String name = columns.get(k);
      if (name.equals(id) || name.equals(time)) continue;
      ColumnType type = evalProfiles.get(k).type();
      ColumnProfiler eval = evalProfilers.get(k);
      ColumnProfiler train = trainProfilers.get(k);
      Shift.ColumnShift sh = null;
      if (type == ColumnType.NUMERIC) {
        sh = Shift.numeric(name, train.numbers(), eval.numbers());
        if (sh != null && sh.psi() >= Shift.PSI_INFO) {
          out.add(sh.psi() >= Shift.PSI_WARNING ? Severity.WARNING : Severity.INFO, "shift.numeric", name, "column '" + name
              + "' is distributed differently in training and evaluation: PSI " + Format.number(sh.psi()) + ", KS " + Format.number(sh.ks()),
              List.of(), "check both sets come from the population the model will serve");
        }
      } else if (type == ColumnType.CATEGORICAL || type == ColumnType.BOOLEAN) {
        long[] ec = eval.exactCounts();
        long[] tc = train.exactCounts();
        if (ec != null && tc != null && !mostlyDates(eval.exactValues())) {
          sh = Shift.categorical(name, train.exactValues(), tc, eval.exactValues(), ec);
          if (sh != null && sh.totalVariation() >= Shift.TVD_INFO) {
            out.add(sh.totalVariation() >= Shift.TVD_WARNING ? Severity.WARNING : Severity.INFO, "shift.categorical", name, "column '"
                + name + "' has different category shares in training and evaluation: total variation " + Format.number(sh.totalVariation()),
                List.of(), "check both sets come from the population the model will serve");
          }
        }
      }
      if (sh != null) shifts.add(sh);
    }
    return shifts;
  }

  /** Whether most of a column's distinct values are dates (yyyy-MM-dd, as {@link TimeCoverage} reads them). */
  private static boolean mostlyDates(List<String> values) {
    if (values == null) return false;
    long dated = values.stream().filter(v -> TimeCoverage.epochDay(v.strip()) != Long.MIN_VALUE).count();
    return dated * 2 > values.size();
  }
}
