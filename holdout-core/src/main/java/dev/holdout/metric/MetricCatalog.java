package dev.holdout.metric;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The metric names each task knows, with their direction; names follow scikit-learn. */
public final class MetricCatalog {
  private static final Pattern PINBALL = Pattern.compile("pinball_q(0?\\.\\d+)");
  private static final Pattern CUTOFF = Pattern.compile("(recall|precision|hit_rate|ndcg)@([1-9]\\d{0,5})");
  /** Retrieval metrics measured at each cutoff k, in report order; mrr and map follow them. */
  public static final List<String> AT_K = List.of("recall", "precision", "hit_rate", "ndcg");
  private static final Map<Task, Map<String, Direction>> BY_TASK = new LinkedHashMap<>();

  static {
    Map<String, Direction> binary = new LinkedHashMap<>();
    for (String m : List.of("accuracy", "balanced_accuracy", "precision", "recall", "specificity", "f1", "mcc",
        "roc_auc", "average_precision")) {
      binary.put(m, Direction.HIGHER_IS_BETTER);
    }
    for (String m : List.of("log_loss", "brier", "ece", "expected_cost")) binary.put(m, Direction.LOWER_IS_BETTER);
    BY_TASK.put(Task.BINARY_CLASSIFICATION, binary);

    Map<String, Direction> multi = new LinkedHashMap<>();
    for (String m : List.of("accuracy", "balanced_accuracy", "f1_macro", "f1_micro", "f1_weighted",
        "precision_macro", "recall_macro", "cohen_kappa", "top_k_accuracy")) {
      multi.put(m, Direction.HIGHER_IS_BETTER);
    }
    multi.put("log_loss", Direction.LOWER_IS_BETTER);
    multi.put("expected_cost", Direction.LOWER_IS_BETTER);
    BY_TASK.put(Task.MULTICLASS_CLASSIFICATION, multi);

    Map<String, Direction> regression = new LinkedHashMap<>();
    for (String m : List.of("mae", "rmse", "mape", "smape", "median_ae", "max_error")) {
      regression.put(m, Direction.LOWER_IS_BETTER);
    }
    regression.put("r2", Direction.HIGHER_IS_BETTER);
    BY_TASK.put(Task.REGRESSION, regression);

    Map<String, Direction> retrieval = new LinkedHashMap<>();
    for (String m : retrievalNames(List.of(1, 5, 10))) retrieval.put(m, Direction.HIGHER_IS_BETTER);
    BY_TASK.put(Task.RETRIEVAL, retrieval);

    Map<String, Direction> text = new LinkedHashMap<>();
    for (String m : List.of("exact_match", "token_f1", "rouge_l", "chrf")) text.put(m, Direction.HIGHER_IS_BETTER);
    text.put("answer_length", Direction.LOWER_IS_BETTER);
    text.put("refusal_rate", Direction.LOWER_IS_BETTER);
    text.put("context_recall", Direction.HIGHER_IS_BETTER);
    text.put("faithfulness", Direction.HIGHER_IS_BETTER);
    text.put("judge_score", Direction.HIGHER_IS_BETTER);
    text.put("judge_error_rate", Direction.LOWER_IS_BETTER);
    text.put("pass_rate", Direction.HIGHER_IS_BETTER);
    BY_TASK.put(Task.TEXT_GENERATION, text);
  }

  /** Text generation metric names without a judge; see {@link #textNames(boolean, boolean, List)}. */
  public static List<String> textNames(boolean grounding, List<String> assertionIds) {
    return textNames(grounding, false, assertionIds);
  }

  /**
   * Text generation metric names in report order: the reference metrics, length and refusals, the
   * grounding scores when the submission names its passages, the judge's mean grade and the share of
   * answers it could not grade when the suite has a judge, then the pass rate of all assertions
   * together and of each ({@code pass_rate:ID}) when there are assertions.
   */
  public static List<String> textNames(boolean grounding, boolean judged, List<String> assertionIds) {
    List<String> names = new ArrayList<>(List.of("exact_match", "token_f1", "rouge_l", "chrf", "answer_length", "refusal_rate"));
    if (grounding) names.addAll(List.of("context_recall", "faithfulness"));
    if (judged) names.addAll(List.of("judge_score", "judge_error_rate"));
    if (!assertionIds.isEmpty()) {
      names.add("pass_rate");
      for (String id : assertionIds) names.add("pass_rate:" + id);
    }
    return names;
  }

  /** Retrieval metric names for cutoffs {@code ks}: recall@k, precision@k, hit_rate@k, ndcg@k for each k, then mrr and map. */
  public static List<String> retrievalNames(List<Integer> ks) {
    List<String> names = new ArrayList<>();
    for (String family : AT_K) for (int k : ks) names.add(family + "@" + k);
    names.add("mrr");
    names.add("map");
    return names;
  }

  /** The cutoff k of a retrieval name such as {@code ndcg@10}. */
  public static Optional<Integer> cutoff(String metric) {
    Matcher m = CUTOFF.matcher(metric);
    return m.matches() ? Optional.of(Integer.parseInt(m.group(2))) : Optional.empty();
  }

  private MetricCatalog() {}

  /** The direction of {@code metric} for {@code task}, if the task knows it. */
  public static Optional<Direction> direction(Task task, String metric) {
    Map<String, Direction> known = BY_TASK.getOrDefault(task, Map.of());
    if (known.containsKey(metric)) return Optional.of(known.get(metric));
    if (task == Task.REGRESSION && pinballQuantile(metric).isPresent()) return Optional.of(Direction.LOWER_IS_BETTER);
    if (task == Task.RETRIEVAL && cutoff(metric).isPresent()) return Optional.of(Direction.HIGHER_IS_BETTER);
    if (task == Task.TEXT_GENERATION && metric.startsWith("pass_rate:") && metric.length() > "pass_rate:".length()) {
      return Optional.of(Direction.HIGHER_IS_BETTER);
    }
    return Optional.empty();
  }

  /** Names known for a task, for messages and "did you mean". */
  public static List<String> names(Task task) {
    List<String> names = new ArrayList<>(BY_TASK.getOrDefault(task, Map.of()).keySet());
    if (task == Task.REGRESSION) names.add("pinball_q0.9");
    return names;
  }

  /** Every metric name of every task. */
  public static List<String> allNames() {
    List<String> all = new ArrayList<>();
    for (Task t : BY_TASK.keySet()) for (String n : names(t)) if (!all.contains(n)) all.add(n);
    return all;
  }

  /** The quantile q of a {@code pinball_q<q>} name. */
  public static Optional<Double> pinballQuantile(String metric) {
    Matcher m = PINBALL.matcher(metric);
    if (!m.matches()) return Optional.empty();
    double q = Double.parseDouble(m.group(1));
    return q > 0 && q < 1 ? Optional.of(q) : Optional.empty();
  }

  /** The metric name for quantile q: {@code pinball_q0.9}. */
  public static String pinballName(double q) {
    String s = java.math.BigDecimal.valueOf(q).stripTrailingZeros().toPlainString();
    return "pinball_q" + s;
  }
}
