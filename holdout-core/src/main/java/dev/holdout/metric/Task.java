package dev.holdout.metric;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What a suite evaluates; the names are the suite's {@code task} values. */
public enum Task {
  BINARY_CLASSIFICATION("binary_classification"),
  MULTICLASS_CLASSIFICATION("multiclass_classification"),
  MULTILABEL_CLASSIFICATION("multilabel_classification"),
  REGRESSION("regression"),
  FORECASTING("forecasting"),
  RETRIEVAL("retrieval"),
  TEXT_GENERATION("text_generation");

  private final String key;

  Task(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  public static Optional<Task> byKey(String key) {
    return Arrays.stream(values()).filter(t -> t.key.equals(key)).findFirst();
  }

  public static List<String> keys() {
    return Arrays.stream(values()).map(Task::key).toList();
  }

  /**
   * Tasks whose rows carry one label and one prediction, which the audit and the monitor read;
   * retrieval, text generation, multilabel and forecasting suites are evaluated but not audited or monitored.
   */
  public boolean supported() {
    return this == BINARY_CLASSIFICATION || this == MULTICLASS_CLASSIFICATION || this == REGRESSION;
  }
}
