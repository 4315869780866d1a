package dev.holdout.evaluation;

import dev.holdout.base.Progress;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdout.base.HoldoutException;
import dev.holdout.data.RecordReader;
import dev.holdout.data.RecordReaders;
import dev.holdout.data.Values;
import dev.holdout.suite.Suite;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A submission's ranked lists, one per query, kept as the relevance grade of each retrieved document
 * in rank order (0 for documents the evaluation set does not judge, as trec_eval counts them).
 * Read from rows of query, document and rank (1 first) or score (higher first; equal scores are
 * ordered by document id, descending, as trec_eval does), or from JSON Lines with a list of
 * document ids per query, best first. A document listed twice for one query, a rank given twice,
 * or a query the evaluation set does not have is an error that names the line.
 */
final class RankedLists {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Query q's list is {@code grades[start[q] .. start[q+1])}; an absent query has an empty list. */
  final int[] start;
  final int[] grades;

  private RankedLists(int[] start, int[] grades) {
    this.start = start;
    this.grades = grades;
  }

  /** Reads ranked lists for {@code eval}'s queries; {@code baseline} lists are never refused for missing queries. */
  static Submission load(Suite suite, EvaluationSet eval, Path path, String name, Progress progress, boolean baseline) {
    return load(suite, eval, path, name, progress, baseline, false);
  }

  /**
   * As above; {@code part}: {@code eval} is a part of a set the file was already checked against (a
   * server's public or private queries), so lists of the other part's queries are left out and
   * nothing is refused for missing queries.
   */
  static Submission load(Suite suite, EvaluationSet eval, Path path, String name, Progress progress, boolean baseline, boolean part) {
    Suite.Retrieval rs = suite.retrieval();
    Entries e = new Entries(path, eval, rs, baseline ? "baseline.path" : "predictions");
    e.part = part;
    String hash;
    String lower = path.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean lines = lower.endsWith(".jsonl") || lower.endsWith(".ndjson");
    if (rs.docs() != null && (lines || rs.predictedDoc() == null)) {
      hash = readLists(e, suite, path, progress);
    } else {
      try (RecordReader r = RecordReaders.open(path)) {
        var sha = RecordReaders.sha256Async(path);
        int idCol = Values.column(r, suite.predictions().id(), "predictions.id in the suite, the query id");
        int docCol = Values.column(r, rs.predictedDoc(), "predictions.doc in the suite");
        boolean byRank = rs.rank() != null;
        int keyCol = Values.column(r, byRank ? rs.rank() : rs.score(), byRank ? "predictions.rank in the suite" : "predictions.score in the suite");
        e.docColumn = rs.predictedDoc();
        e.keyColumn = byRank ? rs.rank() : rs.score();
        int last = -1;
        while (r.next()) {
          CharSequence id = Values.requiredText(r, idCol, "a query id");
          int q = last >= 0 && eval.ids.equalsAt(last, id) ? last : eval.find(id, last + 1);
          if (q < 0 && part) continue;
          if (q < 0) throw unknownQuery(Values.where(r, idCol), r.position() + ", column '" + r.header().get(idCol) + "'", id, eval);
          last = q;
          CharSequence doc = Values.requiredText(r, docCol, "a document id");
          double key;
          if (byRank) {
            key = Values.number(r, keyCol, "a rank, a whole number from 1");
            if (key != Math.rint(key) || key < 1) {
              throw new HoldoutException.BadData(Values.where(r, keyCol) + ": expected a rank, a whole number from 1 (1 is the best), found '" + r.field(keyCol).strip() + "'");
            }
          } else {
            key = -Values.number(r, keyCol, "a retrieval score (a number, higher first)");
          }
          e.add(q, doc, key, (int) Math.min(Integer.MAX_VALUE, r.positionNumber()));
          if ((e.n & 0xFFFF) == 0) progress.rows("reading " + path.getFileName(), e.n);
        }
        if (e.n == 0 && !part) throw new HoldoutException.BadData(path + ": has a header but no rows; expected ranked documents for the evaluation set's queries");
        hash = RecordReaders.await(sha);
      }
    }
    return e.finish(suite, name, hash, baseline, e.keyColumn == null || rs.rank() != null);
  }

