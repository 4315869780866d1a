/**
 * Checks a vendor's handover bundle against its manifest ({@code handover.yaml}, documented in
 * docs/handover.md): every named file present with its sha256, weights in an open and safe format,
 * the delivered model reproducing the delivered predictions and claimed metrics, licences, and the
 * model card's sections. Nothing outside the bundle folder is read, and archives are listed within
 * fixed limits, never extracted. Running an ONNX model is left to a {@link dev.holdout.handover.ModelRunner}
 * the caller supplies, so this engine stays free of native libraries.
 */
package dev.holdout.handover;
