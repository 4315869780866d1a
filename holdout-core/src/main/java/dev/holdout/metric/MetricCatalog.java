package dev.holdout.metric;

import dev.holdout.base.Format;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one home of metric facts: the names each task knows (scikit-learn's), each metric's
 * direction and the range its values lie in, the default primary metric of each task, the
 * figures each label of a multilabel suite gets, the names of binary metrics at a budget
 * ({@code precision@5%}), and the metrics CBPE estimates. Suites, evaluation, renderers and the monitor ask here; nothing else
 * lists metric names. Stateless and thread-safe.
 */
public final class MetricCatalog {
  private static final Pattern PINBALL = Pattern.compile("pinball_q(0?\\.\\d+)");
  private static final Pattern CUTOFF = Pattern.compile("(recall|precision|hit_rate|ndcg)@([1-9]\\d{0,5})");
  private static final Pattern BUDGET = Pattern.compile("(precision|recall|lift)@(\\d{1,3}(?:\\.\\d{1,6})?)%");
  /** Text generation with repeated asks: the share of rows whose answers agree after normalisation. */
  public static final String CONSISTENCY = "consistency";
  /** The prefix of one assertion's pass rate: {@code pass_rate:ID}. */
  public static final String PASS_RATE_OF = "pass_rate:";
  /** Retrieval metrics measured at each cutoff k, in report order; mrr and map follow them. */
  public static final List<String> AT_K = List.of("recall", "precision", "hit_rate", "ndcg");
  /** The cutoffs a retrieval suite without {@code k} uses. */
  public static final List<Integer> DEFAULT_CUTOFFS = List.of(1, 5, 10);
  /** Binary metrics at a budget (the top share of rows by score), in report order for each budget. */
  public static final List<String> AT_BUDGET = List.of("precision", "recall", "lift");
  /**
   * The figures every label of a multilabel suite gets (its own binary precision, recall, f1,
   * roc_auc and average_precision), which criteria name with {@code label:} or {@code labels:}.
   */
  public static final List<String> PER_LABEL = List.of("precision", "recall", "f1", "roc_auc", "average_precision");
  /** The binary metrics confidence-based performance estimation (CBPE) estimates from scores alone, in report order. */
  public static final List<String> CBPE = List.of("accuracy", "precision", "recall", "specificity", "f1", "roc_auc");

  private static final Bounds SHARE = new Bounds(0, 1);
  private static final Bounds CORRELATION = new Bounds(-1, 1);
  private static final Bounds NON_NEGATIVE = new Bounds(0, Double.POSITIVE_INFINITY);
  private static final Bounds AT_MOST_ONE = new Bounds(Double.NEGATIVE_INFINITY, 1);
  private static final Map<Task, Map<String, Fact>> BY_TASK = new LinkedHashMap<>();

  /** A metric's direction and range. */
  private record Fact(Direction direction, Bounds bounds) {}

  /**
   * The closed range [lower, upper] a metric's value lies in; either end may be infinite. A bar
   * outside it can never be met or never be missed.
   */
  public record Bounds(double lower, double upper) {
    public static final Bounds ANY = new Bounds(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

    public Bounds {
      if (Double.isNaN(lower) || Double.isNaN(upper) || lower > upper) {
        throw new IllegalArgumentException("bounds need lower <= upper, found [" + lower + ", " + upper + "]");
      }
    }

    public boolean contains(double v) {
      return v >= lower && v <= upper;
    }

    /** The largest difference of two values, +Infinity when unbounded: the most a lift or a gap can be. */
    public double width() {
      return upper - lower;
    }

    /** "in [0, 1]", "0 or more", "at most 1", or "any number". */
    public String describe() {
      boolean low = Double.isFinite(lower);
      boolean high = Double.isFinite(upper);
      if (low && high) return "in [" + Format.plain(lower) + ", " + Format.plain(upper) + "]";
      if (low) return Format.plain(lower) + " or more";
      if (high) return "at most " + Format.plain(upper);
      return "any number";
    }
  }

  static {
    Map<String, Fact> binary = new LinkedHashMap<>();
    for (String m : List.of("accuracy", "balanced_accuracy", "precision", "recall", "specificity", "f1")) higher(binary, m, SHARE);
    higher(binary, "mcc", CORRELATION);
    higher(binary, "roc_auc", SHARE);
    higher(binary, "average_precision", SHARE);
    lower(binary, "log_loss", NON_NEGATIVE);
    lower(binary, "brier", SHARE);
    lower(binary, "ece", SHARE);
    // the suite's costs may be negative (a reward), so an expected cost may have any sign
    lower(binary, "expected_cost", Bounds.ANY);
    BY_TASK.put(Task.BINARY_CLASSIFICATION, binary);

    Map<String, Fact> multi = new LinkedHashMap<>();
    for (String m : List.of("accuracy", "balanced_accuracy", "f1_macro", "f1_micro", "f1_weighted", "precision_macro", "recall_macro")) {
      higher(multi, m, SHARE);
    }
    higher(multi, "cohen_kappa", CORRELATION);
    higher(multi, "top_k_accuracy", SHARE);
    lower(multi, "log_loss", NON_NEGATIVE);
    lower(multi, "expected_cost", Bounds.ANY);
    BY_TASK.put(Task.MULTICLASS_CLASSIFICATION, multi);

    Map<String, Fact> multilabel = new LinkedHashMap<>();
    higher(multilabel, "subset_accuracy", SHARE);
    lower(multilabel, "hamming_loss", SHARE);
    for (String average : List.of("micro", "macro", "weighted", "samples")) {
      for (String m : List.of("precision", "recall", "f1")) higher(multilabel, m + "_" + average, SHARE);
    }
    higher(multilabel, "jaccard_samples", SHARE);
    higher(multilabel, "label_ranking_average_precision", SHARE);
    // at most the number of labels, which only the suite knows
    lower(multilabel, "coverage_error", NON_NEGATIVE);
    higher(multilabel, "roc_auc_macro", SHARE);
    BY_TASK.put(Task.MULTILABEL_CLASSIFICATION, multilabel);

    Map<String, Fact> regression = new LinkedHashMap<>();
    for (String m : List.of("mae", "rmse", "mape")) lower(regression, m, NON_NEGATIVE);
    lower(regression, "smape", new Bounds(0, 2));
    for (String m : List.of("median_ae", "max_error")) lower(regression, m, NON_NEGATIVE);
    higher(regression, "r2", AT_MOST_ONE);
    BY_TASK.put(Task.REGRESSION, regression);

    Map<String, Fact> forecasting = new LinkedHashMap<>();
    for (String m : List.of("mae", "rmse", "mape")) lower(forecasting, m, NON_NEGATIVE);
    lower(forecasting, "smape", new Bounds(0, 2));
    for (String m : List.of("wape", "mase")) lower(forecasting, m, NON_NEGATIVE);
    // signed: criteria may not bound it (MetricSections sends them to abs_bias); lower is better only as "less over-forecasting"
    lower(forecasting, "bias", Bounds.ANY);
    lower(forecasting, "abs_bias", NON_NEGATIVE);
    BY_TASK.put(Task.FORECASTING, forecasting);

    Map<String, Fact> retrieval = new LinkedHashMap<>();
    for (String m : retrievalNames(DEFAULT_CUTOFFS)) higher(retrieval, m, SHARE);
    BY_TASK.put(Task.RETRIEVAL, retrieval);

    Map<String, Fact> text = new LinkedHashMap<>();
    for (String m : List.of("exact_match", "token_f1", "rouge_l", "chrf")) higher(text, m, SHARE);
    lower(text, "answer_length", NON_NEGATIVE);
    lower(text, "refusal_rate", SHARE);
    higher(text, "context_recall", SHARE);
    higher(text, "faithfulness", SHARE);
    // on the suite's judge scale, which only the suite knows
    higher(text, "judge_score", Bounds.ANY);
    // the mean grade people would give, by prediction-powered inference from human grades on a subset
    higher(text, "judge_score_ppi", Bounds.ANY);
    lower(text, "judge_error_rate", SHARE);
    higher(text, "pass_rate", SHARE);
    // the share of rows whose repeated asks agree (holdout run --repeat N)
    higher(text, CONSISTENCY, SHARE);
    BY_TASK.put(Task.TEXT_GENERATION, text);
  }

  private static void higher(Map<String, Fact> into, String name, Bounds bounds) {
    into.put(name, new Fact(Direction.HIGHER_IS_BETTER, bounds));
  }

  private static void lower(Map<String, Fact> into, String name, Bounds bounds) {
    into.put(name, new Fact(Direction.LOWER_IS_BETTER, bounds));
  }

  private MetricCatalog() {}

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
      for (String id : assertionIds) names.add(PASS_RATE_OF + id);
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

  /**
   * Binary metric names at each budget, in report order: precision@q%, recall@q% and lift@q% for
   * each share q of {@code budgets} (0.05 gives {@code precision@5%}).
   */
  public static List<String> budgetNames(List<Double> budgets) {
    List<String> names = new ArrayList<>();
    for (double q : budgets) for (String family : AT_BUDGET) names.add(budgetName(family, q));
    return names;
  }

  /** {@code precision@5%} for family precision and share 0.05: the share as a percentage in its shortest decimal form. */
  public static String budgetName(String family, double share) {
    return family + "@" + percent(share);
  }

  /** A share as the percentage budget names use: 0.05 is {@code 5%}, 0.125 is {@code 12.5%}. */
  public static String percent(double share) {
    return BigDecimal.valueOf(share).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
  }

  /** The share of a budget name: 0.05 for {@code recall@5%} (or {@code recall@5.0%}); empty for any other name or a share outside (0, 1]. */
  public static Optional<Double> budget(String metric) {
    Matcher m = BUDGET.matcher(metric);
    if (!m.matches()) return Optional.empty();
    double q = new BigDecimal(m.group(2)).movePointLeft(2).doubleValue();
    return q > 0 && q <= 1 ? Optional.of(q) : Optional.empty();
  }

  /** The one spelling of a budget name ({@code recall@5.0%} becomes {@code recall@5%}), or the name itself. */
  public static String canonicalBudget(String metric) {
    return budget(metric).map(q -> budgetName(metric.substring(0, metric.indexOf('@')), q)).orElse(metric);
  }

  /** The direction of a per-label figure of a multilabel suite ({@link #PER_LABEL}): all are better higher. */
  public static Optional<Direction> labelDirection(String metric) {
    return PER_LABEL.contains(metric) ? Optional.of(Direction.HIGHER_IS_BETTER) : Optional.empty();
  }

  /** The range of a per-label figure: [0, 1] for each of {@link #PER_LABEL}. */
  public static Bounds labelBounds(String metric) {
    return PER_LABEL.contains(metric) ? SHARE : Bounds.ANY;
  }

  /**
   * The primary metric of a suite that names none: roc_auc (binary), f1_macro (multiclass), f1_micro (multilabel), mae
   * (regression), mase (forecasting), token_f1 (text generation), and for retrieval ndcg@10, or ndcg at the largest of
   * {@code cutoffs} when 10 is not among them. {@code cutoffs} matter for retrieval only.
   */
  public static String defaultPrimary(Task task, List<Integer> cutoffs) {
    return switch (task) {
      case BINARY_CLASSIFICATION -> "roc_auc";
      case MULTICLASS_CLASSIFICATION -> "f1_macro";
      case MULTILABEL_CLASSIFICATION -> "f1_micro";
      case REGRESSION -> "mae";
      case FORECASTING -> "mase";
      case RETRIEVAL -> "ndcg@" + (cutoffs.contains(10) ? 10 : cutoffs.get(cutoffs.size() - 1));
      case TEXT_GENERATION -> "token_f1";
    };
  }

  /**
   * Whether a metric's value has a sign whose better end is neither: forecasting's bias (forecast
   * minus actual), which criteria bound through abs_bias.
   */
  public static boolean signed(Task task, String metric) {
    return task == Task.FORECASTING && metric.equals("bias");
  }

  /** The direction of {@code metric} for {@code task}, if the task knows it. */
  public static Optional<Direction> direction(Task task, String metric) {
    return fact(task, metric).map(Fact::direction);
  }

  /**
   * The range of {@code metric}'s values for {@code task}: [0, 1] for shares and areas (roc_auc,
   * recall, ndcg@k, pass_rate, precision@q%), [-1, 1] for mcc and cohen_kappa, 0 or more for errors and losses
   * (mae, log_loss, coverage_error), [0, 2] for smape, at most 1 for r2, [0, 1/q] for lift@q% (the top
   * share q holds at most every positive); {@link Bounds#ANY} for expected_cost, for
   * judge_score (the suite's judge scale bounds it) and for a name the task does not know.
   */
  public static Bounds bounds(Task task, String metric) {
    return fact(task, metric).map(Fact::bounds).orElse(Bounds.ANY);
  }

  private static Optional<Fact> fact(Task task, String metric) {
    Map<String, Fact> known = BY_TASK.getOrDefault(task, Map.of());
    if (known.containsKey(metric)) return Optional.of(known.get(metric));
    if (task == Task.REGRESSION && pinballQuantile(metric).isPresent()) return Optional.of(new Fact(Direction.LOWER_IS_BETTER, NON_NEGATIVE));
    if (task == Task.RETRIEVAL && cutoff(metric).isPresent()) return Optional.of(new Fact(Direction.HIGHER_IS_BETTER, SHARE));
    if (task == Task.BINARY_CLASSIFICATION && budget(metric).isPresent()) {
      double q = budget(metric).get();
      return Optional.of(new Fact(Direction.HIGHER_IS_BETTER, metric.startsWith("lift@") ? new Bounds(0, 1 / q) : SHARE));
    }
    if (task == Task.TEXT_GENERATION && metric.startsWith(ProbeFamily.PREFIX)
        && Arrays.stream(ProbeFamily.values()).anyMatch(f -> f.metric().equals(metric))) {
      return Optional.of(new Fact(Direction.HIGHER_IS_BETTER, SHARE));
    }
    if (task == Task.TEXT_GENERATION && metric.startsWith(PASS_RATE_OF) && metric.length() > PASS_RATE_OF.length()) {
      return Optional.of(new Fact(Direction.HIGHER_IS_BETTER, SHARE));
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
    String s = BigDecimal.valueOf(q).stripTrailingZeros().toPlainString();
    return "pinball_q" + s;
  }
}
