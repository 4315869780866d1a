package dev.holdout.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdout.base.HoldoutException;
import dev.holdout.metric.Task;
import dev.holdout.render.AuditText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditTest {
  @TempDir Path dir;

  private static final String[] WORDS = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa "
      + "quebec romeo sierra tango uniform victor whiskey xray yankee zulu amber basil cedar dune ember fern").split(" ");

  private static String sentence(SplittableRandom r, int words) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < words; i++) sb.append(i == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]).append(r.nextInt(100));
    return sb.toString();
  }

  /** A clean binary set: id, two categorical, one numeric with signal but no leak, a text column. */
  private Path clean(String name, int rows, long seed, int idFrom) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder("id,region,plan,tenure,note,churned\n");
    for (int i = 0; i < rows; i++) {
      int y = r.nextDouble() < 0.3 ? 1 : 0;
      double tenure = Math.round((20 + 10 * r.nextGaussian() - 5 * y) * 10) / 10.0;
      sb.append("C").append(idFrom + i).append(',').append(List.of("north", "south", "east").get(r.nextInt(3))).append(',')
          .append(List.of("basic", "premium").get(r.nextInt(2))).append(',').append(tenure).append(',')
          .append(sentence(r, 30)).append(',').append(y).append('\n');
    }
    Path p = dir.resolve(name);
    Files.writeString(p, sb);
    return p;
  }

  private static List<Finding> of(AuditReport a, String check) {
    return a.findings().stream().filter(f -> f.check().equals(check)).toList();
  }

  @Test
  void a_clean_set_has_no_blocker_and_is_ready() throws IOException {
    AuditReport a = Audit.run(AuditSettings.of(clean("eval.csv", 2000, 1, 0), null, "id", "churned", null));
    assertThat(a.findings()).noneMatch(f -> f.severity() == Severity.BLOCKER);
    assertThat(a.verdict()).isEqualTo("READY");
    assertThat(a.roles().task()).isEqualTo("binary_classification");
  }

  @Test
  void two_runs_give_the_same_report() throws IOException {
    // 12,000 rows: past the distinct-count limit (ids) and far past the 200 numbers a KLL sketch of k = 200 holds, so a sketch
    // compacting with an unseeded random would give different shift figures from run to run
    Path eval = clean("eval.csv", 12_000, 11, 0);
    Path train = clean("train.csv", 12_000, 12, 100_000);
    AuditReport first = Audit.run(AuditSettings.of(eval, train, "id", "churned", null));
    AuditReport second = Audit.run(AuditSettings.of(eval, train, "id", "churned", null));
    assertThat(first.shift()).extracting(Shift.ColumnShift::column).contains("tenure");
    assertThat(first.columns().get(0).distinctExact()).isFalse();
    assertThat(second).isEqualTo(first);
  }

  @Test
  void a_semicolon_separated_file_is_refused_as_evaluate_refuses_it() throws IOException {
    Path p = Files.writeString(dir.resolve("eval.csv"), "id;x;y\n1;0,5;1\n2;0,7;0\n");
    assertThatThrownBy(() -> Audit.run(AuditSettings.of(p, null, null, null, null)))
        .isInstanceOf(HoldoutException.class)
        .hasMessage(p + ": the header is one column 'id;x;y', so the file seems to be separated by ';'; export it with commas as .csv "
            + "(in a spreadsheet: CSV UTF-8), or with tabs as .tsv");
    Path train = Files.writeString(dir.resolve("train.csv"), "id;x;y\n3;0,1;1\n");
    assertThatThrownBy(() -> Audit.run(AuditSettings.of(clean("ok.csv", 50, 1, 0), train, "id", "churned", null)))
        .isInstanceOf(HoldoutException.class).hasMessageStartingWith(train + ": the header is one column 'id;x;y'");
  }

  @Test
  void the_distinct_count_of_a_column_of_unique_values_never_exceeds_the_rows() throws IOException {
    // the HyperLogLog estimate of 20,000 distinct integers is 20,051; a count above the rows is impossible
    StringBuilder sb = new StringBuilder("n,y\n");
    for (int i = 0; i < 20_000; i++) sb.append(i).append(',').append(i % 2).append('\n');
    AuditReport a = Audit.run(AuditSettings.of(Files.writeString(dir.resolve("eval.csv"), sb), null, null, "y", null));
    assertThat(a.columns().get(0).distinctExact()).isFalse();
    assertThat(a.columns().get(0).distinct()).isBetween(19_000L, 20_000L);
  }

  @Test
  void column_profiles_infer_types_and_summaries() throws IOException {
    AuditReport a = Audit.run(AuditSettings.of(clean("eval.csv", 2000, 1, 0), null, "id", "churned", null));
    assertThat(a.columns()).extracting(ColumnProfile::type).containsExactly(ColumnType.CATEGORICAL, ColumnType.CATEGORICAL,
        ColumnType.CATEGORICAL, ColumnType.NUMERIC, ColumnType.TEXT, ColumnType.BOOLEAN);
    ColumnProfile region = a.columns().get(1);
    assertThat(region.distinct()).isEqualTo(3);
    assertThat(region.distinctExact()).isTrue();
    ColumnProfile.NumericSummary t = a.columns().get(3).numeric();
    assertThat(t.min()).isLessThanOrEqualTo(t.q1());
    assertThat(t.q1()).isLessThanOrEqualTo(t.median());
    assertThat(t.median()).isBetween(14.0, 22.0);
  }

  @Test
  void a_leak_column_is_flagged_as_a_blocker() throws IOException {
    Path p = clean("eval.csv", 2000, 2, 0);
    List<String> lines = Files.readAllLines(p);
    StringBuilder sb = new StringBuilder(lines.get(0) + ",days_since_cancel,churn_reason\n");
    SplittableRandom r = new SplittableRandom(3);
    for (String line : lines.subList(1, lines.size())) {
      boolean y = line.endsWith(",1");
      sb.append(line).append(',').append(y ? r.nextInt(1, 30) : -1).append(',').append(y ? List.of("price", "service").get(r.nextInt(2)) : "none").append('\n');
    }
    Files.writeString(p, sb);
    AuditReport a = Audit.run(AuditSettings.of(p, null, "id", "churned", null));
    assertThat(of(a, "leakage.separates")).extracting(Finding::column).containsExactly("days_since_cancel");
    assertThat(of(a, "leakage.mapping")).extracting(Finding::column).containsExactly("churn_reason");
    assertThat(of(a, "leakage.named_like_label")).extracting(Finding::column).containsExactly("churn_reason");
    assertThat(a.verdict()).isEqualTo("NOT_READY");
  }

  @Test
  void duplicated_and_missing_ids_and_labels_are_blockers() throws IOException {
    Path p = dir.resolve("eval.csv");
    Files.writeString(p, "id,x,y\nA,1,0\nB,2,1\nA,3,0\n,4,1\nC,5,\n" + "D,6,0\n".repeat(0));
    AuditReport a = Audit.run(AuditSettings.of(p, null, "id", "y", Task.BINARY_CLASSIFICATION));
    assertThat(a.ids().duplicateRows()).isEqualTo(1);
    assertThat(a.ids().missing()).isEqualTo(1);
    assertThat(a.labels().missing()).isEqualTo(1);
    assertThat(of(a, "ids.duplicated").get(0).examples()).containsExactly("id 'A' at line 2 and line 4");
    assertThat(of(a, "labels.rare_class")).hasSize(2);
  }

  @Test
  void identical_feature_rows_with_different_labels_are_counted() throws IOException {
    Path p = dir.resolve("eval.csv");
    Files.writeString(p, "id,x,z,y\n1,a,1,0\n2,a,1,1\n3,a,1,0\n4,b,2,0\n5,b,2,0\n6,c,3,1\n");
    AuditReport a = Audit.run(AuditSettings.of(p, null, "id", "y", Task.BINARY_CLASSIFICATION));
    assertThat(a.consistency().conflictingRows()).isEqualTo(3);
    assertThat(a.consistency().duplicateFeatureRows()).isEqualTo(3);
    assertThat(of(a, "consistency.conflicting_labels").get(0).examples()).containsExactly("id '1' (line 2) is '0', id '2' (line 3) is '1'");
  }

  @Test
  void an_exact_duplicate_of_a_training_row_is_found_by_hash_and_by_id() throws IOException {
    Path eval = clean("eval.csv", 500, 4, 0);
    Path train = clean("train.csv", 3000, 5, 10_000);
    List<String> e = Files.readAllLines(eval);
    List<String> t = new java.util.ArrayList<>(Files.readAllLines(train));
    // the same features under another id, and the same id with other features
    t.add("X1," + e.get(1).substring(e.get(1).indexOf(',') + 1));
    t.add(e.get(2).substring(0, e.get(2).indexOf(',')) + ",west,basic,1.0,nothing alike here,0");
    Files.write(train, t);
    AuditReport a = Audit.run(AuditSettings.of(eval, train, "id", "churned", null));
    assertThat(a.contamination().sameFeatures()).isEqualTo(1);
    assertThat(a.contamination().sameId()).isEqualTo(1);
    assertThat(a.contamination().anyOverlap()).isEqualTo(2);
    assertThat(of(a, "contamination.same_features").get(0).examples().get(0)).contains("id 'C0'").contains("train.csv line 3002");
  }

  @Test
  void near_duplicate_text_is_found_by_minhash_with_a_documented_miss_rate() throws IOException {
    // 40 evaluation notes copied into training with one word in 30 changed: Jaccard of bigram shingles is about 0.9.
    // LSH misses a pair at J = 0.9 with probability 0.012%, so all 40 are found unless about 1 run in 200 (fixed seeds: deterministic).
    Path eval = clean("eval.csv", 400, 6, 0);
    Path train = clean("train.csv", 2000, 7, 10_000);
    List<String> e = Files.readAllLines(eval);
    List<String> t = new java.util.ArrayList<>(Files.readAllLines(train));
    int planted = 0;
    for (int i = 1; i <= 40; i++) {
      String[] f = e.get(i).split(",");
      String[] words = f[4].split(" ");
      words[words.length - 1] = "changed";
      t.add("T" + i + ",south,premium,99.9," + String.join(" ", words) + ",0");
      long[] a = MinHash.shingles(f[4]);
      long[] b = MinHash.shingles(String.join(" ", words));
      assertThat(MinHash.jaccard(a, b)).isGreaterThanOrEqualTo(0.9);
      planted++;
    }
    Files.write(train, t);
    AuditReport a = Audit.run(AuditSettings.of(eval, train, "id", "churned", null));
    assertThat(a.contamination().textColumns()).containsExactly("note");
    assertThat(a.contamination().nearDuplicateText()).isEqualTo(planted);
    assertThat(a.contamination().sameFeatures()).isZero();
  }

  @Test
  void texts_are_compared_column_by_column() throws IOException {
    // A copied complaint with a different, longer reply: joined, the two texts are far apart; the
    // complaint column alone is a near duplicate. Texts copied across columns do not count.
    java.util.Random r = new java.util.Random(8);
    String[] vocab = "account billing late password refund roaming abroad discount channel upgrade contract router signal outage invoice".split(" ");
    java.util.function.IntFunction<String> text = n -> {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < n; i++) b.append(i == 0 ? "" : " ").append(vocab[r.nextInt(vocab.length)]).append(r.nextInt(50));
      return b.toString();
    };
    StringBuilder e = new StringBuilder("id,complaint,reply,y\n");
    StringBuilder t = new StringBuilder("id,complaint,reply,y\n");
    String copied = null;
    String crossed = null;
    for (int i = 0; i < 300; i++) {
      String c = text.apply(30);
      String rep = text.apply(30);
      e.append('E').append(i).append(',').append(c).append(',').append(rep).append(',').append(i % 2).append('\n');
      if (i == 5) copied = c;
      if (i == 9) crossed = c;
    }
    for (int i = 0; i < 300; i++) t.append('T').append(i).append(',').append(text.apply(30)).append(',').append(text.apply(30)).append(",0\n");
    t.append("T900,").append(copied).append(',').append(text.apply(90)).append(",1\n");
    t.append("T901,").append(text.apply(30)).append(',').append(crossed).append(",1\n");
    Path eval = Files.writeString(dir.resolve("eval.csv"), e);
    Path train = Files.writeString(dir.resolve("train.csv"), t);
    AuditReport a = Audit.run(AuditSettings.of(eval, train, "id", "y", null));
    assertThat(a.contamination().textColumns()).containsExactly("complaint", "reply");
    assertThat(a.contamination().nearDuplicateText()).isEqualTo(1);
    assertThat(of(a, "contamination.near_duplicate_text").get(0).examples()).singleElement().asString()
        .contains("id 'E5'").contains("in 'complaint'").contains("Jaccard 1");
  }

  @Test
  void repeated_evaluation_notes_each_count_and_texts_below_the_threshold_do_not() throws IOException {
    // The evaluation texts are indexed and the training texts streamed against them: identical
    // evaluation notes share one index entry and must all be reported; a copy with 4 changed
    // words of 30 (Jaccard well under 0.9) must not.
    Path eval = clean("eval.csv", 300, 12, 0);
    List<String> e = new java.util.ArrayList<>(Files.readAllLines(eval));
    String[] first = e.get(1).split(",");
    String[] second = e.get(2).split(",");
    for (int k = 0; k < 3; k++) e.add("R" + k + ",north,basic,10.0," + first[4] + ",0");
    Files.write(eval, e);
    Path train = clean("train.csv", 1000, 13, 10_000);
    List<String> t = new java.util.ArrayList<>(Files.readAllLines(train));
    String[] words = first[4].split(" ");
    words[words.length - 1] = "changed";
    t.add("T1,south,premium,99.9," + String.join(" ", words) + ",0");
    String[] far = second[4].split(" ");
    for (int k = 0; k < 4; k++) far[k * 7] = "other" + k;
    assertThat(MinHash.jaccard(MinHash.shingles(second[4]), MinHash.shingles(String.join(" ", far)))).isLessThan(0.9);
    t.add("T2,south,premium,99.9," + String.join(" ", far) + ",0");
    Files.write(train, t);
    AuditReport a = Audit.run(AuditSettings.of(eval, train, "id", "churned", null));
    assertThat(a.contamination().nearDuplicateText()).isEqualTo(4);
    assertThat(of(a, "contamination.near_duplicate_text").get(0).examples()).allMatch(x -> x.contains("train.csv line 1002"));
  }

  @Test
  void a_column_whose_long_texts_start_after_the_first_thousand_rows_is_compared_as_text() throws IOException {
    // 'memo' holds one-word codes for its first 1,500 rows and 30-word texts after: over the whole
    // file its values average more than 3 words, so it is text, and a near copy in train is found
    SplittableRandom r = new SplittableRandom(21);
    StringBuilder e = new StringBuilder("id,memo,churned\n");
    String late = null;
    for (int i = 0; i < 3000; i++) {
      String memo = i < 1500 ? "code" + r.nextInt(20) : sentence(r, 30);
      if (i == 2500) late = memo;
      e.append("E").append(i).append(',').append(memo).append(',').append(r.nextInt(2)).append('\n');
    }
    Path eval = dir.resolve("eval.csv");
    Files.writeString(eval, e);
    String[] words = late.split(" ");
    words[words.length - 1] = "changed";
    Path train = dir.resolve("train.csv");
    Files.writeString(train, "id,memo,churned\nT1," + String.join(" ", words) + ",0\nT2,unrelated,1\n");
    AuditReport a = Audit.run(AuditSettings.of(eval, train, "id", "churned", null));
    assertThat(a.contamination().textColumns()).containsExactly("memo");
    assertThat(a.contamination().nearDuplicateText()).isEqualTo(1);
    assertThat(of(a, "contamination.near_duplicate_text").get(0).examples()).singleElement().asString().contains("id 'E2500'");
  }

  @Test
  void a_shifted_numeric_column_and_a_schema_change_are_reported() throws IOException {
    Path eval = clean("eval.csv", 2000, 8, 0);
    Path train = dir.resolve("train.csv");
    List<String> lines = Files.readAllLines(clean("t.csv", 2000, 9, 50_000));
    StringBuilder sb = new StringBuilder("id,region,plan,tenure,note,churned,extra\n");
    for (String l : lines.subList(1, lines.size())) {
      String[] f = l.split(",");
      f[3] = Double.toString(Double.parseDouble(f[3]) + 15);
      sb.append(String.join(",", f)).append(",1\n");
    }
    Files.writeString(train, sb);
    AuditReport a = Audit.run(AuditSettings.of(eval, train, "id", "churned", null));
    Shift.ColumnShift tenure = a.shift().stream().filter(s -> s.column().equals("tenure")).findFirst().orElseThrow();
    assertThat(tenure.psi()).isGreaterThan(Shift.PSI_WARNING);
    assertThat(tenure.ks()).isBetween(0.45, 0.65);
    assertThat(of(a, "shift.numeric")).extracting(Finding::severity).containsExactly(Severity.WARNING);
    assertThat(of(a, "schema.missing_in_eval").get(0).message()).contains("extra");
    assertThat(of(a, "shift.categorical")).isEmpty();
  }

  @Test
  void a_many_valued_category_that_gives_the_label_away_is_a_leak() throws IOException {
    Path p = dir.resolve("eval.csv");
    StringBuilder sb = new StringBuilder("id,agent,noise,ref,y\n");
    java.util.Random r = new java.util.Random(4);
    for (int i = 0; i < 3000; i++) {
      int agent = r.nextInt(400);
      int y = agent % 2; // each agent's cases end one way: the code is assigned after the outcome
      sb.append(i).append(",A").append(agent).append(",N").append(r.nextInt(400)).append(",R").append(i).append(',').append(y).append('\n');
    }
    Files.writeString(p, sb);
    AuditReport a = Audit.run(AuditSettings.of(p, null, "id", "y", null));
    assertThat(of(a, "leakage.category_separates")).singleElement().satisfies(f -> {
      assertThat(f.column()).isEqualTo("agent");
      assertThat(f.severity()).isEqualTo(Severity.BLOCKER);
    });
    assertThat(of(a, "leakage.mapping")).isEmpty();
  }

  @Test
  void dates_recorded_after_the_time_column_are_a_leak() throws IOException {
    Path p = dir.resolve("eval.csv");
    StringBuilder sb = new StringBuilder("id,snapshot,opened,closed,y\n");
    for (int i = 0; i < 400; i++) {
      int d = 1 + i % 20;
      // 'opened' is always before the snapshot; 'closed' is after it for churners (the outcome's date)
      sb.append(i).append(",2024-03-").append(String.format("%02d", d + 5)).append(",2024-02-").append(String.format("%02d", d)).append(',')
          .append(i % 2 == 1 ? "2024-04-" + String.format("%02d", d) : "").append(',').append(i % 2).append('\n');
    }
    Files.writeString(p, sb);
    AuditReport a = Audit.run(new AuditSettings(p, null, "id", "y", null, "1", List.of(), "snapshot", List.of(), 0.95));
    assertThat(of(a, "leakage.after_time")).singleElement().satisfies(f -> {
      assertThat(f.column()).isEqualTo("closed");
      assertThat(f.severity()).isEqualTo(Severity.BLOCKER);
      assertThat(f.message()).contains("100% of its 200 dated rows");
      assertThat(f.examples()).first().asString().contains("after 2024-03-");
    });
  }

  @Test
  void small_slice_groups_and_time_gaps_are_listed() throws IOException {
    Path p = dir.resolve("eval.csv");
    StringBuilder sb = new StringBuilder("id,region,day,y\n");
    for (int i = 0; i < 1000; i++) {
      int dayOfMonth = 1 + i % 20;
      if (dayOfMonth == 10) dayOfMonth = 11;
      sb.append(i).append(',').append(i < 990 ? "north" : "tiny").append(",2024-03-").append(String.format("%02d", dayOfMonth)).append(',').append(i % 2).append('\n');
    }
    Files.writeString(p, sb);
    AuditReport a = Audit.run(new AuditSettings(p, null, "id", "y", null, "1", List.of("region"), "day", List.of(), 0.95));
    assertThat(a.slices()).extracting(AuditReport.SliceGroup::group, AuditReport.SliceGroup::tooSmall)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("north", false), org.assertj.core.groups.Tuple.tuple("tiny", true));
    assertThat(a.slices().get(0).needed()).isEqualTo(385);
    assertThat(a.time().unit()).isEqualTo("day");
    assertThat(a.time().gaps()).containsExactly("2024-03-10");
    assertThat(of(a, "time.gaps")).hasSize(1);
  }

  /** Rows dated from {@code from} over {@code days} days, a numeric feature and a label. */
  private Path dated(String name, String from, int days, int rows, long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder("id,snapshot_date,closed_at,tenure,y\n");
    LocalDate start = LocalDate.parse(from);
    for (int i = 0; i < rows; i++) {
      sb.append(name).append(i).append(',').append(start.plusDays(i % days)).append(',').append(start.plusDays(i % days + 3)).append(',').append(r.nextInt(40)).append(',').append(r.nextInt(2)).append('\n');
    }
    Path p = dir.resolve(name + ".csv");
    Files.writeString(p, sb);
    return p;
  }

  @Test
  void the_time_column_is_compared_as_periods_not_as_category_shares() throws IOException {
    // training in January, evaluation in March: every date differs, which is the design, not a shift
    Path train = dated("train", "2024-01-01", 31, 3000, 1);
    Path eval = dated("eval", "2024-03-01", 31, 3000, 2);
    AuditReport a = Audit.run(new AuditSettings(eval, train, "id", "y", null, "1", List.of(), "snapshot_date", List.of(), 0.95));
    assertThat(a.shift()).as("dates are compared as time, not as category shares").extracting(Shift.ColumnShift::column)
        .doesNotContain("snapshot_date", "closed_at").contains("tenure");
    assertThat(of(a, "shift.categorical")).isEmpty();
    assertThat(of(a, "time.order")).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.INFO);
      assertThat(f.message()).isEqualTo("the evaluation period (2024-03-01 to 2024-03-31) comes after the training period (2024-01-01 to 2024-01-31, train.csv)");
    });

    // evaluation from mid-January on: it overlaps the training period
    Path overlapping = dated("late", "2024-01-15", 31, 3000, 3);
    AuditReport b = Audit.run(new AuditSettings(overlapping, train, "id", "y", null, "1", List.of(), "snapshot_date", List.of(), 0.95));
    assertThat(of(b, "time.order")).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.WARNING);
      assertThat(f.message()).startsWith("the evaluation period (2024-01-15 to 2024-02-14) overlaps the training period (2024-01-01 to 2024-01-31");
    });
    assertThat(AuditText.terminal(b)).contains("Time 'snapshot_date': 2024-01-15 to 2024-02-14, 31 days\n");
  }

  @Test
  void mixed_types_and_constant_columns_are_warnings() throws IOException {
    Path p = dir.resolve("eval.csv");
    StringBuilder sb = new StringBuilder("id,amount,source,y\n");
    for (int i = 0; i < 200; i++) sb.append(i).append(',').append(i == 57 ? "abc" : Integer.toString(i)).append(",web,").append(i % 2).append('\n');
    Files.writeString(p, sb);
    AuditReport a = Audit.run(AuditSettings.of(p, null, "id", "y", null));
    assertThat(of(a, "profile.mixed_types").get(0).message()).contains("'abc' at line 59");
    assertThat(of(a, "profile.constant")).extracting(Finding::column).containsExactly("source");
  }
}
