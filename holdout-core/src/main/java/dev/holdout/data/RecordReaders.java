package dev.holdout.data;

import dev.holdout.base.HoldoutException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Opens the right {@link RecordReader} for a file by its extension. */
public final class RecordReaders {
  private RecordReaders() {}

  /** Extensions Holdout reads, for messages. */
  public static final String SUPPORTED = ".csv, .tsv, .jsonl (or .ndjson) or .parquet";

  public static RecordReader open(Path path) {
    if (!Files.exists(path)) {
      throw new HoldoutException.BadData(path + ": file not found; check the path (paths in a suite are relative to the suite file)");
    }
    if (Files.isDirectory(path)) {
      throw new HoldoutException.BadData(path + ": is a folder; give the path of a " + SUPPORTED + " file");
    }
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv")) return new CsvRecordReader(path, ',');
    if (name.endsWith(".tsv") || name.endsWith(".tab")) return new CsvRecordReader(path, '\t');
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) return new JsonLinesRecordReader(path);
    if (name.endsWith(".parquet")) return new ParquetRecordReader(path);
    throw new HoldoutException.BadData(path + ": unknown file type '" + extension(name) + "'; Holdout reads " + SUPPORTED + " files, chosen by the extension");
  }

  private static String extension(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "(none)" : name.substring(dot);
  }

  /** Hex SHA-256 of a whole file. */
  public static String sha256(Path path) {
    try (DigestInputStream in = digesting(Files.newInputStream(path))) {
      in.transferTo(OutputStreams.NULL);
      return hex(in.getMessageDigest());
    } catch (NoSuchFileException e) {
      throw new HoldoutException.BadData(path + ": file not found");
    } catch (IOException e) {
      throw new HoldoutException.BadData(path + ": cannot be read (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Starts hashing a file on another thread, so the hash costs no time beside a parse that reads
   * the same bytes; {@link #await} gives the result.
   */
  public static CompletableFuture<String> sha256Async(Path path) {
    return CompletableFuture.supplyAsync(() -> sha256(path));
  }

  /** The result of {@link #sha256Async}, with its failure rethrown as it was. */
  public static String await(CompletableFuture<String> hash) {
    try {
      return hash.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw e;
    }
  }

  static DigestInputStream digesting(InputStream in) {
    try {
      return new DigestInputStream(in, MessageDigest.getInstance("SHA-256"));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }

  private static final class OutputStreams {
    static final OutputStream NULL = OutputStream.nullOutputStream();
  }
}
