package dev.holdout.suite;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A YAML document as a tree that remembers where each node starts, for error messages. */
public sealed interface YamlNode {
  int line();

  int column();

  /** What the node is, in a user's words: "a mapping", "a list", "the text 'abc'". */
  String describe();

  record Mapping(Map<String, YamlNode> entries, Map<String, Integer> keyLines, int line, int column) implements YamlNode {
    Mapping() {
      this(new LinkedHashMap<>(), new LinkedHashMap<>(), 0, 0);
    }

    @Override
    public String describe() {
      return "a mapping";
    }
  }

  record Sequence(List<YamlNode> items, int line, int column) implements YamlNode {
    @Override
    public String describe() {
      return "a list";
    }
  }

  /**
   * A scalar; {@code text} is null for YAML null and otherwise as written, {@code kind} says how
   * YAML typed it. {@code number} is the value of an INTEGER or FLOAT as YAML reads it ({@code 1_000},
   * {@code 0x10}, {@code .inf}), or null for other kinds.
   */
  record Scalar(String text, Kind kind, Number number, int line, int column) implements YamlNode {
    public enum Kind { STRING, INTEGER, FLOAT, BOOLEAN, NULL }

    Scalar(String text, Kind kind, int line, int column) {
      this(text, kind, null, line, column);
    }

    @Override
    public String describe() {
      return switch (kind) {
        case NULL -> "nothing (null)";
        case STRING -> "the text '" + text + "'";
        default -> text;
      };
    }
  }
}
