package dev.holdout.audit;

import dev.holdout.metric.Task;
import dev.holdout.verdict.Criterion;
import java.nio.file.Path;
import java.util.List;

/**
 * What to audit and which columns mean what. Only {@code data} is required; without a label the
 * label checks are skipped, without {@code train} the contamination, shift and schema checks.
 *
 * @param task null to infer it from the label: numbers with more than 20 values are regression, two
 *     values binary, otherwise multiclass
 * @param criteria the suite's criteria, for the interval width slice coverage aims at
 * @param confidence the suite's confidence level (0.95 by default)
 * @param group the suite's data.group (rows of one group are not independent), or null
 */
public record AuditSettings(Path data, Path train, String id, String label, Task task, String positive,
    List<String> slices, String time, List<Criterion> criteria, double confidence, String group) {

  public AuditSettings {
    slices = slices == null ? List.of() : List.copyOf(slices);
    criteria = criteria == null ? List.of() : List.copyOf(criteria);
  }

  /** Settings without data.group. */
  public AuditSettings(Path data, Path train, String id, String label, Task task, String positive, List<String> slices, String time,
      List<Criterion> criteria, double confidence) {
    this(data, train, id, label, task, positive, slices, time, criteria, confidence, null);
  }

  /** Settings for a file alone, with the given roles. */
  public static AuditSettings of(Path data, Path train, String id, String label, Task task) {
    return new AuditSettings(data, train, id, label, task, null, List.of(), null, List.of(), 0.95);
  }
}
