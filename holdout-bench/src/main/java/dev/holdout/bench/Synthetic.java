package dev.holdout.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes synthetic evaluation sets and vendor predictions from fixed seeds.
 *
 * <pre>
 * Synthetic churn DIR          examples/churn: 20,000 subscribers, vendor-a passes, vendor-b fails a slice
 * Synthetic tickets DIR        examples/tickets: multiclass ticket tagging
 * Synthetic demand DIR         examples/daily-units: regression with quantiles
 * Synthetic binary DIR ROWS    a large binary set with two slice columns, for benchmarks
 * Synthetic drift DIR          examples/drift: a reference and a current window with a planted shift
 * Synthetic drift-wide DIR ROWS
 *                              the drift benchmark: reference.csv and current.csv of ROWS rows each by 50 numeric
 *                              and 10 categorical columns, some of them shifted in the current window
 * Synthetic monitor DIR [ROWS DAYS]
 *                              examples/monitor and the monitor benchmark: reference.csv (5,000 labeled rows), a
 *                              time-ordered log.csv (default 29,400 rows over 42 days from 2026-01-05) with a planted
 *                              shift and a broken model in week 3, outcomes in the log for weeks 1 to 4, and
 *                              outcomes.csv with the late outcomes of week 5 (none for week 6)
 * Synthetic audit DIR ROWS [TRAIN_ROWS]
 *                              examples/audit and the audit benchmarks: an evaluation set of 20 columns with
 *                              planted problems, and a vendor training file overlapping it
 * </pre>
 */
public final class Synthetic {
  static final String[] REGIONS = {"north", "south", "east", "west"};
  static final double[] REGION_SHARE = {0.3, 0.25, 0.25, 0.2};
  static final String[] PLANS = {"basic", "standard", "premium"};
  static final double[] PLAN_SHARE = {0.5, 0.35, 0.15};

