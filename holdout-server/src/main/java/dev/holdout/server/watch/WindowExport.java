package dev.holdout.server.watch;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import dev.holdout.monitor.MonitorSection;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;

/**
 * Writes one window of a project's stored log as a file {@code holdout monitor} reads: the rows of
 * the window (by time, or by row number), under the union of the batches' headers, and beside it
 * the outcomes of those rows (the last one stored for an id). The engine then judges the file
 * exactly as it would judge a log on disk.
 */
final class WindowExport {
  private WindowExport() {}

  /** What was written: the log file, the outcomes file (null when no row of the window has one) and the rows. */
  record Written(Path log, Path outcomes, long rows) {}

  /**
   * Writes the rows of {@code batches} that fall in the window: time in [from, to) seconds when
   * {@code byTime}, else row numbers in [from, to). Outcome batches name rows by {@code idColumn}
   * too; the outcomes file names them {@code outcomeId} (the suite's data.id), as the engine reads it.
   */
  static Written write(Path dir, List<PredictionLog.Stored> batches, boolean byTime, List<String> timeNames, long from, long to, String idColumn,
      List<PredictionLog.Stored> outcomeBatches, String outcomeId, String label) throws IOException {
    List<List<String>> headers = new ArrayList<>();
    List<List<String[]>> kept = new ArrayList<>();
    Set<String> union = new LinkedHashSet<>();
    Set<String> ids = new HashSet<>();
    long rows = 0;
    for (PredictionLog.Stored b : batches) {
      List<String> header = null;
      List<String[]> mine = new ArrayList<>();
      int time = -1;
      int id = -1;
      long row = b.firstRow();
      try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(b.csv())) {
        for (CsvRecord r : csv) {
          if (header == null) {
            header = r.getFields();
            for (String t : timeNames) if (time < 0 && header.contains(t)) time = header.indexOf(t);
            id = header.indexOf(idColumn);
            continue;
          }
          boolean in;
          if (byTime) {
            long s = MonitorSection.epochSeconds(r.getField(time).strip());
            in = s >= from && s < to;
          } else {
            in = row >= from && row < to;
          }
          row++;
          if (in) {
            mine.add(r.getFields().toArray(new String[0]));
            if (id >= 0) ids.add(r.getField(id).strip());
          }
        }
      }
      if (!mine.isEmpty()) {
        union.addAll(header);
        headers.add(header);
        kept.add(mine);
        rows += mine.size();
      }
    }
    List<String> all = new ArrayList<>(union);
    Path log = dir.resolve("window.csv");
    try (Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8); CsvWriter w = CsvWriter.builder().build(out)) {
      w.writeRecord(all);
      for (int b = 0; b < kept.size(); b++) {
        int[] at = new int[all.size()];
        for (int c = 0; c < all.size(); c++) at[c] = headers.get(b).indexOf(all.get(c));
        String[] cells = new String[all.size()];
        for (String[] r : kept.get(b)) {
          for (int c = 0; c < at.length; c++) cells[c] = at[c] < 0 ? "" : r[at[c]];
          w.writeRecord(cells);
        }
      }
    }
    Map<String, String> outcomes = new LinkedHashMap<>();
    for (PredictionLog.Stored b : outcomeBatches) {
      try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(b.csv())) {
        int id = -1;
        int lab = -1;
        for (CsvRecord r : csv) {
          if (id < 0) {
            id = r.getFields().indexOf(idColumn);
            lab = r.getFields().indexOf(label);
            continue;
          }
          String key = r.getField(id).strip();
          if (ids.contains(key)) outcomes.put(key, r.getField(lab));
        }
      }
    }
    Path out = null;
    if (!outcomes.isEmpty()) {
      out = dir.resolve("outcomes.csv");
      try (Writer o = Files.newBufferedWriter(out, StandardCharsets.UTF_8); CsvWriter w = CsvWriter.builder().build(o)) {
        w.writeRecord(outcomeId, label);
        for (var e : outcomes.entrySet()) w.writeRecord(e.getKey(), e.getValue());
      }
    }
    return new Written(log, out, rows);
  }
}
