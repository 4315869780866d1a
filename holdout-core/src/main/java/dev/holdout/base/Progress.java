package dev.holdout.base;

/**
 * Where a long run is, for a person watching a terminal. Implementations must be cheap to call and
 * safe from several threads; the engine calls them, the command line decides whether anything shows.
 */
public interface Progress {
  Progress NONE = new Progress() {
    @Override public void rows(String phase, long rows) {}
    @Override public void step(String phase, int done, int total) {}
    @Override public void done() {}
  };

  /** Rows read so far in {@code phase}, with no known total. */
  void rows(String phase, long rows);

  /** Bootstrap views (or other steps) done of {@code total}. */
  void step(String phase, int done, int total);

  /** {@code done} of {@code total} things counted in {@code unit}, a plural noun ("requests"). */
  default void count(String phase, long done, long total, String unit) {}

  /** A phase without a count ("training the domain classifier"). */
  default void phase(String phase) {}

  void done();
}
