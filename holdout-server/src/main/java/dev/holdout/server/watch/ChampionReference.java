package dev.holdout.server.watch;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.holdout.data.RecordReader;
import dev.holdout.data.RecordReaders;
import dev.holdout.server.store.Database;
import dev.holdout.suite.Suite;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reference performance is estimated against: the project's evaluation set (features and
 * outcomes) with the current champion's predictions beside each row, the model as it was accepted.
 * Rows the champion did not predict are left out. Empty when the project has no champion.
 */
final class ChampionReference {
  private ChampionReference() {}

  static Optional<Path> write(Database db, Path submissions, String projectId, Suite suite, Path evaluationSet, Path dir) throws IOException {
    Optional<String> file = db.read(sql -> sql.one("SELECT s.file_name FROM champion c JOIN submission s ON s.id = c.submission_id "
        + "WHERE c.project_id = ? ORDER BY c.position DESC LIMIT 1", rs -> rs.getString(1), projectId));
    if (file.isEmpty()) return Optional.empty();
    Suite.Predictions p = suite.predictions();
    String predId = p.id() != null ? p.id() : suite.data().id();
    Map<String, String[]> outputs = new HashMap<>();
    List<String> names = new ArrayList<>();
    try (RecordReader r = RecordReaders.open(submissions.resolve(projectId).resolve(file.get()))) {
      List<String> header = r.header();
      int id = header.indexOf(predId);
      List<Integer> at = new ArrayList<>();
      for (int c = 0; c < header.size(); c++) {
        if (c != id) {
          names.add(header.get(c));
          at.add(c);
        }
      }
      while (r.next()) {
        String[] v = new String[at.size()];
        for (int k = 0; k < v.length; k++) v[k] = r.field(at.get(k));
        outputs.put(r.field(id).strip(), v);
      }
    }
    Path out = dir.resolve("reference.csv");
    try (RecordReader r = RecordReaders.open(evaluationSet); Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
        CsvWriter csv = CsvWriter.builder().build(w)) {
      List<String> header = new ArrayList<>(r.header());
      int id = header.indexOf(suite.data().id());
      List<Integer> keep = new ArrayList<>();
      for (int c = 0; c < header.size(); c++) if (!names.contains(header.get(c))) keep.add(c);
      List<String> all = new ArrayList<>();
      for (int c : keep) all.add(header.get(c));
      all.addAll(names);
      csv.writeRecord(all);
      String[] row = new String[all.size()];
      while (r.next()) {
        String[] o = outputs.get(r.field(id).strip());
        if (o == null) continue;
        int k = 0;
        for (int c : keep) row[k++] = r.field(c) == null ? "" : r.field(c);
        for (String v : o) row[k++] = v == null ? "" : v;
        csv.writeRecord(row);
      }
    }
    return Optional.of(out);
  }
}
