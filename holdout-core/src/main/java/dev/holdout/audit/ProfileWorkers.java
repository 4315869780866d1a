package dev.holdout.audit;

import dev.holdout.base.HoldoutException;
import dev.holdout.base.Missing;
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
 * coverage, which the reading thread would otherwise do, and hash each row's id and feature
 * values for the reading thread's duplicate checks, which it receives through {@link RowHashes} in
 * file order, a batch at a time. Used by one reading thread; {@link #finish()} waits for the
 * workers and rethrows what failed there.
 */
final class ProfileWorkers {
  static final int BATCH = 4096;

  /** Threads that profile columns while the reading thread does the row-level checks: up to four, one per core. */
  static int threads() {
    return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
  }

  private static final Batch END = new Batch(0, 0);
  private final Worker[] workers;
  private final RowHashes sink;
  private final long[] rowHash = new long[BATCH];
  private final long[] idHash = new long[BATCH];
  private final boolean[] idPresent = new boolean[BATCH];

  /**
   * Receives, on the reading thread and in file order, the hashes of the next {@code count} rows:
   * the feature values' row hash and, where the id is present, the id's hash ({@link Hashing#id}).
   */
  interface RowHashes {
    void rows(long[] rowHash, long[] idHash, boolean[] idPresent, int count);
  }

  /** Profiles {@code columns[k]} of each record into {@code profilers[k]}. */
  ProfileWorkers(RecordReader reader, int[] columns, ColumnProfiler[] profilers, int threads) {
    this(reader, columns, profilers, new TimeCoverage[columns.length], threads, new int[0], -1, null);
  }

  /**
   * Also adds {@code columns[k]} to {@code times[k]} where that is not null, and hands {@code sink}
   * the hashes of each row's fields {@code rowKs} (indexes into {@code columns}, a missing value
   * hashing apart from every text) and of its field {@code idK} (-1 for none).
   */
  ProfileWorkers(RecordReader reader, int[] columns, ColumnProfiler[] profilers, TimeCoverage[] times, int threads, int[] rowKs, int idK,
      RowHashes sink) {
    int n = Math.max(1, Math.min(threads, columns.length));
    this.sink = sink;
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
      // this worker's share of the row's fields, as indexes into its own columns, in the row's order
      int worker = w;
      int[] hashed = Arrays.stream(rowKs).filter(k -> k % n == worker).map(k -> k / n).toArray();
      int id = idK >= 0 && idK % n == w ? idK / n : -1;
      workers[w] = new Worker(reader, cols, ps, ts, hashed, id);
      workers[w].thread.start();
    }
  }

  /** Copies the reader's current record for the workers; passes on the row hashes of batches they have finished. */
  void add(RecordReader r) {
    for (Worker w : workers) w.add(r);
    if (workers[0].recycled == null) return;
    Batch[] back = new Batch[workers.length];
    for (int w = 0; w < workers.length; w++) back[w] = workers[w].recycled;
    // a worker that failed hashes nothing more; finish() reports its error
    if (Arrays.stream(back).allMatch(b -> b != null && b.done == back[0].done)) deliver(back);
    for (Worker w : workers) w.recycled = null;
  }

  /** Combines the workers' hashes of the same rows (their batches hold the same rows) and hands them on. */
  private void deliver(Batch[] batches) {
    int count = batches[0].done;
    for (Batch b : batches) b.done = 0;
    for (Worker w : workers) w.recycled = null;
    if (sink == null || count == 0) return;
    Arrays.fill(idPresent, 0, count, false);
    for (int i = 0; i < count; i++) {
      long h = Hashing.SEED;
      for (Batch b : batches) h = Hashing.mix(h ^ b.rowHash[i]);
      rowHash[i] = h;
    }
    for (int w = 0; w < workers.length; w++) {
      if (workers[w].id < 0) continue;
      System.arraycopy(batches[w].idHash, 0, idHash, 0, count);
      System.arraycopy(batches[w].idPresent, 0, idPresent, 0, count);
    }
    sink.rows(rowHash, idHash, idPresent, count);
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
      if (n >= 0 && Missing.is(b.chars, b.off[i], n)) n = -1;
      cuts[2 * j] = at;
      cuts[2 * j + 1] = n;
      if (n > 0) {
        System.arraycopy(b.chars, b.off[i], out, at, n);
        at += n;
      }
    }
    return out;
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
    // the finished batches not yet passed on wait in the free queues, in the order they were profiled
    while (true) {
      Batch[] next = new Batch[workers.length];
      for (int w = 0; w < workers.length; w++) {
        Batch b = workers[w].free.poll();
        while (b != null && b.done == 0) b = workers[w].free.poll();
        next[w] = b;
      }
      if (next[0] == null) return;
      deliver(next);
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
    /** Filled by the worker: each row's hash of its share of the row's fields, and of the id if it holds it. */
    final long[] rowHash;
    final long[] idHash;
    final boolean[] idPresent;
    /** Rows profiled and hashed, until the reading thread takes their hashes. */
    int done;

    Batch(int rows, int cols) {
      rowHash = new long[rows];
      idHash = new long[rows];
      idPresent = new boolean[rows];
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
    final int[] hashed;
    final int id;
    Batch current;
    /** A finished batch just taken back for reuse, whose hashes the reading thread has not read yet. */
    Batch recycled;
    volatile Throwable error;

    Worker(RecordReader reader, int[] cols, ColumnProfiler[] profilers, TimeCoverage[] times, int[] hashed, int id) {
      this.hashed = hashed;
      this.id = id;
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
          if (current.done > 0) recycled = current;
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
                long h = Hashing.SEED;
                for (int k : hashed) {
                  int off = b.off[base + k];
                  int n = b.len[base + k];
                  h = n < 0 || Missing.is(chars, off, n) ? Hashing.rowMissing(h) : Hashing.row(h, chars, off, n);
                }
                b.rowHash[row] = h;
                if (id >= 0) {
                  int n = b.len[base + id];
                  b.idPresent[row] = n >= 0;
                  b.idHash[row] = n < 0 ? 0 : Hashing.mix(Hashing.row(Hashing.SEED, chars, b.off[base + id], n));
                }
              }
              b.done = b.rows;
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
