/**
 * Planning the evaluation set before the contract is signed: how many labeled rows (or groups)
 * each criterion needs to be decided, PASS or FAIL, with a given probability when the true value
 * of its metric is the one the buyer expects. Simulated evaluation sets come from a model per
 * metric family (binormal scores, right-or-wrong rows, normal errors) fitted to the expected
 * value, and each is judged with the suite's own bootstrap and criteria rules. It reads no
 * predictions and promises nothing about a submission.
 */
package dev.holdout.plan;
