package dev.holdout.result;

import java.util.List;
import java.util.Map;

/**
 * One evaluation row as a test for CI ({@code holdout run --per-row} with {@code --junit}): the
 * row's id, the checks it failed (assertion ids; {@code exact_match} when the suite has no
 * assertions and the answer matches no reference), and its metric values in report order (NaN
 * for a value the row does not have). It passed when {@code failed} is empty.
 */
public record RowCheck(String id, List<String> failed, Map<String, Double> values) {
  public RowCheck {
    failed = List.copyOf(failed);
  }

  public boolean passed() {
    return failed.isEmpty();
  }
}
