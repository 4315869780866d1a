package dev.holdout.clicks;

import dev.holdout.base.HoldoutException;
import dev.holdout.data.Dictionary;
import dev.holdout.data.RecordReader;
import dev.holdout.data.RecordReaders;
import dev.holdout.data.Values;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A click log read into columns: one row per result shown, naming its session (one shown list
 * of one query), the query, the document, its position (1 = top) and whether it was clicked.
 * With a dwell column and a minimum dwell, a click counts only when the reader stayed at least
 * that long (a quick return is not a satisfied click). Rows of one session must share their query
 * and may not repeat a position. Immutable once read.
 */
public final class ClickLog {
  /** The log's column names; {@code dwell} null without one (then {@code minDwell} is ignored). */
  public record Columns(String session, String query, String doc, String position, String click, String dwell, double minDwell) {}

  final Path path;
  final String sha256;
  final int rows;
  final int[] sessionOf;
  final int[] pairOf;
  final int[] position;
  final boolean[] clicked;
  /** The query of each session. */
  final int[] queryOfSession;
  /** The query and document of each (query, document) pair. */
  final int[] pairQuery;
  final int[] pairDoc;
  final List<String> queries;
  final List<String> docs;
  final int sessions;
  final int maxPosition;
  final long clicks;

  private ClickLog(Path path, String sha256, int rows, int[] sessionOf, int[] pairOf, int[] position, boolean[] clicked, int[] queryOfSession,
      int[] pairQuery, int[] pairDoc, List<String> queries, List<String> docs) {
    this.path = path;
    this.sha256 = sha256;
    this.rows = rows;
    this.sessionOf = sessionOf;
    this.pairOf = pairOf;
    this.position = position;
    this.clicked = clicked;
    this.queryOfSession = queryOfSession;
    this.pairQuery = pairQuery;
    this.pairDoc = pairDoc;
    this.queries = queries;
    this.docs = docs;
    this.sessions = queryOfSession.length;
    this.maxPosition = Arrays.stream(position).max().orElse(0);
    long c = 0;
    for (boolean b : clicked) if (b) c++;
    this.clicks = c;
  }

  public int rows() {
    return rows;
  }

  public int sessions() {
    return sessions;
  }

  /** The number of (query, document) pairs shown. */
  public int pairs() {
    return pairQuery.length;
  }

  /** Reads the log; every value is checked with the file, line and column. */
  public static ClickLog read(Path path, Columns c) {
    try (RecordReader r = RecordReaders.open(path)) {
      var hash = RecordReaders.sha256Async(path);
      int sessionCol = Values.column(r, c.session(), "--session");
      int queryCol = Values.column(r, c.query(), "--query");
      int docCol = Values.column(r, c.doc(), "--doc");
      int positionCol = Values.column(r, c.position(), "--position");
      int clickCol = Values.column(r, c.click(), "--click");
      int dwellCol = c.dwell() == null ? -1 : Values.column(r, c.dwell(), "--dwell");
      Dictionary sessionCodes = new Dictionary();
      Dictionary queryCodes = new Dictionary();
      Dictionary docCodes = new Dictionary();
      Map<Long, Integer> pairCodes = new HashMap<>();
      List<Integer> pairQuery = new ArrayList<>();
      List<Integer> pairDoc = new ArrayList<>();
      List<Integer> sessionQuery = new ArrayList<>();
      List<Long> sessionLine = new ArrayList<>();
      Map<Long, Long> positionLine = new HashMap<>();
      int cap = 1 << 12;
      int[] sessionOf = new int[cap];
      int[] pairOf = new int[cap];
      int[] position = new int[cap];
      boolean[] clicked = new boolean[cap];
      int n = 0;
      while (r.next()) {
        if (n == cap) {
          cap *= 2;
          sessionOf = Arrays.copyOf(sessionOf, cap);
          pairOf = Arrays.copyOf(pairOf, cap);
          position = Arrays.copyOf(position, cap);
          clicked = Arrays.copyOf(clicked, cap);
        }
        int s = sessionCodes.code(Values.requiredText(r, sessionCol, "a session id (one shown list)"));
        int q = queryCodes.code(Values.requiredText(r, queryCol, "a query"));
        int d = docCodes.code(Values.requiredText(r, docCol, "a document id"));
        if (s == sessionQuery.size()) {
          sessionQuery.add(q);
          sessionLine.add(r.positionNumber());
        } else if (sessionQuery.get(s) != q) {
          throw new HoldoutException.BadData(Values.where(r, queryCol) + ": session '" + sessionCodes.values().get(s) + "' showed query '"
              + queryCodes.values().get(sessionQuery.get(s)) + "' on " + r.positionOf(sessionLine.get(s)) + "; a session is one shown list of one query");
        }
        double p = Values.number(r, positionCol, "the position shown (1 = top)");
        if (p != Math.rint(p) || p < 1 || p > 10_000) {
          throw new HoldoutException.BadData(Values.where(r, positionCol) + ": expected the position shown, a whole number from 1 (the top), found '"
              + r.field(positionCol).strip() + "'");
        }
        Long earlier = positionLine.putIfAbsent(((long) s << 14) | (long) p, r.positionNumber());
        if (earlier != null) {
          throw new HoldoutException.BadData(Values.where(r, positionCol) + ": session '" + sessionCodes.values().get(s) + "' already shows position "
              + (int) p + " on " + r.positionOf(earlier) + "; give each position of a session once");
        }
        boolean click = flag(r, clickCol);
        if (click && dwellCol >= 0) click = Values.number(r, dwellCol, "the dwell time of a click") >= c.minDwell();
        long key = ((long) q << 32) | d;
        Integer pair = pairCodes.get(key);
        if (pair == null) {
          pair = pairQuery.size();
          pairCodes.put(key, pair);
          pairQuery.add(q);
          pairDoc.add(d);
        }
        sessionOf[n] = s;
        pairOf[n] = pair;
        position[n] = (int) p;
        clicked[n] = click;
        n++;
      }
      if (n == 0) throw new HoldoutException.BadData(path + ": has a header but no rows; expected one row per result shown");
      return new ClickLog(path, RecordReaders.await(hash), n, Arrays.copyOf(sessionOf, n), Arrays.copyOf(pairOf, n), Arrays.copyOf(position, n),
          Arrays.copyOf(clicked, n), sessionQuery.stream().mapToInt(Integer::intValue).toArray(), pairQuery.stream().mapToInt(Integer::intValue).toArray(),
          pairDoc.stream().mapToInt(Integer::intValue).toArray(), List.copyOf(queryCodes.values()), List.copyOf(docCodes.values()));
    }
  }

  private static boolean flag(RecordReader r, int col) {
    String v = Values.required(r, col, "1 or 0 (whether the result was clicked)").strip().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "1", "1.0", "true" -> true;
      case "0", "0.0", "false" -> false;
      default -> throw new HoldoutException.BadData(Values.where(r, col) + ": expected 1 or 0 (whether the result was clicked), found '"
          + r.field(col).strip() + "'");
    };
  }
}
