/**
 * The {@code holdout.report/v1} and {@code holdout.compare/v1} contracts as records that serialise
 * to the documented JSON (keys in snake_case, absent values left out). The engine writes them; the
 * renderers and other programs read them. The shape only grows.
 */
package dev.holdout.result;
