package dev.holdout.render;

/**
 * The suite a page is about, for pages whose report does not carry it (drift, audit, handover):
 * its name and the problem sentence, which head the terminal and HTML output as they head an
 * acceptance report. {@link #NONE} when the command was given no suite.
 */
public record Headline(String suite, String problem) {
  public static final Headline NONE = new Headline(null, null);

  public boolean present() {
    return suite != null || problem != null;
  }

  /** "Suite NAME\nPROBLEM\n\n" for a terminal, or nothing. */
  String text() {
    if (!present()) return "";
    StringBuilder b = new StringBuilder();
    if (suite != null) b.append("Suite ").append(suite).append('\n');
    if (problem != null) b.append(problem).append('\n');
    return b.append('\n').toString();
  }
}
