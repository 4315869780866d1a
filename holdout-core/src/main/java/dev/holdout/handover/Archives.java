package dev.holdout.handover;

import dev.holdout.base.HoldoutException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Lists a code archive (.zip, .jar, .tar, .tar.gz, .tgz) by streaming through it, never extracting
 * it. Stops with bad data at the first entry that would land outside the archive's folder, or once
 * it would expand past {@link Limits}: the uncompressed bytes, the entries, or the expansion ratio.
 */
public final class Archives {
  private Archives() {}

  /**
   * Bounds on one archive. The default, 2 GiB and 200,000 entries, with at most 200 times the file's
   * size once past 16 MiB, admits any real code base and stops a decompression bomb within seconds.
   */
  public record Limits(long maxBytes, int maxEntries, double maxRatio, long ratioAfterBytes) {
    public static final Limits DEFAULT = new Limits(2L << 30, 200_000, 200, 16L << 20);
  }

  /** What an archive holds: its entries and the sum of their sizes in bytes. */
  public record Listing(int entries, long bytes) {}

  public static boolean isArchive(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".zip") || n.endsWith(".jar") || n.endsWith(".tar") || n.endsWith(".tar.gz") || n.endsWith(".tgz");
  }

  public static Listing list(Path file, Limits limits) {
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    try {
      long size = Math.max(1, Files.size(file));
      if (n.endsWith(".zip") || n.endsWith(".jar")) return zip(file, size, limits);
      try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
        InputStream in = n.endsWith(".tar") ? raw : new GZIPInputStream(raw, 65536);
        return tar(file, in, size, limits);
      }
    } catch (ZipException e) {
      throw new HoldoutException.BadData(file + ": not a readable archive (" + e.getMessage() + "); ask the vendor for the archive again");
    } catch (EOFException e) {
      throw new HoldoutException.BadData(file + ": the archive ends early; it was cut short, ask the vendor for it again");
    } catch (IOException e) {
      throw new HoldoutException.BadData(file + ": cannot be read (" + e.getMessage() + ")");
    }
  }

  private static Listing zip(Path file, long size, Limits limits) throws IOException {
    int entries = 0;
    long bytes = 0;
    byte[] buf = new byte[65536];
    try (ZipInputStream z = new ZipInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      ZipEntry e;
      while ((e = z.getNextEntry()) != null) {
        checkName(file, e.getName());
        if (++entries > limits.maxEntries()) throw tooBig(file, "more than " + limits.maxEntries() + " entries");
        for (int r; (r = z.read(buf)) > 0; ) {
          bytes += r;
          checkBytes(file, bytes, size, limits);
        }
      }
    }
    if (entries == 0) throw new HoldoutException.BadData(file + ": not a zip archive, or an empty one; ask the vendor for the code archive again");
    return new Listing(entries, bytes);
  }

  /** A tar stream: 512-byte headers, each followed by its content padded to 512 bytes. */
  private static Listing tar(Path file, InputStream in, long size, Limits limits) throws IOException {
    int entries = 0;
    long bytes = 0;
    long content = 0;
    byte[] header = new byte[512];
    byte[] buf = new byte[65536];
    while (true) {
      int got = in.readNBytes(header, 0, 512);
      bytes += got;
      checkBytes(file, bytes, size, limits);
      if (got < 512) break;
      boolean zero = true;
      for (byte b : header) if (b != 0) { zero = false; break; }
      if (zero) break;
      String name = cString(header, 0, 100);
      String prefix = cString(header, 345, 155);
      if (!prefix.isEmpty() && header[257] == 'u') name = prefix + "/" + name;
      checkName(file, name);
      if (++entries > limits.maxEntries()) throw tooBig(file, "more than " + limits.maxEntries() + " entries");
      long length = octal(file, header, 124, 12);
      content += length;
      long padded = (length + 511) / 512 * 512;
      for (long left = padded; left > 0; ) {
        int r = in.read(buf, 0, (int) Math.min(buf.length, left));
        if (r < 0) throw new EOFException();
        left -= r;
        bytes += r;
        checkBytes(file, bytes, size, limits);
      }
    }
    if (entries == 0) throw new HoldoutException.BadData(file + ": an empty archive; ask the vendor for the code archive again");
    return new Listing(entries, content);
  }

  private static void checkName(Path file, String name) {
    String n = name.replace('\\', '/');
    boolean out = n.startsWith("/") || n.matches("^[A-Za-z]:.*");
    for (String step : n.split("/")) out |= step.equals("..");
    if (out) {
      throw new HoldoutException.BadData(file + ": entry '" + name + "' would be written outside the folder it is unpacked in; "
          + "the archive is unsafe to unpack: ask the vendor for a clean archive");
    }
  }

  private static void checkBytes(Path file, long bytes, long size, Limits limits) {
    if (bytes > limits.maxBytes()) throw tooBig(file, "more than " + limits.maxBytes() + " bytes uncompressed");
    if (bytes > limits.ratioAfterBytes() && bytes > limits.maxRatio() * size) {
      throw tooBig(file, "more than " + (long) limits.maxRatio() + " times its own size of " + size + " bytes");
    }
  }

  private static HoldoutException.BadData tooBig(Path file, String what) {
    return new HoldoutException.BadData(file + ": the archive expands to " + what + "; Holdout stopped reading it. "
        + "Ask the vendor for the code as a normal archive or a repository URL with a commit");
  }

  private static String cString(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) end++;
    return new String(b, off, end - off, StandardCharsets.UTF_8);
  }

  private static long octal(Path file, byte[] b, int off, int len) {
    String s = cString(b, off, len).trim();
    if (s.isEmpty()) return 0;
    try {
      return Long.parseLong(s, 8);
    } catch (NumberFormatException e) {
      throw new HoldoutException.BadData(file + ": not a tar archive (bad entry size '" + s + "'); ask the vendor for the archive again");
    }
  }
}
