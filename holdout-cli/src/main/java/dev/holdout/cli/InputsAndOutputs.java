package dev.holdout.cli;

import dev.holdout.base.AtomicFiles;
import dev.holdout.base.HoldoutException;
import dev.holdout.suite.Suite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

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

  /** A file a command writes, named by its option; {@code file} may be null (not asked for). */
  record Output(String option, Path file) {}

  static Output output(String option, Path file) {
    return new Output(option, file);
  }

  /**
   * Every file a command will write: each can be written ({@link #checkOutput}), no two are the same
   * file ({@link #checkDistinct}), and none is one of {@code inputs} ({@link #checkNotInput}). With
   * {@code --mkdirs} the missing folders are then made, before the long work starts.
   */
  static void checkOutputs(Map<Path, String> inputs, MakeFolders folders, Output... outputs) {
    boolean mkdirs = folders != null && folders.mkdirs;
    // an output that would overwrite an input is the graver mistake: said first
    for (Output o : outputs) checkNotInput(o.file(), o.option(), inputs);
    for (Output o : outputs) checkOutput(o.file(), o.option(), mkdirs);
    for (int i = 0; i < outputs.length; i++) {
      for (int k = i + 1; k < outputs.length; k++) checkDistinct(outputs[i].file(), outputs[i].option(), outputs[k].file(), outputs[k].option());
    }
    if (mkdirs) for (Output o : outputs) makeFolder(o.file(), o.option());
  }

  /**
   * A report file to write: not a folder, its folder is not a file, and its folder exists unless
   * {@code mkdirs} (a folder that does not exist is more often a typo than a wish).
   */
  static void checkOutput(Path file, String option, boolean mkdirs) {
    if (file == null) return;
    if (Files.isDirectory(file)) {
      throw new HoldoutException(option + " " + file + ": is a folder; give the name of the file to write");
    }
    Path parent = file.toAbsolutePath().getParent();
    for (Path dir = parent; dir != null; dir = dir.getParent()) {
      if (Files.exists(dir)) {
        if (!Files.isDirectory(dir)) {
          throw new HoldoutException(option + " " + file + ": cannot be written because " + dir + " is a file, not a folder");
        }
        if (!dir.equals(parent) && !mkdirs) {
          throw new HoldoutException(option + " " + file + ": the folder " + parent + " does not exist; check the path, "
              + "or add --mkdirs to create it");
        }
        break;
      }
    }
  }

  /** A working folder the command owns (answers, caches): made when missing, refused when a file has its name. */
  static void makeWorkFolder(Path dir, String option) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new HoldoutException(option + " " + dir + ": is a file; give a folder for the command's working files");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new HoldoutException(option + " " + dir + ": cannot create the folder (" + AtomicFiles.reason(e) + ")", e);
    }
  }

  private static void makeFolder(Path file, String option) {
    if (file == null) return;
    Path parent = file.toAbsolutePath().getParent();
    try {
      if (parent != null) Files.createDirectories(parent);
    } catch (IOException e) {
      throw new HoldoutException(option + " " + file + ": cannot create the folder " + parent + " (" + AtomicFiles.reason(e) + ")", e);
    }
  }

  /** Two outputs that would overwrite each other. */
  private static void checkDistinct(Path a, String optionA, Path b, String optionB) {
    if (a != null && b != null && sameFile(a, b)) {
      throw new HoldoutException(optionA + " and " + optionB + " name the same file " + a + "; give each its own file");
    }
  }

  /**
   * An output that names a file the command reads: writing the report would destroy the input (a
   * vendor's predictions, the buyer's evaluation set) and, for a file read again later, the run too.
   * {@code inputs} maps each input to what it is in the user's words ("the predictions file").
   */
  private static void checkNotInput(Path out, String option, Map<Path, String> inputs) {
    if (out == null) return;
    for (var e : inputs.entrySet()) {
      if (e.getKey() != null && sameFile(out, e.getKey())) {
        throw new HoldoutException(option + " " + out + " is " + e.getValue() + ", which this command reads; give the output its own file");
      }
    }
  }

  /** The files a suite makes a command read: the suite itself, its evaluation set and the files beside it. */
  static Map<Path, String> suiteInputs(Suite s) {
    Map<Path, String> in = new LinkedHashMap<>();
    in.put(s.file(), "the suite file");
    in.put(s.data().path(), "the evaluation set (data.path in the suite)");
    if (s.baseline() != null && s.baseline().path() != null) in.put(s.baseline().path(), "the baseline's file (baseline.path in the suite)");
    if (s.retrieval() != null && s.retrieval().queries() != null) in.put(s.retrieval().queries(), "the queries file of the suite");
    return in;
  }

  /** An output that would overwrite a file of the bundle being verified (its model, its data, handover.yaml). */
  static void checkNotInBundle(Path out, String option, Path bundle) {
    if (out == null || !Files.exists(out) || Files.isDirectory(out)) return;
    Path o = out.toAbsolutePath().normalize();
    Path b = bundle.toAbsolutePath().normalize();
    try {
      if (Files.isDirectory(bundle)) {
        o = out.toRealPath();
        b = bundle.toRealPath();
      }
    } catch (IOException e) {
      // compare the paths as written
    }
    if (o.startsWith(b)) {
      throw new HoldoutException(option + " " + out + " is a file of the bundle being verified; write the report outside " + bundle);
    }
  }

  /** The same file by path, or, when both exist, by identity (a link or another spelling of the path). */
  static boolean sameFile(Path a, Path b) {
    if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) return true;
    try {
      return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }
}
