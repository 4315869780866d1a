package dev.holdout.server.project;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The public/private split of a project's evaluation set: a row is public when a keyed
 * SHA-256 of its id falls below the public share. The key is the project's secret seed, so the
 * split is fixed for the project's life, independent of row order, and unknowable to vendors.
 */
public final class Split {
  private final byte[] key;
  private final double publicShare;
  private final MessageDigest sha;

  public Split(long seed, double publicShare) {
    this.key = ByteBuffer.allocate(8).putLong(seed).array();
    this.publicShare = publicShare;
    try {
      this.sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public boolean isPublic(String id) {
    sha.reset();
    sha.update(key);
    byte[] d = sha.digest(id.getBytes(StandardCharsets.UTF_8));
    long bits = 0;
    for (int i = 0; i < 7; i++) bits = (bits << 8) | (d[i] & 0xFF);
    return bits / (double) (1L << 56) < publicShare;
  }
}