  /** A query the evaluation set lacks; the facts name only the file's own position and id, for messages that must not name the set's. */
  private static HoldoutException unknownQuery(String where, String position, CharSequence id, EvaluationSet eval) {
    return new SubmissionMismatch(where + ": query '" + id + "' is not in the evaluation set (" + eval.path.getFileName()
        + ", e.g. '" + eval.ids.get(0) + "'); rank only the evaluation set's queries, and check that both files use the same query ids",
        new SubmissionMismatch.Facts(SubmissionMismatch.Kind.UNKNOWN_ID, 0, 0, List.of(id.toString()), position, id.toString()));
  }

  /** JSON Lines of {"query": ..., "docs": [...]}: reads with line numbers of its own, since a list is not a column. */
  private static String readLists(Entries e, Suite suite, Path path, Progress progress) {
    String idKey = suite.predictions().id();
    String docsKey = suite.retrieval().docs();
    e.docColumn = docsKey;
    String lower = path.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!lower.endsWith(".jsonl") && !lower.endsWith(".ndjson")) {
      throw new HoldoutException.BadData(path + ": predictions.docs reads JSON Lines (.jsonl) with a list of document ids per query, like {\""
          + idKey + "\": \"q1\", \"" + docsKey + "\": [\"d3\", \"d7\"]}; for rows of query, document and rank, give predictions.doc with rank or score as well");
    }
    var sha = RecordReaders.sha256Async(path);
    try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      int last = -1;
      Map<Integer, Integer> listLine = new HashMap<>();
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') line = line.substring(1);
        if (line.isBlank()) continue;
        JsonNode node;
        try {
          node = JSON.readTree(line);
        } catch (JsonProcessingException ex) {
          throw new HoldoutException.BadData(path + " line " + lineNo + ": not valid JSON (" + ex.getOriginalMessage() + "); each line must be one JSON object");
        }
        if (node == null || !node.isObject()) {
          throw new HoldoutException.BadData(path + " line " + lineNo + ": expected a JSON object like {\"" + idKey + "\": \"q1\", \"" + docsKey + "\": [\"d3\", \"d7\"]}");
        }
        JsonNode id = node.get(idKey);
        if (id == null || id.isNull() || id.isContainerNode() || id.asText().isBlank()) {
          throw new HoldoutException.BadData(path + " line " + lineNo + ", column '" + idKey + "': expected a query id (predictions.id in the suite)");
        }
        String qid = id.asText().strip();
        int q = last >= 0 && e.eval.ids.equalsAt(last, qid) ? last : e.eval.find(qid, last + 1);
        if (q < 0 && e.part) continue;
        if (q < 0) throw unknownQuery(path + " line " + lineNo + ", column '" + idKey + "'", "line " + lineNo + ", column '" + idKey + "'", qid, e.eval);
        last = q;
        Integer earlier = listLine.putIfAbsent(q, lineNo);
        if (earlier != null) {
          throw new HoldoutException.BadData(path + " line " + lineNo + ", column '" + idKey + "': query '" + qid + "' already has a ranked list on line "
              + earlier + "; send one list per query");
        }
        JsonNode docs = node.get(docsKey);
        if (docs == null || !docs.isArray()) {
          throw new HoldoutException.BadData(path + " line " + lineNo + ", column '" + docsKey + "': expected a list of document ids, best first, found "
              + (docs == null ? "nothing" : docs.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        int rank = 0;
        for (JsonNode d : docs) {
          rank++;
          if (d.isContainerNode() || d.isNull() || d.asText().isBlank()) {
            throw new HoldoutException.BadData(path + " line " + lineNo + ", column '" + docsKey + "': item " + rank + " is not a document id");
          }
          e.add(q, d.asText().strip(), rank, lineNo);
        }
        if (rank == 0) e.markPresent(q);
        if ((lineNo & 0xFFFF) == 0) progress.rows("reading " + path.getFileName(), lineNo);
      }
      if (lineNo == 0) throw new HoldoutException.BadData(path + ": the file is empty; expected one JSON object per query");
    } catch (NoSuchFileException ex) {
      throw new HoldoutException.BadData(path + ": file not found; check the path");
    } catch (IOException ex) {
      throw new HoldoutException.BadData(path + ": cannot be read (" + ex.getMessage() + ")", ex);
    }
    return RecordReaders.await(sha);
  }

