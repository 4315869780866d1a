/**
 * Drift between a reference window (the data a model was accepted on) and a current window: a
 * score per column, a domain classifier over all columns, and a dataset verdict DRIFT / NO DRIFT.
 * Defaults: p-value tests (Kolmogorov-Smirnov, chi-square at 0.05) when the smaller window has at
 * most 1,000 rows, effect sizes with bootstrap intervals (normalised Wasserstein 0.1, Jensen-Shannon
 * 0.1) above; DRIFT when half the feature columns drift, the prediction or label drifts, or the
 * domain classifier's roc_auc lower bound reaches 0.55. {@link dev.holdout.drift.Drift} holds both
 * windows and computes every statistic exactly, at any size (columns radix-sorted); for monitoring,
 * {@link dev.holdout.drift.Profile} and {@link dev.holdout.drift.SketchDrift} judge windows streamed
 * into mergeable sketches ({@link dev.holdout.drift.NumericSketch} KLL, k = 4,000;
 * {@link dev.holdout.drift.CategoricalSketch}) with stated errors. It judges distributions only, not
 * accuracy.
 */
package dev.holdout.drift;
