/**
 * The leaderboard vendors see: Ladder-released public-part scores per vendor, other vendors
 * anonymous and their activity hidden unless the owner allows it. Cached per project in memory.
 */
package dev.holdout.server.leaderboard;
