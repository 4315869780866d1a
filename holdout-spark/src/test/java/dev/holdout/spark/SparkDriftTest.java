package dev.holdout.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdout.Holdout;
import dev.holdout.base.HoldoutException;
import dev.holdout.base.Progress;
import dev.holdout.drift.Drift;
import dev.holdout.drift.DriftReport;
import dev.holdout.drift.DriftSettings;
import dev.holdout.render.JsonReport;
import dev.holdout.suite.Suite;
import dev.holdout.suite.SuiteDrift;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code holdout drift} on Spark against the single-JVM engine: per-column figures equal (to 1e-9)
 * where the sketches hold every value, within the sketches' stated errors where they do not.
 */
class SparkDriftTest {
  private static SparkSession spark;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    spark = Sessions.start("local[2]");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void generated_windows_give_the_single_jvm_report() throws IOException {
    Random random = new Random(30);
    write("ref.csv", random, 2_500, 0);
    write("cur.csv", random, 1_800, 0.3);
    DriftSettings settings = DriftSettings.defaults().withRoles("y", List.of("score"), List.of());
    assertSameReport(settings, dir.resolve("ref.csv"), dir.resolve("cur.csv"));
    // the id column was left out as the default engine leaves it out, with the same note
    DriftReport spark = SparkDrift.judge(SparkDriftTest.spark, dir.resolve("ref.csv").toString(), dir.resolve("cur.csv").toString(),
        withoutClassifier(settings), List.of());
    assertThat(spark.columns()).extracting(c -> c.column()).doesNotContain("ticket", "order_no").contains("amount", "city", "rooms");
    assertThat(spark.notes()).anyMatch(n -> n.startsWith("column 'ticket' looks like an id (every value distinct)"));
  }

  @Test
  void small_windows_judged_by_p_values_give_the_single_jvm_report() throws IOException {
    Random random = new Random(31);
    write("ref.csv", random, 400, 0);
    write("cur.csv", random, 300, 0.5);
    assertSameReport(DriftSettings.defaults().withRoles("y", List.of(), List.of("ticket")), dir.resolve("ref.csv"), dir.resolve("cur.csv"));
  }

  @Test
  void drift_example_matches_exactly_where_the_sketches_are_exact_and_within_their_errors_elsewhere() {
    Path examples = Path.of("..", "examples", "drift").toAbsolutePath().normalize();
    Path suiteFile = examples.resolve("suite.yaml");
    Suite suite = Holdout.suite(suiteFile);
    DriftSettings settings = withoutClassifier(SuiteDrift.settings(suite, suiteFile, List.of()));
    Path ref = examples.resolve("reference.csv");
    Path cur = examples.resolve("current.csv");
    DriftReport single = Drift.run(ref, cur, settings, null, List.of(), Progress.NONE);
    DriftReport distributed = SparkDrift.judge(spark, ref.toString(), cur.toString(), settings, List.of());
    assertThat(distributed.columns()).hasSameSizeAs(single.columns());
    int exact = 0;
    int sketched = 0;
    for (int i = 0; i < single.columns().size(); i++) {
      var a = single.columns().get(i);
      var b = distributed.columns().get(i);
      assertThat(b.column()).isEqualTo(a.column());
      assertThat(b.method()).isEqualTo(a.method());
      assertThat(b.drifted()).as(a.column()).isEqualTo(a.drifted());
      if ("exact".equals(b.computed())) {
        exact++;
        ObjectNode x = tree(a);
        ObjectNode y = tree(b);
        categoricalInterval(x, y);
        JsonAssert.same(a.column(), x, y);
      } else {
        // 5,000 values per window: past what a KLL sketch holds exactly; docs/drift.md states its errors
        sketched++;
        assertThat(b.computed()).isEqualTo("sketch");
        assertThat(b.score()).as(a.column()).isCloseTo(a.score(), offset(0.01));
      }
    }
    assertThat(exact).isGreaterThanOrEqualTo(2);
    assertThat(sketched).isGreaterThanOrEqualTo(1);
    assertThat(distributed.verdict()).isEqualTo(single.verdict());
  }

