/**
 * Benchmarks and the synthetic data generator: {@link dev.holdout.bench.Synthetic} writes the
 * bundled examples and the large benchmark sets from fixed seeds, so every figure in
 * docs/benchmarks.md can be made again.
 */
package dev.holdout.bench;
