package dev.holdout.suite;

import dev.holdout.base.HoldoutException;
import dev.holdout.base.Names;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A place in a YAML document read by {@link YamlReader}: the node, the key path that leads to it
 * ({@code criteria[1].min}; empty at the root) and the file, so every typed read that fails says
 * where, what was found and what was expected, in one form: {@code FILE line L, PATH: MESSAGE}. The
 * path is the YAML counterpart of a data file's column name. Reads never change the cursor; each
 * step ({@link #get}, {@link #items}) returns a new one. Immutable and thread-safe.
 *
 * <p>Which exception a failure becomes is the caller's: a suite's mistakes are
 * {@link HoldoutException.BadSuite}, a handover manifest's {@link HoldoutException.BadData}.
 */
public final class YamlCursor {
  private final String file;
  private final Function<String, ? extends HoldoutException> failure;
  private final YamlNode node;
  private final String path;

  private YamlCursor(String file, Function<String, ? extends HoldoutException> failure, YamlNode node, String path) {
    this.file = file;
    this.failure = failure;
    this.node = node;
    this.path = path;
  }

  /** The root of a document read from {@code file}; failures become {@code failure.apply(message)}. */
  public static YamlCursor root(String file, YamlNode node, Function<String, ? extends HoldoutException> failure) {
    return new YamlCursor(file, failure, node, "");
  }

  public YamlNode node() {
    return node;
  }

  /** The key path for messages, empty at the root. */
  public String path() {
    return path;
  }

  public int line() {
    return node.line();
  }

  /** What the node is, in a user's words: "a mapping", "a list", "the text 'abc'". */
  public String describe() {
    return node.describe();
  }

  /** The same node under another path in messages, for an error about a key that is absent or misplaced. */
  public YamlCursor named(String otherPath) {
    return new YamlCursor(file, failure, node, otherPath);
  }

  // ---- mappings ----

  /** This node as a mapping; {@code what} names it when the root is not one ("the suite"). */
  public YamlCursor mapping(String what) {
    if (node instanceof YamlNode.Mapping) return this;
    throw named(path.isEmpty() ? what : path).error("expected a mapping of keys to values, found " + describe());
  }

  /** This node as a mapping. */
  public YamlCursor mapping() {
    return mapping(path);
  }

  private Map<String, YamlNode> entries() {
    if (node instanceof YamlNode.Mapping m) return m.entries();
    throw new IllegalStateException(path + " is not a mapping; call mapping() first");
  }

  public boolean has(String key) {
    return entries().containsKey(key);
  }

  /** The value of {@code key}, which must be present ({@link #has}). */
  public YamlCursor get(String key) {
    YamlNode child = entries().get(key);
    if (child == null) throw new IllegalArgumentException("no key '" + key + "' at " + path);
    return new YamlCursor(file, failure, child, childPath(key));
  }

  /** Every key's value in the file's order. */
  public Map<String, YamlCursor> children() {
    Map<String, YamlCursor> out = new LinkedHashMap<>();
    for (String key : entries().keySet()) out.put(key, get(key));
    return out;
  }

  /** The line of {@code key} itself, where a message about the key points. */
  public int keyLine(String key) {
    entries();
    return ((YamlNode.Mapping) node).keyLines().get(key);
  }

  /** Refuses the first key not in {@code allowed}, suggesting the nearest and listing the allowed. */
  public void checkKeys(List<String> allowed) {
    for (String key : entries().keySet()) {
      if (!allowed.contains(key)) {
        throw failure.apply(file + " line " + keyLine(key) + ", " + childPath(key) + ": unknown key '" + key + "'"
            + Names.didYouMean(key, allowed) + " (allowed here: " + String.join(", ", allowed) + ")");
      }
    }
  }

  /** Refuses the first of {@code keys} present: it "does not apply to {@code what}". */
  public void forbid(String what, String... keys) {
    for (String k : keys) {
      if (has(k)) throw get(k).error("'" + k + "' does not apply to " + what + "; remove it");
    }
  }

  // ---- scalars ----

  /** Non-blank text: a quoted or plain scalar, or a number or boolean as written. */
  public String text() {
    if (node instanceof YamlNode.Scalar s && s.text() != null && !s.text().isBlank()) return s.text();
    throw error("expected a text value, found " + describe());
  }

  /** The text of {@code key}, which must be present. */
  public String text(String key) {
    return get(key).text();
  }

  /** The text of {@code key}, or null when absent. */
  public String optionalText(String key) {
    return has(key) ? text(key) : null;
  }

  /** The text of {@code key}, refused at this mapping when absent. */
  public String requiredText(String key) {
    if (!has(key)) throw error("missing required key '" + key + "'");
    return text(key);
  }

  /** A list of texts; one unquoted-or-quoted text alone counts as a list of one. Null when absent. */
  public List<String> optionalTextList(String key) {
    if (!has(key)) return null;
    YamlCursor c = get(key);
    if (c.node instanceof YamlNode.Scalar s && s.kind() == YamlNode.Scalar.Kind.STRING) return List.of(s.text());
    List<String> out = new ArrayList<>();
    for (YamlCursor item : c.items("a list like [a, b]")) out.add(item.text());
    return List.copyOf(out);
  }

  /** A finite number; quoted digits are refused with the advice to drop the quotes. */
  public double number() {
    if (node instanceof YamlNode.Scalar s && s.number() != null) {
      double v = s.number().doubleValue();
      if (Double.isFinite(v)) return v;
      throw error("expected a finite number, found " + s.text());
    }
    throw error("expected a number, found " + describe() + quotedNumberHint());
  }

  /** A whole number in [min, max]; the message states the range as the user can act on it. */
  public long integer(long min, long max) {
    if (node instanceof YamlNode.Scalar s && s.kind() == YamlNode.Scalar.Kind.INTEGER && s.number() != null) {
      BigInteger v = s.number() instanceof BigInteger b ? b : BigInteger.valueOf(s.number().longValue());
      if (v.compareTo(BigInteger.valueOf(min)) >= 0 && v.compareTo(BigInteger.valueOf(max)) <= 0) return v.longValue();
      String range = max == Long.MAX_VALUE || max == Integer.MAX_VALUE
          ? (min == Long.MIN_VALUE ? "from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE : "of at least " + min)
          : "from " + min + " to " + max;
      throw error("expected a whole number " + range + ", found " + s.text());
    }
    throw error("expected a whole number, found " + describe() + quotedNumberHint());
  }

  /** The whole number of {@code key} in [min, max], or {@code fallback} when absent. */
  public int intOr(String key, int min, int max, int fallback) {
    return has(key) ? (int) get(key).integer(min, max) : fallback;
  }

  /** Quotes make YAML read a number as text: say so, since the value looks right to the person reading. */
  private String quotedNumberHint() {
    if (node instanceof YamlNode.Scalar s && s.kind() == YamlNode.Scalar.Kind.STRING) {
      try {
        Double.parseDouble(s.text().strip());
        return "; write the number without quotes";
      } catch (NumberFormatException e) {
        return "";
      }
    }
    return "";
  }

  // ---- lists ----

  /** The items of this list, each under {@code path[i]}; {@code expected} says what a list was wanted ("a list of criteria"). */
  public List<YamlCursor> items(String expected) {
    if (!(node instanceof YamlNode.Sequence seq)) throw error("expected " + expected + ", found " + describe());
    List<YamlCursor> out = new ArrayList<>();
    for (int i = 0; i < seq.items().size(); i++) out.add(new YamlCursor(file, failure, seq.items().get(i), path + "[" + i + "]"));
    return out;
  }

  // ---- messages ----

  /** {@code FILE line L, PATH}: where this node is, for messages that go on with more than a plain error. */
  public String where() {
    return file + " line " + node.line() + (path.isEmpty() ? "" : ", " + path);
  }

  /** As {@link #error}, with the node's column: {@code FILE line L, column C, PATH: MESSAGE}. */
  public HoldoutException errorWithColumn(String message) {
    return failure.apply(file + " line " + node.line() + ", column " + node.column() + (path.isEmpty() ? "" : ", " + path) + ": " + message);
  }

  /** The caller's exception for {@code message} at this node: {@code FILE line L, PATH: MESSAGE}. */
  public HoldoutException error(String message) {
    return failure.apply(where() + ": " + message);
  }

  private String childPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