  private Synthetic() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: Synthetic churn|tickets|demand|drift DIR | Synthetic binary|drift-wide DIR ROWS | Synthetic audit DIR ROWS [TRAIN_ROWS] | Synthetic retrieval DIR QUERIES DEPTH");
      System.exit(2);
    }
    Path dir = Path.of(args[1]);
    Files.createDirectories(dir);
    switch (args[0]) {
      case "churn" -> churn(dir, 20_000);
      case "tickets" -> tickets(dir, 6_000);
      case "demand" -> demand(dir, 5_000);
      case "binary" -> binary(dir, Integer.parseInt(args[2]));
      case "drift" -> drift(dir, 5_000);
      case "drift-wide" -> driftWide(dir, Integer.parseInt(args[2]));
      case "monitor" -> SyntheticLogs.monitor(dir, args.length > 2 ? Long.parseLong(args[2]) : 29_400, args.length > 3 ? Integer.parseInt(args[3]) : 42);
      case "audit" -> SyntheticLogs.audit(dir, Integer.parseInt(args[2]), args.length > 3 ? Integer.parseInt(args[3]) : 0);
      case "retrieval" -> retrieval(dir, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
      default -> {
        System.err.println("unknown kind " + args[0]);
        System.exit(2);
      }
    }
  }

  static int pick(SplittableRandom r, double[] shares) {
    double u = r.nextDouble();
    for (int i = 0; i < shares.length - 1; i++) {
      u -= shares[i];
      if (u < 0) return i;
    }
    return shares.length - 1;
  }

  static double normal(SplittableRandom r) {
    double u = r.nextDouble();
    double v = r.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  }

  static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  static String f(double v, int digits) {
    return String.format(Locale.ROOT, "%." + digits + "f", v);
  }

  /**
   * A retrieval evaluation set of {@code queries} queries over a corpus of 10 million documents:
   * qrels.csv (query, doc, relevance: 1 to 5 relevant documents with grades 1-3 and 3 judged
   * non-relevant ones per query), queries.csv (query, topic of 8) and run.csv, a ranked list of
   * {@code depth} documents per query (query, doc, rank) that finds each relevant document with
   * probability 0.7 at a rank skewed towards the top.
   */
  static void retrieval(Path dir, int queries, int depth) throws IOException {
    SplittableRandom r = new SplittableRandom(4242);
    try (BufferedWriter qrels = Files.newBufferedWriter(dir.resolve("qrels.csv"), StandardCharsets.UTF_8);
         BufferedWriter qs = Files.newBufferedWriter(dir.resolve("queries.csv"), StandardCharsets.UTF_8);
         BufferedWriter run = Files.newBufferedWriter(dir.resolve("run.csv"), StandardCharsets.UTF_8)) {
      qrels.write("query,doc,relevance\n");
      qs.write("query,topic\n");
      run.write("query,doc,rank\n");
      StringBuilder a = new StringBuilder(1 << 16);
      StringBuilder b = new StringBuilder(1 << 16);
      StringBuilder c = new StringBuilder(1 << 20);
      long[] list = new long[depth];
      for (int q = 0; q < queries; q++) {
        String id = "Q" + q;
        b.append(id).append(",t").append(r.nextInt(8)).append('\n');
        int relevant = 1 + r.nextInt(5);
        Arrays.fill(list, -1);
        for (int j = 0; j < relevant + 3; j++) {
          long doc = r.nextLong(10_000_000);
          int grade = j < relevant ? 1 + r.nextInt(3) : 0;
          a.append(id).append(",D").append(doc).append(',').append(grade).append('\n');
          if (grade > 0 && r.nextDouble() < 0.7) {
            int at = (int) (depth * Math.pow(r.nextDouble(), 3));
            if (list[at] < 0) list[at] = doc;
          }
        }
        for (int k = 0; k < depth; k++) {
          long doc = list[k] >= 0 ? list[k] : 10_000_000L + (long) q * depth + k;
          c.append(id).append(",D").append(doc).append(',').append(k + 1).append('\n');
        }
        if (c.length() > 1 << 19) {
          qrels.write(a.toString());
          qs.write(b.toString());
          run.write(c.toString());
          a.setLength(0);
          b.setLength(0);
          c.setLength(0);
        }
      }
      qrels.write(a.toString());
      qs.write(b.toString());
      run.write(c.toString());
    }
  }

  /**
   * Subscribers with tenure, charges, support tickets, region and plan; churn drawn from a logistic
   * model. vendor-a sees the true risk with modest noise; vendor-b is as good overall but its model
   * is nearly blind in the south region.
   */
  static void churn(Path dir, int n) throws IOException {
    SplittableRandom r = new SplittableRandom(20261121);
    try (BufferedWriter eval = Files.newBufferedWriter(dir.resolve("eval.csv"), StandardCharsets.UTF_8);
         BufferedWriter a = Files.newBufferedWriter(dir.resolve("vendor-a.csv"), StandardCharsets.UTF_8);
         BufferedWriter b = Files.newBufferedWriter(dir.resolve("vendor-b.csv"), StandardCharsets.UTF_8)) {
      eval.write("customer_id,region,plan,tenure_months,monthly_charges,support_tickets,rule_score,churned\n");
      a.write("customer_id,p_churn\n");
      b.write("customer_id,p_churn\n");
      for (int i = 0; i < n; i++) {
        String id = String.format(Locale.ROOT, "C%06d", 100_000 + i * 7);
        int region = pick(r, REGION_SHARE);
        int plan = pick(r, PLAN_SHARE);
        double tenure = Math.min(72, Math.max(1, Math.round(-Math.log(1 - r.nextDouble()) * 24)));
        double charges = 20 + 25 * plan + 15 * r.nextDouble();
        int tickets = (int) Math.min(9, Math.floor(-Math.log(1 - r.nextDouble()) * 1.2));
        double logit = -0.3 - 0.11 * tenure + 0.035 * (charges - 45) + 0.95 * tickets - 0.5 * plan + (region == 1 ? 0.3 : 0)
            + 0.3 * normal(r);
        boolean churned = r.nextDouble() < sigmoid(logit);
        double rule = Math.min(1.0, tickets / 4.0);
        eval.write(id + "," + REGIONS[region] + "," + PLANS[plan] + "," + (int) tenure + "," + f(charges, 2) + "," + tickets + ","
            + f(rule, 2) + "," + (churned ? 1 : 0) + "\n");
        double known = logit + 0.4 * normal(r);
        a.write(id + "," + f(sigmoid(known), 4) + "\n");
        double blind = region == 1 ? 0.55 * logit - 0.9 + 0.5 * normal(r) : logit + 0.3 * normal(r);
        b.write(id + "," + f(sigmoid(blind), 4) + "\n");
      }
    }
  }

  /** Support tickets tagged billing, technical, account or other, with a vendor's class probabilities. */
  static void tickets(Path dir, int n) throws IOException {
    String[] classes = {"account", "billing", "other", "technical"};
    double[] shares = {0.2, 0.35, 0.1, 0.35};
    String[] channels = {"chat", "email", "phone"};
    SplittableRandom r = new SplittableRandom(424242);
    try (BufferedWriter eval = Files.newBufferedWriter(dir.resolve("eval.csv"), StandardCharsets.UTF_8);
         BufferedWriter v = Files.newBufferedWriter(dir.resolve("vendor.csv"), StandardCharsets.UTF_8)) {
      eval.write("ticket_id,channel,topic\n");
      v.write("ticket_id,p_account,p_billing,p_other,p_technical\n");
      for (int i = 0; i < n; i++) {
        String id = "T" + (50_000 + i);
        int c = pick(r, shares);
        int channel = r.nextInt(3);
        eval.write(id + "," + channels[channel] + "," + classes[c] + "\n");
        double[] logits = new double[4];
        double signal = c == 2 ? 0.8 : channel == 2 ? 1.6 : 2.4;
        double sum = 0;
        for (int k = 0; k < 4; k++) {
          logits[k] = (k == c ? signal : 0) + normal(r);
          logits[k] = Math.exp(logits[k]);
          sum += logits[k];
        }
        StringBuilder line = new StringBuilder(id);
        for (int k = 0; k < 4; k++) line.append(',').append(f(logits[k] / sum, 4));
        v.write(line + "\n");
      }
    }
  }

  /** Daily demand per store with a vendor's point forecast and 10% / 90% quantiles. */
  static void demand(Path dir, int n) throws IOException {
    String[] regions = {"coast", "inland", "metro"};
    SplittableRandom r = new SplittableRandom(777);
    try (BufferedWriter eval = Files.newBufferedWriter(dir.resolve("eval.csv"), StandardCharsets.UTF_8);
         BufferedWriter v = Files.newBufferedWriter(dir.resolve("vendor.csv"), StandardCharsets.UTF_8)) {
      eval.write("row_id,store,region,weekday,last_week_units,units\n");
      v.write("row_id,units_pred,units_q10,units_q90\n");
      for (int i = 0; i < n; i++) {
        int region = r.nextInt(3);
        int store = 1 + r.nextInt(40);
        int weekday = r.nextInt(7);
        double level = 40 + 30 * region + (weekday >= 5 ? 25 : 0) + 5 * (store % 7);
        double units = Math.max(0, Math.round(level * Math.exp(0.25 * normal(r))));
        double lastWeek = Math.max(0, Math.round(level * Math.exp(0.3 * normal(r))));
        String id = "D" + (10_000 + i);
        eval.write(id + ",S" + store + "," + regions[region] + "," + weekday + "," + (int) lastWeek + "," + (int) units + "\n");
        double pred = level * Math.exp(0.1 * normal(r)) * 1.03;
        v.write(id + "," + f(pred, 1) + "," + f(pred * Math.exp(-0.32), 1) + "," + f(pred * Math.exp(0.32), 1) + "\n");
      }
    }
  }

  /** A large binary set for benchmarks: eval.csv (id, label, region, plan) and predictions.csv (id, score). */
  static void binary(Path dir, int n) throws IOException {
    SplittableRandom r = new SplittableRandom(99);
    try (BufferedWriter eval = Files.newBufferedWriter(dir.resolve("eval.csv"), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
             StandardOpenOption.TRUNCATE_EXISTING);
         BufferedWriter p = Files.newBufferedWriter(dir.resolve("predictions.csv"), StandardCharsets.UTF_8)) {
      eval.write("id,label,region,plan\n");
      p.write("id,score\n");
      StringBuilder e = new StringBuilder(1 << 16);
      StringBuilder s = new StringBuilder(1 << 16);
      for (int i = 0; i < n; i++) {
        int region = pick(r, REGION_SHARE);
        int plan = pick(r, PLAN_SHARE);
        boolean label = r.nextDouble() < 0.2;
        double score = sigmoid((label ? 1.2 : -1.0) + normal(r));
        e.append(i).append(',').append(label ? 1 : 0).append(',').append(REGIONS[region]).append(',').append(PLANS[plan]).append('\n');
        s.append(i).append(',').append(f(score, 6)).append('\n');
        if (e.length() > 60_000) {
          eval.write(e.toString());
          p.write(s.toString());
          e.setLength(0);
          s.setLength(0);
        }
      }
      eval.write(e.toString());
      p.write(s.toString());
    }
  }

  /**
   * Two windows of churn-model traffic, {@code n} rows each. The current window's monthly charges
   * rise by 8 (a price increase, about half a standard deviation) and the south region's share
   * doubles; tenure, support tickets and plan keep their distributions. The model's score moves with
   * the charges; outcomes are in the reference only (they arrive later).
   */
  static void drift(Path dir, int n) throws IOException {
    SplittableRandom r = new SplittableRandom(5_2026);
    double[] currentRegions = {0.2, 0.5, 0.15, 0.15};
    for (boolean current : new boolean[] {false, true}) {
      try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(current ? "current.csv" : "reference.csv"), StandardCharsets.UTF_8)) {
        w.write("customer_id,region,plan,tenure_months,monthly_charges,support_tickets,p_churn" + (current ? "" : ",churned") + "\n");
        for (int i = 0; i < n; i++) {
          String id = String.format(Locale.ROOT, "%s%06d", current ? "L" : "C", i);
          int region = pick(r, current ? currentRegions : REGION_SHARE);
          int plan = pick(r, PLAN_SHARE);
          double tenure = Math.min(72, Math.max(1, Math.round(-Math.log(1 - r.nextDouble()) * 24)));
          double charges = 20 + 25 * plan + 15 * r.nextDouble() + (current ? 8 : 0);
          int tickets = (int) Math.min(9, Math.floor(-Math.log(1 - r.nextDouble()) * 1.2));
          double logit = -0.3 - 0.11 * tenure + 0.035 * (charges - 45) + 0.95 * tickets - 0.5 * plan + (region == 1 ? 0.3 : 0)
              + 0.3 * normal(r);
          boolean churned = r.nextDouble() < sigmoid(logit);
          double score = sigmoid(logit + 0.4 * normal(r));
          w.write(id + "," + REGIONS[region] + "," + PLANS[plan] + "," + (int) tenure + "," + f(charges, 2) + "," + tickets + ","
              + f(score, 4) + (current ? "" : "," + (churned ? 1 : 0)) + "\n");
        }
      }
    }
  }

  /**
   * The drift benchmark's windows: {@code rows} rows each of 50 numeric columns {@code x01..x50}
   * (normal, log-normal, uniform and exponential in turn, written with 4 decimals) and 10
   * categorical columns {@code c01..c10} (3 to 48 categories with geometric shares). In the current
   * window every fifth numeric column moves by 0.2 of its spread, every tenth also widens by 30%, and
   * c01, c04 and c07 favour their second category; the rest keep their distributions.
   */
  static void driftWide(Path dir, int rows) throws IOException {
    int numeric = 50;
    int categorical = 10;
    for (boolean current : new boolean[] {false, true}) {
      SplittableRandom r = new SplittableRandom(current ? 6_2027 : 6_2026);
      try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(current ? "current.csv" : "reference.csv"), StandardCharsets.UTF_8)) {
        StringBuilder row = new StringBuilder(1024);
        for (int j = 1; j <= numeric; j++) row.append(row.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "x%02d", j));
        for (int j = 1; j <= categorical; j++) row.append(String.format(Locale.ROOT, ",c%02d", j));
        w.write(row.append('\n').toString());
        for (int i = 0; i < rows; i++) {
          row.setLength(0);
          for (int j = 1; j <= numeric; j++) {
            double shift = current && j % 5 == 0 ? 0.2 : 0;
            double scale = current && j % 10 == 0 ? 1.3 : 1;
            double v = switch (j % 4) {
              case 0 -> 50 + 10 * (scale * normal(r) + shift);
              case 1 -> Math.exp(0.5 * (scale * normal(r) + shift));
              case 2 -> 100 * (r.nextDouble() + 0.3 * shift);
              default -> -Math.log(1 - r.nextDouble()) * 3 * scale + 3 * shift;
            };
            if (j > 1) row.append(',');
            SyntheticLogs.decimals4(row, v);
          }
          for (int j = 1; j <= categorical; j++) {
            int k = 3 + 5 * (j - 1);
            int c = (int) Math.min(k - 1, Math.floor(-Math.log(1 - r.nextDouble()) * k / 4.0));
            if (current && j % 3 == 1 && r.nextDouble() < 0.1) c = 1;
            row.append(",cat").append(c);
          }
          w.write(row.append('\n').toString());
        }
      }
    }
  }

}
