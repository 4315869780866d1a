package dev.holdout.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.Locale;
import java.util.SplittableRandom;

/** The monitor's prediction log and the audit's evaluation and training files, for {@link Synthetic}'s monitor and audit commands. */
final class SyntheticLogs {
  private SyntheticLogs() {}

  /**
   * A churn model's reference and its prediction log. Scores are calibrated by construction (the
   * outcome is drawn with the score as its probability), so CBPE holds, except in week 3 (days 14 to
   * 20): monthly charges rise by 15, the south region's share doubles, and outcomes no longer follow
   * the scores (concept drift: the realized roc_auc falls to about 0.6). Rows are spread evenly over
   * {@code days} days from 2026-01-05 (a Monday) in time order; the log holds outcomes up to day 27
   * (weeks 1 to 4); outcomes.csv holds those of days 28 to 34 (week 5) by id; later rows have none.
   */
  static void monitor(Path dir, long rows, int days) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("reference.csv"), StandardCharsets.UTF_8)) {
      SplittableRandom r = new SplittableRandom(7_2026);
      w.write("customer_id,region,plan,tenure_months,monthly_charges,support_tickets,p_churn,churned\n");
      StringBuilder row = new StringBuilder(128);
      for (int i = 0; i < 5_000; i++) {
        row.setLength(0);
        monitorRow(r, row.append(String.format(Locale.ROOT, "R%06d", i)).append(','), false, true);
        w.write(row.append('\n').toString());
      }
    }
    long start = LocalDate.of(2026, 1, 5).toEpochDay();
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("log.csv"), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING);
        BufferedWriter late = Files.newBufferedWriter(dir.resolve("outcomes.csv"), StandardCharsets.UTF_8)) {
      SplittableRandom r = new SplittableRandom(7_2027);
      w.write("timestamp,customer_id,region,plan,tenure_months,monthly_charges,support_tickets,p_churn,churned\n");
      late.write("customer_id,churned\n");
      StringBuilder row = new StringBuilder(160);
      StringBuilder id = new StringBuilder(16);
      for (long i = 0; i < rows; i++) {
        long second = i * 86_400L * days / rows;
        int day = (int) (second / 86_400L);
        int sec = (int) (second % 86_400L);
        row.setLength(0);
        row.append(LocalDate.ofEpochDay(start + day)).append('T');
        two(row, sec / 3600).append(':');
        two(row, sec / 60 % 60).append(':');
        two(row, sec % 60).append("Z,");
        id.setLength(0);
        id.append('L').append(i);
        row.append(id).append(',');
        boolean broken = day >= 14 && day <= 20;
        monitorRow(r, row, broken, true);
        if (day >= 28) {
          int comma = row.lastIndexOf(",");
          String outcome = row.substring(comma + 1);
          row.setLength(comma + 1);
          if (day < 35) late.write(id + "," + outcome + "\n");
        }
        w.write(row.append('\n').toString());
      }
    }
  }

  private static StringBuilder two(StringBuilder out, int v) {
    if (v < 10) out.append('0');
    return out.append(v);
  }

  /** One subscriber: region, plan, tenure, charges, tickets, a calibrated score and the outcome. */
  private static void monitorRow(SplittableRandom r, StringBuilder row, boolean broken, boolean withOutcome) {
    double[] regions = broken ? new double[] {0.2, 0.5, 0.15, 0.15} : Synthetic.REGION_SHARE;
    int region = Synthetic.pick(r, regions);
    int plan = Synthetic.pick(r, Synthetic.PLAN_SHARE);
    int tenure = (int) Math.min(72, Math.max(1, Math.round(-Math.log(1 - r.nextDouble()) * 24)));
    double charges = 20 + 25 * plan + 15 * r.nextDouble() + (broken ? 15 : 0);
    int tickets = (int) Math.min(9, Math.floor(-Math.log(1 - r.nextDouble()) * 1.2));
    double logit = 0.4 - 0.08 * tenure + 0.03 * (charges - 45) + 0.8 * tickets - 0.4 * plan + (region == 1 ? 0.3 : 0);
    double score = Math.round(Synthetic.sigmoid(logit) * 10_000) / 10_000.0;
    // the outcome follows the score, except in the broken week, where it follows something the model does not see
    double truth = broken ? Synthetic.sigmoid(-1.2 + 1.2 * Synthetic.normal(r) + 0.3 * tickets) : score;
    boolean churned = r.nextDouble() < truth;
    row.append(Synthetic.REGIONS[region]).append(',').append(Synthetic.PLANS[plan]).append(',').append(tenure).append(',');
    decimals4(row, charges);
    row.append(',').append(tickets).append(',');
    decimals4(row, score);
    if (withOutcome) row.append(',').append(churned ? 1 : 0);
  }

  /** Appends {@code v} rounded to 4 decimals, without the cost of {@code String.format} per value. */
  static void decimals4(StringBuilder out, double v) {
    long t = Math.round(v * 10_000);
    if (t < 0) {
      out.append('-');
      t = -t;
    }
    out.append(t / 10_000).append('.');
    long frac = t % 10_000;
    if (frac < 1000) out.append('0');
    if (frac < 100) out.append('0');
    if (frac < 10) out.append('0');
    out.append(frac);
  }

  private static final String[] CHANNELS = {"web", "store", "phone", "partner", "app"};
  private static final String[] DEVICES = {"mobile", "desktop", "tablet"};
  private static final String[] SEGMENTS = {"student", "family", "senior", "business", "single", "couple"};
  private static final String[] REASONS = {"price", "service", "moved", "competitor"};
  private static final String[] NOTE_WORDS = ("account billing called customer wants refund late payment router slow outage "
      + "upgrade downgrade contract renewal discount offered escalated resolved pending technician visit email chat "
      + "password reset invoice wrong charge roaming abroad signal weak coverage new phone bundle tv sport channel "
      + "cancel threat loyalty team transferred callback promised complaint formal apology credit applied").split(" ");

  /**
   * An evaluation set for {@code holdout audit} with 20 columns (id, label, two dates, seven
   * categorical, eight numeric, a short free-text note) and planted problems: {@code refund_days}
   * separates the label (positives only have a refund), {@code cancel_reason} names it, {@code
   * closed_at} is recorded after the {@code snapshot_date} in churned rows, 0.05% of rows repeat an
   * earlier id and 0.05% repeat an earlier row's features with the other label. With {@code
   * trainRows} > 0 also a vendor training file: 1% of its rows are evaluation rows copied exactly
   * (same id), 0.5% evaluation features under a new id, and 1% evaluation notes with one word added
   * (Jaccard of word bigrams at least 0.9); the rest are new rows. The evaluation rows are kept in
   * memory for that, so keep {@code rows} to a few million when a training file is asked for.
   */
  static void audit(Path dir, int rows, int trainRows) throws IOException {
    SplittableRandom r = new SplittableRandom(4_2026);
    String header = "customer_id,churned,snapshot_date,region,plan,channel,device,segment,country,cancel_reason,tenure_months,"
        + "monthly_charges,support_tickets,age,balance,usage_hours,credit_score,refund_days,note,closed_at\n";
    String[] kept = trainRows > 0 ? new String[rows] : null;
    String[] recent = new String[256];
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("eval.csv"), StandardCharsets.UTF_8)) {
      w.write(header);
      StringBuilder b = new StringBuilder(1 << 16);
      StringBuilder row = new StringBuilder(256);
      for (int i = 0; i < rows; i++) {
        row.setLength(0);
        String id = "C" + (i > 0 && r.nextDouble() < 0.0005 ? r.nextInt(i) : i);
        if (i > 256 && r.nextDouble() < 0.0005) {
          // an earlier row's features under the other label
          String old = recent[r.nextInt(recent.length)];
          int c1 = old.indexOf(',');
          int c2 = old.indexOf(',', c1 + 1);
          row.append(id).append(',').append(old.charAt(c1 + 1) == '1' ? '0' : '1').append(old, c2, old.length());
        } else {
          auditRow(r, id, row, null);
        }
        String line = row.toString();
        recent[i % recent.length] = line;
        if (kept != null) kept[i] = line;
        b.append(line).append('\n');
        if (b.length() > 60_000) {
          w.write(b.toString());
          b.setLength(0);
        }
      }
      w.write(b.toString());
    }
    if (trainRows == 0) return;
    SplittableRandom t = new SplittableRandom(4_2027);
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("train.csv"), StandardCharsets.UTF_8)) {
      w.write(header);
      StringBuilder b = new StringBuilder(1 << 16);
      StringBuilder row = new StringBuilder(256);
      for (int i = 0; i < trainRows; i++) {
        row.setLength(0);
        double u = t.nextDouble();
        String e = kept[t.nextInt(rows)];
        if (u < 0.01) {
          row.append(e);
        } else if (u < 0.015) {
          row.append('T').append(i).append(e, e.indexOf(','), e.length());
        } else if (u < 0.025) {
          // the same note with one word added; the other columns drawn afresh
          String[] f = e.split(",", -1);
          auditRow(t, "T" + i, row, f[18] + " " + NOTE_WORDS[t.nextInt(NOTE_WORDS.length)]);
        } else {
          auditRow(t, "T" + i, row, null);
        }
        b.append(row).append('\n');
        if (b.length() > 60_000) {
          w.write(b.toString());
          b.setLength(0);
        }
      }
      w.write(b.toString());
    }
  }

  private static void auditRow(SplittableRandom r, String id, StringBuilder row, String note) {
    int region = Synthetic.pick(r, Synthetic.REGION_SHARE);
    int plan = Synthetic.pick(r, Synthetic.PLAN_SHARE);
    double tenure = Math.min(72, Math.max(1, Math.round(-Math.log(1 - r.nextDouble()) * 24)));
    double charges = 20 + 25 * plan + 15 * r.nextDouble();
    int tickets = (int) Math.min(9, Math.floor(-Math.log(1 - r.nextDouble()) * 1.2));
    double logit = -0.3 - 0.08 * tenure + 0.03 * (charges - 45) + 0.6 * tickets + 0.5 * Synthetic.normal(r);
    boolean churned = r.nextDouble() < Synthetic.sigmoid(logit);
    long snapshot = 19_723 + r.nextInt(365); // 2024-01-01 plus up to a year
    row.append(id).append(',').append(churned ? 1 : 0).append(',').append(LocalDate.ofEpochDay(snapshot)).append(',')
        .append(Synthetic.REGIONS[region]).append(',').append(Synthetic.PLANS[plan]).append(',').append(CHANNELS[r.nextInt(CHANNELS.length)]).append(',')
        .append(DEVICES[r.nextInt(DEVICES.length)]).append(',').append(SEGMENTS[r.nextInt(SEGMENTS.length)]).append(',')
        .append("C").append(r.nextInt(20)).append(',').append(churned ? REASONS[r.nextInt(REASONS.length)] : "").append(',')
        .append((int) tenure).append(',').append(Synthetic.f(charges, 2)).append(',').append(tickets).append(',')
        .append(18 + r.nextInt(70)).append(',').append(Synthetic.f(2000 * Synthetic.normal(r), 2)).append(',').append(Synthetic.f(40 * r.nextDouble(), 1)).append(',')
        .append(300 + r.nextInt(550)).append(',').append(churned ? 1 + r.nextInt(60) : 0).append(',');
    if (note == null) {
      int words = 10 + r.nextInt(7);
      for (int k = 0; k < words; k++) row.append(k == 0 ? "" : " ").append(NOTE_WORDS[r.nextInt(NOTE_WORDS.length)]);
    } else {
      row.append(note);
    }
    row.append(',');
    if (churned) row.append(LocalDate.ofEpochDay(snapshot + 1 + r.nextInt(90)));
    else if (r.nextDouble() < 0.1) row.append(LocalDate.ofEpochDay(snapshot - 1 - r.nextInt(300)));
  }
}
