package dev.holdout.server.watch;

import dev.holdout.metric.Task;
import dev.holdout.monitor.MonitorSection;
import dev.holdout.suite.Suite;
import java.util.ArrayList;
import java.util.List;

/**
 * The columns a project's log and outcomes batches must have, from its suite: the row id (the
 * suite's {@code predictions.id}, else {@code data.id}), the time (the monitor section's
 * {@code time}, else the first of the usual names; needed for calendar windows), the model's
 * outputs (binary: the score, in [0, 1]; multiclass: the probability columns, in [0, 1], and/or
 * the predicted label; regression: the value and quantiles) and, for outcomes, the label.
 */
record LogColumns(String id, String time, List<String> times, List<String> probabilities, List<String> numbers, List<String> texts, String label,
    boolean needsTime) {
  /** Names {@code holdout monitor} takes for the time column when none is named. */
  static final List<String> TIME_NAMES = List.of("timestamp", "time", "ts", "event_time", "datetime", "date");

  static LogColumns of(Suite suite, MonitorSection section) {
    Suite.Predictions p = suite.predictions();
    String id = p.id() != null ? p.id() : suite.data().id();
    List<String> probabilities = new ArrayList<>();
    List<String> numbers = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    if (suite.task() == Task.BINARY_CLASSIFICATION && p.score() != null) probabilities.add(p.score());
    if (suite.task() == Task.MULTICLASS_CLASSIFICATION) {
      if (p.probabilities() != null) probabilities.addAll(p.probabilities().values());
      if (p.label() != null) texts.add(p.label());
    }
    if (suite.task() == Task.REGRESSION) {
      if (p.value() != null) numbers.add(p.value());
      if (p.quantiles() != null) numbers.addAll(p.quantiles().values());
    }
    String time = section.time();
    return new LogColumns(id, time, time == null ? TIME_NAMES : List.of(time), List.copyOf(probabilities), List.copyOf(numbers), List.copyOf(texts),
        suite.data().label(), section.window().calendar());
  }
}
