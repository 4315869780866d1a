/**
 * Runs a vendor's system: sends each evaluation row, through the suite's prompt template, to an
 * OpenAI-compatible chat completions endpoint with bounded concurrency, timeouts and retries with
 * back-off, caches every answer by endpoint, model and prompt so a re-run sends nothing, and writes
 * the answers as a submission. It does not judge answers; the evaluation package does.
 */
package dev.holdout.harness;
