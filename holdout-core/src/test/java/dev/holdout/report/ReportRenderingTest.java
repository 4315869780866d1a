package dev.holdout.report;

import dev.holdout.result.Report;
import dev.holdout.render.JunitReport;
import dev.holdout.render.JsonReport;
import dev.holdout.base.AtomicFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdout.Holdout;
import dev.holdout.base.HoldoutException;
import dev.holdout.verdict.CriterionResult;
import dev.holdout.verdict.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The JSON and JUnit renderings of a small report with one criterion of each status, and the atomic writes behind them. */
class ReportRenderingTest {
  private static final String SUITE = """
      suite: holdout.suite/v1
      name: tiny
      problem: Tiny binary problem with <angle> & "quotes".
      task: binary_classification
      data:
        path: eval.csv
        id: id
        label: y
        slices: [region]
      predictions:
        score: p
      criteria:
        - id: passes
          metric: recall
          min: 0.5
          at: point
        - id: fails
          metric: brier
          max: 0.0001
          at: point
        - id: open
          metric: accuracy
          min: 0.8
      bootstrap: {replicates: 200, seed: 3}
      """;

  @TempDir Path dir;

  private Report report() throws IOException {
    Files.writeString(dir.resolve("suite.yaml"), SUITE);
    StringBuilder eval = new StringBuilder("id,region,y\n");
    StringBuilder pred = new StringBuilder("id,p\n");
    for (int i = 0; i < 20; i++) {
      boolean positive = i % 2 == 0;
      eval.append("r").append(i).append(',').append(i < 10 ? "north" : "south").append(',').append(positive ? 1 : 0).append('\n');
      boolean wrong = i % 5 == 0;
      pred.append("r").append(i).append(',').append(positive != wrong ? "0.8" : "0.2").append('\n');
    }
    Files.writeString(dir.resolve("eval.csv"), eval);
    Path p = Files.writeString(dir.resolve("vendor-x.csv"), pred);
    Report r = Holdout.evaluate(dir.resolve("suite.yaml"), p);
    assertThat(r.criteria()).extracting(CriterionResult::status).containsExactly(Status.PASS, Status.FAIL, Status.INCONCLUSIVE);
    return r;
  }

  @Test
  void json_follows_the_documented_shape_in_snake_case() throws IOException {
    Report r = report();
    JsonNode j = new ObjectMapper().readTree(JsonReport.toJson(r));
    assertThat(j.path("schema").asText()).isEqualTo("holdout.report/v1");
    assertThat(j.path("suite").path("name").asText()).isEqualTo("tiny");
    assertThat(j.path("suite").path("task").asText()).isEqualTo("binary_classification");
    assertThat(j.path("suite").path("data_sha256").asText()).isEqualTo(dev.holdout.data.RecordReaders.sha256(dir.resolve("eval.csv")));
    assertThat(j.path("submission").path("name").asText()).isEqualTo("vendor-x");
    assertThat(j.path("submission").path("sha256").asText()).hasSize(64);
    assertThat(j.path("rows").path("evaluated").asLong()).isEqualTo(20);
    assertThat(j.path("rows").path("missing_predictions").asLong()).isZero();
    assertThat(j.path("rows").path("extra_predictions").asLong()).isZero();
    assertThat(j.path("metrics").path("roc_auc").path("value").isNumber()).isTrue();
    assertThat(j.path("metrics").path("roc_auc").path("ci")).hasSize(2);
    assertThat(j.path("slices").path("region").path("north").path("rows").asLong()).isEqualTo(10);
    assertThat(j.path("slices").path("region").path("south").path("metrics").path("recall").has("value")).isTrue();
    assertThat(j.path("baseline").path("name").isTextual()).isTrue();
    assertThat(j.path("baseline").path("metrics").has("roc_auc")).isTrue();
    assertThat(j.path("baseline").path("difference").has("roc_auc")).isTrue();
    JsonNode c = j.path("criteria").get(1);
    assertThat(c.path("id").asText()).isEqualTo("fails");
    assertThat(c.path("description").asText()).isEqualTo("brier <= 0.0001 (point estimate)");
    assertThat(c.path("status").asText()).isEqualTo("FAIL");
    assertThat(c.path("observed").isNumber()).isTrue();
    assertThat(c.path("threshold").asDouble()).isEqualTo(0.0001);
    assertThat(j.path("verdict").asText()).isEqualTo("REJECTED");
    assertThat(j.path("provenance").has("created_at")).isTrue();
  }

