package dev.holdout.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdout.base.Progress;
import dev.holdout.base.HoldoutException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftTest {
  @TempDir Path dir;

  private static final String[] CITIES = {"paris", "lyon", "lille", "nice"};

  /** Rows of x (normal, mean shifted by {@code shift} sd), city (shares tilted toward paris by {@code tilt}) and a constant-ish flag. */
  private Path window(String name, int rows, double shift, double tilt, long seed) throws IOException {
    Path p = dir.resolve(name);
    SplittableRandom r = new SplittableRandom(seed);
    try (BufferedWriter w = Files.newBufferedWriter(p)) {
      w.write("id,x,city,flag\n");
      for (int i = 0; i < rows; i++) {
        double x = normal(r) + shift;
        int city = r.nextDouble() < tilt ? 0 : r.nextInt(CITIES.length);
        w.write(name + i + "," + String.format(Locale.ROOT, "%.6f", x) + "," + CITIES[city] + "," + r.nextInt(2) + "\n");
      }
    }
    return p;
  }

  @Test
  void a_window_against_itself_scores_zero_inside_its_interval() throws IOException {
    Path ref = window("same.csv", 3_000, 0, 0, 5);
    DriftReport r = Drift.run(ref, ref, settings(0), null);
    assertThat(r.drift()).isFalse();
    for (ColumnDrift c : r.columns()) {
      if (c.low() == null) continue;  // p-value methods have no interval
      assertThat(c.score()).as(c.column()).isZero();
      assertThat(c.low()).as(c.column()).isZero();
      assertThat(c.high()).as(c.column()).isGreaterThan(0);
    }
    assertThat(r.columns()).anySatisfy(c -> assertThat(c.method()).isEqualTo("wasserstein"));
  }

  private static double normal(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  private static DriftSettings settings(int classifierRows) {
    DriftSettings d = DriftSettings.defaults();
    return d.withRoles(null, List.of(), List.of("id")).withVerdict(d.share(), d.classifierAuc(), classifierRows)
        .withBootstrap(new dev.holdout.stats.Bootstrap.Settings(200, 0.95, 7));
  }

  private static ColumnDrift column(DriftReport r, String name) {
    return r.columns().stream().filter(c -> c.column().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void a_planted_shift_is_flagged_by_columns_and_by_the_domain_classifier() throws IOException {
    DriftReport r = Drift.run(window("ref.csv", 4000, 0, 0, 1), window("cur.csv", 4000, 0.6, 0.4, 2), settings(2000),
        new LogisticDomainClassifier());
    assertThat(column(r, "x").method()).isEqualTo("wasserstein");
    assertThat(column(r, "x").drifted()).isTrue();
    assertThat(column(r, "x").low()).isGreaterThan(0.1);
    assertThat(column(r, "city").method()).isEqualTo("jensen_shannon");
    assertThat(column(r, "city").drifted()).isTrue();
    assertThat(column(r, "flag").judgedAs()).isEqualTo("categorical");
    assertThat(column(r, "flag").drifted()).isFalse();
    assertThat(r.domainClassifier().low()).isGreaterThan(0.6);
    assertThat(r.domainClassifier().topColumns().get(0).column()).isIn("x", "city");
    assertThat(r.verdict()).isEqualTo("DRIFT");
  }

  @Test
  void an_unshifted_sample_is_not_flagged() throws IOException {
    DriftReport r = Drift.run(window("ref.csv", 4000, 0, 0, 1), window("cur.csv", 4000, 0, 0, 2), settings(2000),
        new LogisticDomainClassifier());
    assertThat(r.columns()).allSatisfy(c -> assertThat(c.drifted()).isFalse());
    assertThat(r.domainClassifier().rocAuc()).isBetween(0.45, 0.56);
    assertThat(r.domainClassifier().drifted()).isFalse();
    assertThat(r.verdict()).isEqualTo("NO_DRIFT");
  }

  @Test
  void small_windows_are_judged_by_p_value_tests() throws IOException {
    DriftReport r = Drift.run(window("ref.csv", 400, 0, 0, 1), window("cur.csv", 300, 0.5, 0, 2), settings(0), null);
    assertThat(column(r, "x").method()).isEqualTo("ks");
    assertThat(column(r, "x").pValue()).isLessThan(0.05);
    assertThat(column(r, "x").drifted()).isTrue();
    assertThat(column(r, "city").method()).isEqualTo("chi_square");
    assertThat(column(r, "city").drifted()).isFalse();
    assertThat(r.domainClassifierNote()).isEqualTo("turned off");
  }

  @Test
  void a_tiny_shift_in_a_large_sample_is_not_flagged_by_default_though_ks_would() throws IOException {
    Path ref = window("ref.csv", 300_000, 0, 0, 1);
    Path cur = window("cur.csv", 300_000, 0.02, 0.01, 2);
    DriftReport r = Drift.run(ref, cur, settings(0), null);
    ColumnDrift x = column(r, "x");
    assertThat(x.method()).isEqualTo("wasserstein");
    assertThat(x.drifted()).isFalse();
    assertThat(x.high()).isLessThan(0.1);
    assertThat(column(r, "city").drifted()).isFalse();
    assertThat(r.verdict()).isEqualTo("NO_DRIFT");

    DriftSettings ks = settings(0).withColumns(Map.of("x", new DriftSettings.ColumnRule(Method.KS, null, "test")));
    ColumnDrift byKs = column(Drift.run(ref, cur, ks, null), "x");
    assertThat(byKs.pValue()).isLessThan(0.05);
    assertThat(byKs.drifted()).isTrue();
    assertThat(byKs.note()).contains("negligible");
  }

  @Test
  void a_suite_rule_picks_the_method_and_threshold() throws IOException {
    DriftSettings s = settings(0).withColumns(Map.of("x", new DriftSettings.ColumnRule(Method.PSI, 0.5, "suite.yaml line 9, drift.columns.x")));
    ColumnDrift x = column(Drift.run(window("ref.csv", 3000, 0, 0, 1), window("cur.csv", 3000, 0.6, 0, 2), s, null), "x");
    assertThat(x.method()).isEqualTo("psi");
    assertThat(x.threshold()).isEqualTo(0.5);
    assertThat(x.basis()).isEqualTo("suite.yaml line 9, drift.columns.x");
    assertThat(x.low()).isLessThanOrEqualTo(x.score());
    assertThat(x.high()).isGreaterThanOrEqualTo(x.score());
  }

  @Test
  void a_numeric_method_on_a_categorical_column_names_the_suite_line() throws IOException {
    DriftSettings s = settings(0).withColumns(Map.of("city", new DriftSettings.ColumnRule(Method.KS, null, "suite.yaml line 9, drift.columns.city")));
    assertThatThrownBy(() -> Drift.run(window("ref.csv", 100, 0, 0, 1), window("cur.csv", 100, 0, 0, 2), s, null))
        .isInstanceOf(HoldoutException.BadSuite.class)
        .hasMessageContaining("suite.yaml line 9, drift.columns.city: method ks needs a numeric column");
  }

  @Test
  void a_column_missing_on_one_side_is_bad_data() throws IOException {
    Path ref = Files.writeString(dir.resolve("r.csv"), "a,b\n1,x\n2,y\n");
    Path cur = Files.writeString(dir.resolve("c.csv"), "a\n1\n2\n");
    assertThatThrownBy(() -> Drift.run(ref, cur, settings(0), null)).isInstanceOf(HoldoutException.BadData.class)
        .hasMessageContaining("c.csv: no column 'b'");
  }

  @Test
  void a_type_change_names_the_file_line_and_column() throws IOException {
    Path ref = Files.writeString(dir.resolve("r.csv"), "a,b\n1,x\n2,y\n");
    Path cur = Files.writeString(dir.resolve("c.csv"), "a,b\n1,x\nlots,y\n");
    assertThatThrownBy(() -> Drift.run(ref, cur, settings(0), null)).isInstanceOf(HoldoutException.BadData.class)
        .hasMessageContaining("c.csv line 3, column 'a': expected a number, found 'lots'")
        .hasMessageContaining("type change");
  }

  @Test
  void an_unparseable_value_in_a_numeric_reference_column_names_where() throws IOException {
    Path ref = Files.writeString(dir.resolve("r.csv"), "a\n1\n\nNA\n2,5\n");
    Path cur = Files.writeString(dir.resolve("c.csv"), "a\n1\n");
    assertThatThrownBy(() -> Drift.run(ref, cur, settings(0), null)).isInstanceOf(HoldoutException.BadData.class)
        .hasMessageContaining("r.csv line");
  }

  @Test
  void an_empty_window_is_reported_as_empty_not_as_drift() throws IOException {
    Path ref = Files.writeString(dir.resolve("r.csv"), "a\n1\n2\n");
    Path cur = Files.writeString(dir.resolve("c.csv"), "a\n");
    assertThatThrownBy(() -> Drift.run(ref, cur, settings(0), null)).isInstanceOf(HoldoutException.BadData.class)
        .hasMessageContaining("no rows (an empty window)");
  }

  @Test
  void a_column_empty_on_one_side_is_not_judged() throws IOException {
    Path ref = Files.writeString(dir.resolve("r.csv"), "a,b\n1,\n2,\n");
    Path cur = Files.writeString(dir.resolve("c.csv"), "a,b\n1,3\n2,4\n");
    DriftReport r = Drift.run(ref, cur, settings(0), null);
    assertThat(column(r, "b").drifted()).isNull();
    assertThat(column(r, "b").note()).contains("no values");
  }

  @Test
  void missing_values_are_counted_and_left_out_of_the_distribution() throws IOException {
    // a blank line is skipped as no row, so the empty value sits beside another column
    Path ref = Files.writeString(dir.resolve("r.csv"), "a,b\n1,x\n2,x\nNA,x\n3,x\n");
    Path cur = Files.writeString(dir.resolve("c.csv"), "a,b\n1,x\n,x\n2,x\n3,x\n");
    ColumnDrift a = column(Drift.run(ref, cur, settings(0), null), "a");
    assertThat(a.referenceMissing()).isEqualTo(1);
    assertThat(a.currentMissing()).isEqualTo(1);
    assertThat(a.drifted()).isFalse();
  }

  @Test
  void large_windows_are_judged_exactly_and_repeat_run_to_run() throws IOException {
    Path ref = window("ref.csv", 150_000, 0, 0, 1);
    Path cur = window("cur.csv", 150_000, 0.2, 0.1, 2);
    DriftReport r = Drift.run(ref, cur, settings(0), null);
    ColumnDrift x = column(r, "x");
    assertThat(x.method()).isEqualTo("wasserstein");
    assertThat(x.computed()).isEqualTo("exact");
    assertThat(column(r, "city").computed()).isEqualTo("exact");
    assertThat(column(r, "flag").computed()).isEqualTo("exact");  // two values: judged by shares
    WindowColumns w = WindowColumns.read(ref, cur, java.util.Set.of("id"), java.util.Set.of());
    WindowColumns.Column c = w.columns().stream().filter(k -> k.name().equals("x")).findFirst().orElseThrow();
    double[] a = c.reference.toArray();
    double[] b = c.current.toArray();
    java.util.Arrays.sort(a);
    java.util.Arrays.sort(b);
    assertThat(x.score()).isEqualTo(TwoSample.wasserstein(a, b) / TwoSample.std(a));
    assertThat(x.ksStatistic()).isEqualTo(TwoSample.ksStatistic(a, b));
    assertThat(x.low()).isLessThanOrEqualTo(x.score());
    assertThat(x.high()).isGreaterThanOrEqualTo(x.score());
    assertThat(Drift.run(ref, cur, settings(0), null).columns()).isEqualTo(r.columns());
    DriftSettings ks = settings(0).withColumns(Map.of("x", new DriftSettings.ColumnRule(Method.KS, null, "suite.yaml line 3, drift.columns.x")));
    ColumnDrift p = column(Drift.judge(w, ks, null), "x");
    assertThat(p.method()).isEqualTo("ks");
    assertThat(p.computed()).isEqualTo("exact");
    assertThat(p.statistic()).isEqualTo(TwoSample.ksStatistic(a, b));
  }

  @Test
  void a_large_column_with_ties_and_both_zeros_matches_scipy() {
    // /usr/bin/python3, SciPy 1.10.1, NumPy 1.24.2:
    //   a = np.array([-0.0 if i % 1000 == 0 else ((i * 7919) % 10007 - 5003) / 100.0 for i in range(200_000)])
    //   b = np.array([-0.0 if j % 777 == 0 else ((j * 104729) % 9973 - 4000) / 100.0 for j in range(150_000)])
    //   ks_2samp(a, b).statistic -> 0.100135; wasserstein_distance(a, b) / np.std(a) -> 0.341040764616367
    WindowColumns.Column c = new WindowColumns.Column("x", true);
    double[] a = new double[200_000];
    double[] b = new double[150_000];
    for (int i = 0; i < a.length; i++) a[i] = i % 1000 == 0 ? -0.0 : ((i * 7919L) % 10007 - 5003) / 100.0;
    for (int j = 0; j < b.length; j++) b[j] = j % 777 == 0 ? -0.0 : ((j * 104729L) % 9973 - 4000) / 100.0;
    c.reference = NumberColumn.of(a);
    c.current = NumberColumn.of(b);
    ColumnDrift d = Drift.column(c, settings(0));
    assertThat(d.method()).isEqualTo("wasserstein");
    assertThat(d.score()).isCloseTo(0.341040764616367, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(d.ksStatistic()).isCloseTo(0.100135, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(d.low()).isLessThan(d.score());
    assertThat(d.high()).isGreaterThan(d.score());
  }

  @Test
  void a_shift_within_one_slice_group_is_flagged_in_that_group_only() throws IOException {
    // x moves by one sd in lyon only: diluted to a quarter overall, and absent from the other cities
    SplittableRandom r = new SplittableRandom(9);
    StringBuilder ref = new StringBuilder("id,city,x,y\n");
    StringBuilder cur = new StringBuilder("id,city,x,y\n");
    for (int i = 0; i < 8_000; i++) {
      int city = i % CITIES.length;
      ref.append('r').append(i).append(',').append(CITIES[city]).append(',').append(String.format(Locale.ROOT, "%.5f", normal(r)))
          .append(',').append(String.format(Locale.ROOT, "%.5f", normal(r))).append('\n');
      double shift = CITIES[city].equals("lyon") ? 1.0 : 0;
      cur.append('c').append(i).append(',').append(CITIES[city]).append(',').append(String.format(Locale.ROOT, "%.5f", normal(r) + shift))
          .append(',').append(String.format(Locale.ROOT, "%.5f", normal(r))).append('\n');
    }
    Path a = Files.writeString(dir.resolve("ref.csv"), ref);
    Path b = Files.writeString(dir.resolve("cur.csv"), cur);
    DriftReport report = Drift.run(a, b, settings(0), null, List.of("city", "nope"), Progress.NONE);
    assertThat(report.slices()).containsOnlyKeys("city");
    Map<String, DriftReport.SliceGroup> groups = report.slices().get("city");
    assertThat(groups).containsOnlyKeys("lille", "lyon", "nice", "paris");
    assertThat(groups.get("lyon").verdict()).isEqualTo("DRIFT");
    assertThat(groups.get("lyon").driftedColumns()).containsExactly("x");
    assertThat(groups.get("lyon").referenceRows()).isEqualTo(2_000);
    for (String city : List.of("lille", "nice", "paris")) {
      assertThat(groups.get(city).verdict()).as(city).isEqualTo("NO_DRIFT");
      assertThat(groups.get(city).driftedColumns()).as(city).isEmpty();
    }
    assertThat(groups.get("lyon").columns()).extracting(ColumnDrift::column).containsExactly("x", "y");
    assertThat(report.notes()).anyMatch(n -> n.contains("'nope' is not in both windows"));
  }

  @Test
  void windows_judged_from_profiles_agree_with_holdout_drift_while_the_sketches_hold_every_value() throws IOException {
    Path ref = window("ref.csv", 2_500, 0, 0, 1);
    Path cur = window("cur.csv", 600, 0.5, 0.3, 2);
    DriftReport direct = Drift.run(ref, cur, settings(0), null);
    Profile rp = new Profile(List.of("x", "city", "flag"), new boolean[] {true, false, true});
    Profile cp = new Profile(List.of("x", "city", "flag"), new boolean[] {true, false, true});
    for (Path file : List.of(ref, cur)) {
      Profile p = file == ref ? rp : cp;
      List<String> lines = Files.readAllLines(file);
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.split(",");
        p.row();
        p.add(0, Double.parseDouble(f[1]));
        p.add(1, f[2]);
        p.add(2, Double.parseDouble(f[3]));
      }
    }
    DriftReport sketched = SketchDrift.judge(rp, ref.toString(), cp, cur.toString(), settings(0));
    for (String name : List.of("x", "city", "flag")) {
      ColumnDrift d = column(direct, name);
      ColumnDrift s = column(sketched, name);
      assertThat(s.method()).as(name).isEqualTo(d.method());
      assertThat(s.score()).as(name).isCloseTo(d.score(), org.assertj.core.api.Assertions.within(1e-12));
      assertThat(s.drifted()).as(name).isEqualTo(d.drifted());
    }
    assertThat(sketched.verdict()).isEqualTo(direct.verdict());
    assertThat(sketched.domainClassifier()).isNull();
  }
}
