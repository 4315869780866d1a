package dev.holdout.engagement;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.holdout.audit.AuditReport;
import dev.holdout.base.HoldoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The index of an evidence pack, {@code holdout.evidence/v1}: the delivery it is about (suite, verdict,
 * annex, the fingerprints of suite, evaluation set and submission), each file with its sha256 and
 * the clauses it serves, and each clause with the files that serve it. {@link EvidenceFolder} writes
 * the folder and its {@code manifest.sha256}; renderers draw index.html from this record.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evidence(String schema, String suite, String problem, String verdict, Annex annexBinding, Fingerprints fingerprints,
    List<Item> items, List<ClauseEntry> clauses, List<String> notes) {
  public static final String SCHEMA = "holdout.evidence/v1";

  /** The annex's fingerprint and the one the suite names in {@code framing.annex} (null: none), and whether they match. */
  public record Annex(String sha256, String declared, boolean matches) {}

  /** sha256 of the suite file, the evaluation set (with its rows) and the submission, as the report recorded them. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Fingerprints(String suite, String data, Long dataRows, String submission, String submissionSha256) {}

  /** One file of the pack: its key (suite, annex, report ...), file name, what it is, sha256, bytes and the clauses it serves. */
  public record Item(String key, String file, String title, String sha256, long bytes, List<String> serves) {}

  /** One clause, what it asks for, and the files that serve it. */
  public record ClauseEntry(String clause, String asks, List<String> files) {}

  /** A file to put in the pack: its item key (a key of {@link Clauses#SERVES}, or null for files that serve none), name, title and bytes. */
  public record Entry(String key, String file, String title, byte[] bytes) {}

  /** The index over {@code entries}; every keyed entry is mapped to its clauses. */
  public static Evidence index(String suite, String problem, String verdict, Annex annex, Fingerprints fingerprints, List<Entry> entries,
      List<String> notes) {
    List<Item> items = new ArrayList<>();
    for (Entry e : entries) {
      List<String> serves = e.key() == null ? List.of() : Clauses.SERVES.get(e.key());
      if (serves == null) throw new IllegalArgumentException("no clauses for item key " + e.key());
      items.add(new Item(e.key(), e.file(), e.title(), EvidenceFolder.sha256(e.bytes()), e.bytes().length, serves));
    }
    List<ClauseEntry> clauses = new ArrayList<>();
    for (Map.Entry<String, String> c : Clauses.ASKS.entrySet()) {
      List<String> files = items.stream().filter(i -> i.serves().contains(c.getKey())).map(Item::file).toList();
      clauses.add(new ClauseEntry(c.getKey(), c.getValue(), files));
    }
    return new Evidence(SCHEMA, suite, problem, verdict, annex, fingerprints, items, clauses, notes);
  }

  /**
   * What an audit of the evaluation set says against the delivery: a verdict other than READY means
   * the delivery was judged before the data audit passed, and an audit of another file is no
   * evidence about this one.
   */
  public static List<String> auditNotes(AuditReport audit, String evalSetSha256) {
    List<String> notes = new ArrayList<>();
    if (!"READY".equals(audit.verdict())) {
      notes.add("the data audit's verdict is " + audit.verdict() + ": the delivery was judged before the audit of the evaluation set passed");
    }
    if (audit.data() != null && audit.data().sha256() != null && !audit.data().sha256().equals(evalSetSha256)) {
      notes.add("the audit is of another file (" + audit.data().path() + ", sha256 " + shortHash(audit.data().sha256())
          + "...) than the evaluation set (sha256 " + shortHash(evalSetSha256) + "...)");
    }
    return notes;
  }

  /** Refuses a report made with another version of the suite: its evidence would not be about this contract. */
  public static void checkSameSuite(String reportSuiteSha, String suiteSha, String suiteFile, String reportFile) {
    if (reportSuiteSha != null && !reportSuiteSha.equals(suiteSha)) {
      throw new HoldoutException(reportFile + ": the report was made with another version of the suite (suite sha256 " + shortHash(reportSuiteSha)
          + "..., " + suiteFile + " is " + shortHash(suiteSha) + "...); evaluate again with this suite, or give the suite the report was made with");
    }
  }

  static String shortHash(String h) {
    return h.length() > 12 ? h.substring(0, 12) : h;
  }
}
