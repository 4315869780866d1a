package dev.holdout.server.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdout.base.HoldoutException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One process per data folder: an exclusive lock on {@code holdout.lock}, taken before anything else
 * touches the folder and held for the process's life (the operating system drops it when the
 * process dies, even by SIGKILL). The file (owner-only permissions) says who holds it: the process
 * id and, once the server listens, its address and a secret for this run, with which {@code holdout
 * admin} on the same machine asks the running server instead of opening its store.
 */
public final class FolderLock implements AutoCloseable {
  public static final String FILE = "holdout.lock";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  /** Who holds a folder: its process id, and its API address and admin secret once it listens (else null). */
  public record Holder(long pid, String url, String adminSecret) {}

  private FolderLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the folder's lock, or refuses with advice naming the process that holds it. */
  public static FolderLock acquire(Path dataDir) {
    return tryAcquire(dataDir).orElseThrow(() -> new HoldoutException(busy(dataDir, holder(dataDir))));
  }

  /** Takes the folder's lock if no other process holds it; creates the folder if needed. */
  public static Optional<FolderLock> tryAcquire(Path dataDir) {
    Path file = dataDir.toAbsolutePath().resolve(FILE);
    FileChannel channel = null;
    try {
      DurableFiles.createFolders(file.getParent());
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      DurableFiles.ownerOnly(file);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by this very process (a second server in one JVM)
      }
      if (lock == null) {
        channel.close();
        return Optional.empty();
      }
      FolderLock held = new FolderLock(file, channel, lock);
      held.write(Map.of("pid", ProcessHandle.current().pid()));
      return Optional.of(held);
    } catch (IOException e) {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException ignored) {
          // the open failed already; its message is the one to show
        }
      }
      throw new HoldoutException(file + ": cannot lock the data folder (" + e.getMessage() + "); check that it is writable by this user");
    }
  }

  /** Who holds the folder's lock now, read from the lock file; empty when the file says nothing usable. */
  public static Optional<Holder> holder(Path dataDir) {
    try {
      JsonNode n = JSON.readTree(Files.readString(dataDir.toAbsolutePath().resolve(FILE), StandardCharsets.UTF_8));
      if (n == null || !n.has("pid")) return Optional.empty();
      return Optional.of(new Holder(n.path("pid").asLong(), n.hasNonNull("url") ? n.get("url").asText() : null,
          n.hasNonNull("admin_secret") ? n.get("admin_secret").asText() : null));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The advice when a folder is taken. */
  public static String busy(Path dataDir, Optional<Holder> holder) {
    String who = holder.map(h -> "process " + h.pid() + (h.url() == null ? "" : ", " + h.url())).orElse("another process");
    return "another Holdout server (" + who + ") is using the data folder " + dataDir.toAbsolutePath()
        + "; stop it first, or give this server its own --data-dir (one server per data folder keeps every acknowledged change)";
  }

  /** Records where this process answers and its admin secret, for {@code holdout admin} on this machine. */
  public void announce(String url, String adminSecret) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pid", ProcessHandle.current().pid());
    m.put("url", url);
    m.put("admin_secret", adminSecret);
    try {
      write(m);
    } catch (IOException e) {
      throw new HoldoutException(file + ": cannot write (" + e.getMessage() + ")");
    }
  }

  private void write(Map<String, Object> content) throws IOException {
    byte[] b = JSON.writeValueAsBytes(content);
    channel.truncate(0);
    channel.write(ByteBuffer.wrap(b), 0);
    channel.force(true);
  }


  /** Releases the lock; the file stays, saying nothing of a live holder. */
  @Override
  public void close() {
    try {
      channel.truncate(0);
      lock.release();
      channel.close();
    } catch (IOException e) {
      // the process is stopping; the operating system drops the lock with it
    }
  }
}
