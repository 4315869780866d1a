package dev.holdout.server.watch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.holdout.monitor.MonitorSection;
import dev.holdout.server.base.ApiException;
import dev.holdout.server.base.Bounded;
import dev.holdout.server.project.Project;
import dev.holdout.server.project.Projects;
import dev.holdout.server.store.Database;
import dev.holdout.suite.Suite;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A project's prediction log and its outcomes, as batches. A batch is checked whole ({@link
 * LogBatch}), then stored in one transaction that numbers its rows after the log's last row, and
 * acknowledged only once committed and on disk ({@link Database#tx}). The client names each batch;
 * the same name with the same bytes answers the first acknowledgement again, with other bytes 409,
 * so a client that lost an answer sends the batch again without doubling it.
 */
public final class PredictionLog {
  private static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9._:-]{1,200}");
  private static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private final Database db;
  private final Projects projects;

  public PredictionLog(Database db, Projects projects) {
    this.db = db;
    this.projects = projects;
  }

  /** The acknowledgement of a stored batch, and whether this request replayed an earlier one. */
  public record Ack(String json, boolean replay) {}

  /** A project's monitor section; 409 when its suite has none. */
  static MonitorSection section(Project p) {
    return MonitorSection.of("suite.yaml", p.suiteYaml()).orElseThrow(() -> ApiException.conflict("project '" + p.id()
        + "' has no monitor section in its suite; add one (monitor: {window: week}) in a new project to keep a prediction log"));
  }

  /** Stores a batch of the log or of outcomes under the client's batch id. */
  public Ack append(String projectId, String batchId, InputStream body, boolean jsonl, LogBatch.Kind kind) throws IOException {
    if (batchId == null || !BATCH_ID.matcher(batchId).matches()) {
      throw ApiException.badRequest("name each batch in the Idempotency-Key header (or ?batch=): 1 to 200 letters, digits, '.', '_', ':' or '-'"
          + (batchId == null ? "" : ", found '" + Bounded.echo(batchId) + "'") + "; sending the same batch again with its name does not double it");
    }
    Project p = projects.get(projectId);
    Projects.requireReady(p);
    MonitorSection section = section(p);
    Suite suite = projects.suite(p, "all");
    LogBatch batch = LogBatch.read(body, jsonl, LogColumns.of(suite, section), kind);
    String sha = sha256(batch.raw());
    Optional<Ack> earlier = replay(projectId, batchId, sha);
    if (earlier.isPresent()) return earlier.get();
    return db.tx(sql -> {
      // one batch at a time per project: its rows are numbered after the last one
      sql.one("SELECT id FROM project WHERE id = ? FOR UPDATE", rs -> rs.getString(1), projectId);
      Optional<String[]> again = sql.one("SELECT sha256, ack FROM log_batch WHERE project_id = ? AND batch_id = ?",
          rs -> new String[] {rs.getString(1), rs.getString(2)}, projectId, batchId);
      if (again.isPresent()) return same(again.get(), sha, batchId);
      long first = sql.one("SELECT first_row + row_count FROM log_batch WHERE project_id = ? AND kind = ? ORDER BY first_row DESC LIMIT 1",
          rs -> rs.getLong(1), projectId, kind.key()).orElse(0L);
      long now = System.currentTimeMillis();
      Map<String, Object> ack = new LinkedHashMap<>();
      ack.put("batch", batchId);
      ack.put("kind", kind.key());
      ack.put("rows", batch.rows().size());
      ack.put("first_row", first + 1);
      ack.put("sha256", sha);
      ack.put("stored_at", Instant.ofEpochMilli(now).toString());
      String json = json(ack);
      sql.update("INSERT INTO log_batch (project_id, batch_id, kind, sha256, row_count, first_row, min_time, max_time, body, ack, created_at) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", projectId, batchId, kind.key(), sha, batch.rows().size(), first,
          batch.minTime(), batch.maxTime(), batch.csv(), json, now);
      return new Ack(json, false);
    });
  }

  private Optional<Ack> replay(String projectId, String batchId, String sha) {
    return db.read(sql -> sql.one("SELECT sha256, ack FROM log_batch WHERE project_id = ? AND batch_id = ?",
        rs -> new String[] {rs.getString(1), rs.getString(2)}, projectId, batchId)).map(r -> same(r, sha, batchId));
  }

  private static Ack same(String[] stored, String sha, String batchId) {
    if (!stored[0].equals(sha)) {
      throw ApiException.conflict("batch '" + Bounded.echo(batchId) + "' was stored before with other content (sha256 " + stored[0]
          + "); give a new batch its own name");
    }
    return new Ack(stored[1], true);
  }

  /** The log's extent: rows stored and the latest time (seconds), for closing windows. */
  record Extent(long rows, long maxTime) {}

  Extent extent(String projectId) {
    return db.read(sql -> sql.one("SELECT COALESCE(MAX(first_row + row_count), 0), COALESCE(MAX(max_time), 0) FROM log_batch WHERE project_id = ? AND kind = 'log'",
        rs -> new Extent(rs.getLong(1), rs.getLong(2)), projectId).orElse(new Extent(0, 0)));
  }

  /** A stored batch: its rows as canonical CSV and the number of its first row (0-based). */
  record Stored(String csv, long firstRow) {}

  /** Log batches with a row in [from, to) seconds, in row order. */
  List<Stored> byTime(String projectId, long from, long to) {
    return db.read(sql -> sql.list("SELECT body, first_row FROM log_batch WHERE project_id = ? AND kind = 'log' AND max_time >= ? AND min_time < ? "
        + "ORDER BY first_row", rs -> new Stored(rs.getString(1), rs.getLong(2)), projectId, from, to));
  }

  /** Log batches with a row numbered in [from, to) (0-based), in row order. */
  List<Stored> byRows(String projectId, long from, long to) {
    return db.read(sql -> sql.list("SELECT body, first_row FROM log_batch WHERE project_id = ? AND kind = 'log' AND first_row < ? "
        + "AND first_row + row_count > ? ORDER BY first_row", rs -> new Stored(rs.getString(1), rs.getLong(2)), projectId, to, from));
  }

  /** Every outcomes batch, in the order stored (a later outcome of an id replaces an earlier one). */
  List<Stored> outcomes(String projectId) {
    return db.read(sql -> sql.list("SELECT body, first_row FROM log_batch WHERE project_id = ? AND kind = 'outcomes' ORDER BY first_row",
        rs -> new Stored(rs.getString(1), rs.getLong(2)), projectId));
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
