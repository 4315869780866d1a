package dev.holdout.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.holdout.Holdout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data quality, volume and retrain alerts, each planted in one week of a log whose other weeks are like the reference. */
class WindowQualityTest {
  @TempDir Path dir;

  /** Reference weeks' rows: the first and last are left out of the volume band, which is then 707.5 ± 3 × 23.8. */
  static final int[] REFERENCE_WEEKS = {660, 740, 690, 720, 680, 710};

  enum Plant { NONE, MISSING, UNSEEN_CATEGORY, OUT_OF_RANGE, CONSTANT, LOW_VOLUME }

  @Test
  void each_planted_fault_alerts_once_on_its_week_and_the_clean_weeks_raise_nothing() throws IOException {
    Path reference = dir.resolve("reference.csv");
    StringBuilder ref = new StringBuilder(HEADER);
    Random r = new Random(3);
    for (int w = 0; w < REFERENCE_WEEKS.length; w++) week(ref, LocalDate.parse("2025-11-03").plusWeeks(w), REFERENCE_WEEKS[w], Plant.NONE, r);
    Files.writeString(reference, ref);
    Plant[] plants = {Plant.NONE, Plant.MISSING, Plant.NONE, Plant.UNSEEN_CATEGORY, Plant.OUT_OF_RANGE, Plant.NONE, Plant.CONSTANT, Plant.LOW_VOLUME};
    StringBuilder log = new StringBuilder(HEADER);
    for (int w = 0; w < plants.length; w++) week(log, LocalDate.parse("2026-01-05").plusWeeks(w), plants[w] == Plant.LOW_VOLUME ? 350 : 690 + 10 * (w % 4),
        plants[w], r);
    Files.writeString(dir.resolve("log.csv"), log);
    SmallSuite.write(dir, "");

    MonitorReport m = Monitor.run(new Monitor.Settings(dir.resolve("log.csv"), reference, Holdout.suite(dir.resolve("suite.yaml")), WindowSpec.parse("week"),
        "ts", null, List.of()));
    String byWeek = m.alerts().stream().filter(a -> !a.kind().equals("drift")).map(a -> a.window() + " " + a.kind() + " " + a.subject())
        .collect(Collectors.joining("\n"));
    assertThat(byWeek).isEqualTo(String.join("\n",
        "2026-W03 data_quality charges/missing",
        "2026-W05 data_quality region/out_of_domain",
        "2026-W06 data_quality charges/out_of_domain",
        "2026-W08 data_quality tenure/constant",
        "2026-W09 volume rows"));
    MonitorReport.Alert volume = m.alerts().stream().filter(a -> a.kind().equals("volume")).findFirst().orElseThrow();
    assertThat(volume.observed()).isEqualTo(350);
    // mean 707.5, population sd 23.85 of the four full reference weeks
    assertThat(volume.threshold()).isCloseTo(707.5 - 3 * Math.sqrt(568.75), within(1e-9));
    assertThat(volume.message()).contains("2026-W09: volume: 350 rows, below 636").contains("4 reference windows");
    assertThat(m.alerts().stream().filter(a -> a.kind().equals("data_quality") && a.subject().equals("region/out_of_domain")).findFirst().orElseThrow()
        .message()).contains("categories the reference never had: west");
    // the clean weeks raise nothing at all, drift included
    for (String clean : List.of("2026-W02", "2026-W04", "2026-W07")) {
      assertThat(m.alerts()).as(clean).noneMatch(a -> a.window().equals(clean));
    }
  }

  @Test
  void the_suite_fixes_the_volume_bounds_and_a_failed_criterion_asks_for_retraining_once() throws IOException {
    StringBuilder ref = new StringBuilder(HEADER);
    Random r = new Random(5);
    for (int w = 0; w < 3; w++) week(ref, LocalDate.parse("2025-11-03").plusWeeks(w), 700, Plant.NONE, r);
    Files.writeString(dir.resolve("reference.csv"), ref);
    StringBuilder log = new StringBuilder(HEADER);
    week(log, LocalDate.parse("2026-01-05"), 700, Plant.NONE, r);
    week(log, LocalDate.parse("2026-01-12"), 1300, Plant.NONE, r);
    Files.writeString(dir.resolve("log.csv"), log);
    Path suite = SmallSuite.write(dir, "  - metric: accuracy\n    min: 0.99\n");
    Files.writeString(suite, Files.readString(suite) + "monitor: {window: week, volume: {max: 1000}}\n");

    MonitorReport m = Monitor.run(new Monitor.Settings(dir.resolve("log.csv"), dir.resolve("reference.csv"), Holdout.suite(suite), WindowSpec.parse("week"),
        "ts", null, List.of()));
    List<String> kinds = m.alerts().stream().map(a -> a.window() + " " + a.kind()).toList();
    assertThat(kinds).containsExactly("2026-W02 performance", "2026-W02 retrain", "2026-W03 performance", "2026-W03 volume", "2026-W03 retrain");
    assertThat(m.alerts().get(3).message()).contains("1,300 rows, above 1,000").contains("the suite's monitor.volume");
  }

  static final String HEADER = "ts,id,region,tenure,charges,p,y\n";

  /** One week of rows spread evenly over it: region, tenure (0-59), charges (about 50 ± 10), a calibrated score and its outcome. */
  static void week(StringBuilder sb, LocalDate monday, int rows, Plant plant, Random r) {
    long start = monday.toEpochDay() * 86_400L;
    String[] regions = {"north", "south", "east"};
    for (int i = 0; i < rows; i++) {
      String ts = Instant.ofEpochSecond(start + (long) i * 7 * 86_400 / rows).toString();
      String region = plant == Plant.UNSEEN_CATEGORY && i % 10 == 0 ? "west" : regions[r.nextInt(3)];
      int tenure = plant == Plant.CONSTANT ? 12 : r.nextInt(60);
      double charges = 50 + 10 * r.nextGaussian();
      String c = plant == Plant.MISSING && i % 3 == 0 ? "" : plant == Plant.OUT_OF_RANGE && i % 10 == 0 ? "500" : String.format(Locale.ROOT, "%.3f", charges);
      double p = 0.1 + 0.8 * r.nextDouble();
      int y = r.nextDouble() < p ? 1 : 0;
      sb.append(ts).append(",id").append(sb.length()).append(',').append(region).append(',').append(tenure).append(',').append(c).append(',')
          .append(String.format(Locale.ROOT, "%.4f", p)).append(',').append(y).append('\n');
    }
  }
}
