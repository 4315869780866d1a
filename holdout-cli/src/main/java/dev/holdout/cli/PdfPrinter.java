package dev.holdout.cli;

import dev.holdout.base.HoldoutException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Prints an HTML page to PDF with a headless Chromium when one is installed (HOLDOUT_CHROMIUM, else
 * chromium or chromium-browser on the PATH, else /usr/bin/chromium); without one the command says
 * so and writes nothing. The PDF is printed beside the target and renamed, so no half-written file
 * is left.
 */
final class PdfPrinter {
  private static final long TIMEOUT_SECONDS = 120;

  private PdfPrinter() {}

  static void print(String html, Path pdf) {
    String chromium = chromium();
    if (chromium == null) {
      throw new HoldoutException("--pdf " + pdf + ": no PDF converter found (Chromium); install chromium, set HOLDOUT_CHROMIUM, "
          + "or write --html and print it from a browser");
    }
    Path folder = pdf.toAbsolutePath().getParent();
    Path work = null;
    try {
      work = Files.createTempDirectory(folder, ".holdout-pdf-");
      Path page = Files.writeString(work.resolve("annex.html"), html, StandardCharsets.UTF_8);
      Path out = work.resolve("annex.pdf");
      Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
          "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + work.resolve("profile"),
          "--no-pdf-header-footer", "--print-to-pdf=" + out, page.toUri().toString())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new HoldoutException("--pdf " + pdf + ": Chromium did not finish printing in " + TIMEOUT_SECONDS + " s; write --html and print it from a browser");
      }
      if (!Files.isRegularFile(out) || Files.size(out) == 0) {
        throw new HoldoutException("--pdf " + pdf + ": Chromium printed nothing (exit " + p.exitValue() + "); write --html and print it from a browser");
      }
      Files.move(out, pdf, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new HoldoutException("--pdf " + pdf + ": cannot be written (" + e.getMessage() + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HoldoutException("--pdf " + pdf + ": interrupted while printing");
    } finally {
      if (work != null) delete(work);
    }
  }

  private static String chromium() {
    String given = System.getenv("HOLDOUT_CHROMIUM");
    if (given != null && !given.isBlank()) return Files.isExecutable(Path.of(given)) ? given : null;
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser")) {
        Path p = Path.of(dir.isEmpty() ? "." : dir, name);
        if (Files.isExecutable(p)) return p.toString();
      }
    }
    return Files.isExecutable(Path.of("/usr/bin/chromium")) ? "/usr/bin/chromium" : null;
  }

  private static void delete(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(f -> f.toFile().delete());
    } catch (IOException ignored) {
      // a leftover hidden folder is harmless
    }
  }
}
