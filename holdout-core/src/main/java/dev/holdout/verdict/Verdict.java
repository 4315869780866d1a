package dev.holdout.verdict;

import java.util.List;

/** The overall outcome of a submission against a suite, and the CLI's exit code for it. */
public enum Verdict {
  ACCEPTED(0),
  REJECTED(1),
  INCONCLUSIVE(3);

  private final int exitCode;

  Verdict(int exitCode) {
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  /** REJECTED if any criterion failed, else INCONCLUSIVE if any is, else ACCEPTED. */
  public static Verdict of(List<Status> statuses) {
    if (statuses.contains(Status.FAIL)) return REJECTED;
    if (statuses.contains(Status.INCONCLUSIVE)) return INCONCLUSIVE;
    return ACCEPTED;
  }
}
