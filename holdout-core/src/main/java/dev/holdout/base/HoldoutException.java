package dev.holdout.base;

/**
 * A failure the user can fix: a bad file, a bad suite, a wrong option. The message is the whole
 * advice (where, what was found, what to do); callers print it without a stack trace.
 */
public class HoldoutException extends RuntimeException {
  public HoldoutException(String message) {
    super(message);
  }

  public HoldoutException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Bad data: a file that is missing, unreadable or holds values the suite cannot use. */
  public static class BadData extends HoldoutException {
    public BadData(String message) {
      super(message);
    }

    public BadData(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** A suite file that does not follow {@code holdout.suite/v1}. */
  public static final class BadSuite extends HoldoutException {
    public BadSuite(String message) {
      super(message);
    }
  }
}
