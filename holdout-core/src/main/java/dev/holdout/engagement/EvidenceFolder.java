package dev.holdout.engagement;

import dev.holdout.base.AtomicFiles;
import dev.holdout.base.HoldoutException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Writes an evidence folder all at once and checks it later. The folder holds the given files and
 * {@code manifest.sha256} (one {@code HASH  FILE} line per file, as {@code sha256sum} writes and
 * {@code sha256sum -c} checks), written to a temporary folder beside the target and renamed into
 * place, so a failure leaves nothing half-written. {@link #verify} recomputes every hash: a changed,
 * missing or unlisted file shows.
 */
public final class EvidenceFolder {
  public static final String MANIFEST = "manifest.sha256";

  private EvidenceFolder() {}

  /** What {@link #verify} found: files whose bytes changed, files listed but gone, files present but not listed. */
  public record Verification(Path folder, int files, List<String> changed, List<String> missing, List<String> unlisted) {
    public boolean intact() {
      return changed.isEmpty() && missing.isEmpty() && unlisted.isEmpty();
    }
  }

  /** Writes {@code files} (name to bytes, flat names only) and the manifest to {@code out}, which must not exist or be empty. */
  public static void write(Path out, Map<String, byte[]> files) {
    if (Files.exists(out) && (!Files.isDirectory(out) || !empty(out))) {
      throw new HoldoutException("--out " + out + ": " + (Files.isDirectory(out) ? "the folder is not empty" : "is a file")
          + "; give a new folder, so an earlier pack is never mixed with this one");
    }
    Path parent = out.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new HoldoutException("--out " + out + ": the folder " + parent + " does not exist; create it first");
    }
    Path tmp = null;
    try {
      tmp = Files.createTempDirectory(parent, "." + out.getFileName() + ".tmp-");
      StringBuilder manifest = new StringBuilder();
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        if (f.getKey().contains("/") || f.getKey().equals(MANIFEST)) throw new IllegalArgumentException("bad pack file name " + f.getKey());
        Files.write(tmp.resolve(f.getKey()), f.getValue());
        manifest.append(sha256(f.getValue())).append("  ").append(f.getKey()).append('\n');
      }
      Files.writeString(tmp.resolve(MANIFEST), manifest.toString(), StandardCharsets.UTF_8);
      if (Files.isDirectory(out)) Files.delete(out);
      try {
        Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, out);
      }
      tmp = null;
    } catch (IOException e) {
      throw new HoldoutException("--out " + out + ": cannot be written (" + AtomicFiles.reason(e) + ")", e);
    } finally {
      if (tmp != null) deleteQuietly(tmp);
    }
  }

  /** Recomputes every file's sha256 against {@code DIR/manifest.sha256}. */
  public static Verification verify(Path dir) {
    Path manifest = dir.resolve(MANIFEST);
    if (!Files.isRegularFile(manifest)) {
      throw new HoldoutException(dir + ": no " + MANIFEST + " in it; give a folder written by holdout evidence");
    }
    Map<String, String> listed = new LinkedHashMap<>();
    try {
      int n = 0;
      for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
        n++;
        if (line.isBlank()) continue;
        int sep = line.indexOf("  ");
        if (sep != 64 || line.substring(sep + 2).contains("/")) {
          throw new HoldoutException(manifest + " line " + n + ": expected 'SHA256  FILE', found '" + line + "'");
        }
        listed.put(line.substring(sep + 2), line.substring(0, sep));
      }
      List<String> changed = new ArrayList<>();
      List<String> missing = new ArrayList<>();
      for (var e : listed.entrySet()) {
        Path f = dir.resolve(e.getKey());
        if (!Files.isRegularFile(f)) missing.add(e.getKey());
        else if (!sha256(Files.readAllBytes(f)).equals(e.getValue())) changed.add(e.getKey());
      }
      TreeSet<String> present = new TreeSet<>();
      try (Stream<Path> s = Files.list(dir)) {
        s.forEach(p -> present.add(p.getFileName().toString()));
      }
      present.remove(MANIFEST);
      present.removeAll(listed.keySet());
      return new Verification(dir, listed.size(), changed, missing, List.copyOf(present));
    } catch (IOException e) {
      throw new HoldoutException(dir + ": cannot be read (" + AtomicFiles.reason(e) + ")", e);
    }
  }

  /** Hex sha256 of bytes. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Hex sha256 of text as UTF-8: the annex's fingerprint is this of its Markdown. */
  public static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean empty(Path dir) {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      return !s.iterator().hasNext();
    } catch (IOException e) {
      return false;
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort: a leftover hidden temporary folder is harmless
    }
  }
}
