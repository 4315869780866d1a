/**
 * Calling what a vendor serves over HTTP: one retrying client (timeouts, retries with back-off on
 * 429 and 5xx), OpenAI-compatible chat and templated JSON endpoints, the batch JSON scoring client
 * and latency percentiles. It sends and measures; it does not evaluate.
 */
package dev.holdout.endpoint;
