package dev.holdout.handover;

import dev.holdout.base.Progress;
import dev.holdout.base.HoldoutException;
import dev.holdout.data.RecordReaders;
import dev.holdout.result.Report;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies a handover bundle: reads its manifest, then runs the checks in this order, each PASS /
 * WARN / FAIL with what to ask the vendor for: the sections declared ({@link DeclaredSections}),
 * files and hashes ({@link BundleFiles}), weight formats ({@link WeightFormats}), reproducibility
 * (the model runs, {@link Reproduction}; its predictions match the delivered ones,
 * {@link PredictionMatch}; the claimed metrics hold, {@link ClaimedMetrics}), licences
 * ({@link LicenceTerms}) and the model card ({@link ModelCardSections}). Any FAIL makes the handover
 * INCOMPLETE. Bad input (no manifest, a malformed one, a path out of the bundle, an archive past its
 * limits) throws {@link HoldoutException} before anything outside the bundle is read.
 */
public final class HandoverVerifier {
  private HandoverVerifier() {}

  public static HandoverReport verify(Path bundle, ModelRunner runner) {
    return verify(bundle, runner, Archives.Limits.DEFAULT);
  }

  public static HandoverReport verify(Path bundle, ModelRunner runner, Archives.Limits limits) {
    return verify(bundle, runner, limits, Progress.NONE);
  }

  /** As {@link #verify(Path, ModelRunner, Archives.Limits)}, telling {@code progress} of each phase. */
  public static HandoverReport verify(Path bundle, ModelRunner runner, Archives.Limits limits, Progress progress) {
    try {
      return verified(bundle, runner, limits, progress);
    } finally {
      progress.done();
    }
  }

  private static HandoverReport verified(Path bundle, ModelRunner runner, Archives.Limits limits, Progress progress) {
    progress.phase("checking files and hashes");
    BundlePaths paths = new BundlePaths(bundle);
    Manifest m = ManifestParser.parse(paths);
    List<Check> checks = new ArrayList<>();
    checks.addAll(DeclaredSections.check(m));
    checks.addAll(BundleFiles.check(m, limits));
    checks.addAll(WeightFormats.check(m));
    progress.phase("reproducing: running the delivered model");
    Reproduction.Result ran = Reproduction.run(m.reproduce(), paths, runner);
    progress.phase("comparing the claimed metrics");
    checks.addAll(ran.checks());
    if (ran.scored() != null) {
      checks.addAll(PredictionMatch.check(ran.suite(), ran.scored(), m.reproduce()));
      checks.addAll(ClaimedMetrics.check(ran.suite(), ran.scored(), m.claimedMetrics()));
    }
    checks.addAll(LicenceTerms.check(m.components()));
    checks.addAll(ModelCardSections.check(m.modelCard()));
    int pass = 0, warn = 0, fail = 0;
    for (Check c : checks) {
      switch (c.status()) {
        case PASS -> pass++;
        case WARN -> warn++;
        default -> fail++;
      }
    }
    String version = HandoverVerifier.class.getPackage().getImplementationVersion();
    return new HandoverReport(HandoverReport.SCHEMA, paths.root().getFileName().toString(),
        RecordReaders.sha256(paths.root().resolve(ManifestParser.FILE)), m.vendor(), m.model(), List.copyOf(checks),
        new HandoverReport.Counts(pass, warn, fail), fail == 0 ? HandoverReport.Verdict.COMPLETE : HandoverReport.Verdict.INCOMPLETE,
        new Report.Provenance(version == null ? "dev" : version, System.getProperty("java.version"),
            Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()));
  }
}
