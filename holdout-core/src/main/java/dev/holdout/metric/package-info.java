/**
 * Metrics as pure functions of weighted cells: a cell is one row, or a group of rows with the same
 * label and nearly the same prediction, carrying per-row means of every additive loss. With one
 * cell per row and unit weights the functions give scikit-learn's values exactly; the bootstrap
 * calls the same functions with Poisson weights. An undefined metric has no value and a reason.
 */
package dev.holdout.metric;
