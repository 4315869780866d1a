package dev.holdout.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdout.Holdout;
import dev.holdout.base.HoldoutException;
import dev.holdout.base.Progress;
import dev.holdout.data.RecordReader;
import dev.holdout.data.RecordReaders;
import dev.holdout.render.JsonReport;
import dev.holdout.result.Report;
import dev.holdout.suite.Suite;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blocks of joined rows, gathered in any grouping and order, serialised and merged in any tree,
 * give the report {@code holdout evaluate} gives on the same files (what the Spark engine relies
 * on), and keep the first bad row's message.
 */
class JoinedRowsTest {
  @TempDir Path dir;

  @Test
  void three_blocks_serialised_and_merged_out_of_order_give_the_single_pass_report() throws Exception {
    Path examples = Path.of("..", "examples", "churn").toAbsolutePath().normalize();
    Suite suite = Holdout.suite(examples.resolve("suite.yaml"));
    Path eval = examples.resolve("eval.csv");
    Path predictions = examples.resolve("vendor-a.csv");
    List<String> evalLines = Files.readAllLines(eval);
    List<String> predLines = Files.readAllLines(predictions);
    Lines e = new Lines(eval, evalLines.get(0));
    Lines p = new Lines(predictions, predLines.get(0));
    Map<String, String> byId = new HashMap<>();
    for (String line : predLines.subList(1, predLines.size())) byId.put(line.substring(0, line.indexOf(',')), line);
    JoinedRows.Layout layout = JoinedRows.layout(suite, e, p, null, 2);
    JoinedRows[] blocks = {new JoinedRows(layout), new JoinedRows(layout), new JoinedRows(layout)};
    // rows reach the blocks backwards, as a shuffle may deliver them
    for (int k = evalLines.size() - 2; k >= 0; k--) {
      String line = evalLines.get(k + 1);
      String pred = byId.get(line.substring(0, line.indexOf(',')));
      blocks[k % 3].add(k, e.at(line, k + 2), pred == null ? null : p.at(pred, 0));
    }
    JoinedRows merged = roundTrip(blocks[2]).merge(roundTrip(new JoinedRows(layout))).merge(roundTrip(blocks[0]).merge(roundTrip(blocks[1])));
    Report joined = merged.report(suite, e, RecordReaders.sha256(eval), merged.size(), "vendor-a", predictions, RecordReaders.sha256(predictions));
    Report single = Holdout.evaluate(suite, predictions, Progress.NONE);
    assertThat(json(joined)).isEqualTo(json(single));
  }

  @Test
  void the_first_bad_row_by_row_number_is_reported_whichever_block_found_it() throws IOException {
    Files.write(dir.resolve("eval.csv"), List.of("id,y", "a,1", "b,0", "c,1"));
    Path suiteFile = Files.writeString(dir.resolve("suite.yaml"), """
        suite: holdout.suite/v1
        name: bad
        problem: Keep the first bad row.
        task: binary_classification
        data: {path: eval.csv, id: id, label: y}
        predictions: {id: id, score: p}
        """);
    Suite suite = Holdout.suite(suiteFile);
    Lines e = new Lines(dir.resolve("eval.csv"), "id,y");
    Lines p = new Lines(dir.resolve("pred.csv"), "id,p");
    JoinedRows.Layout layout = JoinedRows.layout(suite, e, p, null, 2);
    JoinedRows late = new JoinedRows(layout);
    late.add(2, e.at("c,1", 4), p.at("c,2.5", 0));
    JoinedRows early = new JoinedRows(layout);
    early.add(1, e.at("b,", 3), p.at("b,0.1", 0));
    JoinedRows merged = late.merge(early);
    assertThatThrownBy(() -> merged.report(suite, e, "", 3, "pred", dir.resolve("pred.csv"), ""))
        .isInstanceOf(HoldoutException.BadData.class)
        .hasMessage(dir.resolve("eval.csv") + " line 3, column 'y': empty; expected a label; rows without an outcome cannot be evaluated, remove them");
  }

  private static JoinedRows roundTrip(JoinedRows rows) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(rows);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (JoinedRows) in.readObject();
    }
  }

  private static String json(Report report) throws IOException {
    ObjectNode node = (ObjectNode) new ObjectMapper().readTree(JsonReport.toJson(report));
    node.remove("provenance");
    return node.toString();
  }

  /** One comma-separated line (no quotes) at a time, as a reader positioned on it. */
  private static final class Lines implements RecordReader {
    private final Path path;
    private final List<String> header;
    private String[] fields = new String[0];
    private long line;

    Lines(Path path, String header) {
      this.path = path;
      this.header = List.of(header.split(","));
    }

    Lines at(String text, long number) {
      fields = text.split(",", -1);
      line = number;
      return this;
    }

    @Override public Path path() { return path; }
    @Override public List<String> header() { return header; }
    @Override public boolean next() { throw new UnsupportedOperationException(); }
    @Override public String field(int column) { return column < fields.length && !fields[column].isEmpty() ? fields[column] : null; }
    @Override public String position() { return line > 0 ? "line " + line : "a row"; }
    @Override public long positionNumber() { return line; }
    @Override public void close() {}
  }
}
