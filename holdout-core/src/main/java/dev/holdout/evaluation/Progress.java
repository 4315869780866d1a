package dev.holdout.evaluation;

/** Where a long run is, for a person watching a terminal. Implementations must be cheap to call. */
public interface Progress {
  Progress NONE = new Progress() {
    @Override public void rows(String phase, long rows) {}
    @Override public void step(String phase, int done, int total) {}
    @Override public void done() {}
  };

  void rows(String phase, long rows);

  void step(String phase, int done, int total);

  void done();
}
