package dev.holdout.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through chromedriver, with a fresh profile and download folder,
 * as the CLI's HTML report test sets it up (same flags). Fails, never skips, when either binary is
 * missing: .ci/run installs the chromium and chromium-driver packages; HOLDOUT_CHROMIUM and
 * HOLDOUT_CHROMEDRIVER point it at other binaries.
 */
final class Chromium implements AutoCloseable {
  /** Selenium looks for a DevTools binding matching Chromium's version; the test uses none, so its warning is noise. */
  private static final Logger CDP_FINDER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

  final ChromeDriver driver;
  final Path downloads;
  private final Path profile;

  Chromium() throws IOException {
    CDP_FINDER.setLevel(Level.OFF);
    String chromium = binary("HOLDOUT_CHROMIUM", "chromium", "/usr/bin/chromium");
    String chromedriver = binary("HOLDOUT_CHROMEDRIVER", "chromedriver", "/usr/bin/chromedriver");
    profile = Files.createTempDirectory("holdout-chromium-");
    downloads = Files.createTempDirectory("holdout-downloads-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium);
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile, "--window-size=1280,900");
    options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(), "download.prompt_for_download", false));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(chromedriver)).build();
    driver = new ChromeDriver(service, options);
    driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** The main heading of the page now shown. */
  String title() {
    return find("main h1").getText();
  }

  /** Clicks {@code css} and waits until the page it was on has been replaced by the answer. */
  void submit(String css) {
    WebElement page = find("html");
    find(css).click();
    await("the answer to " + css, d -> {
      try {
        page.isEnabled();
        return false;
      } catch (WebDriverException gone) {
        return true; // stale, or (Chromium's words) "does not belong to the document"
      }
    });
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Waits (a minute at most) until {@code condition} holds; a deadline for the server's work, not a timed assertion. */
  <T> T await(String what, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, Duration.ofMinutes(1)).withMessage(what).until(condition);
  }

  /**
   * The console's warnings and errors since the last call (a CSP violation or a failed load is one).
   * A page answered with a 4xx status (a refused form, a 403 page) is logged as a failed load too;
   * those are the pages' own answers, which the tests check by their content, so they are left out,
   * except for the pages' assets (/ui/ and the icon), which must always load.
   */
  List<String> consoleProblems() {
    List<String> problems = new ArrayList<>();
    for (LogEntry e : driver.manage().logs().get(LogType.BROWSER).getAll()) {
      String m = e.getMessage();
      boolean answered = m.contains("the server responded with a status of 4") && !m.contains("/ui/") && !m.contains("favicon");
      if (e.getLevel().intValue() >= Level.WARNING.intValue() && !answered) problems.add(e.getLevel() + " " + m);
    }
    return problems;
  }

  /** The whole page as PNG, {@code width} CSS pixels wide (a phone's metrics below 500). */
  void screenshot(Path file, int width) {
    boolean phone = width < 500;
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", 900, "deviceScaleFactor", 1, "mobile", phone));
    // Frames sized by the viewport (80vh) would grow with the tall viewport below: keep them as a reader sees them.
    js("document.querySelectorAll('iframe').forEach(function (f) { f.style.height = f.getBoundingClientRect().height + 'px'; });");
    long height = (Long) js("return Math.ceil(document.documentElement.scrollHeight);");
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", (int) Math.min(height, 8_000), "deviceScaleFactor", 1, "mobile", phone));
    // Two animation frames: the resized page, frames included, is painted before the picture is taken.
    ((JavascriptExecutor) driver).executeAsyncScript("var done = arguments[0]; requestAnimationFrame(function () { requestAnimationFrame(done); });");
    Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", false));
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
  }

  /** Sideways scrolling of the page now shown at its current width, in pixels (0 when it reflows). */
  long overflow() {
    return (Long) js("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
  }

  @Override
  public void close() throws IOException {
    driver.quit();
    for (Path dir : List.of(profile, downloads)) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
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
    assertThat(Path.of(debian)).as(name + " not found on the PATH or at " + debian + ": install Debian's chromium and chromium-driver packages "
        + "(apt-get install -y chromium chromium-driver; .ci/run does this) or set " + variable).isExecutable();
    return debian;
  }
}
