package dev.holdout.handover;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A parsed {@code handover.yaml}. Paths are already resolved inside the bundle and checked not to
 * leave it; a section the vendor left out is null (or empty), and the verifier says what to ask for.
 */
public record Manifest(
    String vendor,
    String model,
    List<Weights> weights,
    Code code,
    List<FileRef> prompts,
    List<FileRef> evalSets,
    FileRef lineage,
    FileRef pipeline,
    FileRef modelCard,
    List<Component> components,
    Map<String, String> runningCosts,
    Reproduce reproduce,
    Map<String, Double> claimedMetrics) {

  /** A file the manifest names: as written, resolved, its declared sha256 (null if none) and the manifest line. */
  public record FileRef(String written, Path path, String sha256, int line) {}

  /** Model weights: a file in a format, or a closed API ({@code format: api}) with an optional exit plan. */
  public record Weights(String format, FileRef file, String url, FileRef exitPlan, int line) {}

  /** The code: an archive in the bundle, or a repository URL with a commit. */
  public record Code(FileRef archive, String repository, String commit, int line) {}

  /** A third-party component and its licence (null when the manifest gives none). */
  public record Component(String name, String version, String licence, int line) {}

  /**
   * How to reproduce the vendor's numbers: a Holdout suite inside the bundle whose data is the
   * delivered evaluation set, the model to run, the vendor's predictions on that set, and the largest
   * absolute difference per prediction accepted.
   */
  public record Reproduce(FileRef suite, FileRef model, FileRef predictions, double tolerance, int line) {}
}
