package dev.holdout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdout.base.Progress;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {
  @Test
  void without_a_terminal_there_is_no_progress_line() {
    StringWriter err = new StringWriter();
    Progress p = TerminalProgress.forTerminal(false, new PrintWriter(err));
    assertThat(p).isSameAs(Progress.NONE);
    p.rows("reading", 1_000_000);
    p.step("bootstrap", 1, 3);
    p.done();
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void tests_run_with_output_redirected_so_nothing_counts_as_interactive() {
    assertThat(TerminalProgress.interactive()).isFalse();
  }

  @Test
  void on_a_terminal_progress_goes_to_the_error_stream_given_and_is_cleared_when_done() {
    StringWriter err = new StringWriter();
    Progress p = TerminalProgress.forTerminal(true, new PrintWriter(err));
    assertThat(p).isInstanceOf(TerminalProgress.class);
    p.done();
    assertThat(err.toString()).as("nothing shown yet, so nothing to clear").isEmpty();
  }
}
