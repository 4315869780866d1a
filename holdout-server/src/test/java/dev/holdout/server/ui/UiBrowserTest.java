package dev.holdout.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdout.server.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The web pages in Debian's headless Chromium on a real server, both stores, as people use them:
 * the owner creates a project from examples/churn (a broken suite first, refused beside its field),
 * invites two vendors; each vendor downloads the inputs, uploads predictions and sees its status
 * and the leaderboard; the owner compares, sees a refused promotion's evidence, promotes twice and
 * rolls back. A vendor's session gets 403 from owner pages and a form without its CSRF token is
 * refused. No page logs a console error (a CSP violation is one) or scrolls sideways at 390 px.
 *
 * <p>With {@code -Dholdout.screenshots=DIR} (the H2 run only) each page is saved as
 * {@code DIR/ui-*.png}, 1280 px wide and one at 390 px: docs/ui.md shows them
 * ({@code -Dholdout.screenshots=../docs/images} from the module).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UiBrowserTest {
  private static final Path CHURN = Path.of("..", "examples", "churn").toAbsolutePath().normalize();
  private static final Pattern SUBMISSION = Pattern.compile("/submissions/(s_[A-Za-z0-9_]+)");

  @TempDir Path dir;
  private Chromium chrome;
  private String base;
  private Path screenshots;

  @BeforeAll
  void startChromium() throws IOException {
    chrome = new Chromium();
  }

  @AfterAll
  void stopChromium() throws IOException {
    if (chrome != null) chrome.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void owner_and_two_vendors_work_through_a_project(String store) throws IOException {
    String folder = System.getProperty("holdout.screenshots");
    screenshots = folder == null || folder.isBlank() || !store.equals("h2") ? null : Path.of(folder);
    try (TestServer s = new TestServer(dir, store)) {
      base = "http://127.0.0.1:" + s.server.port();
      chrome.driver.manage().deleteAllCookies();
      chrome.consoleProblems();

      // The owner signs in and creates the project; a broken suite is refused beside its field, naming line and column.
      signIn(s.ownerToken);
      assertThat(chrome.title()).isEqualTo("Projects");
      chrome.find("main a.button[href='/projects/new']").click();
      Path broken = dir.resolve("suite.yaml");
      Files.writeString(broken, Files.readString(CHURN.resolve("suite.yaml")).replace("metric: roc_auc\n    min: 0.80", "metric: rocauc\n    min: 0.80"));
      chrome.find("#suite").sendKeys(broken.toString());
      chrome.find("#data").sendKeys(CHURN.resolve("eval.csv").toString());
      chrome.find("main form.upload button[type=submit]").click();
      WebElement error = chrome.await("the suite's error beside its field", d -> d.findElements(By.id("suite-error")).stream().findFirst().orElse(null));
      assertThat(error.getText()).contains("line 18", "criteria[0].metric", "rocauc", "did you mean 'roc_auc'");
      assertThat(chrome.find("#suite").getAttribute("aria-invalid")).isEqualTo("true");
      page("ui-new-project");
      chrome.find("#suite").sendKeys(CHURN.resolve("suite.yaml").toString());
      chrome.find("#data").sendKeys(CHURN.resolve("eval.csv").toString());
      chrome.find("main form.upload button[type=submit]").click();
      chrome.await("the new project's page", d -> d.getCurrentUrl().contains("done=data"));
      String project = chrome.driver.getCurrentUrl().replaceAll(".*/projects/([^/?#]+).*", "$1");
      assertThat(chrome.find(".notice.ok").getText()).contains("checked and split");
      assertThat(chrome.find("#facts").getText()).contains("20,000", "roc_auc");
      String acme = invite("acme");
      String globex = invite("globex");
      assertThat(chrome.find("#vendors-table").getText()).contains("acme", "globex");
      chrome.driver.get(base + "/");
      assertThat(chrome.find("#projects").getText()).contains("churn-acceptance", "ready");
      page("ui-owner-projects");
      signOut();

      // Each vendor signs in, downloads the inputs, uploads predictions and sees its status and the leaderboard.
      List<String> a = vendor(acme, project, List.of(CHURN.resolve("vendor-a.csv"), nearPerfect(dir.resolve("acme-v2.csv"), 0.99)), true);
      List<String> b = vendor(globex, project, List.of(CHURN.resolve("vendor-b.csv"), nearPerfect(dir.resolve("globex-v2.csv"), 0.98)), false);

      // The owner compares, is refused a rejected promotion with its evidence, promotes twice and rolls back.
      signIn(s.ownerToken);
      chrome.driver.get(base + "/projects/" + project);
      assertThat(chrome.find("#submissions-table").getText()).contains("vendor-a.csv", "vendor-b.csv", "acme", "globex");
      page("ui-owner-project");
      chrome.find("#pick-" + a.get(0)).click();
      chrome.find("#pick-" + b.get(0)).click();
      chrome.submit("button[form=compare-form]");
      assertThat(chrome.title()).isEqualTo("2 submissions on the same private rows");
      assertThat(chrome.all("#ranking-table tbody tr")).hasSize(2);
      assertThat(chrome.find("#ranking-table").getText()).contains("acme/" + a.get(0), "globex/" + b.get(0));
      assertThat(chrome.all("#pairs-table tbody tr")).hasSize(1);
      assertThat(chrome.find("#pairs-table").getText()).containsPattern("(yes|no)");
      assertFrame("Full comparison", "acme/" + a.get(0));
      page("ui-compare");

      chrome.driver.get(base + "/projects/" + project + "/submissions/" + a.get(0));
      assertThat(chrome.find("#criteria").getText()).contains("auc", "PASS");
      assertThat(chrome.find("#slice-gaps-table").getText()).contains("region");
      assertFrame("Full report of vendor-a.csv", "churn-acceptance");
      page("ui-submission");

      chrome.driver.get(base + "/projects/" + project);
      promote(b.get(0));
      assertThat(chrome.find(".notice.error").getText()).contains("Promotion refused", "only an accepted submission can become champion");
      assertThat(chrome.find("#evidence-criteria-table").getText()).containsPattern("FAIL|INCONCLUSIVE");
      page("ui-promotion-refused");
      promote(a.get(1));
      assertThat(chrome.driver.getCurrentUrl()).as(chrome.find("main").getText()).contains("done=promoted");
      promote(b.get(1));
      assertThat(chrome.driver.getCurrentUrl()).as(chrome.find("main").getText()).contains("done=promoted");
      assertThat(chrome.find("#champion p").getText()).contains("globex-v2.csv");
      assertThat(chrome.all("#champion-history tbody tr")).hasSize(2);
      page("ui-champion");
      chrome.submit("#champion form[action$='/champion/rollback'] button");
      assertThat(chrome.driver.getCurrentUrl()).contains("done=rolled-back");
      assertThat(chrome.find("#champion p").getText()).contains("The champion is acme-v2.csv");

      chrome.driver.get(base + "/audit-log");
      assertThat(chrome.find("#trail-state").getText()).isEqualTo("intact");
      assertThat(chrome.find("#audit").getText()).contains("champion.promoted", "champion.rolled_back");
      page("ui-audit-log");

      // A form without the session's CSRF token is refused and changes nothing.
      chrome.driver.get(base + "/projects/" + project);
      chrome.find("#vendor-name").sendKeys("initech");
      chrome.js("document.querySelectorAll('#vendors form.inline input[name=_csrf]').forEach(function (e) { e.remove(); });");
      chrome.submit("#vendors form.inline button[type=submit]");
      assertThat(chrome.find("main .eyebrow").getText()).isEqualToIgnoringCase("Error 403");
      assertThat(chrome.find(".notice.error").getText()).contains("CSRF");
      chrome.driver.get(base + "/projects/" + project);
      assertThat(chrome.find("#vendors-table").getText()).doesNotContain("initech");
      assertThat(chrome.consoleProblems()).as("console errors and warnings").isEmpty();
      signOut();
      page("ui-login");
    }
  }

  /** One vendor's visit: sign in, download the inputs, upload each file in turn, see status and leaderboard, be refused owner pages. */
  private List<String> vendor(String token, String project, List<Path> files, boolean pictures) throws IOException {
    signIn(token);
    assertThat(chrome.title()).isEqualTo("Your projects");
    chrome.find("#projects a").click();
    assertThat(chrome.find("#rules").getText()).contains("roc_auc", "Submissions left today");
    chrome.find("#inputs a.button").click();
    Path inputs = chrome.downloads.resolve("inputs.csv");
    chrome.await("inputs.csv downloaded", d -> Files.exists(inputs) && sizeOf(inputs) > 0 ? inputs : null);
    List<String> lines = Files.readAllLines(inputs);
    assertThat(lines.get(0)).startsWith("customer_id,").doesNotContain("churned");
    assertThat(lines).hasSizeGreaterThan(1000);
    Files.delete(inputs);
    if (pictures) page("ui-vendor-project");
    List<String> ids = new ArrayList<>();
    for (Path f : files) {
      chrome.find("#file").sendKeys(f.toString());
      chrome.find("#upload button[type=submit]").click();
      chrome.await("the upload's answer", d -> d.getCurrentUrl().contains("done=submitted"));
      String name = f.getFileName().toString();
      String href = chrome.await(name + " listed", d -> (String) chrome.js("var n = arguments[0]; var a = Array.from(document.querySelectorAll('#mine-table a'))"
          + ".find(function (e) { return e.textContent === n; }); return a ? a.getAttribute('href') : null;", name));
      Matcher m = SUBMISSION.matcher(href);
      assertThat(m.find()).isTrue();
      ids.add(m.group(1));
      String row = chrome.await(name + " evaluated", d -> {
        d.navigate().refresh();
        String text = (String) chrome.js("var n = arguments[0]; var r = Array.from(document.querySelectorAll('#mine-table tbody tr'))"
            + ".find(function (e) { return e.textContent.indexOf(n) >= 0; }); return r ? r.innerText : null;", name);
        return text != null && (text.contains("done") || text.contains("failed")) ? text : null;
      });
      assertThat(row).contains("done").containsPattern("\\d\\.\\d{4}");
    }
    assertThat(chrome.find("#quota-left").getText()).isEqualTo(Integer.toString(5 - files.size()));
    assertThat(chrome.find("#leaderboard-table").getText()).contains("(you)").containsPattern("\\d\\.\\d{4}");
    String text = chrome.find("main").getText();
    assertThat(text).doesNotContain("ACCEPTED", "REJECTED", "verdict", "private");
    if (pictures) {
      page("ui-vendor-submitted");
      shot("ui-vendor-project-390", 390);
    }
    chrome.driver.get(base + "/projects/" + project + "/submissions/" + ids.get(0));
    assertThat(chrome.find("main").getText()).contains("Leaderboard score", "done");

    // A vendor's session asking for an owner page gets 403, and sees nothing of it.
    for (String ownerPage : List.of("/audit-log", "/projects/new", "/projects/" + project + "/submissions/" + ids.get(0) + "/report",
        "/projects/" + project + "/compare?submission=" + ids.get(0) + "&submission=" + ids.get(0))) {
      chrome.driver.get(base + ownerPage);
      assertThat(chrome.find("main .eyebrow").getText()).as(ownerPage).isEqualToIgnoringCase("Error 403");
      assertThat(chrome.title()).isEqualTo("Not allowed");
      assertThat(chrome.find("main").getText()).doesNotContain("verdict", "ACCEPTED", "entries");
    }
    assertThat(chrome.consoleProblems()).as("console errors and warnings").isEmpty();
    signOut();
    return ids;
  }

  private void signIn(String token) {
    chrome.driver.get(base + "/login");
    chrome.find("#token").sendKeys(token);
    chrome.submit("main form button[type=submit]");
    chrome.await("signed in", d -> d.getCurrentUrl().equals(base + "/"));
    assertThat(chrome.find(".topbar .who").getText()).isNotEmpty();
  }

  private void signOut() {
    chrome.submit(".signout button");
    chrome.await("signed out", d -> d.getCurrentUrl().equals(base + "/login"));
  }

  /** Invites a vendor through the form; returns the token the page shows once. */
  private String invite(String name) {
    chrome.find("#vendor-name").sendKeys(name);
    chrome.submit("#vendors form.inline button[type=submit]");
    String token = chrome.find("#new-token").getText();
    assertThat(token).startsWith("hdt_");
    return token;
  }

  private void promote(String submission) {
    chrome.submit("#submissions-table form[action$='/champion']:has(input[value='" + submission + "']) button");
  }

  /** The framed full report loads under its own policy and shows {@code text}. */
  private void assertFrame(String title, String text) {
    WebElement frame = chrome.find("iframe[title='" + title + "']");
    chrome.driver.switchTo().frame(frame);
    try {
      assertThat(chrome.find("body").getText()).contains(text);
      assertThat(chrome.all("svg")).isNotEmpty();
    } finally {
      chrome.driver.switchTo().defaultContent();
    }
  }

  /** Checks the page reads at 1280 px without console problems, and saves it when screenshots are asked for. */
  private void page(String name) {
    assertThat(chrome.consoleProblems()).as(name + ": console errors and warnings").isEmpty();
    shot(name, 1280);
  }

  private void shot(String name, int width) {
    if (width < 500) {
      chrome.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", 900, "deviceScaleFactor", 1, "mobile", true));
      assertThat(chrome.overflow()).as(name + ": sideways scrolling at " + width + " px").isLessThanOrEqualTo(0L);
      chrome.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }
    if (screenshots != null) chrome.screenshot(screenshots.resolve(name + ".png"), width);
  }

  /**
   * Predictions made from the evaluation set's labels ({@code p} for a churner, {@code 1 - p} for the
   * others): a stand-in for a delivery good enough to be accepted on any split of the private part,
   * which examples/churn's vendor-a, accepted on all 20,000 rows, is not always (its region gap is
   * inconclusive on about 14,000).
   */
  private static Path nearPerfect(Path to, double p) throws IOException {
    List<String> out = new ArrayList<>(List.of("customer_id,p_churn"));
    List<String> rows = Files.readAllLines(CHURN.resolve("eval.csv"));
    for (String row : rows.subList(1, rows.size())) {
      boolean churned = row.endsWith(",1");
      out.add(row.substring(0, row.indexOf(',')) + "," + (churned ? p : Math.round((1 - p) * 100) / 100.0));
    }
    Files.write(to, out);
    return to;
  }

  private static long sizeOf(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }
}
