/**
 * The data readiness audit ({@code holdout audit}): profiles an evaluation set, checks ids, labels,
 * leakage, contamination with a vendor's training data, shift, slice and time coverage, and turns
 * what it finds into blocker / warning / info findings with a READY / NOT READY verdict: one pass
 * over the evaluation set ({@code EvaluationPass}) feeds one check class per family of findings.
 * Exact where it is cheap; seeded samples, HLL distinct counts and MinHash where it is not, each
 * with its error stated in numbers and the same figures every run. It reads data and reports; it
 * changes nothing.
 */
package dev.holdout.audit;
