/**
 * Runs a vendor's ONNX model in-process with ONNX Runtime over the evaluation inputs, in batches,
 * and checks first that the model's inputs and outputs match the suite's {@code model} section.
 * Defaults: one float tensor of the feature columns in file order, the first numeric output, 1,024
 * rows per call. It does not train or convert models; {@link dev.holdout.onnx.LogisticOnnx} only
 * writes the small logistic graph the tests and the benchmark use.
 */
package dev.holdout.onnx;
