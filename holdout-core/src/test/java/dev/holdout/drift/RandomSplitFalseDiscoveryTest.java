package dev.holdout.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Windows cut at random from one data set have not drifted, so a DRIFT on them is a false alarm.
 * examples/tickets (6,000 tickets: channel, the topic label and a multiclass model's four
 * probability columns) is split at random 500 times into a 2,000-row reference and a 500-row
 * window, each judged from profiles as {@code holdout monitor} judges a window. Six p-value tests a
 * window each at 0.05 raise an alarm in about a quarter of the windows (the issue saw 2 of 6);
 * Benjamini-Hochberg over the columns brings it to about 5%, its level.
 */
class RandomSplitFalseDiscoveryTest {
  static final int SPLITS = 500;
  static final int REFERENCE = 2_000;
  static final int WINDOW = 500;

  @Test
  void random_splits_of_the_tickets_set_raise_drift_in_at_most_five_percent_of_windows() throws IOException {
    List<String> eval = Files.readAllLines(Path.of("../examples/tickets/eval.csv"));
    List<String> vendor = Files.readAllLines(Path.of("../examples/tickets/vendor.csv"));
    int n = eval.size() - 1;
    String[][] rows = new String[n][];
    for (int i = 0; i < n; i++) {
      String[] e = eval.get(i + 1).split(",");
      String[] v = vendor.get(i + 1).split(",");
      assertThat(v[0]).isEqualTo(e[0]);
      rows[i] = new String[] {e[1], e[2], v[1], v[2], v[3], v[4]};
    }
    List<String> names = List.of("channel", "topic", "p_account", "p_billing", "p_other", "p_technical");
    boolean[] numeric = {false, false, true, true, true, true};
    DriftSettings d = DriftSettings.defaults();
    DriftSettings s = d.withRoles("topic", names.subList(2, 6), List.of()).withVerdict(d.share(), d.classifierAuc(), 0);
    SplittableRandom random = new SplittableRandom(2026);
    int drift = 0;
    int rawAlarm = 0;
    for (int split = 0; split < SPLITS; split++) {
      int[] order = shuffled(n, random);
      Profile ref = profile(rows, order, 0, REFERENCE, names, numeric);
      Profile cur = profile(rows, order, REFERENCE, REFERENCE + WINDOW, names, numeric);
      DriftReport r = SketchDrift.judge(ref, "reference", cur, "window " + split, s);
      if (r.drift()) drift++;
      if (r.columns().stream().anyMatch(c -> c.pValue() != null && c.pValue() < 0.05)) rawAlarm++;
      assertThat(r.notes()).anySatisfy(note -> assertThat(note).contains("false discovery rate 5% over 6 columns"));
    }
    System.out.printf("random splits: DRIFT in %d of %d windows at a 5%% FDR; some raw p < 0.05 in %d%n", drift, SPLITS, rawAlarm);
    assertThat(rawAlarm).as("uncorrected alarms").isGreaterThan(SPLITS / 10);
    // Under the global null, Benjamini-Hochberg's chance of any alarm is q itself for independent
    // continuous tests (at most q for ties and positive dependence), so a window's DRIFT rate is 5%
    // at most, and a count of windows scatters around it: 5% of 500 plus two binomial standard
    // deviations (sqrt(500 * 0.05 * 0.95) = 4.9) is the bar. Measured: 26 of 500 (5.2%) here,
    // 40 of 1,000 (4.0%) with a 3,000-row reference; without the adjustment 118 of 500 (24%).
    assertThat(drift).as("windows with DRIFT").isLessThanOrEqualTo((int) Math.round(0.05 * SPLITS + 2 * Math.sqrt(SPLITS * 0.05 * 0.95)));
  }

  private static Profile profile(String[][] rows, int[] order, int from, int to, List<String> names, boolean[] numeric) {
    Profile p = new Profile(names, numeric, new java.util.Random(from));
    for (int k = from; k < to; k++) {
      String[] row = rows[order[k]];
      p.row();
      for (int c = 0; c < row.length; c++) {
        if (numeric[c]) p.add(c, Double.parseDouble(row[c]));
        else p.add(c, row[c]);
      }
    }
    return p;
  }

  private static int[] shuffled(int n, SplittableRandom random) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) out[i] = i;
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
    return out;
  }
}
