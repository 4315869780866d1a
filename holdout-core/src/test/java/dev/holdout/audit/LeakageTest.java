package dev.holdout.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LeakageTest {
  /** Every positive against every negative, ties half: obviously correct and quadratic. */
  private static double slowAuc(double[] s, boolean[] y) {
    double u = 0;
    long pairs = 0;
    for (int i = 0; i < s.length; i++) {
      for (int j = 0; j < s.length; j++) {
        if (!y[i] || y[j] || Double.isNaN(s[i]) || Double.isNaN(s[j])) continue;
        pairs++;
        u += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
      }
    }
    return u / pairs;
  }

  @Test
  void roc_auc_with_ties_and_missing_scores_equals_the_pairwise_count() {
    SplittableRandom r = new SplittableRandom(11);
    for (int round = 0; round < 20; round++) {
      int n = 50 + r.nextInt(200);
      double[] s = new double[n];
      boolean[] y = new boolean[n];
      for (int i = 0; i < n; i++) {
        y[i] = r.nextDouble() < 0.3;
        s[i] = r.nextDouble() < 0.05 ? Double.NaN : r.nextInt(8) + (y[i] ? 1 : 0);
      }
      assertThat(Leakage.rocAuc(s, y, n)).isCloseTo(slowAuc(s, y), org.assertj.core.api.Assertions.within(1e-12));
    }
  }

  @Test
  void one_class_roc_auc_is_undefined() {
    assertThat(Leakage.rocAuc(new double[] {1, 2, 3}, new boolean[] {true, true, true}, 3)).isNaN();
  }

  @Test
  void profiles_from_worker_threads_equal_a_single_threaded_pass() throws Exception {
    java.nio.file.Path f = java.nio.file.Files.createTempFile("workers", ".csv");
    StringBuilder sb = new StringBuilder("a,b,c\n");
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 3 * ProfileWorkers.BATCH + 17; i++) {
      sb.append(r.nextInt(50)).append(',').append(r.nextDouble() < 0.1 ? "" : "v" + r.nextInt(20)).append(',')
          .append(i == 9000 ? "odd" : Integer.toString(i)).append('\n');
    }
    java.nio.file.Files.writeString(f, sb);
    ColumnProfiler[] one = {new ColumnProfiler("a"), new ColumnProfiler("b"), new ColumnProfiler("c")};
    ColumnProfiler[] two = {new ColumnProfiler("a"), new ColumnProfiler("b"), new ColumnProfiler("c")};
    try (var reader = dev.holdout.data.RecordReaders.open(f)) {
      while (reader.next()) for (int c = 0; c < 3; c++) one[c].add(reader.text(c), reader::position);
    }
    try (var reader = dev.holdout.data.RecordReaders.open(f)) {
      ProfileWorkers w = new ProfileWorkers(reader, new int[] {0, 1, 2}, two, 2);
      while (reader.next()) w.add(reader);
      w.finish();
    }
    for (int c = 0; c < 3; c++) {
      ColumnProfile a = one[c].profile();
      ColumnProfile b = two[c].profile();
      assertThat(b.topCategories()).isEqualTo(a.topCategories());
      assertThat(b.missing()).isEqualTo(a.missing());
      assertThat(b.distinct()).isEqualTo(a.distinct());
      assertThat(b.firstMinorityPosition()).isEqualTo(a.firstMinorityPosition());
    }
    assertThat(two[2].profile().firstMinorityPosition()).isEqualTo("line 9002");
    java.nio.file.Files.delete(f);
  }

  @Test
  void codedMappingPurityEqualsTheStringOne() {
    SplittableRandom r = new SplittableRandom(3);
    for (int distinct : new int[] {1, 2, 5, 40, 3000}) {
      int n = 20_000;
      String[] values = new String[n];
      int[] codes = new int[n];
      int[] label = new int[n];
      for (int i = 0; i < n; i++) {
        codes[i] = r.nextInt(distinct);
        values[i] = "v" + codes[i];
        label[i] = r.nextInt(10) == 0 ? -1 : (codes[i] % 3 == 0 || r.nextInt(50) == 0 ? 1 : 0);
      }
      double a = Leakage.mappingPurity(values, label, n, 2);
      double b = Leakage.mappingPurity(codes, distinct, label, n, 2);
      assertThat(Double.compare(a, b)).as("distinct %d: %s vs %s", distinct, a, b).isZero();
    }
  }

  @Test
  void longIntTableCountsAndKeepsTheFirstRow() {
    LongIntTable t = new LongIntTable(4);
    SplittableRandom r = new SplittableRandom(5);
    java.util.Map<Long, int[]> expected = new java.util.HashMap<>();
    for (int row = 0; row < 50_000; row++) {
      long key = r.nextInt(3) == 0 ? r.nextInt(2000) : r.nextLong();
      int[] e = expected.computeIfAbsent(key, k -> new int[] {-1, 0});
      int first = t.add(key, row);
      if (e[0] < 0) e[0] = row;
      e[1]++;
      assertThat(first).isEqualTo(e[0]);
    }
    assertThat(t.size()).isEqualTo(expected.size());
    expected.forEach((k, e) -> {
      assertThat(t.firstRow(k)).isEqualTo(e[0]);
      assertThat(t.count(k)).isEqualTo(e[1]);
    });
    assertThat(t.firstRow(123_456_789_012L)).isEqualTo(expected.containsKey(123_456_789_012L) ? expected.get(123_456_789_012L)[0] : -1);
  }
}
