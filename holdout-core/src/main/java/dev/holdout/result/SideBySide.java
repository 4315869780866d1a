package dev.holdout.result;

import java.util.List;

/**
 * Several systems' answers to the same rows ({@code holdout run} with several endpoints), row by
 * row: each system's answer and the checks it failed (as {@link RowCheck}), and whether the answers
 * differ after SQuAD's normalisation.
 */
public record SideBySide(String suite, List<String> systems, List<Row> rows) {
  /** One row: its id, first reference answer, each system's answer and failed checks, in {@code systems} order. */
  public record Row(String id, String reference, List<String> answers, List<List<String>> failed, boolean differ) {
    /** Whether some system's answer failed a check. */
    public boolean anyFailed() {
      return failed.stream().anyMatch(f -> !f.isEmpty());
    }
  }
}