  @Test
  void a_written_json_report_reads_back_equal() throws IOException {
    Report r = report();
    Path out = dir.resolve("out/report.json");
    JsonReport.write(r, out);
    assertThat(JsonReport.read(out)).isEqualTo(r);
  }

  @Test
  void junit_xml_has_one_testcase_per_criterion_with_fail_as_failure_and_inconclusive_as_skipped() throws Exception {
    Report r = report();
    String xml = JunitReport.toXml(r);
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    Element suites = doc.getDocumentElement();
    assertThat(suites.getTagName()).isEqualTo("testsuites");
    assertThat(suites.getAttribute("tests")).isEqualTo("3");
    assertThat(suites.getAttribute("failures")).isEqualTo("1");
    assertThat(suites.getAttribute("skipped")).isEqualTo("1");
    NodeList cases = doc.getElementsByTagName("testcase");
    assertThat(cases.getLength()).isEqualTo(3);
    Element pass = (Element) cases.item(0);
    Element fail = (Element) cases.item(1);
    Element open = (Element) cases.item(2);
    assertThat(pass.getAttribute("name")).isEqualTo("passes: recall >= 0.5 (point estimate)");
    assertThat(pass.getElementsByTagName("*").getLength()).isZero();
    assertThat(fail.getElementsByTagName("failure").getLength()).isEqualTo(1);
    assertThat(((Element) fail.getElementsByTagName("failure").item(0)).getAttribute("message")).startsWith("observed ");
    assertThat(fail.getElementsByTagName("skipped").getLength()).isZero();
    Element skipped = (Element) open.getElementsByTagName("skipped").item(0);
    assertThat(skipped).isNotNull();
    assertThat(skipped.getAttribute("message")).startsWith("INCONCLUSIVE: observed ");
    assertThat(open.getElementsByTagName("failure").getLength()).isZero();
    assertThat(doc.getElementsByTagName("system-out").item(0).getTextContent()).isEqualTo("verdict: REJECTED");
  }

  @Test
  void a_failed_write_leaves_the_existing_file_unchanged_and_no_temporary_file() throws IOException {
    Path target = Files.writeString(dir.resolve("report.json"), "previous report");
    assertThatThrownBy(() -> AtomicFiles.write(target, w -> {
      w.write("{\"half\": ");
      throw new IOException("disk full");
    })).isInstanceOf(HoldoutException.class).hasMessageContaining("cannot be written (disk full)");
    assertThat(Files.readString(target)).isEqualTo("previous report");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("report.json");
    }
  }

  @Test
  void writing_to_a_link_keeps_the_link_and_writes_the_file_it_names() throws IOException {
    Path real = Files.writeString(dir.resolve("real.json"), "previous report");
    Path link = Files.createSymbolicLink(dir.resolve("latest.json"), real.getFileName());
    AtomicFiles.write(link, w -> w.write("{}"));
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(real)).isEqualTo("{}");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrder("real.json", "latest.json");
    }
  }

  @Test
  void writing_to_a_device_writes_into_it_instead_of_replacing_it() throws IOException {
    // Through a link in the test's folder, so that the old behaviour (renaming over the target) replaces the link, not /dev/null.
    Path devNull = Path.of("/dev/null");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(devNull) && !Files.isRegularFile(devNull));
    Path link = Files.createSymbolicLink(dir.resolve("out.json"), devNull);
    AtomicFiles.write(link, w -> w.write("{}"));
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.isRegularFile(devNull)).isFalse();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("out.json");
    }
  }

  @Test
  void writing_under_a_path_that_is_a_file_is_a_clear_error() throws IOException {
    Path notAFolder = Files.writeString(dir.resolve("file.txt"), "x");
    assertThatThrownBy(() -> AtomicFiles.write(notAFolder.resolve("report.json"), w -> w.write("{}")))
        .isInstanceOf(HoldoutException.class)
        .hasMessageStartingWith(notAFolder.resolve("report.json") + ": cannot be written");
    assertThat(List.of(Files.readString(notAFolder))).containsExactly("x");
  }
}
