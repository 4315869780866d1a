package dev.holdout.server.store;

import dev.holdout.server.base.ApiException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Streams a request body to a temporary file in the data folder's {@code tmp/} with a size limit,
 * hashing it on the way; never held in memory. The caller moves the file into place with
 * {@link DurableFiles#move} (which syncs it) or deletes it; {@link #sweep} removes what a crash left.
 */
public final class Uploads {
  private final Path tmpDir;

  public Uploads(Path tmpDir) {
    this.tmpDir = tmpDir;
  }

  /** A body on disk: its temporary file (the caller moves or deletes it), size and SHA-256. */
  public record Upload(Path file, long bytes, String sha256) {}

  public Upload receive(InputStream body, long maxBytes, String extension, String what) {
    Path tmp;
    try {
      Files.createDirectories(tmpDir);
      tmp = Files.createTempFile(tmpDir, "upload-", extension);
    } catch (IOException e) {
      throw new StoreException("cannot create a temporary file in " + tmpDir + ": " + e.getMessage() + "; check the data folder's free space and permissions", e);
    }
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    long total = 0;
    boolean ok = false;
    try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), sha)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = body.read(buf)) >= 0; ) {
        total += n;
        if (total > maxBytes) {
          throw new ApiException(413, what + " is larger than this project's limit of " + maxBytes + " bytes; send a smaller file or ask the owner to raise max_upload_bytes");
        }
        out.write(buf, 0, n);
      }
      ok = true;
    } catch (IOException e) {
      throw new ApiException(400, what + " did not arrive whole (" + e.getMessage() + "); send it again");
    } finally {
      if (!ok) deleteQuietly(tmp);
    }
    if (total == 0) {
      deleteQuietly(tmp);
      throw ApiException.badRequest(what + " is empty; send the file as the request body");
    }
    return new Upload(tmp, total, HexFormat.of().formatHex(sha.digest()));
  }

  /** Removes files a crashed request left behind. */
  public void sweep() {
    if (!Files.isDirectory(tmpDir)) return;
    try (var files = Files.list(tmpDir)) {
      files.forEach(Uploads::deleteQuietly);
    } catch (IOException e) {
      // a file that cannot be listed is retried on the next start
    }
  }

  public static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // best effort: a leftover temporary file is swept at the next start
    }
  }
}
