package dev.holdout.suite;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.holdout.base.HoldoutException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Reads YAML into {@link YamlNode}s with Jackson's streaming parser, keeping token locations. */
public final class YamlReader {
  private static final YAMLFactory YAML = new YAMLFactory();

  private YamlReader() {}

  public static YamlNode read(String file, Reader source) {
    try (JsonParser parser = YAML.createParser(source)) {
      JsonToken first = parser.nextToken();
      if (first == null) throw new HoldoutException.BadSuite(file + ": the suite is empty; start with 'suite: holdout.suite/v1'");
      YamlNode root = node(file, parser);
      return root;
    } catch (JsonProcessingException e) {
      throw notYaml(file, e);
    } catch (CharacterCodingException e) {
      throw new HoldoutException.BadSuite(file + ": is not UTF-8 text; save the suite as UTF-8");
    } catch (IOException e) {
      throw new HoldoutException.BadSuite(file + ": cannot be read (" + e.getMessage() + ")");
    }
  }

  /**
   * One line: where SnakeYAML found the problem, what it is, and where the construct it was reading
   * began. SnakeYAML's own message spans several lines with an excerpt of the file.
   */
  private static HoldoutException.BadSuite notYaml(String file, JsonProcessingException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CharacterCodingException || String.valueOf(t.getMessage()).contains("MalformedInputException")) {
        return new HoldoutException.BadSuite(file + ": is not UTF-8 text; save the suite as UTF-8");
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MarkedYAMLException m && m.getProblemMark() != null) {
        Mark at = m.getProblemMark();
        String problem = m.getProblem() == null ? "cannot be parsed" : oneLine(m.getProblem());
        String context = "";
        if (m.getContext() != null) {
          Mark from = m.getContextMark();
          context = " (" + oneLine(m.getContext())
              + (from != null && from.getLine() != at.getLine() ? " that starts on line " + (from.getLine() + 1) : "") + ")";
        }
        if (problem.contains("(TAB)")) problem = "a tab character; YAML indents with spaces, not tabs";
        return new HoldoutException.BadSuite(file + " line " + (at.getLine() + 1) + ", column " + (at.getColumn() + 1)
            + ": not valid YAML: " + problem + context);
      }
    }
    JsonLocation at = e.getLocation();
    String where = at == null ? "" : " line " + at.getLineNr() + ", column " + at.getColumnNr();
    return new HoldoutException.BadSuite(file + where + ": not valid YAML: " + oneLine(e.getOriginalMessage()));
  }

  private static String oneLine(String s) {
    return s.strip().replaceAll("\\s*\\n\\s*", " ");
  }

  private static YamlNode node(String file, JsonParser p) throws IOException {
    JsonLocation at = p.currentTokenLocation();
    int line = at.getLineNr();
    int column = at.getColumnNr();
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        YamlNode.Mapping m = new YamlNode.Mapping(new LinkedHashMap<>(), new LinkedHashMap<>(), line, column);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          int keyLine = p.currentTokenLocation().getLineNr();
          if (m.entries().containsKey(key)) {
            throw new HoldoutException.BadSuite(file + " line " + keyLine + ": key '" + key
                + "' appears twice in the same mapping (first on line " + m.keyLines().get(key) + "); keep one");
          }
          p.nextToken();
          m.keyLines().put(key, keyLine);
          m.entries().put(key, node(file, p));
        }
        return m;
      }
      case START_ARRAY -> {
        List<YamlNode> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) items.add(node(file, p));
        return new YamlNode.Sequence(items, line, column);
      }
      case VALUE_STRING -> {
        return new YamlNode.Scalar(p.getText(), YamlNode.Scalar.Kind.STRING, line, column);
      }
      case VALUE_NUMBER_INT -> {
        return new YamlNode.Scalar(p.getText(), YamlNode.Scalar.Kind.INTEGER, p.getNumberValue(), line, column);
      }
      case VALUE_NUMBER_FLOAT -> {
        return new YamlNode.Scalar(p.getText(), YamlNode.Scalar.Kind.FLOAT, floatValue(p), line, column);
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return new YamlNode.Scalar(p.getText(), YamlNode.Scalar.Kind.BOOLEAN, line, column);
      }
      case VALUE_NULL -> {
        return new YamlNode.Scalar(null, YamlNode.Scalar.Kind.NULL, line, column);
      }
      default -> throw new HoldoutException.BadSuite(file + " line " + line + ": unexpected YAML content (" + t + ")");
    }
  }

  /** Jackson does not read YAML's .inf and .nan; they are numbers all the same, to be refused by the caller. */
  private static Double floatValue(JsonParser p) throws IOException {
    String text = p.getText().strip();
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.equals(".nan")) return Double.NaN;
    if (lower.equals(".inf") || lower.equals("+.inf")) return Double.POSITIVE_INFINITY;
    if (lower.equals("-.inf")) return Double.NEGATIVE_INFINITY;
    try {
      return p.getDoubleValue();
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
