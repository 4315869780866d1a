package dev.holdout.render;

import dev.holdout.result.Report;
import dev.holdout.result.CompareReport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdout.Holdout;
import dev.holdout.base.HoldoutException;
import dev.holdout.base.Progress;
import dev.holdout.verdict.CriterionResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML page: user text escaped, the sections and charts of each task present, no request to
 * anywhere, and a size bound that holds however many rows and groups a report has. The page in a
 * real browser is tested in holdout-cli (HtmlReportBrowserTest).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HtmlReportTest {
  private static final long TWO_MB = 2L * 1024 * 1024;
  private static final String HOSTILE = "<script>alert('x')</script> & \"quoted\"";

  private Report churnB;
  private Report tickets;
  private Report demand;
  private CompareReport churnCompare;

  @BeforeAll
  void evaluateTheExamples() {
    Path examples = Path.of("..", "examples");
    churnB = Holdout.evaluate(examples.resolve("churn/suite.yaml"), examples.resolve("churn/vendor-b.csv"));
    tickets = Holdout.evaluate(examples.resolve("tickets/suite.yaml"), examples.resolve("tickets/vendor.csv"));
    demand = Holdout.evaluate(examples.resolve("daily-units/suite.yaml"), examples.resolve("daily-units/vendor.csv"));
    churnCompare = Holdout.compare(Holdout.suite(examples.resolve("churn/suite.yaml")),
        List.of(examples.resolve("churn/vendor-a.csv"), examples.resolve("churn/vendor-b.csv")), Progress.NONE);
  }

  // ---- sections and charts ----

  @Test
  void a_binary_report_has_every_section_and_chart() {
    String html = HtmlReport.render(churnB);
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<html lang=\"en\">", "<meta name=\"viewport\"", "@media print", "@media (max-width: 700px)");
    assertThat(html).contains("<h1>churn-acceptance</h1>", "Predict which subscribers cancel within 30 days");
    assertThat(html).contains("id=\"verdict\" data-verdict=\"REJECTED\"", ">REJECTED</div>",
        "2 of 6 criteria failed: worst-region-recall, region-gap. 4 passed.");
    assertThat(html).contains("id=\"criteria\"", "id=\"metrics\"", "id=\"charts\"", "id=\"slices\"", "id=\"provenance\"");
    for (CriterionResult c : churnB.criteria()) {
      assertThat(html).contains("data-criterion=\"" + c.id() + "\" data-status=\"" + c.status() + "\"");
    }
    for (String metric : churnB.metrics().keySet()) assertThat(html).contains("<tr data-metric=\"" + metric + "\"");
    assertThat(figures(html)).containsExactly("chart-roc", "chart-pr", "chart-calibration", "chart-cost", "chart-confusion",
        "chart-slice-region-roc_auc", "chart-slice-region-recall", "chart-slice-plan-roc_auc");
    assertThat(html).as("the failing group is named and highlighted").contains("5,063 rows · worst", "the worst group is south.");
    assertThat(html).as("the threshold of the worst-group criterion is drawn").contains("worst-region-recall ≥ 0.5");
    assertThat(html).as("the operating point and the cost-optimal point").contains("threshold 0.3", "cost-optimal threshold 0.0702");
    everyChartHasATextAlternative(html);
  }

  @Test
  void a_multiclass_report_has_both_confusion_matrices_and_per_class_bars() {
    String html = HtmlReport.render(tickets);
    assertThat(html).contains("data-verdict=\"INCONCLUSIVE\"", "1 of 4 is inconclusive: c2; more labeled rows would decide. 3 passed.");
    assertThat(figures(html)).containsExactly("chart-confusion", "chart-confusion-normalised", "chart-per-class",
        "chart-slice-channel-f1_macro", "chart-slice-channel-accuracy");
    assertThat(html).as("counts and row shares").contains(">1,832</text>", ">84.27%</text>");
    for (String cls : List.of("account", "billing", "other", "technical")) assertThat(html).contains(">" + cls + "</text>");
    everyChartHasATextAlternative(html);
  }

  @Test
  void a_regression_report_has_the_scatter_the_residuals_and_the_error_by_slice() {
    String html = HtmlReport.render(demand);
    assertThat(html).contains("data-verdict=\"ACCEPTED\"", "All 4 criteria passed.");
    assertThat(figures(html)).containsExactly("chart-scatter", "chart-residuals", "chart-error-by-slice", "chart-slice-region-mae");
    int points = count(html, "<circle class=\"pt\" cx=\"") - 1; // less the legend's marker
    assertThat(points).isEqualTo(demand.charts().predictedVsActual().actual().size()).isLessThanOrEqualTo(Report.Charts.MAX_SCATTER);
    assertThat(html).contains("1,667 of 5,000 rows, every 3rd row in file order");
    everyChartHasATextAlternative(html);
  }

  @Test
  void a_comparison_has_the_ranking_forest_and_the_matrix_of_paired_differences() {
    String html = HtmlReport.render(churnCompare);
    assertThat(figures(html)).containsExactly("chart-ranking", "chart-pairs");
    assertThat(html).contains("data-submission=\"vendor-a\" data-verdict=\"ACCEPTED\"", "data-submission=\"vendor-b\" data-verdict=\"REJECTED\"");
    assertThat(html).as("vendor-a is reliably better, so its row is coloured 'better' and vendor-b's 'worse'")
        .contains("class=\"pair-better\"", "class=\"pair-worse\"", "row better", "row worse");
    for (CriterionResult c : churnCompare.reports().get(0).criteria()) assertThat(html).contains("data-criterion=\"" + c.id() + "\"");
    everyChartHasATextAlternative(html);
  }

  // ---- safety: escaping, no requests, size ----

  @Test
  void user_text_is_escaped_everywhere(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("suite.yaml"), """
        suite: holdout.suite/v1
        name: "<script>alert('x')</script> & \\"quoted\\""
        problem: "Problem with <b>tags</b> & ampersands"
        task: multiclass_classification
        data:
          path: eval.csv
          id: id
          label: y
          slices: [region]
        predictions:
          label: pred
        criteria:
          - id: "<i>c1</i>"
            metric: accuracy
            slice: region
            worst_min: 0.1
            at: point
        bootstrap: {replicates: 50, seed: 1}
        """);
    StringBuilder eval = new StringBuilder("id,region,y\n");
    StringBuilder pred = new StringBuilder("id,pred\n");
    String[] labels = {"<b>bold</b>", "a&b", "\"q\""};
    String[] regions = {"<img src=x onerror=alert(1)>", "north's"};
    for (int i = 0; i < 30; i++) {
      String y = labels[i % 3];
      eval.append("r").append(i).append(',').append(csv(regions[i % 2])).append(',').append(csv(y)).append('\n');
      pred.append("r").append(i).append(',').append(csv(i % 4 == 0 ? labels[(i + 1) % 3] : y)).append('\n');
    }
    Files.writeString(dir.resolve("eval.csv"), eval);
    Path p = Files.writeString(dir.resolve("v<1>&2.csv"), pred);
    Report r = Holdout.evaluate(dir.resolve("suite.yaml"), p);
    String html = HtmlReport.render(r);

    for (String raw : List.of("<script>", "<b>bold", "<b>tags", "<img", "<i>c1", "v<1>", "a&b", "north's")) assertThat(html).doesNotContain(raw);
    assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;",
        "Problem with &lt;b&gt;tags&lt;/b&gt; &amp; ampersands", "&lt;img src=x onerror=alert(1)&gt;", "north&#39;s",
        "&lt;b&gt;bold&lt;/b&gt;", "a&amp;b", "&quot;q&quot;", "v&lt;1&gt;&amp;2", "&lt;i&gt;c1&lt;/i&gt;");
    assertThat(html).as("an id attribute made from user text keeps only safe characters").contains("id=\"criterion--i-c1--i-\"");
    assertThat(html).contains("<title>&lt;script&gt;");
  }

  @Test
  void the_page_asks_for_nothing_from_the_network() {
    for (String html : List.of(HtmlReport.render(churnB), HtmlReport.render(tickets), HtmlReport.render(demand), HtmlReport.render(churnCompare))) {
      assertThat(html.replace("http-equiv", "")).doesNotContain("http");
      assertThat(html).doesNotContain("<script", "<link", "<img", "<iframe", "@import", "url(", "src=", "xlink:href");
      assertThat(html).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">");
      Matcher href = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
      while (href.find()) assertThat(href.group(1)).as("only links within the page").startsWith("#");
    }
  }

  @Test
  void pages_stay_well_under_two_megabytes() {
    for (String html : List.of(HtmlReport.render(churnB), HtmlReport.render(tickets), HtmlReport.render(demand), HtmlReport.render(churnCompare))) {
      assertThat((long) html.getBytes(StandardCharsets.UTF_8).length).isLessThan(TWO_MB / 4);
    }
  }

  @Test
  void the_worst_case_report_stays_under_two_megabytes() {
    // Charts at their caps (400-point curves, a 2,000-point scatter) and a slice with 5,000 groups,
    // as a ten-million-row evaluation could produce: the page draws only the 40 worst groups.
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (int i = 0; i < Report.Charts.MAX_POINTS; i++) {
      xs.add(i / (double) Report.Charts.MAX_POINTS + 1e-7 * i);
      ys.add(Math.sqrt(i / (double) Report.Charts.MAX_POINTS) + 1e-9 * i);
    }
    Report.Curve curve = new Report.Curve(xs, ys, xs);
    List<Double> actual = new ArrayList<>();
    List<Double> predicted = new ArrayList<>();
    for (int i = 0; i < Report.Charts.MAX_SCATTER; i++) {
      actual.add(1234.5678 + i * 0.123456);
      predicted.add(1234.5678 + i * 0.123456 + Math.sin(i) * 100);
    }
    Report.Charts b = churnB.charts();
    Report.Charts big = new Report.Charts(curve, curve, curve, curve, b.operatingPoint(), b.calibration(), b.scores(), curve,
        new Report.Scatter(actual, predicted, 10_000_000), demand.charts().residuals());
    Map<String, Report.SliceGroup> groups = new LinkedHashMap<>();
    Report.SliceGroup one = churnB.slices().get("region").get("north");
    for (int g = 0; g < 5000; g++) groups.put("zip-" + g, one);
    Map<String, Map<String, Report.SliceGroup>> slices = new LinkedHashMap<>(churnB.slices());
    slices.put("zip", groups);
    Report worst = new Report(churnB.schema(), churnB.suite(), churnB.submission(), churnB.rows(), churnB.metrics(), churnB.confusionMatrix(),
        churnB.perClass(), churnB.costs(), slices, churnB.baseline(), churnB.criteria(), churnB.verdict(), churnB.bootstrap(), big,
        churnB.provenance());
    String html = HtmlReport.render(worst);
    assertThat((long) html.getBytes(StandardCharsets.UTF_8).length).isLessThan(TWO_MB);
    assertThat(html).contains("Showing 40 worst of 5000 groups; the JSON report holds them all.");
  }

  @Test
  void the_page_highlights_the_worst_group_the_report_names_and_finds_none_itself() {
    // The report names north as the worst roc_auc group of region (south really is): the page follows the report.
    Map<String, Report.SliceGroup> named = new LinkedHashMap<>();
    Map<String, Report.SliceGroup> unnamed = new LinkedHashMap<>();
    churnB.slices().get("region").forEach((group, g) -> {
      named.put(group, new Report.SliceGroup(g.rows(), g.metrics(), group.equals("north") ? List.of("roc_auc") : null));
      unnamed.put(group, new Report.SliceGroup(g.rows(), g.metrics()));
    });
    String html = HtmlReport.render(withSlices(churnB, Map.of("region", named), churnB.criteria()));
    assertThat(figure(html, "chart-slice-region-roc_auc")).contains("the worst group is north.", "worst group north.").doesNotContain("the worst group is south");
    assertThat(figure(html, "chart-slice-region-recall")).as("recall: the worst_min criterion's group").contains("the worst group is south.");

    String none = HtmlReport.render(withSlices(churnB, Map.of("region", unnamed), List.of()));
    assertThat(none).as("a report that names no worst group gets none").contains("id=\"chart-slice-region-roc_auc\"")
        .doesNotContain("the worst group is", "rows · worst", "class=\"worst-band\"");
  }

  @Test
  void a_sparse_report_read_back_from_json_still_renders(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("old.json"), """
        {"schema": "holdout.report/v1", "suite": {"name": "bare", "task": "binary_classification"}, "verdict": "ACCEPTED"}
        """);
    String html = HtmlReport.render(JsonReport.read(file));
    assertThat(html).contains("<h1>bare</h1>", "data-verdict=\"ACCEPTED\"", "The suite sets no acceptance criteria");

    // Parts present but half empty, as a hand-edited or truncated file could be: drawn as far as they go.
    Path holes = Files.writeString(dir.resolve("holes.json"), """
        {"schema": "holdout.report/v1", "verdict": "REJECTED",
         "suite": {"name": "holes", "task": "multiclass_classification", "primary_metric": "accuracy"},
         "metrics": {"accuracy": {"value": 0.5}, "f1_macro": {"undefined": "one class only"}},
         "confusion_matrix": {"labels": ["a", "b", "c"], "counts": [[1, 2], [3]]},
         "per_class": {"a": {"support": 3}},
         "slices": {"s": {"g": {"rows": 3, "metrics": {}}, "h": {"rows": 1, "metrics": {"accuracy": {"value": 1.0, "ci": [1.0]}}}}},
         "criteria": [{"status": "FAIL", "threshold": 0.9}, {"id": "x", "metric": "accuracy", "slice": "s", "status": "PASS",
                       "description": "worst s accuracy >= 0.1 (point estimate)", "observed": 1.0, "threshold": 0.1, "group": "zz"}],
         "charts": {"predicted_vs_actual": {"rows": 0}, "residuals": {}}}
        """);
    assertThat(HtmlReport.render(JsonReport.read(holes))).contains("<h1>holes</h1>", "data-verdict=\"REJECTED\"", "one class only",
        "id=\"chart-slice-s-accuracy\"");

    // One class only: curves exist but the operating point has no rates, so no point is drawn.
    Path oneClass = Files.writeString(dir.resolve("one-class.json"), """
        {"schema": "holdout.report/v1", "verdict": "INCONCLUSIVE", "suite": {"name": "one", "task": "binary_classification"},
         "charts": {"roc": {"x": [0, 1], "y": [0, 1]}, "precision_recall": {"x": [0, 1], "y": [1, null]},
                    "operating_point": {"threshold": 0.5}, "calibration": [{"low": 0, "high": 0.1, "rows": 0}]}}
        """);
    assertThat(HtmlReport.render(JsonReport.read(oneClass))).contains("id=\"chart-roc\"", "id=\"chart-pr\"", "id=\"chart-calibration\"")
        .doesNotContain("class=\"op\" cx=");
  }

  // ---- reading saved reports ----

  @Test
  void read_any_returns_the_kind_of_report_its_schema_names(@TempDir Path dir) {
    Path one = dir.resolve("one.json");
    Path many = dir.resolve("many.json");
    JsonReport.write(churnB, one);
    JsonReport.write(churnCompare, many);
    assertThat(JsonReport.readAny(one)).isInstanceOf(Report.class).isEqualTo(churnB);
    assertThat(JsonReport.readAny(many)).isInstanceOf(CompareReport.class).isEqualTo(churnCompare);
    assertThat(HtmlReport.render(JsonReport.readCompare(many))).isEqualTo(HtmlReport.render(churnCompare));
  }

  @Test
  void unreadable_reports_get_one_line_that_names_the_file(@TempDir Path dir) throws IOException {
    Path missing = dir.resolve("nope.json");
    assertThatThrownBy(() -> JsonReport.readAny(missing)).isInstanceOf(HoldoutException.class)
        .hasMessage(missing + ": report file not found; give a JSON report written by a holdout command's --json");
    Path broken = Files.writeString(dir.resolve("broken.json"), "{\n  \"schema\": \"holdout.report/v1\",\n  \"suite\": {\n}\n");
    assertThatThrownBy(() -> JsonReport.readAny(broken)).isInstanceOf(HoldoutException.class)
        .hasMessageStartingWith(broken + " line 5, column 1: not valid JSON (").hasMessageNotContaining("\n");
    Path other = Files.writeString(dir.resolve("other.json"), "{\"schema\": \"something/v9\"}");
    assertThatThrownBy(() -> JsonReport.readAny(other)).isInstanceOf(HoldoutException.class)
        .hasMessage(other + ": not a Holdout report (schema 'something/v9'); expected one of holdout.report/v1, holdout.compare/v1, holdout.plan/v1, holdout.audit/v1, holdout.drift/v1, holdout.monitor/v1, holdout.handover/v1");
    Path none = Files.writeString(dir.resolve("none.json"), "[1, 2]");
    assertThatThrownBy(() -> JsonReport.readAny(none)).hasMessage(none + ": not a Holdout report (expected a JSON object with a \"schema\" key)");
    Path wrongType = Files.writeString(dir.resolve("wrong.json"), "{\"schema\": \"holdout.report/v1\", \"suite\": {\"name\": \"x\"}, \"verdict\": \"MAYBE\"}");
    assertThatThrownBy(() -> JsonReport.readAny(wrongType)).isInstanceOf(HoldoutException.class)
        .hasMessage(wrongType + " line 1, column 68, verdict: expected one of [ACCEPTED, REJECTED, INCONCLUSIVE], found the text 'MAYBE';"
            + " the file does not follow holdout.report/v1, so it was not written by Holdout or was edited since");
    Path wrongNumber = Files.writeString(dir.resolve("number.json"),
        "{\"schema\": \"holdout.report/v1\",\n \"suite\": {\"name\": \"x\"},\n \"metrics\": {\"roc_auc\": {\"value\": \"high\"}},\n \"verdict\": \"ACCEPTED\"}");
    assertThatThrownBy(() -> JsonReport.readAny(wrongNumber)).isInstanceOf(HoldoutException.class)
        .hasMessageStartingWith(wrongNumber + " line 3, column ")
        .hasMessageContaining(", metrics.roc_auc.value: expected a number, found the text 'high'; the file does not follow holdout.report/v1")
        .hasMessageNotContaining("java.").hasMessageNotContaining("\n");
  }

  // ---- helpers ----

  private static Report withSlices(Report r, Map<String, Map<String, Report.SliceGroup>> slices, List<CriterionResult> criteria) {
    return new Report(r.schema(), r.suite(), r.submission(), r.rows(), r.metrics(), r.confusionMatrix(), r.perClass(), r.costs(), slices,
        r.baseline(), criteria, r.verdict(), r.bootstrap(), r.charts(), r.provenance());
  }

  /** The figure with this id, from its opening tag to its end. */
  private static String figure(String html, String id) {
    int start = html.indexOf("id=\"" + id + "\"");
    assertThat(start).as(id).isNotNegative();
    return html.substring(start, html.indexOf("</figure>", start));
  }

  private static List<String> figures(String html) {
    List<String> ids = new ArrayList<>();
    Matcher m = Pattern.compile("<figure class=\"chart[^\"]*\" id=\"([^\"]+)\"").matcher(html);
    while (m.find()) ids.add(m.group(1));
    return ids;
  }

  /** Every chart's SVG has role="img", an accessible name, a title and a description; and axis titles where it has axes. */
  private static void everyChartHasATextAlternative(String html) {
    Matcher fig = Pattern.compile("<figure class=\"chart[^\"]*\" id=\"([^\"]+)\"[^>]*>(.*?)</figure>", Pattern.DOTALL).matcher(html);
    int n = 0;
    while (fig.find()) {
      n++;
      String id = fig.group(1);
      String body = fig.group(2);
      assertThat(body).as(id).containsPattern("<figcaption><h3>[^<]+</h3>");
      assertThat(body).as(id).containsPattern("<svg viewBox=\"[^\"]+\" role=\"img\" aria-label=\"[^\"]+\" aria-describedby=\"" + id + "-svg-desc\"");
      assertThat(body).as(id).containsPattern("<title>[^<]+</title><desc id=\"" + id + "-svg-desc\">[^<]{20,}</desc>");
      if (!id.startsWith("chart-confusion") && !id.equals("chart-pairs") && !id.equals("chart-per-class")) {
        assertThat(body).as(id + " names its axis").contains("class=\"axis-title\"");
      }
    }
    assertThat(n).isPositive();
  }

  private static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) n++;
    return n;
  }

  private static String csv(String v) {
    return v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }
}
