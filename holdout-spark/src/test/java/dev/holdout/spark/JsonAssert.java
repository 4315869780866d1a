package dev.holdout.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Two JSON trees compared figure by figure: equal keys, texts and shapes, numbers to 1e-9 (relative beyond 1). */
final class JsonAssert {
  private JsonAssert() {}

  static void same(String where, JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      double x = a.asDouble();
      double y = b.asDouble();
      assertThat(Math.abs(x - y)).as(where + ": " + x + " vs " + y).isLessThanOrEqualTo(1e-9 * Math.max(1, Math.abs(x)));
      return;
    }
    assertThat(b.getNodeType()).as(where).isEqualTo(a.getNodeType());
    if (a.isObject()) {
      List<String> names = new ArrayList<>();
      a.fieldNames().forEachRemaining(names::add);
      List<String> other = new ArrayList<>();
      b.fieldNames().forEachRemaining(other::add);
      assertThat(other).as(where).isEqualTo(names);
      for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        same(where + "." + e.getKey(), e.getValue(), b.get(e.getKey()));
      }
    } else if (a.isArray()) {
      assertThat(b.size()).as(where).isEqualTo(a.size());
      for (int i = 0; i < a.size(); i++) same(where + "[" + i + "]", a.get(i), b.get(i));
    } else {
      assertThat(b).as(where).isEqualTo(a);
    }
  }
}
