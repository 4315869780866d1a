package dev.holdout.suite;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.holdout.HoldoutException;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/** Reads YAML into {@link YamlNode}s with Jackson's streaming parser, keeping token locations. */
final class YamlReader {
  private static final YAMLFactory YAML = new YAMLFactory();

  private YamlReader() {}

  static YamlNode read(String file, Reader source) {
    try (JsonParser parser = YAML.createParser(source)) {
      JsonToken first = parser.nextToken();
      if (first == null) throw new HoldoutException.BadSuite(file + ": the suite is empty; start with 'suite: holdout.suite/v1'");
      YamlNode root = node(file, parser);
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new HoldoutException.BadSuite(file + where + ": not valid YAML (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw new HoldoutException.BadSuite(file + ": cannot be read (" + e.getMessage() + ")");
    }
  }

  private static YamlNode node(String file, JsonParser p) throws IOException {
    JsonLocation at = p.currentTokenLocation();
    int line = at.getLineNr();
    int column = at.getColumnNr();
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        YamlNode.Mapping m = new YamlNode.Mapping(new java.util.LinkedHashMap<>(), new java.util.LinkedHashMap<>(), line, column);
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
        return new YamlNode.Scalar(p.getText(), YamlNode.Scalar.Kind.INTEGER, line, column);
      }
      case VALUE_NUMBER_FLOAT -> {
        return new YamlNode.Scalar(p.getText(), YamlNode.Scalar.Kind.FLOAT, line, column);
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
}
