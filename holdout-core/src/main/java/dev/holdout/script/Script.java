package dev.holdout.script;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A compiled check of one answer, such as
 * {@code contains(lower(answer), lower(city)) && number(answer) <= 30 && len(answer) < 400}.
 *
 * <p>Names: {@code answer} (the system's answer), {@code reference} (the row's first reference
 * answer), and any other name is a column of the evaluation set, read as text. Values are text,
 * numbers (double) or booleans; the whole expression must be a boolean, which is checked when the
 * script is compiled, as are the types of every operator and function. Operators: {@code || && !},
 * {@code == != < <= > >=} (text compares as text, numbers as numbers), {@code + - * /} ({@code +}
 * also joins text), parentheses. Functions are listed in {@link Functions}.
 *
 * <p>Sandbox: the language has no loops and no function with a side effect or access to files, the
 * network, the environment or the clock, so evaluation reads only the row. Its time is bounded by
 * {@code timeoutMillis} per row: every step and every character a regular expression reads checks
 * the deadline, so a catastrophic pattern ends as a failed check rather than a hung run.
 * Thread-safe: a compiled script holds no state between rows.
 */
public final class Script {
  /** The default time limit of one row's evaluation, in milliseconds. */
  public static final long DEFAULT_TIMEOUT_MS = 100;

  private final String source;
  private final Node root;
  private final List<String> columns;
  private final long timeoutMillis;

  private Script(String source, Node root, List<String> columns, long timeoutMillis) {
    this.source = source;
    this.root = root;
    this.columns = columns;
    this.timeoutMillis = timeoutMillis;
  }

  /**
   * Compiles {@code source}; a name other than answer and reference must be one of
   * {@code columns} unless that set is empty (the columns are not known yet).
   *
   * @throws ScriptException naming the character where the script is wrong
   */
  public static Script compile(String source, Set<String> columns, long timeoutMillis) {
    if (timeoutMillis < 1) throw new IllegalArgumentException("timeout must be at least 1 ms: " + timeoutMillis);
    Parser p = new Parser(source, columns);
    Node root = p.parse();
    if (root.type() != Type.BOOL) {
      throw new ScriptException("the script must be true or false (a comparison, contains(...), ...), found " + root.type().word(), 0);
    }
    return new Script(source, root, List.copyOf(p.columns()), timeoutMillis);
  }

  public String source() {
    return source;
  }

  /** The evaluation set's columns the script reads, in order of first use. */
  public List<String> columns() {
    return columns;
  }

  public long timeoutMillis() {
    return timeoutMillis;
  }

  /** What one row's evaluation gave: pass, fail, or out of time (which fails the check). */
  public enum Outcome { PASS, FAIL, TIMEOUT }

  /** Evaluates the check for one row; {@code cell} gives a column's value (null reads as empty text). */
  public Outcome test(String answer, List<String> references, Function<String, String> cell) {
    Env env = new Env(answer == null ? "" : answer, references.isEmpty() ? "" : references.get(0), cell,
        System.nanoTime() + timeoutMillis * 1_000_000L);
    try {
      return (Boolean) root.eval(env) ? Outcome.PASS : Outcome.FAIL;
    } catch (Env.OutOfTime e) {
      return Outcome.TIMEOUT;
    }
  }

  /** The value types of the language. */
  enum Type {
    TEXT, NUMBER, BOOL;

    String word() {
      return switch (this) {
        case TEXT -> "text";
        case NUMBER -> "a number";
        case BOOL -> "true or false";
      };
    }
  }

  /** One row's names and the deadline every step checks. */
  static final class Env {
    final String answer;
    final String reference;
    final Function<String, String> cell;
    final long deadline;

    Env(String answer, String reference, Function<String, String> cell, long deadline) {
      this.answer = answer;
      this.reference = reference;
      this.cell = cell;
      this.deadline = deadline;
    }

    void tick() {
      if (System.nanoTime() - deadline > 0) throw new OutOfTime();
    }

    String name(String n) {
      return switch (n) {
        case "answer" -> answer;
        case "reference" -> reference;
        default -> {
          String v = cell.apply(n);
          yield v == null ? "" : v;
        }
      };
    }

    /** The deadline passed; thrown from deep inside an evaluation or a regular expression. */
    static final class OutOfTime extends RuntimeException {
      OutOfTime() {
        super("out of time", null, false, false);
      }
    }
  }

  /** A node of the compiled expression: its static type and its value for a row. */
  interface Node {
    Type type();

    Object eval(Env env);
  }
}