  /**
   * Ranked entries as read, in file order, before they are grouped by query. Document ids are kept
   * as characters in one array (no String per entry, so ten million entries cost the collector
   * little), each with its judged-document code in the evaluation set (-1 when unjudged).
   */
  private static final class Entries {
    final Path path;
    final EvaluationSet eval;
    final Suite.Retrieval rs;
    final String role;
    final boolean[] present;
    /** Reading against a part: other queries are skipped and missing ones never refused. */
    boolean part;
    String docColumn;
    String keyColumn;
    boolean byRank;
    int n;
    int[] query = new int[1 << 12];
    double[] key = new double[1 << 12];
    int[] line = new int[1 << 12];
    char[] chars = new char[1 << 16];
    int[] textStart = new int[(1 << 12) + 1];

    Entries(Path path, EvaluationSet eval, Suite.Retrieval rs, String role) {
      this.path = path;
      this.eval = eval;
      this.rs = rs;
      this.role = role;
      this.present = new boolean[eval.rows];
    }

    void markPresent(int q) {
      present[q] = true;
    }

    void add(int q, CharSequence doc, double k, int at) {
      if (n == query.length) {
        int cap = n * 2;
        query = Arrays.copyOf(query, cap);
        key = Arrays.copyOf(key, cap);
        line = Arrays.copyOf(line, cap);
        textStart = Arrays.copyOf(textStart, cap + 1);
      }
      int from = textStart[n];
      int len = doc.length();
      if (from + len > chars.length) chars = Arrays.copyOf(chars, Math.max(chars.length * 2, from + len));
      for (int c = 0; c < len; c++) chars[from + c] = doc.charAt(c);
      textStart[n + 1] = from + len;
      query[n] = q;
      key[n] = k;
      line[n] = at;
      n++;
      present[q] = true;
    }

    private String doc(int i) {
      return new String(chars, textStart[i], textStart[i + 1] - textStart[i]);
    }

    private int hash(int i) {
      int h = 0;
      for (int c = textStart[i]; c < textStart[i + 1]; c++) h = 31 * h + chars[c];
      return spread(h);
    }

    private static int spread(int h) {
      h *= 0x9E3779B9;
      return h ^ (h >>> 16);
    }

    private boolean sameDoc(int i, String doc) {
      int len = textStart[i + 1] - textStart[i];
      if (len != doc.length()) return false;
      for (int c = 0; c < len; c++) if (chars[textStart[i] + c] != doc.charAt(c)) return false;
      return true;
    }

    private boolean sameDoc(int i, int j) {
      int len = textStart[i + 1] - textStart[i];
      if (len != textStart[j + 1] - textStart[j]) return false;
      return Arrays.equals(chars, textStart[i], textStart[i] + len, chars, textStart[j], textStart[j] + len);
    }

    /** Document ids compared as text, as trec_eval's strcmp does for ASCII ids. */
    private int compareDocs(int i, int j) {
      return Arrays.compare(chars, textStart[i], textStart[i + 1], chars, textStart[j], textStart[j + 1]);
    }

