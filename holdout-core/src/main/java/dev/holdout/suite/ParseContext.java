package dev.holdout.suite;

import dev.holdout.metric.MetricCatalog;
import dev.holdout.metric.ProbeFamily;
import dev.holdout.metric.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * What the sections that name metrics ({@code primary_metric}, {@code criteria}, {@code champion})
 * need from the sections parsed before them: built once those are parsed and handed on, so no
 * later section can read a fact before it is known.
 *
 * @param slices data.slices, in the file's order
 * @param cutoffs the retrieval cutoffs k; empty for other tasks
 * @param hasBaseline whether there is a baseline to lift over (retrieval and text generation may have none)
 * @param assertionIds text generation's assertion ids, empty without assertions
 * @param usedContext whether the submission names the passages it used (text generation)
 * @param judge the judge section, or null
 * @param labels a multilabel suite's labels; empty for other tasks
 * @param budgets a binary suite's budgets (shares of rows), empty without them
 * @param columns the evaluation set's header when its file could be read while parsing (for messages
 *     that name the right spelling of a column), else empty
 */
record ParseContext(Task task, Suite.Predictions predictions, Suite.Costs costs, List<String> slices, List<Integer> cutoffs,
    boolean hasBaseline, List<String> assertionIds, boolean usedContext, Suite.Judge judge, List<String> labels, List<Double> budgets,
    List<String> columns) {

  ParseContext {
    slices = List.copyOf(slices);
    cutoffs = List.copyOf(cutoffs);
    assertionIds = List.copyOf(assertionIds);
    labels = List.copyOf(labels);
    budgets = List.copyOf(budgets);
    columns = List.copyOf(columns);
  }

  /** A context without labels (not multilabel) or budgets. */
  ParseContext(Task task, Suite.Predictions predictions, Suite.Costs costs, List<String> slices, List<Integer> cutoffs,
      boolean hasBaseline, List<String> assertionIds, boolean usedContext, Suite.Judge judge) {
    this(task, predictions, costs, slices, cutoffs, hasBaseline, assertionIds, usedContext, judge, List.of(), List.of(), List.of());
  }

  boolean judged() {
    return judge != null;
  }

  /** The metric names the suite may use, for messages and "did you mean". */
  List<String> knownMetrics() {
    if (task == Task.TEXT_GENERATION) {
      List<String> names = new ArrayList<>(MetricCatalog.textNames(usedContext, judged(), assertionIds));
      // computed from human grades beside the judge's, not per row
      if (judged()) names.add("judge_score_ppi");
      // measured when each row is asked several times (holdout run --repeat), undefined otherwise
      names.add(MetricCatalog.CONSISTENCY);
      // measured by holdout probe
      for (ProbeFamily f : ProbeFamily.values()) names.add(f.metric());
      return names;
    }
    if (task == Task.BINARY_CLASSIFICATION && !budgets.isEmpty()) {
      List<String> names = new ArrayList<>(MetricCatalog.names(task));
      names.addAll(MetricCatalog.budgetNames(budgets));
      return names;
    }
    return task == Task.RETRIEVAL ? MetricCatalog.retrievalNames(cutoffs) : MetricCatalog.names(task);
  }

  /** The catalog's range of {@code metric}; judge_score lies on this suite's judge scale, coverage_error within the labels. */
  MetricCatalog.Bounds bounds(String metric) {
    if ((metric.equals("judge_score") || metric.equals("judge_score_ppi")) && judge != null) return new MetricCatalog.Bounds(judge.min(), judge.max());
    // a row's coverage counts labels, so it is at most the number of labels
    if (metric.equals("coverage_error") && task == Task.MULTILABEL_CLASSIFICATION) return new MetricCatalog.Bounds(0, labels.size());
    return MetricCatalog.bounds(task, metric);
  }
}
