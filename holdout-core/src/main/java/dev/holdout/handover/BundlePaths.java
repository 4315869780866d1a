package dev.holdout.handover;

import dev.holdout.base.HoldoutException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Resolves paths a manifest names inside the bundle folder. An absolute path, a {@code ..} step or
 * a symbolic link that leads out of the bundle is refused before anything is read, so a hostile
 * manifest cannot make Holdout read or hash the buyer's other files.
 */
public final class BundlePaths {
  private final Path root;
  private final Path realRoot;

  public BundlePaths(Path bundle) {
    if (!Files.isDirectory(bundle)) {
      throw new HoldoutException.BadData(bundle + ": not a folder; give the folder the vendor handed over (it holds handover.yaml)");
    }
    this.root = bundle.toAbsolutePath().normalize();
    try {
      this.realRoot = root.toRealPath();
    } catch (IOException e) {
      throw new HoldoutException.BadData(bundle + ": cannot be read (" + e.getMessage() + ")");
    }
  }

  public Path root() {
    return root;
  }

  /** The file {@code written} names, checked to stay inside the bundle; {@code where} says where it was written, for the message. */
  public Path resolve(String written, String where) {
    String w = written.replace('\\', '/');
    if (w.isBlank()) throw new HoldoutException.BadData(where + ": empty path; give a path inside the bundle, like model/model.onnx");
    if (w.startsWith("/") || w.matches("^[A-Za-z]:.*") || w.startsWith("~")) {
      throw new HoldoutException.BadData(where + ": '" + written + "' is an absolute path; the manifest may only name files inside the bundle, "
          + "relative to handover.yaml; ask the vendor to put the file in the bundle");
    }
    for (String step : w.split("/")) {
      if (step.equals("..")) {
        throw new HoldoutException.BadData(where + ": '" + written + "' steps out of the bundle with '..'; the manifest may only name files "
            + "inside the bundle; ask the vendor to put the file in the bundle");
      }
    }
    Path p = root.resolve(w).normalize();
    if (!p.startsWith(root)) throw new HoldoutException.BadData(where + ": '" + written + "' is outside the bundle");
    checkNoLinkOut(p, written, where);
    return p;
  }

  /** A path that exists must also really be inside the bundle once symbolic links are followed. */
  void checkNoLinkOut(Path p, String written, String where) {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) return;
    try {
      Path real = p.toRealPath();
      if (!real.startsWith(realRoot)) {
        throw new HoldoutException.BadData(where + ": '" + written + "' is a symbolic link that leads out of the bundle (to " + real
            + "); nothing outside the bundle is read; ask the vendor for the file itself");
      }
    } catch (NoSuchFileException e) {
      throw new HoldoutException.BadData(where + ": '" + written + "' is a symbolic link to nothing; ask the vendor for the file itself");
    } catch (IOException e) {
      throw new HoldoutException.BadData(where + ": '" + written + "' cannot be read (" + e.getMessage() + ")");
    }
  }
}
