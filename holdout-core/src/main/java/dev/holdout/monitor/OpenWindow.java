package dev.holdout.monitor;

import dev.holdout.drift.Profile;
import dev.holdout.evaluation.LabeledRows;

/**
 * One window while the log streams through it: its column sketches, its sketches per slice group,
 * its labeled rows and (binary tasks) its CBPE estimator. Filled by the reading thread; once closed
 * and {@linkplain #flush flushed} it is only read.
 */
final class OpenWindow {
  /** The window's key ({@link WindowSpec#key}). */
  final long key;
  final Profile profile;
  final SliceProfiles slices;
  final LabeledRows labeled;
  /** Null unless the task is binary classification. */
  final Cbpe cbpe;
  /** The shadow challenger's labeled rows, its output with the champion's as the baseline; null without a challenger. */
  LabeledRows challenger;
  long rows;

  OpenWindow(long key, Profile profile, SliceProfiles slices, LabeledRows labeled, Cbpe cbpe) {
    this.key = key;
    this.profile = profile;
    this.slices = slices;
    this.labeled = labeled;
    this.cbpe = cbpe;
  }

  /** Moves pending values into the sketches, on the thread that filled them, before another thread judges the window. */
  void flush() {
    profile.flush();
    slices.flush();
  }
}
