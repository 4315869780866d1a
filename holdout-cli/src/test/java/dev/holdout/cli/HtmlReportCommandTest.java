package dev.holdout.cli;

import static dev.holdout.cli.Cli.perfect;
import static dev.holdout.cli.Cli.run;
import static dev.holdout.cli.Cli.tinySuite;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --html} on evaluate and compare, and {@code holdout report REPORT.json --html FILE}. */
class HtmlReportCommandTest {
  @TempDir Path dir;

  @Test
  void evaluate_writes_the_html_beside_the_json_and_report_draws_the_same_page_again() throws Exception {
    Path suite = tinySuite(dir);
    Path pred = perfect(dir);
    Path json = dir.resolve("out/report.json");
    Path html = dir.resolve("out/report.html");
    Cli r = run("evaluate", suite, "-p", pred, "--json", json, "--html", html, "-q", "--mkdirs");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEqualTo("Verdict: ACCEPTED\n");
    String page = Files.readString(html);
    assertThat(page).startsWith("<!DOCTYPE html>").contains("<h1>tiny</h1>", "data-verdict=\"ACCEPTED\"", "data-criterion=\"c1\"");
    assertThat(Files.getPosixFilePermissions(html)).extracting(Object::toString).contains("OTHERS_READ");

    Path again = dir.resolve("again.html");
    Cli re = run("report", json, "--html", again, "-q");
    assertThat(re.exit()).isZero();
    assertThat(re.out()).isEmpty();
    assertThat(re.err()).isEmpty();
    assertThat(Files.readString(again)).isEqualTo(page);
  }

  @Test
  void compare_writes_the_comparison_page() throws Exception {
    Path suite = tinySuite(dir);
    Path a = perfect(dir);
    Path b = Files.writeString(dir.resolve("worse.csv"), "id,p\na,0.9\nb,0.6\nc,0.4\nd,0.2\ne,0.7\nf,0.3\n");
    Path html = dir.resolve("compare.html");
    Cli r = run("compare", suite, "-p", a, "-p", b, "--html", html);
    assertThat(r.exit()).isZero();
    assertThat(Files.readString(html)).contains("id=\"chart-ranking\"", "id=\"chart-pairs\"", "data-submission=\"pred\"",
        "data-submission=\"worse\"");
  }

  @Test
  void a_bad_html_path_is_refused_before_the_evaluation_and_a_failed_run_writes_no_page() throws Exception {
    Path suite = tinySuite(dir);
    Path pred = perfect(dir);
    Cli folder = run("evaluate", suite, "-p", pred, "--html", dir);
    assertThat(folder.exit()).isEqualTo(2);
    assertThat(folder.err()).isEqualTo("holdout: --html " + dir + ": is a folder; give the name of the file to write\n");

    Path same = dir.resolve("same.out");
    Cli clash = run("evaluate", suite, "-p", pred, "--json", same, "--html", same);
    assertThat(clash.exit()).isEqualTo(2);
    assertThat(clash.err()).isEqualTo("holdout: --json and --html name the same file " + same + "; give each its own file\n");
    assertThat(same).doesNotExist();

    Path bad = Files.writeString(dir.resolve("bad.csv"), "id,p\na,0.9\nb,abc\n");
    Path html = dir.resolve("bad.html");
    Cli failed = run("evaluate", suite, "-p", bad, "--html", html);
    assertThat(failed.exit()).isEqualTo(2);
    assertThat(html).doesNotExist();
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void report_says_in_one_line_what_is_wrong_with_its_input() throws Exception {
    Path html = dir.resolve("out.html");
    Path missing = dir.resolve("missing.json");
    Cli none = run("report", missing, "--html", html);
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).isEqualTo("holdout: " + missing
        + ": report file not found; give a JSON report written by a holdout command's --json\n");

    Path broken = Files.writeString(dir.resolve("broken.json"), "{\"schema\": \"holdout.report/v1\",");
    Cli bad = run("report", broken, "--html", html);
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).startsWith("holdout: " + broken + " line 1, column ").contains(": not valid JSON (").endsWith(")\n");
    assertThat(bad.err().strip()).doesNotContain("\n");

    Path junit = Files.writeString(dir.resolve("results.json"), "{\"schema\": \"junit\"}");
    Cli wrong = run("report", junit, "--html", html);
    assertThat(wrong.exit()).isEqualTo(2);
    assertThat(wrong.err()).isEqualTo("holdout: " + junit
        + ": not a Holdout report (schema 'junit'); expected one of holdout.report/v1, holdout.compare/v1, holdout.plan/v1, holdout.audit/v1, holdout.drift/v1, holdout.monitor/v1, holdout.handover/v1\n");

    Cli itself = run("report", junit, "--html", junit);
    assertThat(itself.exit()).isEqualTo(2);
    assertThat(itself.err()).isEqualTo("holdout: --html " + junit + " is the report being read; give the HTML its own file\n");
    assertThat(html).doesNotExist();

    Cli noHtml = run("report", junit);
    assertThat(noHtml.exit()).isEqualTo(2);
    assertThat(noHtml.err()).as("without --html the report goes to the terminal: the same advice").isEqualTo(wrong.err());
  }
}
