/**
 * Watching a model after go-live: the prediction log and outcomes a project's service accounts
 * write ({@link dev.holdout.server.watch.PredictionLog}), the scheduler that closes and judges its
 * windows with {@code holdout monitor}'s engine ({@link dev.holdout.server.watch.Watch}), and the
 * webhooks its alerts go to ({@link dev.holdout.server.watch.Alerts}). It does not retrain models
 * or act on alerts; it records and tells.
 */
package dev.holdout.server.watch;
