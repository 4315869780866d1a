package dev.holdout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output paths: a missing folder is refused unless --mkdirs, and a failed write names the user's file. */
class OutputPathsCommandTest {
  @TempDir Path dir;

  @Test
  void an_output_in_a_folder_that_does_not_exist_is_refused_with_advice_and_nothing_is_made() throws IOException {
    Path suite = Cli.tinySuite(dir);
    Path json = dir.resolve("nosuch").resolve("deeper").resolve("r.json");
    Cli r = Cli.run("evaluate", suite, "-p", Cli.perfect(dir), "--json", json);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--json " + json, "the folder " + json.getParent() + " does not exist", "--mkdirs");
    assertThat(r.out()).isEmpty();
    assertThat(dir.resolve("nosuch")).doesNotExist();
  }

  @Test
  void with_mkdirs_the_folders_are_made() throws IOException {
    Path suite = Cli.tinySuite(dir);
    Path json = dir.resolve("out").resolve("2026").resolve("r.json");
    Cli r = Cli.run("evaluate", suite, "-p", Cli.perfect(dir), "--json", json, "--mkdirs");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(json).exists();
  }

  @Test
  void every_writing_command_refuses_a_missing_folder() throws IOException {
    Path missing = dir.resolve("nosuch").resolve("x.json");
    Path drift = Cli.example("drift");
    Cli d = Cli.run("drift", "--reference", drift.resolve("reference.csv"), "--current", drift.resolve("current.csv"), "--json", missing);
    assertThat(d.exit()).isEqualTo(2);
    assertThat(d.err()).contains("does not exist", "--mkdirs");
    Cli a = Cli.run("audit", Cli.tinySuite(dir).resolveSibling("eval.csv"), "--html", missing);
    assertThat(a.exit()).isEqualTo(2);
    assertThat(a.err()).contains("does not exist", "--mkdirs");
    Cli h = Cli.run("handover", "verify", dir, "--json", missing);
    assertThat(h.exit()).isEqualTo(2);
    assertThat(h.err()).contains("does not exist");
    assertThat(dir.resolve("nosuch")).doesNotExist();
  }

  @Test
  void a_write_that_fails_names_the_file_asked_for_not_a_temporary_file() throws IOException {
    Path suite = Cli.tinySuite(dir);
    Path html = Path.of("/proc/holdout-test-report.html");
    Cli r = Cli.run("evaluate", suite, "-p", Cli.perfect(dir), "--html", html);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("holdout: " + html + ": cannot be written (").doesNotContain(".tmp").doesNotContain("Exception");
  }
}
