package dev.holdout.drift;

import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Arrays for the sorted copies of columns, handed back once a column is judged. A window of a
 * million rows is sorted into 16 MB per numeric column; as garbage that made the collector grow
 * the young generation to a gigabyte, and the page faults of touching it cost a second of system
 * time on the 1,000,000-row benchmark. Taken and given back by whole columns, so two columns
 * judged on one thread at once (the fork-join pool runs another column while it waits) never share
 * an array.
 */
final class SortedCopies {
  /** Arrays kept for the next column: two per column on each of a few threads. */
  private static final int KEEP = 8;
  private static final ConcurrentLinkedQueue<double[]> FREE = new ConcurrentLinkedQueue<>();

  private SortedCopies() {}

  /** An array of exactly {@code length} values (their contents left over from an earlier column). */
  static double[] take(int length) {
    for (Iterator<double[]> it = FREE.iterator(); it.hasNext(); ) {
      double[] d = it.next();
      if (d.length == length && FREE.remove(d)) return d;
    }
    return new double[length];
  }

  /** Hands {@code array} back; null is ignored. The caller must not use it afterwards. */
  static void give(double[] array) {
    if (array == null || array.length < 4_096) return;
    if (FREE.size() >= KEEP) FREE.poll();
    FREE.add(array);
  }
}
