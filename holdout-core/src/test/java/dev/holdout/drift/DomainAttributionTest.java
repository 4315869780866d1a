package dev.holdout.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdout.stats.Bootstrap;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The domain classifier names the column that drifted: a planted shift in one small categorical
 * column among six unchanged categorical columns of 40 values each. Summing absolute weights over a
 * column's indicators ranked the wide unchanged columns first (four of the top five in the issue's
 * planted test); permutation importance does not grow with width.
 */
class DomainAttributionTest {
  @TempDir Path dir;

  static final String[] PLANS = {"basic", "plus", "pro"};
  static final int WIDE = 6;
  static final int VALUES = 40;

  /** Rows of plan (tilted toward "pro" by {@code tilt}) and six unchanged 40-valued columns. */
  private Path window(String name, int rows, double tilt, long seed) throws IOException {
    Path p = dir.resolve(name);
    SplittableRandom r = new SplittableRandom(seed);
    try (BufferedWriter w = Files.newBufferedWriter(p)) {
      StringBuilder header = new StringBuilder("plan");
      for (int k = 0; k < WIDE; k++) header.append(",wide").append(k);
      w.write(header + "\n");
      for (int i = 0; i < rows; i++) {
        StringBuilder row = new StringBuilder(r.nextDouble() < tilt ? "pro" : PLANS[r.nextInt(PLANS.length)]);
        for (int k = 0; k < WIDE; k++) row.append(",v").append(r.nextInt(VALUES));
        w.write(row + "\n");
      }
    }
    return p;
  }

  @Test
  void the_planted_column_is_named_first_among_many_valued_unchanged_columns() throws IOException {
    DriftSettings d = DriftSettings.defaults();
    DriftSettings s = d.withVerdict(d.share(), d.classifierAuc(), 3000).withBootstrap(new Bootstrap.Settings(200, 0.95, 7));
    DriftReport r = Drift.run(window("ref.csv", 3000, 0, 1), window("cur.csv", 3000, 0.15, 2), s, new LogisticDomainClassifier());
    List<DomainCheck.ColumnImportance> top = r.domainClassifier().topColumns();
    assertThat(top).isNotEmpty();
    assertThat(top.get(0).column()).isEqualTo("plan");
    double plan = top.get(0).aucDrop();
    assertThat(plan).isGreaterThan(0.02);
    // every unchanged column tells the windows apart by less than a fifth of the planted one
    for (var t : top.subList(1, top.size())) assertThat(t.aucDrop()).as(t.column()).isLessThan(plan / 5);
  }

  @Test
  void an_id_column_is_left_out_with_a_note_when_no_suite_names_it() throws IOException {
    Path ref = dir.resolve("ref.csv");
    Path cur = dir.resolve("cur.csv");
    SplittableRandom r = new SplittableRandom(3);
    for (Path p : List.of(ref, cur)) {
      try (BufferedWriter w = Files.newBufferedWriter(p)) {
        w.write("ticket,customerId,plan\n");
        for (int i = 0; i < 1200; i++) {
          w.write(p.getFileName() + "-" + i + "," + (p == ref ? i : 5000 + i) + "," + PLANS[r.nextInt(3)] + "\n");
        }
      }
    }
    DriftSettings d = DriftSettings.defaults();
    DriftReport report = Drift.run(ref, cur, d.withVerdict(d.share(), d.classifierAuc(), 0), null);
    assertThat(report.columns()).extracting(ColumnDrift::column).containsExactly("plan");
    assertThat(report.notes()).anySatisfy(n -> assertThat(n).contains("'ticket' looks like an id (every value distinct)"));
    assertThat(report.notes()).anySatisfy(n -> assertThat(n).contains("'customerId' looks like an id (named like an id)"));
    assertThat(report.verdict()).isEqualTo("NO_DRIFT");
    // with the guess turned off (a suite names its ids) the ids are judged as features (jensen_shannon at
    // its largest, sqrt(ln 2)) and flip the verdict
    DriftReport judged = Drift.run(ref, cur, d.withVerdict(d.share(), d.classifierAuc(), 0).withIdGuess(false), null);
    assertThat(judged.columns()).extracting(ColumnDrift::column).contains("ticket", "customerId");
    assertThat(judged.verdict()).isEqualTo("DRIFT");
    ColumnDrift ticket = judged.columns().stream().filter(c -> c.column().equals("ticket")).findFirst().orElseThrow();
    assertThat(ticket.score()).isCloseTo(Math.sqrt(Math.log(2)), org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  void names_like_an_id_and_measurements_that_are_not() {
    for (String id : List.of("id", "ID", "uuid", "customer_id", "ticket-ID", "customerId", "row id", "orderUUID")) {
      assertThat(IdColumns.looksNamedLikeId(id)).as(id).isTrue();
    }
    for (String feature : List.of("paid", "valid", "squid", "idle", "identity", "width", "PAID", "fluid")) {
      assertThat(IdColumns.looksNamedLikeId(feature)).as(feature).isFalse();
    }
  }
}
