/**
 * Running what a vendor delivers instead of reading its predictions: the evaluation inputs as the
 * model sees them, the harness that sends each text generation row through the suite's prompt (and
 * caches every answer), the serving measurements, and the predictions file that is then evaluated
 * like any other. ONNX models are run by the holdout-onnx module, so this engine stays free of
 * native libraries.
 */
package dev.holdout.scoring;
