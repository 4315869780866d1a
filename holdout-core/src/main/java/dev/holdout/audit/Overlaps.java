package dev.holdout.audit;

/** Evaluation rows also found in the training file: by id, by every feature value, by near-duplicate text, and by any of these. */
final class Overlaps {
  final Tally sameId = new Tally();
  final Tally sameFeatures = new Tally();
  final Tally nearText = new Tally();
  long any;
}
