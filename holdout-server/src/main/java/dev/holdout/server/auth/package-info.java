/**
 * Who is calling: accounts, bearer tokens stored as SHA-256 hashes, revocation that counts from the
 * next request, and the throttle that slows and then refuses repeated bad tokens from one address.
 */
package dev.holdout.server.auth;
