package dev.holdout.base;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes a file all at once: to a temporary file beside it, then renamed, so no reader sees half a report. */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Something that writes text to a writer. */
  @FunctionalInterface
  public interface Content {
    void writeTo(Writer out) throws IOException;
  }

  /** Temporary files are private to their owner; a report is for everyone who can read the folder. */
  private static void readableByAll(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the platform's default permissions apply
    }
  }

  /**
   * Writes {@code content} to {@code target}. A link is followed, so the link stays and the file it
   * names gets the report. A target that exists but is not a regular file ({@code /dev/stdout}, a
   * named pipe) is written straight into, since renaming a temporary file over it would replace the
   * device or the pipe with a plain file.
   */
  public static void write(Path target, Content content) {
    // Files.exists and isRegularFile follow links: /dev/stdout is a link to /proc/self/fd/1, a pipe or a terminal.
    if (Files.exists(target) && !Files.isRegularFile(target) && !Files.isDirectory(target)) {
      try (Writer w = Files.newBufferedWriter(target, StandardCharsets.UTF_8, StandardOpenOption.WRITE)) {
        content.writeTo(w);
      } catch (IOException e) {
        throw new HoldoutException(target + ": cannot be written (" + reason(e) + "); check the device or pipe can be written", e);
      }
      return;
    }
    Path real = target;
    if (Files.isSymbolicLink(target) && Files.exists(target)) {
      try {
        real = target.toRealPath();
      } catch (IOException e) {
        throw new HoldoutException(target + ": cannot be written (" + reason(e) + "); check the link and the file it names", e);
      }
    }
    writeReplacing(target, real, content);
  }

  /**
   * What went wrong, without the path the file system names: that is often the temporary file
   * beside the target ({@code .r.html7292….tmp}), which the user never asked for; the message
   * names the target instead.
   */
  public static String reason(IOException e) {
    if (e instanceof AccessDeniedException) return "permission denied";
    if (e instanceof NoSuchFileException) return "no such file or folder";
    if (e instanceof FileAlreadyExistsException) return "a file of that name is in the way";
    if (e instanceof FileSystemException f) return f.getReason() != null ? f.getReason() : "file system error";
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  private static void writeReplacing(Path target, Path real, Content content) {
    Path dir = real.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + real.getFileName(), ".tmp");
      readableByAll(tmp);
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        content.writeTo(w);
      }
      try {
        Files.move(tmp, real, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, real, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new HoldoutException(target + ": cannot be written (" + reason(e) + "); check the folder exists and is writable", e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the temporary file is already gone or will be left for the user to remove
        }
      }
    }
  }
}
