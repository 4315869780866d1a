/**
 * The data readiness audit ({@code holdout audit}): profiles an evaluation set, checks ids, labels,
 * leakage, contamination with a vendor's training data, shift, slice and time coverage, and turns
 * what it finds into blocker / warning / info findings with a READY / NOT READY verdict. Exact where
 * it is cheap; sketches (KLL quantiles, HLL distinct counts, MinHash) where it is not, each with its
 * error stated in numbers. It reads data and reports; it changes nothing.
 */
package dev.holdout.audit;
