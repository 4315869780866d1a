package dev.holdout.handover;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Manifests built in code for the check tests: a complete one, and single sections to swap in. */
final class Manifests {
  private Manifests() {}

  static Manifest.FileRef file(Path dir, String written, String sha256) {
    return new Manifest.FileRef(written, dir.resolve(written), sha256, 1);
  }

  static Manifest with(List<Manifest.Weights> weights, Manifest.Code code, List<Manifest.FileRef> evalSets, Manifest.FileRef card,
      List<Manifest.Component> components, Map<String, Double> claimed) {
    return new Manifest("acme", "churn", weights, code, null, evalSets, null, null, card, components, null, null, claimed);
  }

  static Manifest empty() {
    return with(List.of(), null, null, null, List.of(), Map.of());
  }
}
