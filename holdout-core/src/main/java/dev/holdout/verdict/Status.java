package dev.holdout.verdict;

/** The outcome of one criterion. */
public enum Status { PASS, FAIL, INCONCLUSIVE }
