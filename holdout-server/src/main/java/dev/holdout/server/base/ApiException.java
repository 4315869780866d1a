package dev.holdout.server.base;

import dev.holdout.base.HoldoutException;
import java.util.Map;

/**
 * A request the server refuses, with the HTTP status (400 to 499) and advice for the caller; part of
 * the user-facing {@link HoldoutException} family. {@code details} holds structured evidence (a
 * refused promotion's criteria and interval), or is null.
 */
public class ApiException extends HoldoutException {
  private final int status;
  private final Map<String, Object> details;

  public ApiException(int status, String message) {
    this(status, message, null);
  }

  public ApiException(int status, String message, Map<String, Object> details) {
    super(message);
    if (status < 400 || status > 499) throw new IllegalArgumentException("an ApiException is a 4xx answer, found status " + status);
    this.status = status;
    this.details = details;
  }

  public int status() {
    return status;
  }

  /** Structured evidence for the error body's {@code details}, or null. */
  public Map<String, Object> details() {
    return details;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, message);
  }

  public static ApiException conflict(String message) {
    return new ApiException(409, message);
  }
}
