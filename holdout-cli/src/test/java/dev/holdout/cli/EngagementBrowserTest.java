package dev.holdout.cli;

import static dev.holdout.cli.Cli.example;
import static dev.holdout.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The acceptance annex and the evidence index, written by the real commands and opened in Debian's
 * headless Chromium: no console warnings, nothing fetched, the fingerprint, every criterion, every
 * file and every clause on the page. Fails, never skips, without Chromium (as HtmlReportBrowserTest).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngagementBrowserTest {
  private static final Path SUITE = example("churn-engagement/suite.yaml");
  @TempDir Path dir;
  private ChromeDriver driver;
  private Path profile;

  @BeforeAll
  void startChromium() throws IOException {
    Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder").setLevel(Level.OFF);
    String chromium = System.getenv().getOrDefault("HOLDOUT_CHROMIUM", "/usr/bin/chromium");
    String chromedriver = System.getenv().getOrDefault("HOLDOUT_CHROMEDRIVER", "/usr/bin/chromedriver");
    assertThat(Path.of(chromium)).as("Chromium (apt-get install chromium chromium-driver)").isExecutable();
    profile = Files.createTempDirectory("holdout-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium);
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--user-data-dir=" + profile, "--window-size=1280,900");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File(chromedriver)).build(), options);
  }

  @AfterAll
  void stopChromium() throws IOException {
    if (driver != null) driver.quit();
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void the_annex_page_shows_its_fingerprint_and_every_criterion() {
    Path html = dir.resolve("annex.html");
    Cli c = run("contract", SUITE, "--html", html);
    assertThat(c.exit()).isZero();
    String sha = c.out().lines().filter(l -> l.startsWith("Annex sha256: ")).findFirst().orElseThrow().substring(14);
    open(html);
    assertThat(driver.findElement(By.id("annex-sha256")).getText()).isEqualTo(sha);
    String criteria = driver.findElement(By.id("3--Acceptance-criteria")).getText();
    for (String id : List.of("auc", "recall", "worst-region-recall", "region-gap", "calibration", "beats-rule")) assertThat(criteria).contains(id);
    assertThat(driver.findElement(By.id("Signatures")).getText()).containsIgnoringCase("Buyer").containsIgnoringCase("Vendor");
  }

  @Test
  void the_annex_prints_to_pdf_with_chromium() throws Exception {
    Path pdf = dir.resolve("annex.pdf");
    Cli c = run("contract", SUITE, "--pdf", pdf);
    assertThat(c.exit()).as(c.err()).isZero();
    assertThat(new String(Files.readAllBytes(pdf), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly("annex.pdf");
    }
  }

  @Test
  void the_evidence_index_lists_every_file_and_clause() throws Exception {
    Path json = dir.resolve("a.json");
    assertThat(run("evaluate", SUITE, "-p", example("churn/vendor-a.csv"), "--json", json).exit()).isZero();
    Path pack = dir.resolve("pack");
    assertThat(run("evidence", SUITE, "--report", json, "--out", pack).exit()).isZero();
    open(pack.resolve("index.html"));
    assertThat(driver.findElement(By.id("verdict")).getText()).isEqualTo("ACCEPTED");
    assertThat(driver.findElements(By.cssSelector("#files tbody tr"))).hasSize(6);
    assertThat(driver.findElements(By.cssSelector("#clauses tbody tr"))).hasSize(11);
    assertThat(driver.findElement(By.id("clauses")).getText()).contains("NIST AI RMF MEASURE 2.4").contains("ISO/IEC 42001 A.6.2.6");
    assertThat(driver.findElement(By.id("notes")).getText()).contains("no audit of the evaluation set");
  }

  private void open(Path html) {
    driver.get(html.toAbsolutePath().toUri().toString());
    List<String> problems = new ArrayList<>();
    for (LogEntry e : driver.manage().logs().get(LogType.BROWSER).getAll()) {
      if (e.getLevel().intValue() >= Level.WARNING.intValue()) problems.add(e.getMessage());
    }
    assertThat(problems).as("console warnings").isEmpty();
    assertThat(driver.executeScript("return performance.getEntriesByType('resource').length;")).isEqualTo(0L);
  }
}
