package dev.holdout.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdout.Holdout;
import dev.holdout.base.HoldoutException;
import dev.holdout.suite.Suite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogStreamTest {
  @TempDir Path dir;

  private Suite suite() throws IOException {
    Files.writeString(dir.resolve("reference.csv"), "id,x,p,y\nr1,1,0.2,0\nr2,2,0.7,1\nr3,3,0.4,0\n");
    return Holdout.suite(SmallSuite.write(dir, ""));
  }

  /** The windows the stream closes, in the order it closes them. */
  private List<OpenWindow> stream(Path log, WindowSpec window, String time, List<String> notes, LogStream.Totals[] totals) throws IOException {
    Suite suite = suite();
    Monitor.Settings s = new Monitor.Settings(log, dir.resolve("reference.csv"), suite, window, time, null, List.of());
    ReferenceProfile ref = ReferenceProfile.read(s.reference(), Set.of("id", "p", "y", "ts"), List.of(), new Random(1));
    List<OpenWindow> closed = new ArrayList<>();
    LabelCodes labels = new LabelCodes(suite.task(), "1");
    totals[0] = new LogStream(s, suite, time, ref, labels, null, new Random(1), notes).read(closed::add);
    return closed;
  }

  @Test
  void row_windows_close_in_order_with_their_rows_labeled_rows_and_values() throws IOException {
    StringBuilder b = new StringBuilder("id,x,p,y\n");
    for (int i = 0; i < 10; i++) b.append("l").append(i).append(',').append(i).append(',').append(i % 2 == 0 ? "0.2" : "0.8").append(',')
        .append(i == 9 ? "" : i % 2).append('\n');
    LogStream.Totals[] totals = new LogStream.Totals[1];
    List<OpenWindow> windows = stream(Files.writeString(dir.resolve("log.csv"), b), WindowSpec.parse("4-rows"), null, new ArrayList<>(), totals);
    assertThat(windows).extracting(w -> w.key).containsExactly(0L, 1L, 2L);
    assertThat(windows).extracting(w -> w.rows).containsExactly(4L, 4L, 2L);
    assertThat(windows).extracting(w -> w.labeled.size()).containsExactly(4, 4, 1);
    assertThat(windows).extracting(w -> w.cbpe.rows()).containsExactly(4L, 4L, 2L);
    assertThat(windows.get(2).profile.numbers(0).mean()).isEqualTo(8.5);
    assertThat(totals[0]).isEqualTo(new LogStream.Totals(10, 9));
  }

  @Test
  void a_log_without_outcomes_says_so_in_a_note() throws IOException {
    Path log = Files.writeString(dir.resolve("log.csv"), "id,x,p\nl1,1,0.5\n");
    List<String> notes = new ArrayList<>();
    LogStream.Totals[] totals = new LogStream.Totals[1];
    List<OpenWindow> windows = stream(log, WindowSpec.parse("10-rows"), null, notes, totals);
    assertThat(windows).hasSize(1);
    assertThat(notes).singleElement().asString().contains("no 'y' column and no --outcomes file");
    assertThat(totals[0].labeledRows()).isZero();
  }

  @Test
  void a_row_from_a_closed_day_is_refused() throws IOException {
    Path log = Files.writeString(dir.resolve("log.csv"), "ts,id,x,p,y\n2026-03-02,a,1,0.5,1\n2026-03-03,b,1,0.5,1\n2026-03-04,c,1,0.5,1\n"
        + "2026-03-02,d,1,0.5,1\n");
    assertThatThrownBy(() -> stream(log, WindowSpec.parse("day"), "ts", new ArrayList<>(), new LogStream.Totals[1]))
        .isInstanceOf(HoldoutException.class)
        .hasMessageContaining("log.csv line 5, column 'ts': 2026-03-02 falls in the window 2026-03-02, which was closed when the log reached 2026-03-04");
  }
}
