package dev.holdout.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdout.render.JsonReport;
import dev.holdout.result.CompareReport;
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

  /** Two comparisons: the same ranking, pairs, tests and tiers, and each submission's report the same. */
  static void assertSame(CompareReport single, CompareReport distributed) {
    JsonNode a = tree(single);
    JsonNode b = tree(distributed);
    assertThat(a.path("ranking").size()).isGreaterThan(1);
    assertThat(a.path("pairs").size()).isGreaterThan(0);
    JsonAssert.same("", a, b);
  }

  private static JsonNode tree(Object report) {
    try {
      ObjectNode node = (ObjectNode) new ObjectMapper().readTree(JsonReport.toJson(report));
      withoutProvenance(node);
      return node;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Provenance (the time) removed at every depth: a comparison holds each submission's report. */
  private static void withoutProvenance(JsonNode node) {
    if (node instanceof ObjectNode o) o.remove("provenance");
    for (JsonNode child : node) withoutProvenance(child);
  }
}
