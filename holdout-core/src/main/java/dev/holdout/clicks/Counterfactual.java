package dev.holdout.clicks;

import dev.holdout.base.Format;
import dev.holdout.base.HoldoutException;
import dev.holdout.data.RecordReader;
import dev.holdout.data.RecordReaders;
import dev.holdout.data.Values;
import dev.holdout.result.ClicksReport;
import dev.holdout.result.Report;
import dev.holdout.stats.Bootstrap;
import dev.holdout.stats.Clusters;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a new ranking would do on the logged traffic, by inverse propensity scoring (Joachims,
 * Swaminathan and Schnabel, "Unbiased Learning-to-Rank with Biased Feedback", WSDM 2017): a logged
 * click on document d at position k stands for d's attractiveness with weight w = min(1 / e(k),
 * clip), where e is the position-based model's examination. Per session, with r the position the
 * new ranking gives d (clicks on documents it puts below k count 0):
 * <ul>
 *   <li>{@code ips_ctr@k} = sum over clicks of e(r) * w: the new ranking's expected clicks in its
 *       top k under the model, unbiased when every document it puts in its top k was shown in the
 *       log and clip is not reached;</li>
 *   <li>{@code ips_dcg@k} = sum over clicks of w / log2(1 + r): the IPS estimate of DCG@k with
 *       clicked documents as relevant (Joachims et al.'s Δ);</li>
 *   <li>{@code logged_ctr@k} = the same as ips_ctr@k for the logged ranking (its clicks in the top
 *       k, reweighted by the same clipped weights), and {@code lift_ctr@k} = new minus logged.</li>
 * </ul>
 * Figures are means per session. Intervals resample queries (every session of a query moves with
 * it, since they share its documents' attractiveness) with the examination held fixed, so they
 * leave out the model's own estimation error; with hundreds of sessions per position it is small.
 */
public final class Counterfactual {
  private Counterfactual() {}

  /** A new ranking: for each query, its documents best first. */
  public record Ranking(Path path, String sha256, Map<String, List<String>> byQuery) {}

  /** Reads a ranking file of rows (query, document, rank 1 = best). */
  public static Ranking readRanking(Path path, String queryColumn, String docColumn, String rankColumn) {
    try (RecordReader r = RecordReaders.open(path)) {
      var hash = RecordReaders.sha256Async(path);
      int q = Values.column(r, queryColumn, "--query (the ranking has the log's query column)");
      int d = Values.column(r, docColumn, "--doc (the ranking has the log's document column)");
      int k = Values.column(r, rankColumn, "--rank");
      Map<String, Map<Integer, String>> ranks = new HashMap<>();
      Map<String, Long> lineOf = new HashMap<>();
      while (r.next()) {
        String query = Values.requiredText(r, q, "a query").toString();
        String doc = Values.requiredText(r, d, "a document id").toString();
        double rank = Values.number(r, k, "a rank (1 = best)");
        if (rank != Math.rint(rank) || rank < 1 || rank > 10_000) {
          throw new HoldoutException.BadData(Values.where(r, k) + ": expected a rank, a whole number from 1 (the best), found '" + r.field(k).strip() + "'");
        }
        Long earlier = lineOf.putIfAbsent(query + "\u0000" + (int) rank, r.positionNumber());
        if (earlier != null) {
          throw new HoldoutException.BadData(Values.where(r, k) + ": query '" + query + "' already has rank " + (int) rank + " on "
              + r.positionOf(earlier) + "; give each rank of a query once");
        }
        ranks.computeIfAbsent(query, x -> new TreeMap<>()).put((int) rank, doc);
      }
      if (ranks.isEmpty()) throw new HoldoutException.BadData(path + ": has a header but no rows; expected one row per ranked document");
      Map<String, List<String>> byQuery = new HashMap<>();
      ranks.forEach((query, m) -> byQuery.put(query, List.copyOf(m.values())));
      return new Ranking(path, RecordReaders.await(hash), byQuery);
    }
  }

  /**
   * The estimates for {@code ranking} on {@code log} under {@code model}; {@code k} is at most the
   * deepest position the log shows, and every position up to it was shown (the caller checks).
   */
  public static ClicksReport.Counterfactual estimate(ClickLog log, PositionBasedModel model, Ranking ranking, int k, double clip,
      Bootstrap.Settings settings) {
    int n = log.sessions;
    double[] ctr = new double[n];
    double[] dcg = new double[n];
    double[] logged = new double[n];
    // the new position of each (query, document) pair in the top k, 0 when not there
    int[] newRank = new int[log.pairs()];
    boolean[] ranked = new boolean[log.queries.size()];
    Map<String, Integer> docCode = new HashMap<>();
    for (int d = 0; d < log.docs.size(); d++) docCode.put(log.docs.get(d), d);
    Map<Long, Integer> pairCode = new HashMap<>();
    for (int p = 0; p < log.pairs(); p++) pairCode.put(((long) log.pairQuery[p] << 32) | log.pairDoc[p], p);
    for (int q = 0; q < log.queries.size(); q++) {
      List<String> list = ranking.byQuery().get(log.queries.get(q));
      if (list == null) continue;
      ranked[q] = true;
      for (int r = 0; r < Math.min(k, list.size()); r++) {
        Integer d = docCode.get(list.get(r));
        Integer p = d == null ? null : pairCode.get(((long) q << 32) | d);
        if (p != null) newRank[p] = r + 1;
      }
    }
    for (int i = 0; i < log.rows; i++) {
      if (!log.clicked[i]) continue;
      int s = log.sessionOf[i];
      double e = model.examination(log.position[i]);
      double w = Math.min(1 / e, clip);
      int r = newRank[log.pairOf[i]];
      if (r > 0) {
        ctr[s] += model.examination(r) * w;
        dcg[s] += w / (Math.log(1 + r) / Math.log(2));
      }
      if (log.position[i] <= k) logged[s] += e * w;
    }
    long unranked = 0;
    for (int s = 0; s < n; s++) if (!ranked[log.queryOfSession[s]]) unranked++;
    String[] names = {"ips_ctr@" + k, "ips_dcg@" + k, "logged_ctr@" + k, "lift_ctr@" + k};
    double[] counts = new double[n];
    Arrays.fill(counts, 1);
    int[] cellOf = new int[n];
    for (int s = 0; s < n; s++) cellOf[s] = s;
    Clusters byQuery = Clusters.of(log.queryOfSession, cellOf, n);
    double[][] reps = Bootstrap.run(counts, byQuery, settings.replicates(), settings.seed(), "clicks", w -> means(w, ctr, dcg, logged));
    double[] point = means(counts, ctr, dcg, logged);
    Map<String, Report.Estimate> metrics = new LinkedHashMap<>();
    for (int m = 0; m < names.length; m++) {
      double[] ci = Bootstrap.percentileInterval(Bootstrap.column(reps, m), settings.confidence());
      metrics.put(names[m], new Report.Estimate(point[m], ci == null ? null : List.of(ci[0], ci[1]), null, null, null));
    }
    String note = "inverse propensity scoring with the position-based model's examination, each weight capped at " + Format.plain(clip)
        + "; intervals resample queries with the examination held fixed";
    return new ClicksReport.Counterfactual(ranking.path().getFileName().toString(), ranking.sha256(), k, clip, "queries", byQuery.groups(), n,
        unranked, metrics, settings.replicates(), settings.confidence(), settings.seed(), note);
  }

  private static double[] means(double[] w, double[] ctr, double[] dcg, double[] logged) {
    double total = 0, a = 0, b = 0, c = 0;
    for (int s = 0; s < w.length; s++) {
      double ws = w[s];
      if (ws == 0) continue;
      total += ws;
      a += ws * ctr[s];
      b += ws * dcg[s];
      c += ws * logged[s];
    }
    if (total == 0) return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
    return new double[] {a / total, b / total, c / total, (a - c) / total};
  }
}
