/**
 * The Holdout server's public API: {@link dev.holdout.server.HoldoutServer} starts the store, the
 * evaluation workers and the HTTP API on a data folder, and {@link dev.holdout.server.ServerAdmin}
 * administers a store on its machine (owner tokens, revocation, the audit trail's checkpoint and
 * check). Other modules use only these; every subpackage is the server's inside.
 */
package dev.holdout.server;
