/**
 * The server's base types, importing nothing else of the server: the 4xx error with advice, bounds
 * on how much of a caller's text is echoed back or recorded. Formula-safe CSV cells are the engine's base.CsvCells.
 */
package dev.holdout.server.base;
