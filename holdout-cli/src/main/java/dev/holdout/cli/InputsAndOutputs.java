package dev.holdout.cli;

import dev.holdout.HoldoutException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks a command makes before the long work starts: the files it reads exist, and the files it
 * will write can be written. A bad path then costs the user seconds, not a whole evaluation, and a
 * run that fails leaves no report behind.
 */
final class InputsAndOutputs {
  private InputsAndOutputs() {}

  /** A predictions file given on the command line (not relative to the suite, unlike the suite's paths). */
  static void checkPredictions(Path file) {
    if (!Files.exists(file)) {
      throw new HoldoutException.BadData(file + ": predictions file not found; check the path given to --predictions");
    }
    if (Files.isDirectory(file)) {
      throw new HoldoutException.BadData(file + ": is a folder; --predictions takes a .csv, .tsv, .jsonl or .parquet file");
    }
  }

  /** A report file to write: not a folder, and its folder is not a file. */
  static void checkOutput(Path file, String option) {
    if (file == null) return;
    if (Files.isDirectory(file)) {
      throw new HoldoutException(option + " " + file + ": is a folder; give the name of the file to write");
    }
    for (Path dir = file.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir)) {
        if (!Files.isDirectory(dir)) {
          throw new HoldoutException(option + " " + file + ": cannot be written because " + dir + " is a file, not a folder");
        }
        break;
      }
    }
  }

  /** Two outputs that would overwrite each other. */
  static void checkDistinct(Path a, String optionA, Path b, String optionB) {
    if (a != null && b != null && a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
      throw new HoldoutException(optionA + " and " + optionB + " name the same file " + a + "; give each its own file");
    }
  }
}
