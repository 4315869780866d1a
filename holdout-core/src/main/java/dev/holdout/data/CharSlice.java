package dev.holdout.data;

/**
 * A reusable view of characters in a buffer, so a reader can hand out field text without
 * allocating a String for every field. Valid until the reader moves on.
 */
final class CharSlice implements CharSequence {
  char[] buf;
  int off;
  int len;

  CharSlice set(char[] buf, int off, int len) {
    this.buf = buf;
    this.off = off;
    this.len = len;
    return this;
  }

  /** Narrows the view to the text without leading and trailing whitespace. */
  CharSlice strip() {
    while (len > 0 && Character.isWhitespace(buf[off])) {
      off++;
      len--;
    }
    while (len > 0 && Character.isWhitespace(buf[off + len - 1])) len--;
    return this;
  }

  @Override public int length() { return len; }
  @Override public char charAt(int index) { return buf[off + index]; }
  @Override public CharSequence subSequence(int start, int end) { return new String(buf, off + start, end - start); }
  @Override public String toString() { return new String(buf, off, len); }
}
