/**
 * Calling what a vendor serves over HTTP: the one retrying client every caller uses
 * ({@link dev.holdout.endpoint.RetryingClient}: timeouts, retries with back-off on 408, 429 and 5xx,
 * counts of calls, requests, retries and failures in {@link dev.holdout.endpoint.Traffic}), the one
 * bounded fan-out pool ({@link dev.holdout.endpoint.FanOut}), OpenAI-compatible chat and templated
 * JSON endpoints (a chat request may carry a row's earlier turns; the tools a reply calls are read
 * by {@link dev.holdout.endpoint.ToolCalls}), and latency percentiles. It sends and measures; it
 * does not evaluate.
 */
package dev.holdout.endpoint;
