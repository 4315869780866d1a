package dev.holdout.audit;

import dev.holdout.HoldoutException;
import dev.holdout.data.RecordReader;
import dev.holdout.data.Values;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;

/**
 * Column profiling on other threads while the reading thread does the row-level checks: the reader
 * copies each record's fields into batches of {@link #BATCH} rows, one batch stream per worker, and
 * each worker feeds its share of the columns (every {@code threads}-th) to their profilers in file
 * order, so results equal a single-threaded pass. The workers also keep the time column's
 * coverage, which the reading thread would otherwise do. Used by one reading thread;
 * {@link #finish()} waits for the workers and rethrows what failed there.
 */
final class ProfileWorkers {
  static final int BATCH = 4096;
  private static final Batch END = new Batch(0, 0);
  private final Worker[] workers;

  /** Profiles {@code columns[k]} of each record into {@code profilers[k]}. */
  ProfileWorkers(RecordReader reader, int[] columns, ColumnProfiler[] profilers, int threads) {
    this(reader, columns, profilers, new TimeCoverage[columns.length], threads);
  }

  /** Also adds {@code columns[k]} to {@code times[k]} where that is not null. */
  ProfileWorkers(RecordReader reader, int[] columns, ColumnProfiler[] profilers, TimeCoverage[] times, int threads) {
    int n = Math.max(1, Math.min(threads, columns.length));
    workers = new Worker[n];
    for (int w = 0; w < n; w++) {
      int count = 0;
      for (int k = w; k < columns.length; k += n) count++;
      int[] cols = new int[count];
      ColumnProfiler[] ps = new ColumnProfiler[count];
      TimeCoverage[] ts = new TimeCoverage[count];
      for (int k = w, i = 0; k < columns.length; k += n, i++) {
        cols[i] = columns[k];
        ps[i] = profilers[k];
        ts[i] = times[k];
      }
      workers[w] = new Worker(reader, cols, ps, ts);
      workers[w].thread.start();
    }
  }

  /** Copies the reader's current record for the workers. */
  void add(RecordReader r) {
    for (Worker w : workers) w.add(r);
  }

  /**
   * Fields {@code ks} (indexes into the constructor's columns) of the record last added, from the
   * copy, in one array; {@code cuts[2i]} and {@code cuts[2i + 1]} get field {@code ks[i]}'s offset
   * and length there, a length of -1 when it is missing.
   */
  char[] copy(int[] ks, int[] cuts) {
    int total = 0;
    for (int k : ks) {
      Worker w = workers[k % workers.length];
      Batch b = w.current;
      total += Math.max(0, b.len[(b.rows - 1) * w.cols.length + k / workers.length]);
    }
    char[] out = new char[total];
    int at = 0;
    for (int j = 0; j < ks.length; j++) {
      Worker w = workers[ks[j] % workers.length];
      Batch b = w.current;
      int i = (b.rows - 1) * w.cols.length + ks[j] / workers.length;
      int n = b.len[i];
      if (n >= 0 && ColumnProfiler.isMissing(b.chars, b.off[i], n)) n = -1;
      cuts[2 * j] = at;
      cuts[2 * j + 1] = n;
      if (n > 0) {
        System.arraycopy(b.chars, b.off[i], out, at, n);
        at += n;
      }
    }
    return out;
  }

  /**
   * {@link Hashing#row} of field {@code k} (an index into the constructor's columns) of the record
   * last {@link #add added}, read from the copy, null when the field is missing: so the reading thread
   * hashes rows without reading the fields a second time.
   */
  long fold(long h, int k) {
    Worker w = workers[k % workers.length];
    Batch b = w.current;
    int i = (b.rows - 1) * w.cols.length + k / workers.length;
    int n = b.len[i];
    if (n < 0) return Hashing.rowMissing(h);
    int off = b.off[i];
    char[] chars = b.chars;
    return ColumnProfiler.isMissing(chars, off, n) ? Hashing.rowMissing(h) : Hashing.row(h, chars, off, n);
  }

  /** {@link Hashing#id} of field {@code k} of the record last added, which must be present. */
  long hash(int k) {
    Worker w = workers[k % workers.length];
    Batch b = w.current;
    int i = (b.rows - 1) * w.cols.length + k / workers.length;
    return Hashing.mix(Hashing.row(Hashing.SEED, b.chars, b.off[i], b.len[i]));
  }

