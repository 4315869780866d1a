package dev.holdout.engagement;

import dev.holdout.metric.Task;

/**
 * The handover deliverables as a {@code holdout.handover/v1} manifest template (docs/handover.md),
 * for the annex: every item the vendor must hand over, with the fingerprints left to fill in, so
 * {@code holdout handover verify} checks the delivery against what was signed.
 */
final class HandoverTemplate {
  private HandoverTemplate() {}

  static String of(Task task) {
    boolean llm = AnnexBuilder.generative(task);
    return "handover: holdout.handover/v1\n"
        + "vendor: <vendor name>\n"
        + "model: <model name and version>\n"
        + "weights:\n"
        + "  - {path: model/model.onnx, format: onnx, sha256: <fill in>}   # an open format the buyer can run\n"
        + "code: {archive: code.zip, sha256: <fill in>}                  # or {repository: URL, commit: ...}\n"
        + (llm ? "prompts:\n  - {path: prompts/system.txt, sha256: <fill in>}\n" : "prompts: []\n")
        + "eval_sets:\n"
        + "  - {path: eval/eval.csv, sha256: <fill in>}                 # the vendor's own held-out set\n"
        + "  - {path: eval/predictions.csv, sha256: <fill in>}\n"
        + "data_lineage: docs/lineage.md\n"
        + "pipeline: {path: pipeline.yaml, sha256: <fill in>}\n"
        + "model_card: {path: docs/model_card.md, sha256: <fill in>}    # with monitoring, rollback and retraining sections\n"
        + "components:\n"
        + "  - {name: <library>, version: <version>, licence: <SPDX id>}\n";
  }
}
