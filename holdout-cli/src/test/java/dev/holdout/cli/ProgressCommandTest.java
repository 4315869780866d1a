package dev.holdout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Progress of the long commands: on standard error where a person watches (forced here with the
 * holdout.progress property, since tests never run at a terminal), and nothing otherwise; never on
 * standard output, where reports and JSON go.
 */
class ProgressCommandTest {
  @TempDir Path dir;

  @AfterEach
  void unforce() {
    System.clearProperty(TerminalProgress.FORCE);
  }

  private static Cli drift() {
    Path d = Cli.example("drift");
    return Cli.run("drift", "--reference", d.resolve("reference.csv"), "--current", d.resolve("current.csv"), "--suite", d.resolve("suite.yaml"));
  }

  private static Cli monitor() {
    Path m = Cli.example("monitor");
    return Cli.run("monitor", m.resolve("log.csv"), "--reference", m.resolve("reference.csv"), "--suite", m.resolve("suite.yaml"), "--window", "week");
  }

  private static Cli audit() {
    Path a = Cli.example("audit");
    return Cli.run("audit", a.resolve("eval.csv"), "--train", a.resolve("train.csv"), "--id", "customer_id");
  }

  private static Cli handover() {
    return Cli.run("handover", "verify", Cli.example("handover"));
  }

  @Test
  void on_a_terminal_drift_monitor_audit_and_handover_show_their_phases_on_standard_error() {
    System.setProperty(TerminalProgress.FORCE, "always");
    Cli d = drift();
    assertThat(d.err()).contains("reading reference.csv and current.csv...", "judging ").contains("\r\033[K");
    assertThat(d.out()).doesNotContain("\r").doesNotContain("reading reference.csv");
    Cli m = monitor();
    assertThat(m.err()).contains("judging the last windows...");
    assertThat(m.out()).doesNotContain("\r");
    Cli a = audit();
    assertThat(a.err()).contains("reading the training data train.csv...", "profiling eval.csv...");
    assertThat(a.out()).doesNotContain("\r");
    Cli h = handover();
    assertThat(h.err()).contains("reproducing: running the delivered model...");
    assertThat(h.out()).doesNotContain("\r");
  }

  @Test
  void without_a_terminal_nothing_is_shown() {
    for (Cli r : new Cli[] {drift(), monitor(), audit(), handover()}) {
      assertThat(r.err()).as(r.out()).isEmpty();
    }
    System.setProperty(TerminalProgress.FORCE, "never");
    assertThat(drift().err()).isEmpty();
  }

  @Test
  void evaluate_quiet_shows_no_progress_even_on_a_terminal() throws IOException {
    System.setProperty(TerminalProgress.FORCE, "always");
    Path suite = Cli.tinySuite(dir);
    Cli loud = Cli.run("evaluate", suite, "-p", Cli.perfect(dir));
    Cli quiet = Cli.run("evaluate", suite, "-p", Cli.perfect(dir), "-q");
    assertThat(loud.err()).contains("bootstrap: 1 of 2 views");
    assertThat(quiet.err()).isEmpty();
  }

  @Test
  void a_count_shows_the_rate_and_the_time_left() {
    StringWriter err = new StringWriter();
    AtomicLong now = new AtomicLong(1_000);
    TerminalProgress p = TerminalProgress.showingAt(new PrintWriter(err), now::get);
    p.count("asking the endpoint", 0, 40, "questions");
    now.set(11_000);
    p.count("asking the endpoint", 10, 40, "questions");
    assertThat(err.toString()).endsWith("asking the endpoint: 10 of 40 questions (1/s), about 30 s left");
    p.done();
    assertThat(err.toString()).endsWith("\r\033[K");
  }
}
