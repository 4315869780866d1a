package dev.holdout.engagement;

import java.util.List;

/**
 * The acceptance annex's content, built from a suite by {@link AnnexBuilder}: what a procurement
 * lead and a vendor sign. Every field is plain text or a record of it, so the Markdown and HTML
 * renderings say the same; the annex's fingerprint is the sha256 of its Markdown text, which holds
 * no date or path, so the same suite and evaluation set give the same fingerprint.
 */
public record Annex(
    String suite,
    String problem,
    String task,
    Framing framing,
    EvalSet evalSet,
    String primaryMetric,
    String baseline,
    String intervals,
    List<Clause> criteria,
    String overall,
    String inconclusive,
    String manifestTemplate,
    List<String> monitoring,
    List<String> data,
    Terms terms) {

  /** The hidden evaluation set: its file name, data rows and sha256 of its bytes. */
  public record EvalSet(String file, long rows, String sha256) {}

  /** One criterion: its id, the bar in plain words, and when it passes and fails. */
  public record Clause(String id, String statement, String pass, String fail) {}
}
