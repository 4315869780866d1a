package dev.holdout.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdout.base.AtomicFiles;
import dev.holdout.base.HoldoutException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The CLI's side of the Holdout API: the server address, the caller's token, and JSON requests that turn errors into advice. */
final class ServerClient {
  /** Made on first use: picocli builds every command's mixins for {@code --help}, which must not load Jackson. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  @Option(names = "--server", paramLabel = "URL", defaultValue = "${env:HOLDOUT_SERVER:-http://127.0.0.1:8080}",
      description = "The Holdout server (default: $HOLDOUT_SERVER or ${DEFAULT-VALUE}).")
  String server;

  @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:HOLDOUT_TOKEN}",
      description = "Your token (default: $HOLDOUT_TOKEN).")
  String token;

  /**
   * Made on the first request: picocli builds every command's options at start-up, and an HTTP
   * client (its TLS set-up and selector thread) cost every command, even {@code --help}, half a second.
   */
  private HttpClient http;

  static String encode(String v) {
    return URLEncoder.encode(v, StandardCharsets.UTF_8);
  }

  /**
   * A refusal the server backs with evidence under {@code "details"} (a refused promotion's criteria
   * and its comparison with the champion), kept so the command can print it.
   */
  static final class Refused extends HoldoutException {
    final int status;
    final JsonNode details;

    Refused(String message, int status, JsonNode details) {
      super(message);
      this.status = status;
      this.details = details;
    }
  }

  JsonNode get(String path) {
    return send(request(path).GET().build());
  }

  /** The answer's body as text, for the answers that are not JSON (a report as JSON text to read into a record). */
  String getText(String path) {
    return exchange(request(path).GET().build()).body();
  }

  /**
   * Saves a GET answer (inputs as CSV) to {@code target}: streamed to a temporary file beside it,
   * then moved into place, so a refused or broken download leaves no half-written file.
   */
  void download(String path, Path target) {
    Path folder = target.toAbsolutePath().getParent();
    Path part;
    try {
      part = Files.createTempFile(folder, "." + target.getFileName(), ".part");
    } catch (IOException e) {
      throw new HoldoutException(target + ": cannot be written (" + AtomicFiles.reason(e) + ")");
    }
    try {
      HttpResponse<Path> res = call(request(path).GET().build(), HttpResponse.BodyHandlers.ofFile(part));
      if (res.statusCode() >= 400) check(res.statusCode(), Files.readString(part));
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new HoldoutException(target + ": cannot be written (" + AtomicFiles.reason(e) + ")");
    } finally {
      try {
        Files.deleteIfExists(part);
      } catch (IOException e) {
        // the temporary file was moved into place, or cannot be removed; nothing more to do
      }
    }
  }

  JsonNode post(String path, HttpRequest.BodyPublisher body, String contentType) {
    return send(request(path).header("Content-Type", contentType).POST(body).build());
  }

  JsonNode put(String path, HttpRequest.BodyPublisher body, String contentType) {
    return send(request(path).header("Content-Type", contentType).PUT(body).build());
  }

  JsonNode delete(String path) {
    return send(request(path).DELETE().build());
  }

  static HttpRequest.BodyPublisher file(Path p) {
    try {
      return HttpRequest.BodyPublishers.ofFile(p);
    } catch (FileNotFoundException e) {
      throw new HoldoutException(p + ": file not found");
    }
  }

  private HttpRequest.Builder request(String path) {
    if (token == null || token.isBlank()) throw new HoldoutException("no token: give --token or set HOLDOUT_TOKEN");
    String base = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
    URI uri;
    try {
      uri = URI.create(base + "/api/v1" + path);
    } catch (IllegalArgumentException e) {
      throw new HoldoutException("--server: '" + server + "' is not a URL such as http://127.0.0.1:8080");
    }
    return HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).header("Authorization", "Bearer " + token.strip()).header("Accept", "application/json");
  }

  private JsonNode send(HttpRequest req) {
    return json(exchange(req));
  }

  private HttpResponse<String> exchange(HttpRequest req) {
    HttpResponse<String> res = call(req, HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() >= 400) check(res.statusCode(), res.body());
    return res;
  }

  private <T> HttpResponse<T> call(HttpRequest req, HttpResponse.BodyHandler<T> handler) {
    try {
      if (http == null) http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      return http.send(req, handler);
    } catch (IOException e) {
      // A refused connection has no message of its own; its class name says what happened.
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new HoldoutException("cannot reach the Holdout server at " + server + " (" + why + "); check --server and that it runs");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HoldoutException("interrupted");
    }
  }

  private JsonNode json(HttpResponse<String> res) {
    try {
      return res.body().isEmpty() ? Json.MAPPER.nullNode() : Json.MAPPER.readTree(res.body());
    } catch (IOException e) {
      throw new HoldoutException(server + " answered " + res.statusCode() + " with something that is not JSON; is --server a Holdout server?");
    }
  }

  /** An error answer as the user's error: the server's advice, and its evidence when it sent some. */
  private void check(int status, String text) {
    JsonNode body;
    try {
      body = text.isEmpty() ? Json.MAPPER.nullNode() : Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new HoldoutException(server + " answered " + status + " with something that is not JSON; is --server a Holdout server?");
    }
    String msg = body.path("error").asText("");
    String message = "the server refused (" + status + "): " + (msg.isEmpty() ? text : msg);
    JsonNode details = body.path("details");
    if (details.isObject() && !details.isEmpty()) throw new Refused(message, status, details);
    throw new HoldoutException(message);
  }
}
