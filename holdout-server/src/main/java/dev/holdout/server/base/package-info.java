/**
 * The server's base types, importing nothing else of the server: the 4xx error with advice, bounds
 * on how much of a caller's text is echoed back or recorded, and formula-safe CSV cells.
 */
package dev.holdout.server.base;
