package dev.holdout.cli;

import dev.holdout.base.HoldoutException;
import dev.holdout.endpoint.ChatEndpoint;
import dev.holdout.endpoint.Endpoint;
import dev.holdout.endpoint.TemplateEndpoint;
import dev.holdout.suite.Suite;
import java.net.URI;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How {@code run} and {@code probe} talk to a chat endpoint: the model, the key, timeouts and retries. */
final class EndpointOptions {
  @Option(names = "--model", paramLabel = "NAME", description = "The model name to send (default: prompt.model in the suite).")
  String model;

  @Option(names = "--api-key-env", paramLabel = "VAR", defaultValue = "OPENAI_API_KEY",
      description = "Environment variable with the API key, sent as a Bearer token when set (default: ${DEFAULT-VALUE}).")
  String apiKeyEnv;

  @Option(names = "--timeout", defaultValue = "60", paramLabel = "SECONDS", description = "Per-request timeout (default: ${DEFAULT-VALUE}).")
  double timeout;

  @Option(names = "--retries", defaultValue = "3", paramLabel = "N", description = "Retries after a timeout, HTTP 429 or 5xx (default: ${DEFAULT-VALUE}).")
  int retries;

  @Option(names = "--backoff-ms", defaultValue = "500", paramLabel = "MS", description = "First wait before a retry, doubled each time (default: ${DEFAULT-VALUE}).")
  long backoffMs;

  /** Refuses a timeout that is not a positive number of seconds. */
  void check() {
    if (!(timeout > 0)) throw new HoldoutException("--timeout " + timeout + ": expected seconds above 0");
  }

  /** The endpoint at {@code url} as the suite's prompt section describes it (a request template, or the chat API). */
  Endpoint endpoint(Suite s, URI url) {
    String key = System.getenv(apiKeyEnv);
    Suite.Prompt prompt = s.text().prompt();
    String modelName = model != null ? model : prompt == null ? null : prompt.model();
    Endpoint.Settings settings = new Endpoint.Settings(url, modelName, key == null || key.isBlank() ? null : key,
        Duration.ofMillis(Math.round(timeout * 1000)), Math.max(0, retries), Duration.ofMillis(Math.max(0, backoffMs)));
    return prompt != null && prompt.request() != null ? new TemplateEndpoint(settings, prompt.request())
        : new ChatEndpoint(settings, prompt == null ? null : prompt.conversation());
  }
}
