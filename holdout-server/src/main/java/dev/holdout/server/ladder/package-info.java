/**
 * The Ladder release rule (Blum and Hardt, 2015): when a vendor's public score may change and how
 * it is rounded, and the finest step a metric allows (one public row's share). Pure functions; the
 * leaderboard that shows the scores is in the leaderboard package.
 */
package dev.holdout.server.ladder;