  @Test
  void text_in_a_numeric_column_is_refused_with_the_file_and_the_column() throws IOException {
    Files.write(dir.resolve("ref.csv"), List.of("a,b", "1.5,x", "2.5,y", "", "3,z"));
    Files.write(dir.resolve("cur.csv"), List.of("a,b", "1.0,x", "abc,y"));
    assertThatThrownBy(() -> SparkDrift.judge(spark, dir.resolve("ref.csv").toString(), dir.resolve("cur.csv").toString(),
        DriftSettings.defaults(), List.of()))
        .isInstanceOf(HoldoutException.BadData.class)
        .hasMessageContaining("cur.csv, column 'a': expected a number, found 'abc'; the column is numeric from its first value '1.5' in");
  }

  @Test
  void a_column_the_current_window_lacks_is_refused() throws IOException {
    Files.write(dir.resolve("ref.csv"), List.of("a,b", "1,x"));
    Files.write(dir.resolve("cur.csv"), List.of("a", "1"));
    assertThatThrownBy(() -> SparkDrift.judge(spark, dir.resolve("ref.csv").toString(), dir.resolve("cur.csv").toString(),
        DriftSettings.defaults(), List.of()))
        .isInstanceOf(HoldoutException.BadData.class)
        .hasMessageContaining("cur.csv: no column 'b', which the reference");
  }

  /** Columns: an id, a ticket number (distinct whole numbers), a continuous amount, a few-valued count, a city, a score, a label. */
  private void write(String name, Random random, int rows, double shift) throws IOException {
    String[] cities = {"oslo", "lima", "pune", "kiev", "rome"};
    List<String> lines = new ArrayList<>(List.of("order_no,ticket,amount,rooms,city,score,y"));
    for (int i = 0; i < rows; i++) {
      String amount = random.nextInt(20) == 0 ? "" : String.valueOf(Math.round((100 + 30 * (random.nextGaussian() + shift)) * 100) / 100.0);
      String rooms = random.nextInt(30) == 0 ? "NA" : String.valueOf(1 + random.nextInt(shift > 0 ? 4 : 3));
      String city = cities[Math.min(4, (int) Math.floor(random.nextDouble() * 4 + shift * random.nextDouble() * 2))];
      double score = Math.round(Math.min(1, Math.max(0, 0.4 + 0.2 * random.nextGaussian() + shift / 10)) * 1000) / 1000.0;
      lines.add(name + "-" + i + "," + (shift > 0 ? 500_000 : 0) + i + "," + amount + "," + rooms + "," + city + "," + score + ","
          + (random.nextDouble() < score ? 1 : 0));
    }
    Files.write(dir.resolve(name), lines);
  }

  private static DriftSettings withoutClassifier(DriftSettings s) {
    return s.withVerdict(s.share(), s.classifierAuc(), 0);
  }

  /** Both engines on the same files, the domain classifier off: the JSON reports are equal but for its note, numbers to 1e-9. */
  private static void assertSameReport(DriftSettings settings, Path reference, Path current) {
    DriftSettings s = withoutClassifier(settings);
    DriftReport single = Drift.run(reference, current, s, null, List.of(), Progress.NONE);
    DriftReport distributed = SparkDrift.judge(spark, reference.toString(), current.toString(), s, List.of());
    assertThat(single.columns()).hasSizeGreaterThanOrEqualTo(4);
    assertThat(distributed.columns()).allMatch(c -> "exact".equals(c.computed()) || c.computed() == null);
    ObjectNode a = tree(single);
    ObjectNode b = tree(distributed);
    a.remove("domain_classifier_note");
    b.remove("domain_classifier_note");
    for (int i = 0; i < a.path("columns").size(); i++) categoricalInterval((ObjectNode) a.path("columns").get(i), (ObjectNode) b.path("columns").get(i));
    JsonAssert.same("", a, b);
  }

  /**
   * A categorical column's bootstrap interval comes from the same cells in another order (the
   * sketch lists categories by hash, the single-JVM reader by first appearance), so each cell draws
   * other Poisson weights: the bounds agree to 0.01, not to 1e-9, and are then left out of the
   * figure-by-figure comparison. Point values, p-values and decisions are compared exactly.
   */
  private static void categoricalInterval(ObjectNode a, ObjectNode b) {
    if (!"categorical".equals(a.path("kind").asText()) || a.path("low").isNull() || a.path("low").isMissingNode()) return;
    for (String bound : List.of("low", "high")) {
      assertThat(b.path(bound).asDouble()).as(a.path("column").asText() + "." + bound).isCloseTo(a.path(bound).asDouble(), offset(0.01));
      a.remove(bound);
      b.remove(bound);
    }
  }

  private static ObjectNode tree(Object report) {
    try {
      return (ObjectNode) new ObjectMapper().readTree(JsonReport.toJson(report));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