    Submission finish(Suite suite, String name, String sha256, boolean baseline, boolean byRank) {
      this.byRank = byRank;
      int queries = eval.rows;
      int[] start = new int[queries + 1];
      for (int i = 0; i < n; i++) start[query[i] + 1]++;
      for (int q = 0; q < queries; q++) start[q + 1] += start[q];
      int[] fill = Arrays.copyOf(start, queries);
      int[] order = new int[n];
      for (int i = 0; i < n; i++) order[fill[query[i]]++] = i;
      Qrels qrels = eval.qrels;
      List<String> judgedIds = qrels.docs.values();
      int[] judgedTable = new int[16];
      int[] judgedStamp = new int[16];
      int[] grades = new int[n];
      int[] table = new int[256];
      int[] tableStamp = new int[256];
      int stamp = 0;
      for (int q = 0; q < queries; q++) {
        int from = start[q];
        int to = start[q + 1];
        int size = Integer.highestOneBit(Math.max(4, (to - from) * 2 - 1)) << 1;
        if (size > table.length) {
          table = new int[size];
          tableStamp = new int[size];
          stamp = 0;
        }
        stamp++;
        int mask = size - 1;
        for (int a = from; a < to; a++) {
          int i = order[a];
          int slot = hash(i) & mask;
          while (tableStamp[slot] == stamp) {
            int first = table[slot];
            if (sameDoc(first, i)) {
              throw new HoldoutException.BadData(path + " line " + line[i] + ", column '" + docColumn + "': document '" + doc(i)
                  + "' is ranked twice for query '" + eval.ids.get(q) + "' (first on line " + line[first]
                  + "); a ranked list holds each document once, so remove the repeat");
            }
            slot = (slot + 1) & mask;
          }
          tableStamp[slot] = stamp;
          table[slot] = i;
        }
        if (!sorted(from, to, order)) sort(order, from, to);
        if (byRank) {
          for (int a = from + 1; a < to; a++) {
            if (key[order[a]] == key[order[a - 1]]) {
              int i = order[a];
              throw new HoldoutException.BadData(path + " line " + line[i] + ", column '" + keyColumn + "': rank " + (long) key[i] + " is given twice for query '"
                  + eval.ids.get(q) + "' (also on line " + line[order[a - 1]] + "); give each document of a query its own rank");
            }
          }
        }
        // The query's few judged documents in a small table, so a ranked document is matched to its
        // judgement without a lookup in a table of every judged document (a cache miss per entry).
        int judgedCount = qrels.start[q + 1] - qrels.start[q];
        int jsize = Integer.highestOneBit(Math.max(4, judgedCount * 2 - 1)) << 1;
        if (jsize > judgedTable.length) {
          judgedTable = new int[jsize];
          judgedStamp = new int[jsize];
        }
        int jmask = jsize - 1;
        for (int e = qrels.start[q]; e < qrels.start[q + 1]; e++) {
          String d = judgedIds.get(qrels.doc[e]);
          int h = 0;
          for (int c = 0; c < d.length(); c++) h = 31 * h + d.charAt(c);
          int slot = spread(h) & jmask;
          while (judgedStamp[slot] == q + 1) slot = (slot + 1) & jmask;
          judgedStamp[slot] = q + 1;
          judgedTable[slot] = e;
        }
        for (int a = from; a < to; a++) {
          int i = order[a];
          int slot = hash(i) & jmask;
          int g = 0;
          while (judgedStamp[slot] == q + 1) {
            int e = judgedTable[slot];
            if (sameDoc(i, judgedIds.get(qrels.doc[e]))) {
              g = qrels.grade[e];
              break;
            }
            slot = (slot + 1) & jmask;
          }
          grades[a] = g;
        }
      }
      int missing = 0;
      List<String> examples = new ArrayList<>();
      for (int q = 0; q < queries; q++) {
        if (!present[q]) {
          missing++;
          if (examples.size() < 5) examples.add(eval.ids.get(q));
        }
      }
      if (!baseline && !part && missing == queries) {
        throw new HoldoutException.BadData(path + ": ranks no query of the evaluation set; expected a ranked list per query");
      }
      if (!baseline && !part && missing > 0 && suite.predictions().missing() == Suite.Missing.FAIL) {
        throw new SubmissionMismatch(path + ": " + missing + " queries of the evaluation set have no ranked list (e.g. " + Values.sample(examples, missing)
            + ") and the suite says predictions.missing: fail; send a ranked list for every query",
            new SubmissionMismatch.Facts(SubmissionMismatch.Kind.IDS_MISSING, queries - missing, queries - missing, List.of(), null, null));
      }
      return new Submission(name, path, sha256, present, missing, new RankedLists(start, grades));
    }

    private boolean sorted(int from, int to, int[] order) {
      for (int a = from + 1; a < to; a++) if (compare(order[a - 1], order[a]) > 0) return false;
      return true;
    }

    /** Ascending key (rank, or minus the score); equal keys by document id descending, as trec_eval breaks score ties. */
    private int compare(int i, int j) {
      int c = Double.compare(key[i], key[j]);
      if (c != 0 || byRank) return c;
      return compareDocs(j, i);
    }

    private void sort(int[] order, int from, int to) {
      Integer[] box = new Integer[to - from];
      for (int a = from; a < to; a++) box[a - from] = order[a];
      Arrays.sort(box, this::compare);
      for (int a = from; a < to; a++) order[a] = box[a - from];
    }
  }
}
