/**
 * Where state lives and how it stays: the database (embedded H2 or PostgreSQL, one set of
 * migrations, every commit on disk before it returns), files synced before the rows that name
 * them, upload staging, and the data folder's lock that keeps one process per folder.
 */
package dev.holdout.server.store;
