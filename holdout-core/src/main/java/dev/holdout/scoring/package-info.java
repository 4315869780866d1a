/**
 * Running what a vendor delivers instead of reading its predictions: the evaluation inputs as the
 * model sees them, an HTTP JSON endpoint client (bounded concurrency, timeouts, retries with
 * back-off), the serving measurements, and the predictions file that {@code holdout score} then
 * evaluates like any other. ONNX models are run by the holdout-onnx module, so this engine stays
 * free of native libraries.
 */
package dev.holdout.scoring;
