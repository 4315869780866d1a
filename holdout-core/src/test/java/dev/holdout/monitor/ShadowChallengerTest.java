package dev.holdout.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.holdout.Holdout;
import dev.holdout.base.HoldoutException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A challenger's scores riding along in the log are judged beside the champion's on the same labeled rows, paired. */
class ShadowChallengerTest {
  @TempDir Path dir;

  @Test
  void each_window_pairs_the_challenger_with_the_champion_on_the_same_rows() throws IOException {
    // the champion's score carries the outcome's signal; in week 1 the challenger's is as good, in week 2 it is noise
    Random r = new Random(11);
    StringBuilder log = new StringBuilder("ts,id,x,p,p_b,y\n");
    StringBuilder ref = new StringBuilder("id,x,p,y\n");
    for (int i = 0; i < 4000; i++) {
      int y = r.nextDouble() < 0.4 ? 1 : 0;
      double p = Math.min(1, Math.max(0, (y == 1 ? 0.65 : 0.35) + 0.25 * r.nextGaussian()));
      double noise = r.nextDouble();
      double pb = i < 2000 ? Math.min(1, Math.max(0, (y == 1 ? 0.65 : 0.35) + 0.25 * r.nextGaussian())) : noise;
      double x = r.nextGaussian();
      long at = Instant.parse("2026-01-05T00:00:00Z").getEpochSecond() + (long) i * 14 * 86_400 / 4000;
      log.append(Instant.ofEpochSecond(at)).append(",l").append(i).append(',').append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%d%n", x, p, pb, y));
      ref.append("c").append(i).append(',').append(String.format(Locale.ROOT, "%.4f,%.4f,%d%n", r.nextGaussian(), p, y));
    }
    Files.writeString(dir.resolve("log.csv"), log);
    Files.writeString(dir.resolve("reference.csv"), ref);
    Path suite = SmallSuite.write(dir, "");
    Files.writeString(suite, Files.readString(suite) + "primary_metric: roc_auc\nmonitor: {window: week, challenger: {name: model-b, score: p_b}}\n");

    MonitorReport m = Monitor.run(new Monitor.Settings(dir.resolve("log.csv"), dir.resolve("reference.csv"), Holdout.suite(suite), WindowSpec.parse("week"),
        "ts", null, List.of()));
    assertThat(m.windows()).hasSize(2);
    for (MonitorReport.WindowResult w : m.windows()) {
      MonitorReport.Challenger c = w.challenger();
      assertThat(c.name()).isEqualTo("model-b");
      assertThat(c.metric()).isEqualTo("roc_auc");
      assertThat(c.labeledRows()).isEqualTo(w.labeledRows()).isEqualTo(2000);
      // the champion's side is the window's own figure: the same rows
      assertThat(c.champion().value()).isCloseTo(w.metrics().get("roc_auc").value(), within(1e-12));
      assertThat(c.difference().value()).isCloseTo(c.challenger().value() - c.champion().value(), within(1e-12));
      assertThat(c.difference().ci().get(0)).isLessThanOrEqualTo(c.difference().value());
      assertThat(c.difference().ci().get(1)).isGreaterThanOrEqualTo(c.difference().value());
    }
    assertThat(m.windows().get(0).challenger().verdict()).isEqualTo("no difference shown");
    assertThat(m.windows().get(1).challenger().verdict()).isEqualTo("champion better");
    assertThat(m.windows().get(1).challenger().challenger().value()).isBetween(0.45, 0.55);
  }

  @Test
  void a_challenger_column_the_log_lacks_is_refused_with_advice() throws IOException {
    Files.writeString(dir.resolve("log.csv"), "id,x,p,y\nl1,0.1,0.5,1\n");
    Files.writeString(dir.resolve("reference.csv"), "id,x,p,y\nc1,0.1,0.5,1\n");
    Path suite = SmallSuite.write(dir, "");
    Files.writeString(suite, Files.readString(suite) + "monitor: {window: 10-rows, challenger: {score: p_b}}\n");
    assertThatThrownBy(() -> Monitor.run(new Monitor.Settings(dir.resolve("log.csv"), dir.resolve("reference.csv"), Holdout.suite(suite),
        WindowSpec.parse("10-rows"), null, null, List.of())))
        .isInstanceOf(HoldoutException.class).hasMessageContaining("no column 'p_b'").hasMessageContaining("monitor.challenger");
  }
}
