package dev.holdout.audit;

/** How much a finding matters: any blocker makes the data NOT READY; warnings and info do not. */
public enum Severity {
  /** The evaluation would be wrong or impossible until this is fixed. */
  BLOCKER,
  /** The evaluation runs but may mislead; decide before signing. */
  WARNING,
  /** Worth knowing; no action needed. */
  INFO
}
