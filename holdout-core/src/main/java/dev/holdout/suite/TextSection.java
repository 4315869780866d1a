package dev.holdout.suite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Text generation's keys: data.reference, predictions.output and context, the {@code assertions}
 * checked on every answer, and the {@code prompt} and {@code judge} sections
 * ({@link PromptSection}, {@link JudgeSection}).
 */
final class TextSection {
  private static final List<String> ASSERTION = List.of("id", "contains", "not_contains", "regex", "equals_reference", "script", "json_valid",
      "json_schema", "max_length", "tool_called", "timeout_ms", "arguments");
  private static final List<String> CHECKS = ASSERTION.subList(1, ASSERTION.size() - 2);

  private TextSection() {}

  static Suite.Text parse(YamlCursor top, YamlCursor data, YamlCursor pred, Path folder, List<String> header) {
    if (!data.has("reference")) {
      throw data.error("missing required key 'reference': the column (or list of columns) with the reference answer");
    }
    List<String> references = data.optionalTextList("reference");
    if (references.isEmpty()) {
      throw data.get("reference").error("the list is empty; name the column (or columns) with the reference answer");
    }
    String output = pred.text("output");
    List<String> used = pred.optionalTextList("context");
    if (used != null && used.isEmpty()) {
      throw pred.get("context").error("the list is empty; name the column (or columns) with the passages the answer used, or remove the key");
    }
    List<Suite.Assertion> assertions = top.has("assertions") ? assertions(top.get("assertions"), folder, header, data.requiredText("path")) : List.of();
    Suite.Prompt prompt = top.has("prompt") ? PromptSection.parse(top.get("prompt")) : null;
    Suite.Judge judge = top.has("judge") ? JudgeSection.parse(top.get("judge"), prompt, used != null) : null;
    return new Suite.Text(references, output, used == null ? List.of() : used, assertions, prompt, judge);
  }

  private static List<Suite.Assertion> assertions(YamlCursor list, Path folder, List<String> header, String dataFile) {
    List<Suite.Assertion> assertions = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>();
    List<YamlCursor> items = list.items("a list of assertions");
    for (int i = 0; i < items.size(); i++) {
      YamlCursor m = items.get(i).mapping();
      m.checkKeys(ASSERTION);
      List<String> kinds = CHECKS.stream().filter(m::has).toList();
      if (kinds.size() != 1) {
        throw m.error(kinds.isEmpty() ? "say what to check with one of contains, not_contains, regex, equals_reference, script, json_valid, json_schema, max_length or tool_called"
            : "give one check per assertion, found " + kinds + "; split it into several assertions");
      }
      if (m.has("timeout_ms") && !kinds.get(0).equals("script")) throw m.get("timeout_ms").error("timeout_ms limits a script check; remove it");
      if (m.has("arguments") && !kinds.get(0).equals("tool_called")) {
        throw m.get("arguments").error("arguments are checked on a tool call; write tool_called: NAME beside them, or remove arguments");
      }
      String id = m.has("id") ? m.text("id") : "a" + (i + 1);
      if (!id.matches("[A-Za-z0-9_.-]+")) throw m.get("id").error("an assertion id is letters, digits, '_', '.' or '-', found '" + id + "'");
      if (!ids.add(id)) throw m.named(m.path() + ".id").error("assertion id '" + id + "' is used twice; give each assertion its own id");
      assertions.add(assertion(id, kinds.get(0), m, folder, header, Path.of(dataFile).getFileName().toString()));
    }
    return List.copyOf(assertions);
  }

  private static Suite.Assertion assertion(String id, String kind, YamlCursor m, Path folder, List<String> header, String dataFile) {
    YamlCursor v = m.get(kind);
    return switch (kind) {
      case "contains", "not_contains" -> {
        String text = v.text();
        Suite.Assertion.Kind k = kind.equals("contains") ? Suite.Assertion.Kind.CONTAINS : Suite.Assertion.Kind.NOT_CONTAINS;
        yield new Suite.Assertion(id, k, text, null, 0, m.line(), null, RowTemplates.check(v, text, false, header, dataFile), null);
      }
      case "regex" -> {
        String re = v.text();
        List<String> columns = RowTemplates.check(v, re, true, header, dataFile);
        Pattern p = null;
        if (columns.isEmpty()) {
          try {
            p = Pattern.compile(re);
          } catch (PatternSyntaxException e) {
            throw v.error("not a valid regular expression (" + e.getDescription() + " near index " + e.getIndex() + ")");
          }
        }
        yield new Suite.Assertion(id, Suite.Assertion.Kind.REGEX, re, p, 0, m.line(), null, columns, null);
      }
      case "script" -> ScriptChecks.parse(id, m, v, header);
      case "tool_called" -> toolCalled(id, m, v, header, dataFile);
      case "equals_reference" -> {
        if (!(v.node() instanceof YamlNode.Scalar sc && sc.kind() == YamlNode.Scalar.Kind.BOOLEAN && sc.text().equalsIgnoreCase("true"))) {
          throw v.error("write equals_reference: true (the answer equals one of data.reference after normalisation)");
        }
        yield new Suite.Assertion(id, Suite.Assertion.Kind.EQUALS_REFERENCE, null, null, 0, m.line());
      }
      case "json_valid" -> {
        if (!(v.node() instanceof YamlNode.Scalar sc && sc.kind() == YamlNode.Scalar.Kind.BOOLEAN && sc.text().equalsIgnoreCase("true"))) {
          throw v.error("write json_valid: true");
        }
        yield new Suite.Assertion(id, Suite.Assertion.Kind.JSON_VALID, null, null, 0, m.line());
      }
      case "json_schema" -> {
        if (!(v.node() instanceof YamlNode.Scalar)) {
          throw v.error("give the path of a JSON Schema file, relative to the suite, e.g. json_schema: refund.schema.json");
        }
        String file = v.text();
        yield new Suite.Assertion(id, Suite.Assertion.Kind.JSON_SCHEMA, file, null, 0, m.line(), JsonSchemas.read(v, folder.resolve(file)));
      }
      default -> new Suite.Assertion(id, Suite.Assertion.Kind.MAX_LENGTH, null, null, (int) v.integer(1, Integer.MAX_VALUE), m.line());
    };
  }

  /** tool_called: NAME, with optional arguments: {key: "value or {column}"} that the call's arguments must equal. */
  private static Suite.Assertion toolCalled(String id, YamlCursor m, YamlCursor v, List<String> header, String dataFile) {
    String name = v.text().strip();
    if (!name.matches("[A-Za-z0-9_.-]{1,64}")) {
      throw v.error("expected the name of a tool as the endpoint calls it (letters, digits, '_', '.' or '-'), found '" + name + "'");
    }
    Map<String, String> arguments = new LinkedHashMap<>();
    Set<String> columns = new LinkedHashSet<>();
    if (m.has("arguments")) {
      YamlCursor args = m.get("arguments").mapping();
      for (Map.Entry<String, YamlCursor> e : args.children().entrySet()) {
        String key = e.getKey();
        YamlCursor a = e.getValue();
        String value = a.text();
        columns.addAll(RowTemplates.check(a, value, false, header, dataFile));
        arguments.put(key, value);
      }
      if (arguments.isEmpty()) throw m.get("arguments").error("the mapping is empty; name the arguments to check, e.g. arguments: {city: \"{city}\"}");
    }
    return new Suite.Assertion(id, Suite.Assertion.Kind.TOOL_CALLED, name, null, 0, m.line(), null, List.copyOf(columns), null, arguments);
  }
}
