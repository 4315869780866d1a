package dev.holdout.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdout.render.JsonReport;
import dev.holdout.result.Report;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Two reports' JSON compared figure by figure: equal keys, texts and shapes, numbers to 1e-9 (relative beyond 1); provenance (the time) aside. */
final class SameReports {
  private SameReports() {}

  static void assertSame(Report single, Report distributed) {
    JsonNode a = tree(single);
    JsonNode b = tree(distributed);
    assertThat(b.path("verdict").asText()).isEqualTo(a.path("verdict").asText());
    assertThat(a.path("metrics").size()).isGreaterThan(3);
    assertSame("", a, b);
  }

  private static JsonNode tree(Report report) {
    try {
      ObjectNode node = (ObjectNode) new ObjectMapper().readTree(JsonReport.toJson(report));
      node.remove("provenance");
      return node;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void assertSame(String where, JsonNode a, JsonNode b) {
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
        assertSame(where + "." + e.getKey(), e.getValue(), b.get(e.getKey()));
      }
    } else if (a.isArray()) {
      assertThat(b.size()).as(where).isEqualTo(a.size());
      for (int i = 0; i < a.size(); i++) assertSame(where + "[" + i + "]", a.get(i), b.get(i));
    } else {
      assertThat(b).as(where).isEqualTo(a);
    }
  }
}
