package dev.holdout.cli;

import static dev.holdout.cli.Cli.example;
import static dev.holdout.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The HTML reports of the bundled examples, written by the real command and opened in Debian's
 * headless Chromium: no console errors, no network requests, the verdict, every criterion and every
 * chart present and drawn, no sideways scrolling on a phone, and a print stylesheet. Screenshots
 * (1280 px wide, whole page; one at 390 px) go to target/screenshots for people to look at.
 *
 * <p>This test fails, never skips, when Chromium or chromedriver is missing: CI installs Debian's
 * chromium and chromium-driver packages (.ci/run). HOLDOUT_CHROMIUM and HOLDOUT_CHROMEDRIVER
 * point it at other binaries.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HtmlReportBrowserTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path OUT = Path.of("target", "html-reports");
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  /** Selenium looks for a DevTools binding matching Chromium's version; the test uses none, so the warning is noise. */
  private static final java.util.logging.Logger CDP_FINDER = java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

  private ChromeDriver driver;
  private Path profile;

  @BeforeAll
  void startChromium() throws IOException {
    CDP_FINDER.setLevel(Level.OFF);
    String chromium = binary("HOLDOUT_CHROMIUM", "chromium", "/usr/bin/chromium");
    String chromedriver = binary("HOLDOUT_CHROMEDRIVER", "chromedriver", "/usr/bin/chromedriver");
    Files.createDirectories(OUT);
    Files.createDirectories(SCREENSHOTS);
    profile = Files.createTempDirectory("holdout-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium);
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic", "--user-data-dir=" + profile, "--window-size=1280,900");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(chromedriver)).build();
    driver = new ChromeDriver(service, options);
  }

  @AfterAll
  void stopChromium() throws IOException {
    if (driver != null) driver.quit();
    if (profile != null) {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void the_rejected_churn_report_shows_its_failing_slice_on_a_desktop_a_phone_and_paper() throws Exception {
    Path html = OUT.resolve("churn-vendor-b.html");
    Path json = OUT.resolve("churn-vendor-b.json");
    Cli r = run("evaluate", example("churn/suite.yaml"), "-p", example("churn/vendor-b.csv"), "--json", json, "--html", html);
    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    JsonNode report = JSON.readTree(json.toFile());

    open(html);
    assertCleanLoad();
    assertVerdictAndCriteria(report);
    assertCharts(List.of("chart-roc", "chart-pr", "chart-calibration", "chart-confusion", "chart-cost"), report);
    WebElement worst = driver.findElement(By.id("chart-slice-region-recall"));
    assertThat(worst.getText()).contains("worst-region-recall", "region-gap");
    assertThat(worst.findElement(By.tagName("desc")).getAttribute("textContent")).contains("worst group south");
    screenshot("churn-vendor-b-1280.png", 1280, false);

    // A phone: the page reflows instead of scrolling sideways.
    screenshot("churn-vendor-b-390.png", 390, true);
    Long overflow = (Long) js("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    assertThat(overflow).as("sideways scrolling at 390 px").isLessThanOrEqualTo(0L);
    driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());

    // Paper: the print stylesheet hides the navigation.
    driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
    assertThat(js("return getComputedStyle(document.querySelector('nav.toc')).display;")).isEqualTo("none");
    driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));

    // The console check above would notice an error: prove the log is really read.
    js("console.error('holdout-probe');");
    assertThat(driver.manage().logs().get(LogType.BROWSER).getAll()).extracting(LogEntry::getMessage).anyMatch(m -> m.contains("holdout-probe"));
  }

  @Test
  void the_multiclass_tickets_report() throws Exception {
    JsonNode report = renderAndOpen("tickets", "tickets/suite.yaml", "tickets/vendor.csv", 3);
    assertCharts(List.of("chart-confusion", "chart-confusion-normalised", "chart-per-class"), report);
    screenshot("tickets-1280.png", 1280, false);
  }

  @Test
  void the_regression_demand_report() throws Exception {
    JsonNode report = renderAndOpen("demand", "daily-units/suite.yaml", "daily-units/vendor.csv", 0);
    assertCharts(List.of("chart-scatter", "chart-residuals", "chart-error-by-slice"), report);
    Long points = (Long) js("return document.querySelectorAll('#chart-scatter circle.pt').length;");
    assertThat(points).isEqualTo(report.path("charts").path("predicted_vs_actual").path("actual").size() + 1L);
    screenshot("demand-1280.png", 1280, false);
  }

  @Test
  void the_comparison_re_rendered_from_its_json() throws Exception {
    Path json = OUT.resolve("churn-compare.json");
    Path html = OUT.resolve("churn-compare.html");
    Cli compare = run("compare", example("churn/suite.yaml"), "-p", example("churn/vendor-a.csv"), "-p", example("churn/vendor-b.csv"),
        "--json", json);
    assertThat(compare.exit()).as(compare.err()).isZero();
    Cli report = run("report", json, "--html", html);
    assertThat(report.exit()).as(report.err()).isZero();
    JsonNode c = JSON.readTree(json.toFile());

    open(html);
    assertCleanLoad();
    for (JsonNode ranked : c.path("ranking")) {
      WebElement row = driver.findElement(By.cssSelector("tr[data-submission='" + ranked.path("name").asText() + "']"));
      assertThat(row.getAttribute("data-verdict")).isEqualTo(ranked.path("verdict").asText());
      assertThat(row.getText()).contains(ranked.path("verdict").asText());
    }
    for (JsonNode criterion : c.path("reports").get(0).path("criteria")) {
      assertThat(driver.findElement(By.cssSelector("tr[data-criterion='" + criterion.path("id").asText() + "']")).isDisplayed()).isTrue();
    }
    assertFigures(List.of("chart-ranking", "chart-pairs"));
    assertThat(driver.findElement(By.id("chart-pairs")).getText()).contains("row better", "row worse");
    screenshot("churn-compare-1280.png", 1280, false);
  }

  @Test
  void the_audit_drift_monitor_and_handover_pages_wear_the_same_shell() throws Exception {
    Map<String, Object[]> pages = new java.util.LinkedHashMap<>();
    pages.put("audit", new Object[] {"audit", example("audit/eval.csv"), "--train", example("audit/train.csv"), "--id", "customer_id", "--label",
        "churned", "--time", "snapshot_date", "--html"});
    pages.put("drift", new Object[] {"drift", "--reference", example("drift/reference.csv"), "--current", example("drift/current.csv"), "--suite",
        example("drift/suite.yaml"), "--html"});
    pages.put("monitor", new Object[] {"monitor", example("monitor/log.csv"), "--reference", example("monitor/reference.csv"), "--suite",
        example("monitor/suite.yaml"), "--window", "week", "--outcomes", example("monitor/outcomes.csv"), "--html"});
    pages.put("handover", new Object[] {"handover", "verify", example("handover"), "--html"});
    Path evaluation = OUT.resolve("shell-churn.html");
    assertThat(run("evaluate", example("churn/suite.yaml"), "-p", example("churn/vendor-a.csv"), "--html", evaluation).exit()).isZero();
    open(evaluation);
    Object css = js("return document.querySelector('style').textContent;");
    for (Map.Entry<String, Object[]> page : pages.entrySet()) {
      Path html = OUT.resolve("shell-" + page.getKey() + ".html");
      Object[] args = java.util.Arrays.copyOf(page.getValue(), page.getValue().length + 1);
      args[args.length - 1] = html;
      Cli r = run(args);
      assertThat(r.exit()).as(page.getKey() + ": " + r.err()).isIn(0, 1);
      open(html);
      // The handover page quotes the code repository's address from the vendor's manifest.
      assertCleanLoad(page.getKey().equals("handover"));
      assertThat(js("return document.querySelector('style').textContent;")).as(page.getKey() + ": the one stylesheet").isEqualTo(css);
      assertThat(driver.findElement(By.cssSelector("header .eyebrow")).getText()).as(page.getKey()).startsWith("HOLDOUT");
      assertThat(driver.findElement(By.cssSelector("header h1")).isDisplayed()).isTrue();
      assertThat(driver.findElement(By.cssSelector("section.verdict")).isDisplayed()).as(page.getKey() + ": the verdict or status").isTrue();
      assertThat(driver.findElement(By.cssSelector("nav.toc a[href='#provenance']")).isDisplayed()).isTrue();
      assertThat(driver.findElement(By.cssSelector("footer#provenance h2")).getText()).isEqualTo("Provenance");
      screenshot("shell-" + page.getKey() + "-1280.png", 1280, false);
    }
  }

  // ---- helpers ----

  private JsonNode renderAndOpen(String name, String suite, String predictions, int exit) throws IOException {
    Path html = OUT.resolve(name + ".html");
    Path json = OUT.resolve(name + ".json");
    Cli r = run("evaluate", example(suite), "-p", example(predictions), "--json", json, "--html", html);
    assertThat(r.exit()).as(r.err()).isEqualTo(exit);
    JsonNode report = JSON.readTree(json.toFile());
    open(html);
    assertCleanLoad();
    assertVerdictAndCriteria(report);
    return report;
  }

  private void open(Path html) {
    driver.get(html.toAbsolutePath().toUri().toString());
    assertThat(js("return document.readyState;")).isEqualTo("complete");
  }

  /** No console message of warning level or worse, no request for any resource, no link off the page. */
  private void assertCleanLoad() {
    assertCleanLoad(false);
  }

  /** As {@link #assertCleanLoad()}; {@code urlsInText}: the page may quote an address as text (never as a link or a source). */
  private void assertCleanLoad(boolean urlsInText) {
    List<String> problems = new ArrayList<>();
    for (LogEntry e : driver.manage().logs().get(LogType.BROWSER).getAll()) {
      if (e.getLevel().intValue() >= Level.WARNING.intValue()) problems.add(e.getLevel() + " " + e.getMessage());
    }
    assertThat(problems).as("console errors and warnings").isEmpty();
    assertThat(js("return performance.getEntriesByType('resource').length;")).as("resources fetched").isEqualTo(0L);
    assertThat(js("return performance.getEntriesByType('navigation')[0].name;").toString()).startsWith("file:");
    @SuppressWarnings("unchecked")
    List<String> links = (List<String>) js("return Array.from(document.querySelectorAll('[src],[href]'))"
        + ".map(e => e.getAttribute('src') || e.getAttribute('href'));");
    assertThat(links).allSatisfy(l -> assertThat(l).startsWith("#"));
    assertThat(js("return document.querySelectorAll('script, link, img, iframe, object, embed').length;")).isEqualTo(0L);
    if (!urlsInText) assertThat((String) js("return document.documentElement.outerHTML;")).doesNotContainPattern("https?://");
  }

  private void assertVerdictAndCriteria(JsonNode report) {
    String verdict = report.path("verdict").asText();
    WebElement banner = driver.findElement(By.id("verdict"));
    assertThat(banner.getAttribute("data-verdict")).isEqualTo(verdict);
    assertThat(banner.isDisplayed()).isTrue();
    assertThat(banner.getText()).startsWith(verdict);
    assertThat(report.path("criteria")).isNotEmpty();
    for (JsonNode c : report.path("criteria")) {
      WebElement row = driver.findElement(By.cssSelector("tr[data-criterion='" + c.path("id").asText() + "']"));
      assertThat(row.isDisplayed()).isTrue();
      assertThat(row.getAttribute("data-status")).isEqualTo(c.path("status").asText());
      assertThat(row.getText()).contains(c.path("id").asText(), c.path("status").asText());
      assertThat(row.findElement(By.cssSelector("td.bar svg[role='img']")).getSize().getWidth()).isGreaterThan(100);
    }
  }

  /** The task's charts, and one forest plot per slice column for the primary metric and each metric a slice criterion uses. */
  private void assertCharts(List<String> taskCharts, JsonNode report) {
    List<String> expected = new ArrayList<>(taskCharts);
    String primary = report.path("suite").path("primary_metric").asText();
    report.path("slices").fieldNames().forEachRemaining(column -> {
      Set<String> metrics = new LinkedHashSet<>(List.of(primary));
      for (JsonNode c : report.path("criteria")) if (column.equals(c.path("slice").asText(null))) metrics.add(c.path("metric").asText());
      for (String m : metrics) expected.add("chart-slice-" + column + "-" + m);
    });
    assertFigures(expected);
  }

  /** Exactly these figures, each with a title, a drawn SVG of real size, an accessible name and a text alternative. */
  private void assertFigures(List<String> expected) {
    @SuppressWarnings("unchecked")
    List<String> ids = (List<String>) js("return Array.from(document.querySelectorAll('figure.chart')).map(f => f.id);");
    assertThat(ids).containsExactlyInAnyOrderElementsOf(expected);
    for (String id : expected) {
      WebElement figure = driver.findElement(By.id(id));
      assertThat(figure.isDisplayed()).as(id).isTrue();
      assertThat(figure.findElement(By.cssSelector("figcaption h3")).getText()).as(id).isNotBlank();
      WebElement svg = figure.findElement(By.cssSelector(":scope > svg[role='img']"));
      assertThat(svg.getAttribute("aria-label")).as(id).isNotBlank();
      assertThat(svg.findElement(By.tagName("title")).getAttribute("textContent")).as(id).isNotBlank();
      assertThat(svg.findElement(By.tagName("desc")).getAttribute("textContent")).as(id).hasSizeGreaterThan(20);
      assertThat(svg.getSize().getWidth()).as(id + " width").isGreaterThan(300);
      assertThat(svg.getSize().getHeight()).as(id + " height").isGreaterThan(100);
    }
  }

  /** The whole page at {@code width} CSS pixels; {@code phone} also turns on mobile emulation (the viewport meta tag). */
  private void screenshot(String file, int width, boolean phone) throws IOException {
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", 900, "deviceScaleFactor", 1, "mobile", phone));
    long height = (Long) js("return Math.ceil(document.documentElement.scrollHeight);");
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", (int) Math.min(height, 16_000), "deviceScaleFactor", 1, "mobile", phone));
    Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", false));
    Files.write(SCREENSHOTS.resolve(file), Base64.getDecoder().decode((String) shot.get("data")));
    if (!phone) driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
  }

  private Object js(String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }

  /** The binary from the environment variable, else on the PATH, else at the Debian path; fails the test when there is none. */
  private static String binary(String variable, String name, String debian) {
    String given = System.getenv(variable);
    if (given != null && !given.isBlank()) {
      assertThat(Path.of(given)).as(variable + " names a file that does not exist").isRegularFile();
      return given;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isExecutable(p)) return p.toString();
    }
    assertThat(Path.of(debian))
        .as(name + " not found on the PATH or at " + debian + ": install Debian's chromium and chromium-driver packages "
            + "(apt-get install -y chromium chromium-driver; .ci/run does this) or set " + variable)
        .isExecutable();
    return debian;
  }
}
