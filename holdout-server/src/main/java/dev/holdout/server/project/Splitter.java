package dev.holdout.server.project;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.holdout.base.CsvCells;
import dev.holdout.data.RecordReader;
import dev.holdout.data.RecordReaders;
import dev.holdout.metric.Task;
import dev.holdout.server.store.DurableFiles;
import dev.holdout.server.store.StoreException;
import dev.holdout.server.store.Uploads;
import dev.holdout.suite.Suite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a table's rows into the public and private parts by a key column, and the inputs vendors
 * may download. The key is the unit that must not straddle the parts: a row's id, a retrieval
 * query (its judgements, its attributes and the baseline's ranked list go together), or a
 * forecasting series (its actual values and its history go together). Every file is written to a
 * temporary name, synced and renamed into place.
 */
final class Splitter {
  private Splitter() {}

  /** The column whose value decides a row's part: the series for forecasting, else data.id (a retrieval row's query). */
  static String key(Suite suite) {
    return suite.task() == Task.FORECASTING ? suite.forecast().series() : suite.data().id();
  }

  /**
   * Copies {@code source} as CSV into {@code targets} (all, public, private; a null target is not
   * written) and returns, per part, the rows, or the distinct keys when {@code distinct}.
   */
  static int[] split(Path source, String keyColumn, String role, Split split, Path[] targets, boolean distinct) {
    Path[] tmps = new Path[targets.length];
    int[] counts = new int[2];
    List<Set<String>> seen = List.of(new HashSet<>(), new HashSet<>());
    try (RecordReader r = RecordReaders.open(source)) {
      List<String> header = r.header();
      int keyCol = header.indexOf(keyColumn);
      if (keyCol < 0) throw new IllegalStateException(role + " has no column '" + keyColumn + "' although it was checked");
      CsvWriter[] out = new CsvWriter[targets.length];
      try {
        for (int i = 0; i < targets.length; i++) {
          if (targets[i] == null) continue;
          DurableFiles.createFolders(targets[i].getParent());
          tmps[i] = Files.createTempFile(targets[i].getParent(), "." + targets[i].getFileName(), ".tmp");
          out[i] = CsvWriter.builder().build(tmps[i], StandardCharsets.UTF_8);
          out[i].writeRecord(header);
        }
        String[] row = new String[header.size()];
        while (r.next()) {
          for (int c = 0; c < row.length; c++) {
            String v = r.field(c);
            row[c] = v == null ? "" : v;
          }
          String key = row[keyCol].strip();
          int part = split.isPublic(key) ? 0 : 1;
          if (out[0] != null) out[0].writeRecord(row);
          if (out[1 + part] != null) out[1 + part].writeRecord(row);
          if (!distinct || seen.get(part).add(key)) counts[part]++;
        }
      } finally {
        for (CsvWriter w : out) if (w != null) w.close();
      }
      for (int i = 0; i < targets.length; i++) if (targets[i] != null) DurableFiles.move(tmps[i], targets[i]);
      return counts;
    } catch (IOException e) {
      throw new StoreException("cannot write the split " + role + " beside " + targets[1] + ": " + e.getMessage() + "; check the data folder's free space", e);
    } finally {
      for (Path t : tmps) if (t != null) Uploads.deleteQuietly(t);
    }
  }

  /**
   * Writes what vendors may download: {@code source}'s columns that {@code hidden} does not mark,
   * the id cell exact (vendors echo ids) and the others formula-safe; with {@code distinct}, only
   * the first row of each id (a retrieval set's queries, read from its judgements).
   */
  static void inputs(Path source, String idColumn, List<String> keep, Path target, boolean distinct) {
    Path tmp = null;
    try (RecordReader r = RecordReaders.open(source)) {
      List<String> header = r.header();
      int idCol = header.indexOf(idColumn);
      List<Integer> cols = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (int c = 0; c < header.size(); c++) {
        if (keep == null || keep.contains(header.get(c))) {
          cols.add(c);
          names.add(header.get(c));
        }
      }
      tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
      Set<String> written = new LinkedHashSet<>();
      try (CsvWriter w = CsvWriter.builder().build(tmp, StandardCharsets.UTF_8)) {
        w.writeRecord(names);
        String[] row = new String[cols.size()];
        while (r.next()) {
          String id = r.field(idCol);
          if (distinct && !written.add(id == null ? "" : id.strip())) continue;
          for (int k = 0; k < row.length; k++) {
            int c = cols.get(k);
            String v = r.field(c);
            v = v == null ? "" : v;
            row[k] = c == idCol ? v : CsvCells.guard(v);
          }
          w.writeRecord(row);
        }
      }
      DurableFiles.move(tmp, target);
    } catch (IOException e) {
      throw new StoreException("cannot write the inputs " + target + ": " + e.getMessage() + "; check the data folder's free space", e);
    } finally {
      if (tmp != null) Uploads.deleteQuietly(tmp);
    }
  }

  /** The columns of {@code header} that {@code hidden} does not mark, in order. */
  static List<String> shown(List<String> header, boolean[] hidden) {
    List<String> out = new ArrayList<>();
    for (int c = 0; c < header.size(); c++) if (!hidden[c]) out.add(header.get(c));
    return out;
  }

  /** The header of a table file. */
  static List<String> header(Path file) {
    try (RecordReader r = RecordReaders.open(file)) {
      return r.header();
    }
  }
}
