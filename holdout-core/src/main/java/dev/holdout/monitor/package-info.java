/**
 * Monitoring a model after go-live: {@link dev.holdout.monitor.Monitor} streams a prediction log,
 * cuts it into windows (days, ISO weeks, months or row counts) and judges each window against the
 * reference: drift from mergeable sketches, realized performance where outcomes are known (the same
 * metrics, intervals and criteria as {@code holdout evaluate}), and for binary classifiers CBPE
 * estimates from calibrated scores. Memory is bounded by the open windows' sketches and labeled
 * rows, not by the log. It does not train or retrain anything, and needs the log in time order.
 */
package dev.holdout.monitor;
