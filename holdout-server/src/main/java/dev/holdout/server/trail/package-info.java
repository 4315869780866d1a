/**
 * The audit trail: every state change as a hash-chained entry signed with a key kept outside the
 * database, checkpoints the owner keeps elsewhere, and the check that replays the entries against
 * the tables. ("Audit" in Holdout names the data audit of holdout-core, hence "trail".)
 */
package dev.holdout.server.trail;
