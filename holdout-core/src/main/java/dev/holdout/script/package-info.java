/**
 * A small expression language for a buyer's own check of each answer ({@code script:} in a
 * suite's assertions): text, numbers and booleans, comparisons, and a fixed set of pure functions.
 * It has no loops, no variables of its own and no function that reaches a file, the network, the
 * clock or the JVM, so a check can only read the row; a deadline per row stops a slow regular
 * expression. Uses base (names) and metric (the SQuAD normalisation) only.
 */
package dev.holdout.script;
