package dev.holdout.monitor;

import dev.holdout.base.HoldoutException;
import dev.holdout.data.RecordReader;
import dev.holdout.data.RecordReaders;
import dev.holdout.data.Values;
import java.nio.file.Path;

/**
 * Late outcomes by id, read from a second file and looked up while the log streams. Ids are kept as
 * 64-bit hashes, not text, in an open-addressing table of 16 bytes per slot at most half full: 32
 * to 64 bytes per outcome (10 million outcomes: 320 to 640 MB; this grows with the outcomes file,
 * unlike the windows). Two different
 * ids share a hash with probability about n² / 2⁶⁵ (7e-5 for 50 million ids). Values are numbers:
 * a label's code for classification, the actual value for regression.
 */
final class Outcomes {
  private long[] keys = new long[1 << 12];
  private double[] values = new double[1 << 12];
  private int size;

  /** Reads {@code idColumn} and {@code labelColumn} of {@code file}; {@code parse} turns a label into its number or throws. */
  static Outcomes read(Path file, String idColumn, String labelColumn, LabelParser parse) {
    Outcomes out = new Outcomes();
    try (RecordReader r = RecordReaders.open(file)) {
      int id = Values.column(r, idColumn, "the id column of the suite's data.id, in --outcomes");
      int label = Values.column(r, labelColumn, "the outcome column of the suite's data.label, in --outcomes");
      while (r.next()) {
        CharSequence key = Values.requiredText(r, id, "an id");
        CharSequence text = r.text(label);
        if (text == null) continue;  // not known yet
        double v = parse.parse(r, label, text);
        if (!out.put(hash(key), v)) {
          throw new HoldoutException.BadData(r.path() + " " + r.position() + ", column '" + idColumn + "': id '" + key
              + "' already has an outcome on an earlier line; give one outcome per id");
        }
      }
    }
    return out;
  }

  /** Turns a label's text into its number; throws a {@link HoldoutException} naming the file, line and column. */
  interface LabelParser {
    double parse(RecordReader r, int column, CharSequence text);
  }

  int size() {
    return size;
  }

  /** False when the key is already there. */
  boolean put(long key, double value) {
    if (key == 0) key = 1;
    if ((size + 1) * 2 > keys.length) grow();
    int mask = keys.length - 1;
    int slot = (int) (key ^ (key >>> 32)) & mask;
    while (keys[slot] != 0) {
      if (keys[slot] == key) return false;
      slot = (slot + 1) & mask;
    }
    keys[slot] = key;
    values[slot] = value;
    size++;
    return true;
  }

  /** The outcome of the id with hash {@code key}, or NaN. */
  double get(long key) {
    if (key == 0) key = 1;
    int mask = keys.length - 1;
    int slot = (int) (key ^ (key >>> 32)) & mask;
    while (keys[slot] != 0) {
      if (keys[slot] == key) return values[slot];
      slot = (slot + 1) & mask;
    }
    return Double.NaN;
  }

  private void grow() {
    long[] k = keys;
    double[] v = values;
    keys = new long[k.length * 2];
    values = new double[k.length * 2];
    size = 0;
    for (int i = 0; i < k.length; i++) if (k[i] != 0) put(k[i], v[i]);
  }

  /** A 64-bit hash of an id's characters (a polynomial hash, then the MurmurHash3 finaliser). */
  static long hash(CharSequence s) {
    long h = 0x9E3779B97F4A7C15L;
    for (int i = 0; i < s.length(); i++) h = (h ^ s.charAt(i)) * 0x100000001B3L;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
