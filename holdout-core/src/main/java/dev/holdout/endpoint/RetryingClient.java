package dev.holdout.endpoint;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one HTTP client every caller of a vendor's or a judge's endpoint uses: a POST of a JSON body
 * over HTTP/1.1, retried after a timeout, a connection failure, HTTP 408, 429 or 5xx, or an answer
 * the caller's {@link Reader} calls garbled. Before the k-th retry it waits {@code backoff × 2^(k-1)}
 * (the doubling stops at 2^16). Any other HTTP status, or an answer the reader refuses, ends the
 * call at once, since asking again would give the same. The timeout covers the whole exchange: the
 * request's timeout covers the headers and a watchdog closes a body still arriving at the same
 * deadline, so a server that sends headers and then stalls cannot hang a run. Answers over
 * {@link #MAX_RESPONSE_BYTES} are refused unread. Every call, request, retry, failure and latency is
 * counted in {@link #traffic()}. Thread-safe; one client serves any number of threads.
 */
public final class RetryingClient {
  /** The largest answer read, in bytes (16 MiB). */
  public static final int MAX_RESPONSE_BYTES = 16 << 20;
  /** One daemon thread for every client's body deadlines; a cancelled deadline is removed at once. */
  private static final ScheduledThreadPoolExecutor WATCHDOG = watchdog();

  /**
   * How long one request may take, how many retries follow a retryable failure, the first wait
   * before a retry, and the setting that gives the timeout ({@code "endpoint.timeout_ms"}), named in
   * the timeout message; null names none.
   */
  public record Policy(Duration timeout, int retries, Duration backoff, String timeoutSetting) {
    public Policy {
      if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive: " + timeout);
      if (retries < 0) throw new IllegalArgumentException("retries must be 0 or more: " + retries);
      if (backoff.isNegative()) throw new IllegalArgumentException("backoff must be 0 or more: " + backoff);
    }

    /** Milliseconds to wait before retry {@code k} (1 for the first retry). */
    public long waitBeforeRetry(int k) {
      return backoff.toMillis() << Math.min(k - 1, 16);
    }
  }

  /**
   * What a {@link Reader} made of a 2xx answer: a value, or why the answer cannot be used and
   * whether asking again may help ({@code retry}).
   */
  public record Reading<T>(T value, String error, boolean retry) {
    public static <T> Reading<T> of(T value) {
      return new Reading<>(value, null, false);
    }

    /** An answer that asking again would not mend; the call ends with {@code error}. */
    public static <T> Reading<T> refused(String error) {
      return new Reading<>(null, error, false);
    }

    /** An answer that may have been garbled on the way (a proxy's error page, a truncated body); retried. */
    public static <T> Reading<T> garbled(String error) {
      return new Reading<>(null, error, true);
    }
  }

  /** Reads the body of a 2xx answer; {@code latencyMillis} is the request's time. Runs on the calling thread. */
  @FunctionalInterface
  public interface Reader<T> {
    Reading<T> read(byte[] body, long latencyMillis);
  }

  /**
   * The end of one call: the reader's value, or the error that stopped it (with "after N attempts"
   * when the retries ran out); the latency of the request that ended the call when it got an answer,
   * 0 when the retries ran out; and the requests sent.
   */
  public record Outcome<T>(T value, String error, long latencyMillis, int attempts) {
    public boolean ok() {
      return error == null;
    }
  }

  private final URI url;
  private final Map<String, String> headers;
  private final Policy policy;
  private final HttpClient client;
  private final Traffic traffic = new Traffic();

  /** A client for {@code url} sending {@code headers} (besides Content-Type and Accept, both application/json) with every request. */
  public RetryingClient(URI url, Map<String, String> headers, Policy policy) {
    this.url = url;
    this.headers = Map.copyOf(headers);
    this.policy = policy;
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(policy.timeout()).build();
  }

  public Traffic traffic() {
    return traffic;
  }

  /** Posts {@code body} until {@code reader} accepts an answer, a failure is final, or the retries run out. */
  public <T> Outcome<T> post(String body, Reader<T> reader) {
    traffic.call();
    for (int attempt = 1; ; attempt++) {
      if (attempt > 1) {
        try {
          Thread.sleep(policy.waitBeforeRetry(attempt - 1));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return new Outcome<>(null, "interrupted", 0, attempt - 1);
        }
      }
      traffic.request(attempt > 1);
      long t0 = System.nanoTime();
      String failure;
      boolean retry = true;
      long latency = 0;
      try {
        HttpResponse<InputStream> response = client.send(request(body), HttpResponse.BodyHandlers.ofInputStream());
        byte[] bytes = readBody(response.body(), t0);
        double millis = (System.nanoTime() - t0) / 1e6;
        traffic.latency(millis);
        latency = (long) millis;
        int status = response.statusCode();
        if (status / 100 == 2) {
          Reading<T> r = reader.read(bytes, latency);
          if (r.error() == null) return new Outcome<>(r.value(), null, latency, attempt);
          failure = r.error();
          retry = r.retry();
        } else {
          failure = "HTTP " + status + (bytes.length > 0 ? ": " + clip(bytes) : "");
          retry = status == 408 || status == 429 || status >= 500;
        }
      } catch (HttpTimeoutException e) {
        traffic.latency((System.nanoTime() - t0) / 1e6);
        failure = "no answer within " + policy.timeout().toMillis() + " ms" + (policy.timeoutSetting() == null ? "" : " (" + policy.timeoutSetting() + ")");
      } catch (TooLarge e) {
        traffic.latency((System.nanoTime() - t0) / 1e6);
        failure = "the answer exceeded " + (MAX_RESPONSE_BYTES >> 20) + " MiB";
      } catch (IOException e) {
        traffic.latency((System.nanoTime() - t0) / 1e6);
        failure = "cannot reach the endpoint (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Outcome<>(null, "interrupted", 0, attempt);
      }
      traffic.failed();
      if (!retry) return new Outcome<>(null, failure, latency, attempt);
      if (attempt > policy.retries()) return new Outcome<>(null, failure + " after " + attempt + " attempts", 0, attempt);
    }
  }

  private HttpRequest request(String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(policy.timeout())
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    return b.build();
  }

  /** The body, read until the request's deadline; a watchdog closes the stream at the deadline. */
  private byte[] readBody(InputStream body, long t0) throws IOException {
    AtomicBoolean late = new AtomicBoolean();
    byte[] bytes;
    try (InputStream in = body) {
      long left = Math.max(1, policy.timeout().toMillis() - (System.nanoTime() - t0) / 1_000_000);
      ScheduledFuture<?> deadline = WATCHDOG.schedule(() -> {
        late.set(true);
        try {
          in.close();
        } catch (IOException ignored) {
          // closing is all the watchdog can do
        }
      }, left, TimeUnit.MILLISECONDS);
      try {
        bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
      } catch (IOException e) {
        if (late.get()) throw new HttpTimeoutException("timed out reading the answer");
        throw e;
      } finally {
        deadline.cancel(false);
      }
    }
    if (late.get()) throw new HttpTimeoutException("timed out reading the answer");
    if (bytes.length > MAX_RESPONSE_BYTES) throw new TooLarge();
    return bytes;
  }

  /** A reply shortened to one line of at most 120 characters, for an error message. */
  public static String clip(String s) {
    String one = s == null ? "" : s.replaceAll("\\s+", " ").strip();
    return one.length() <= 120 ? one : one.substring(0, 119) + "…";
  }

  /** The start of a reply's bytes (UTF-8) as one line of at most 120 characters. */
  public static String clip(byte[] bytes) {
    return clip(new String(bytes, 0, Math.min(bytes.length, 4 * 120), StandardCharsets.UTF_8));
  }

  private static ScheduledThreadPoolExecutor watchdog() {
    ScheduledThreadPoolExecutor w = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "holdout-endpoint-deadline");
      t.setDaemon(true);
      return t;
    });
    w.setRemoveOnCancelPolicy(true);
    return w;
  }

  /** The answer was larger than {@link #MAX_RESPONSE_BYTES}. */
  private static final class TooLarge extends IOException {
    TooLarge() {
      super("response too large");
    }
  }
}