  /** Hands over the last rows and waits for the workers. */
  void finish() {
    for (Worker w : workers) w.send(END);
    for (Worker w : workers) {
      try {
        w.thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while profiling columns", e);
      }
    }
    for (Worker w : workers) {
      if (w.error instanceof HoldoutException h) throw h;
      if (w.error instanceof RuntimeException e) throw e;
      if (w.error != null) throw new IllegalStateException("column profiling failed", w.error);
    }
  }

  /** Stops the workers without waiting for their results (after a failure on the reading thread). */
  void abandon() {
    for (Worker w : workers) w.thread.interrupt();
  }

  private static final class Batch {
    int rows;
    char[] chars;
    int used;
    final int[] off;
    final int[] len;
    final long[] line;

    Batch(int rows, int cols) {
      off = new int[rows * cols];
      len = new int[rows * cols];
      line = new long[rows];
      chars = new char[Math.max(16, rows * cols * 8)];
    }
  }

  private static final class Worker implements Runnable {
    final RecordReader reader;
    final int[] cols;
    final ColumnProfiler[] profilers;
    final TimeCoverage[] times;
    final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(4);
    final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(4);
    final Thread thread;
    Batch current;
    volatile Throwable error;

    Worker(RecordReader reader, int[] cols, ColumnProfiler[] profilers, TimeCoverage[] times) {
      this.reader = reader;
      this.cols = cols;
      this.profilers = profilers;
      this.times = times;
      for (int i = 0; i < 3; i++) free.add(new Batch(BATCH, cols.length));
      current = new Batch(BATCH, cols.length);
      thread = new Thread(this, "holdout-audit-profile");
      thread.setDaemon(true);
    }

    void add(RecordReader r) {
      if (current.rows == BATCH) {
        // a full batch is handed over only now, so the reading thread may still read the last row it added
        send(current);
        try {
          current = free.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while profiling columns", e);
        }
      }
      Batch b = current;
      int base = b.rows * cols.length;
      for (int k = 0; k < cols.length; k++) {
        CharSequence t = r.text(cols[k]);
        if (t == null) {
          b.len[base + k] = -1;
          continue;
        }
        int n = t.length();
        if (b.used + n > b.chars.length) b.chars = Arrays.copyOf(b.chars, Math.max(b.chars.length * 2, b.used + n));
        Values.copy(t, b.chars, b.used);
        b.off[base + k] = b.used;
        b.len[base + k] = n;
        b.used += n;
      }
      b.line[b.rows++] = r.positionNumber();
    }

    void send(Batch b) {
      try {
        if (b == END && current.rows > 0) full.put(current);
        full.put(b);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while profiling columns", e);
      }
    }

    @Override
    public void run() {
      Position pos = new Position(reader);
      Slice slice = new Slice();
      try {
        for (Batch b = full.take(); b != END; b = full.take()) {
          if (error == null) {
            try {
              char[] chars = b.chars;
              for (int row = 0, base = 0; row < b.rows; row++, base += cols.length) {
                pos.line = b.line[row];
                for (int k = 0; k < cols.length; k++) {
                  int off = b.off[base + k];
                  int n = b.len[base + k];
                  profilers[k].add(chars, off, n, pos);
                  if (times[k] != null) times[k].add(n < 0 ? null : slice.set(chars, off, n), pos);
                }
              }
            } catch (Throwable t) {
              error = t;
            }
          }
          b.rows = 0;
          b.used = 0;
          free.put(b);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Where a batched row is, in the reader's words, asked for only for the first value of each kind. */
  private static final class Position implements Supplier<String> {
    final RecordReader reader;
    long line;

    Position(RecordReader reader) {
      this.reader = reader;
    }

    @Override
    public String get() {
      return reader.positionOf(line);
    }
  }

  /** A reusable view of characters in a batch. */
  static final class Slice implements CharSequence {
    char[] buf;
    int off;
    int len;

    Slice set(char[] buf, int off, int len) {
      this.buf = buf;
      this.off = off;
      this.len = len;
      return this;
    }

    @Override public int length() { return len; }
    @Override public char charAt(int index) { return buf[off + index]; }
    @Override public CharSequence subSequence(int start, int end) { return new String(buf, off + start, end - start); }
    @Override public String toString() { return new String(buf, off, len); }
  }
}
