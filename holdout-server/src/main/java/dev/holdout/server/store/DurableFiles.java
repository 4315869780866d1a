package dev.holdout.server.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files that are on disk before the server says so: content forced to the device (fsync), then moved
 * into place by an atomic rename, then the folder forced too, so the new name survives a power cut
 * as well as a SIGKILL. The one home for how the server puts a file down; the store's rows follow
 * the files they name.
 */
public final class DurableFiles {
  private DurableFiles() {}

  /** Forces a file's content to the device. */
  public static void sync(Path file) throws IOException {
    try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
      c.force(true);
    }
  }

  /** Forces a folder's entries (new, renamed and removed names) to the device. */
  public static void syncFolder(Path folder) throws IOException {
    try (FileChannel c = FileChannel.open(folder, StandardOpenOption.READ)) {
      c.force(true);
    } catch (IOException e) {
      // Some file systems (and Windows) cannot open a folder for syncing; there the rename is as durable as they make it.
      if (Files.isDirectory(folder) && System.getProperty("os.name", "").startsWith("Windows")) return;
      throw e;
    }
  }

  /** Syncs {@code from}, renames it to {@code to} atomically (replacing it) and syncs {@code to}'s folder. */
  public static void move(Path from, Path to) throws IOException {
    sync(from);
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncFolder(to.getParent());
  }

  /** Creates a folder and its parents, each new one synced into its parent. */
  public static void createFolders(Path folder) throws IOException {
    Path abs = folder.toAbsolutePath();
    if (Files.isDirectory(abs)) return;
    createFolders(abs.getParent());
    Files.createDirectories(abs);
    syncFolder(abs.getParent());
  }

  /** Makes a file readable and writable by its owner only (rw-------), where the file system has POSIX permissions. */
  public static void ownerOnly(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: its own access rules apply
    }
  }
}
