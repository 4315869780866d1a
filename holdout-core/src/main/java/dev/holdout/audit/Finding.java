package dev.holdout.audit;

import java.util.List;

/**
 * One thing the audit found: which check, about which column (null when it concerns the whole
 * file), what was found with its evidence, a few examples (ids or lines) and what to do.
 */
public record Finding(Severity severity, String check, String column, String message, List<String> examples, String action) {
  public Finding {
    examples = List.copyOf(examples);
  }
}
