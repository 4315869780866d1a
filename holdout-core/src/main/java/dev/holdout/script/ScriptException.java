package dev.holdout.script;

/** A script that cannot be compiled: the message and the character (0-based) where it goes wrong. */
public final class ScriptException extends RuntimeException {
  private final int offset;

  public ScriptException(String message, int offset) {
    super(message);
    this.offset = offset;
  }

  /** The 0-based index in the script of the character the message is about. */
  public int offset() {
    return offset;
  }
}
