package dev.holdout.handover;

import dev.holdout.base.Format;
import dev.holdout.data.RecordReaders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Check "files": every file the manifest names is in the bundle and has the sha256 the manifest
 * gives. Weights, the code archive and evaluation sets without a sha256 FAIL (their integrity is the
 * point); prompts and documents without one WARN. A code archive is listed within {@code limits}
 * (an archive past them throws). Each file is checked once, however often it is named.
 */
final class BundleFiles {
  private final Archives.Limits limits;
  private final List<Check> out = new ArrayList<>();
  private final Map<Path, Boolean> seen = new HashMap<>();

  private BundleFiles(Archives.Limits limits) {
    this.limits = limits;
  }

  static List<Check> check(Manifest m, Archives.Limits limits) {
    BundleFiles f = new BundleFiles(limits);
    f.all(m);
    return f.out;
  }

  private void all(Manifest m) {
    for (Manifest.Weights w : m.weights()) {
      if (w.file() != null) file("weights", w.file(), true);
      if (w.exitPlan() != null) file("weights", w.exitPlan(), false);
    }
    if (m.code() != null && m.code().archive() != null) {
      Manifest.FileRef ar = m.code().archive();
      if (file("code", ar, true) && Archives.isArchive(ar.path())) {
        Archives.Listing l = Archives.list(ar.path(), limits);
        out.add(Check.pass("files", ar.written(), "archive of " + Format.count(l.entries()) + " entries, " + Format.count(l.bytes()) + " bytes unpacked"));
      }
    }
    if (m.prompts() != null) for (Manifest.FileRef f : m.prompts()) file("prompts", f, false);
    if (m.evalSets() != null) for (Manifest.FileRef f : m.evalSets()) file("eval_sets", f, true);
    for (Manifest.FileRef f : new Manifest.FileRef[] {m.lineage(), m.pipeline(), m.modelCard()}) if (f != null) file("docs", f, false);
    if (m.reproduce() != null) {
      for (Manifest.FileRef f : List.of(m.reproduce().suite(), m.reproduce().model(), m.reproduce().predictions())) {
        if (!seen.containsKey(f.path()) && !Files.isRegularFile(f.path())) {
          out.add(Check.fail("files", f.written(), "named in reproduce but not in the bundle", "the file " + f.written()));
          seen.put(f.path(), false);
        }
      }
    }
  }

  /** Presence and hash of one file; true when it is there. */
  private boolean file(String role, Manifest.FileRef f, boolean hashRequired) {
    if (seen.containsKey(f.path())) return seen.get(f.path());
    boolean present = Files.isRegularFile(f.path());
    seen.put(f.path(), present);
    if (!present) {
      out.add(Check.fail("files", f.written(), Files.isDirectory(f.path()) ? "is a folder, not a file" : "not in the bundle (" + role + ")",
          "the file " + f.written() + ", or a manifest that names what was delivered"));
      return false;
    }
    String actual = RecordReaders.sha256(f.path());
    if (f.sha256() == null) {
      String detail = "present, but the manifest gives no sha256 (it is " + actual + ")";
      String ask = "the sha256 of " + f.written() + " in handover.yaml, so the delivery can be checked";
      out.add(hashRequired ? Check.fail("files", f.written(), detail, ask) : Check.warn("files", f.written(), detail, ask));
    } else if (!actual.equalsIgnoreCase(f.sha256().strip())) {
      out.add(Check.fail("files", f.written(), "sha256 is " + actual + ", the manifest says " + f.sha256().strip(),
          "the file as it was when the manifest was written, or a corrected manifest"));
    } else {
      out.add(Check.pass("files", f.written(), "present, sha256 matches"));
    }
    return true;
  }
}
