package dev.holdout.handover;

import java.util.ArrayList;
import java.util.List;

/**
 * Check "manifest": which sections {@code handover.yaml} declares. Weights, code, evaluation sets,
 * a model card and the components are required (FAIL when missing); data lineage, the pipeline,
 * running costs and claimed metrics are expected (WARN). Code in a repository needs a commit.
 * Reads nothing but the manifest.
 */
final class DeclaredSections {
  private static final String AREA = "manifest";

  private DeclaredSections() {}

  static List<Check> check(Manifest m) {
    List<Check> out = new ArrayList<>();
    need(out, !m.weights().isEmpty(), "weights", "model weights (format, path, sha256)", true);
    need(out, m.code() != null, "code", "the code: an archive in the bundle, or a repository URL and commit", true);
    need(out, m.evalSets() != null && !m.evalSets().isEmpty(), "eval_sets", "the evaluation sets the vendor used", true);
    need(out, m.modelCard() != null, "model_card", "a model card (intended use, limitations, known failure modes, training data)", true);
    need(out, !m.components().isEmpty(), "components", "the third-party components with their licences", true);
    need(out, m.lineage() != null, "data_lineage", "where the training data came from and how it was processed", false);
    need(out, m.pipeline() != null, "pipeline", "the pipeline configuration (features, preprocessing, training settings)", false);
    need(out, m.runningCosts() != null && !m.runningCosts().isEmpty(), "running_costs",
        "what running the model costs (hardware, per 1,000 predictions, licences)", false);
    need(out, !m.claimedMetrics().isEmpty(), "claimed_metrics", "the metrics the vendor claims, so Holdout can check them", false);
    if (m.code() != null && m.code().archive() == null && m.code().commit() == null) {
      out.add(Check.fail(AREA, "code", "a repository without a commit: the code can change after the handover",
          "the exact commit (a full hash) of " + m.code().repository()));
    } else if (m.code() != null && m.code().archive() == null) {
      out.add(Check.pass(AREA, "code", m.code().repository() + " at " + m.code().commit()));
    }
    return out;
  }

  private static void need(List<Check> out, boolean present, String key, String what, boolean required) {
    if (present) {
      out.add(Check.pass(AREA, key, "declared"));
    } else if (required) {
      out.add(Check.fail(AREA, key, "missing from handover.yaml", what));
    } else {
      out.add(Check.warn(AREA, key, "missing from handover.yaml", what));
    }
  }
}
