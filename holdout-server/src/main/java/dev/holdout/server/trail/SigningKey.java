package dev.holdout.server.trail;

import dev.holdout.base.HoldoutException;
import dev.holdout.server.store.DurableFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that signs audit entries (HMAC-SHA256), kept outside the database: by default
 * {@code signing.key} in the data folder, made at the first start with 256 random bits and
 * owner-only permissions; or a file given with {@code --signing-key}, which can live where the
 * database's writers cannot read. A key file that other users may read is refused, and so is a
 * missing key when the trail already has entries (a new key would make every old entry look forged).
 */
public final class SigningKey {
  public static final String FILE = "signing.key";
  private final byte[] key;

  private SigningKey(byte[] key) {
    this.key = key;
  }

  /**
   * The key in {@code explicit} when given, else in the data folder's {@link #FILE}, created there
   * when {@code trailEmpty} (a store with entries needs the key that signed them).
   */
  public static SigningKey open(Path dataDir, Path explicit, boolean trailEmpty) {
    Path file = explicit != null ? explicit.toAbsolutePath() : dataDir.toAbsolutePath().resolve(FILE);
    if (!Files.exists(file)) {
      if (explicit != null) throw new HoldoutException(file + ": signing key not found (--signing-key); give the file that holds the key of this store");
      if (!trailEmpty) {
        throw new HoldoutException(file + ": the audit trail has entries signed with a key that is not here; restore the key file from your backup "
            + "or give it with --signing-key (a new key would make every entry look forged)");
      }
      create(file);
    }
    return read(file);
  }

  /** A key from bytes, for tests and for verifying with a key the caller holds. */
  public static SigningKey of(byte[] key) {
    if (key.length < 16) throw new IllegalArgumentException("a signing key needs at least 16 bytes, found " + key.length);
    return new SigningKey(key.clone());
  }

  private static void create(Path file) {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    try {
      Path tmp = Files.createTempFile(file.getParent(), ".signing", ".tmp");
      DurableFiles.ownerOnly(tmp);
      Files.writeString(tmp, HexFormat.of().formatHex(b) + "\n", StandardCharsets.US_ASCII);
      DurableFiles.move(tmp, file);
    } catch (IOException e) {
      throw new HoldoutException(file + ": cannot create the signing key (" + e.getMessage() + "); check that the data folder is writable");
    }
  }

  private static SigningKey read(Path file) {
    try {
      try {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        for (PosixFilePermission p : perms) {
          if (p.name().startsWith("GROUP") || p.name().startsWith("OTHERS")) {
            throw new HoldoutException(file + ": the signing key may be read by other users of this machine; make it the owner's only: chmod 600 " + file);
          }
        }
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: its own access rules apply
      }
      String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
      if (!text.matches("[0-9a-fA-F]{32,128}")) {
        throw new HoldoutException(file + ": expected a signing key of 32 to 128 hexadecimal digits; the server writes one at its first start");
      }
      return new SigningKey(HexFormat.of().parseHex(text.toLowerCase(Locale.ROOT)));
    } catch (IOException e) {
      throw new HoldoutException(file + ": cannot read the signing key (" + e.getMessage() + ")");
    }
  }

  /** HMAC-SHA256 of an entry's hash, as 64 hexadecimal digits. */
  String sign(String hash) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(("holdout.trail/v1 " + hash).getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@code sig} is this key's signature of {@code hash}; compared in constant time. */
  boolean verify(String hash, String sig) {
    return sig != null && MessageDigest.isEqual(sign(hash).getBytes(StandardCharsets.US_ASCII), sig.getBytes(StandardCharsets.US_ASCII));
  }
}
