/**
 * Criteria and their judgement. A bound is judged on the bootstrap interval unless the suite says
 * {@code at: point}: PASS when the whole interval is on the right side of the bound, FAIL when the
 * whole interval is on the wrong side, INCONCLUSIVE otherwise, with an estimate of the labeled rows
 * (or groups) that would decide it; with {@code verdict.adjust: holm} the criteria are judged as one
 * family by Holm's procedure. Overall: REJECTED if any FAIL, else INCONCLUSIVE if any, else ACCEPTED.
 */
package dev.holdout.verdict;
