package dev.holdout.handover;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.holdout.result.Report;
import java.util.List;

/** The {@code holdout.handover/v1} report: every check, their counts and the verdict. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HandoverReport(String schema, String bundle, String manifestSha256, String vendor, String model, List<Check> checks,
    Counts counts, Verdict verdict, Report.Provenance provenance) {
  public static final String SCHEMA = "holdout.handover/v1";

  public record Counts(int pass, int warn, int fail) {}

  /** COMPLETE when no check failed (warnings are the buyer's call); the CLI exits 0 or 1. */
  public enum Verdict {
    COMPLETE(0),
    INCOMPLETE(1);

    private final int exitCode;

    Verdict(int exitCode) {
      this.exitCode = exitCode;
    }

    public int exitCode() {
      return exitCode;
    }
  }
}
