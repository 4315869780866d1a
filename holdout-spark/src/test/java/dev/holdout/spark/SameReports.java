package dev.holdout.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdout.render.JsonReport;
import dev.holdout.result.Report;
import java.io.IOException;

/** Two reports' JSON compared figure by figure: equal keys, texts and shapes, numbers to 1e-9 (relative beyond 1); provenance (the time) aside. */
final class SameReports {
  private SameReports() {}

  static void assertSame(Report single, Report distributed) {
    JsonNode a = tree(single);
    JsonNode b = tree(distributed);
    assertThat(b.path("verdict").asText()).isEqualTo(a.path("verdict").asText());
    assertThat(a.path("metrics").size()).isGreaterThan(3);
    JsonAssert.same("", a, b);
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
}
