package dev.holdout.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdout.Holdout;
import dev.holdout.drift.DriftSettings;
import dev.holdout.drift.Profile;
import dev.holdout.evaluation.LabeledRows;
import dev.holdout.suite.Suite;
import dev.holdout.suite.SuiteDrift;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WindowJudgeTest {
  @TempDir Path dir;
  Suite suite;
  ReferenceProfile reference;
  WindowJudge judge;

  @BeforeEach
  void aReferenceOfAThousandRows() throws IOException {
    StringBuilder b = new StringBuilder("id,x\n");
    for (int i = 0; i < 1000; i++) b.append("r").append(i).append(',').append(i % 100).append('\n');
    Path ref = Files.writeString(dir.resolve("reference.csv"), b);
    suite = Holdout.suite(SmallSuite.write(dir, """
          - id: acc
            metric: accuracy
            min: 0.9
            at: point
        """));
    DriftSettings fromSuite = SuiteDrift.settings(suite, suite.file(), List.of());
    DriftSettings drift = fromSuite.withVerdict(fromSuite.share(), fromSuite.classifierAuc(), 0);
    reference = ReferenceProfile.read(ref, Set.of("id"), List.of(), new Random(1));
    judge = new WindowJudge(WindowSpec.parse("1000-rows"), reference, "reference.csv", drift, suite, new LabelCodes(suite.task(), "1"),
        dir.resolve("log.csv"));
  }

  /** A window of 1,000 rows whose x is {@code i % 100 + shift}, every row labeled positive and scored {@code score}. */
  private OpenWindow window(double shift, double score) {
    List<String> names = reference.profile().names();
    OpenWindow w = new OpenWindow(0, new Profile(names, reference.numericFlags()), new SliceProfiles(List.of(), names, reference.numericFlags(), null),
        new LabeledRows(suite, false), new Cbpe(0.5));
    for (int i = 0; i < 1000; i++) {
      w.profile.row();
      w.profile.add(0, i % 100 + shift);
      w.labeled.addBinary(true, score, Double.NaN, new CharSequence[0]);
      w.cbpe.add(score);
      w.rows++;
    }
    w.flush();
    return w;
  }

  @Test
  void a_window_like_the_reference_and_scored_right_raises_nothing() {
    MonitorReport.WindowResult r = judge.judge(window(0, 0.9));
    assertThat(r.driftVerdict()).isEqualTo("NO_DRIFT");
    assertThat(r.labeledRows()).isEqualTo(1000);
    assertThat(r.verdict()).isEqualTo("ACCEPTED");
    assertThat(judge.alerts(r)).isEmpty();
  }

  @Test
  void a_shifted_window_scored_wrong_raises_a_drift_a_performance_and_a_retrain_alert() {
    MonitorReport.WindowResult r = judge.judge(window(60, 0.1));
    assertThat(r.driftVerdict()).isEqualTo("DRIFT");
    List<MonitorReport.Alert> alerts = judge.alerts(r);
    assertThat(alerts).extracting(MonitorReport.Alert::kind).containsExactly("drift", "performance", "retrain");
    assertThat(alerts.get(1).message()).contains(": acc FAIL on 1,000 labeled rows: ").contains("observed 0.0000");
    assertThat(alerts.get(2).subject()).isEqualTo("acc");
    assertThat(alerts.get(2).message()).contains("retrain: realized acc crossed the suite's bar");
  }
}
